//! `fiddlestack completions SHELL` and `fiddlestack man`: the shell completion scripts and the
//! man page, generated from the clap definition (`Cli`), so they name exactly the subcommands
//! and options there are. Both are made in memory, then written: the generators panic on a
//! failed write, and a closed pipe must not become a panic.

use std::io::{self, Write};

use clap::CommandFactory;

use super::{Cli, ExitStatus, Shell};

/// Writes the completion script for `shell` to stdout.
pub fn completions(shell: Shell) -> ExitStatus {
    write_stdout(&completion_script(shell))
}

/// Writes the man page to stdout.
pub fn man_page() -> ExitStatus {
    match man_text() {
        Ok(page) => write_stdout(&page),
        Err(e) => {
            eprintln!("fiddlestack: the man page could not be made: {e}");
            ExitStatus::NotSent
        }
    }
}

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    // Writing into a Vec cannot fail, so the generator's panic on a failed write cannot fire.
    clap_complete::generate(
        generator,
        &mut completed_command(),
        "fiddlestack",
        &mut script,
    );
    script
}

/// `Cli` as the completions see it: its arguments and its visible subcommands only. The
/// generators offer hidden subcommands too (clap issue 1335), and `clap::Command` cannot
/// drop one, so the root is put together again from `Cli`'s own parts: nothing is restated.
fn completed_command() -> clap::Command {
    let cli = Cli::command();
    let shown: Vec<clap::Command> = cli
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .cloned()
        .collect();
    let mut root = clap::Command::new("fiddlestack")
        .version(env!("CARGO_PKG_VERSION"))
        .args(cli.get_arguments().cloned())
        .subcommands(shown);
    if let Some(about) = cli.get_about() {
        root = root.about(about.clone());
    }
    root
}

/// What the man page says of the program as a whole (clap's `about` is the one-line help).
const DESCRIPTION: &str = "\
Without a command, fiddlestack starts its terminal UI: a sidebar (History, Saved, Catalog), \
the composer (method, URL, Headers, Params, Body) and the inspector (Raw, Pretty, Tree, Table, \
Headers). F1, or ? outside a text field, lists every key. With --cloud (or OS_CLOUD, or an \
openrc's OS_* variables) it signs in to that OpenStack cloud and adds its token to the \
requests bound for it.

The commands below do one thing each and exit; send is for scripts. The README lists the \
exit statuses, config.toml's settings and the default keys.";

/// The man page (roff): the program's name, synopsis, description and options, then a
/// COMMANDS section with each command's synopsis, description and options.
pub fn man_text() -> io::Result<Vec<u8>> {
    let mut cli = Cli::command()
        .about(env!("CARGO_PKG_DESCRIPTION"))
        .long_about(DESCRIPTION);
    cli.build();
    let man = clap_mangen::Man::new(cli.clone()).manual("fiddlestack manual");
    let mut parts = Vec::new();
    man.render_title(&mut parts)?;
    man.render_name_section(&mut parts)?;
    man.render_synopsis_section(&mut parts)?;
    man.render_description_section(&mut parts)?;
    man.render_options_section(&mut parts)?;
    parts.extend_from_slice(b".SH COMMANDS\n");
    for command in shown_subcommands(&cli) {
        command_entry(&mut parts, command)?;
    }
    man.render_version_section(&mut parts)?;
    // Each part rendered alone starts with the same two-line preamble: the first one does.
    let mut page = Vec::with_capacity(parts.len());
    let mut preambles = 0;
    for line in parts.split_inclusive(|b| *b == b'\n') {
        if line.starts_with(b".ie \\n(.g .ds Aq") {
            preambles += 1;
        }
        let preamble = line.starts_with(b".ie \\n(.g .ds Aq") || line.starts_with(b".el .ds Aq");
        if !preamble || preambles == 1 {
            page.extend_from_slice(line);
        }
    }
    Ok(page)
}

/// The subcommands a user types: not the hidden ones, nor clap's own `help`.
fn shown_subcommands(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
}

/// One command under its full name (`fiddlestack history list`), and its own commands after it.
fn command_entry(page: &mut Vec<u8>, command: &clap::Command) -> io::Result<()> {
    let name = command.get_bin_name().unwrap_or_else(|| command.get_name());
    writeln!(page, ".SS \"{name}\"")?;
    let man = clap_mangen::Man::new(command.clone());
    let mut parts = Vec::new();
    man.render_description_section(&mut parts)?;
    parts.extend_from_slice(b".PP\n");
    man.render_synopsis_section(&mut parts)?;
    man.render_options_section(&mut parts)?;
    // The parts' own headings go: they stand under this command's subsection.
    for line in parts.split_inclusive(|b| *b == b'\n') {
        if !line.starts_with(b".SH ") {
            page.extend_from_slice(line);
        }
    }
    for sub in shown_subcommands(command) {
        command_entry(page, sub)?;
    }
    Ok(())
}

/// Writes `bytes` to stdout; a reader that closed the pipe early (`| head`) is no error.
fn write_stdout(bytes: &[u8]) -> ExitStatus {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitStatus::Ok,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Ok,
        Err(e) => {
            eprintln!("fiddlestack: could not write the output: {e}");
            ExitStatus::NotSent
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_has_its_entry_under_its_full_name() {
        let page = String::from_utf8(man_text().expect("made")).expect("UTF-8");
        for name in ["send", "history", "history list", "history clear", "man"] {
            assert!(
                page.contains(&format!(".SS \"fiddlestack {name}\"")),
                "{name}:\n{page}"
            );
        }
        // One heading of each kind: the commands' own are folded into their subsections.
        assert_eq!(page.matches(".SH OPTIONS").count(), 1, "{page}");
        assert_eq!(page.matches(".SH SYNOPSIS").count(), 1, "{page}");
        assert_eq!(page.matches(".ds Aq").count(), 2, "one preamble: {page}");
        assert!(page.starts_with(".ie "), "{page}");
    }
}
