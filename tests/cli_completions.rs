//! `fiddlestack completions bash|zsh|fish` and `fiddlestack man`: generated from the command
//! line's definition, written to stdout, naming every subcommand and their options; an
//! unknown shell is clap's usage error.

mod support;

use std::time::Duration;

use support::binary::{self, Output, TempDir};

/// The subcommands a user types (the hidden `jq-worker` is not one of them).
const SUBCOMMANDS: [&str; 7] = [
    "send",
    "token",
    "catalog",
    "demo",
    "history",
    "completions",
    "man",
];

fn run(args: &[&str]) -> Output {
    let dir = TempDir::new("cli-completions");
    let mut command = binary::command(&dir.0, "");
    command.args(args);
    binary::run(command, Duration::from_secs(20))
}

fn stdout_of(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
    assert!(out.stderr.is_empty(), "{args:?} says: {}", out.stderr);
    String::from_utf8(out.stdout).expect("the script is UTF-8")
}

#[test]
fn each_shell_gets_a_script_naming_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.len() > 500, "{shell}: a script, not {script:?}");
        for word in SUBCOMMANDS {
            assert!(script.contains(word), "{shell}: no {word} in\n{script}");
        }
        for option in ["cloud", "show-secrets", "format", "insecure", "cacert"] {
            assert!(
                script.contains(option),
                "{shell}: no --{option} in\n{script}"
            );
        }
        assert!(
            !script.contains("jq-worker"),
            "{shell}: the internal subcommand is offered"
        );
    }
    // Each is written for its own shell.
    assert!(stdout_of(&["completions", "bash"]).contains("complete -F"));
    assert!(stdout_of(&["completions", "zsh"]).starts_with("#compdef fiddlestack"));
    assert!(stdout_of(&["completions", "fish"]).contains("complete -c fiddlestack"));
}

#[test]
fn the_bash_script_is_valid_bash() {
    let Ok(bash) = which("bash") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "bash is missing but CI=true"
        );
        eprintln!("skipping: no bash");
        return;
    };
    let dir = TempDir::new("cli-completions-bash");
    let script = dir.write(
        "fiddlestack.bash",
        stdout_of(&["completions", "bash"]).as_bytes(),
    );
    let checked = std::process::Command::new(bash)
        .arg("-n")
        .arg(&script)
        .output()
        .expect("run bash -n");
    assert!(
        checked.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&checked.stderr)
    );
    // Sourced, it registers a function for the command, which completes as bash would call
    // it: `fiddlestack se<TAB>`, `fiddlestack send --ca<TAB>`, `fiddlestack completions <TAB>`.
    let completed = |words: &[&str]| {
        let line = words.join(" ");
        let cur = words.last().copied().unwrap_or("");
        let prev = words.len().checked_sub(2).map_or("", |i| words[i]);
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(
                "source \"$1\" && complete -p fiddlestack >/dev/null && \
                 read -ra COMP_WORDS <<< \"$2\"; [ -z \"$3\" ] && COMP_WORDS+=(''); \
                 COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); \
                 _fiddlestack fiddlestack \"$3\" \"$4\" && echo \"${COMPREPLY[*]}\"",
            )
            .arg("bash")
            .arg(&script)
            .args([line.as_str(), cur, prev])
            .output()
            .expect("run bash");
        assert!(
            out.status.success(),
            "{words:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    assert_eq!(completed(&["fiddlestack", "se"]), "send");
    assert_eq!(completed(&["fiddlestack", "send", "--ca"]), "--cacert");
    let shells = completed(&["fiddlestack", "completions", ""]);
    for shell in ["bash", "zsh", "fish"] {
        assert!(shells.split(' ').any(|w| w == shell), "{shells}");
    }
}

#[test]
fn the_man_page_is_roff_naming_every_subcommand_and_option() {
    let page = stdout_of(&["man"]);
    assert!(
        page.lines().any(|l| l.starts_with(".TH fiddlestack 1")),
        "{page}"
    );
    assert!(page.contains(".SH NAME"), "{page}");
    assert!(page.contains(".SH SYNOPSIS"), "{page}");
    for word in SUBCOMMANDS {
        assert!(
            page.contains(&format!("fiddlestack {word}")),
            "no section for {word} in\n{page}"
        );
    }
    // Options of the subcommands too, not only the top level's (roff escapes the dashes).
    for option in ["cloud", "show\\-secrets", "insecure", "cacert", "limit"] {
        assert!(page.contains(option), "no --{option} in\n{page}");
    }
    assert!(!page.contains("jq-worker") && !page.contains("jq\\-worker"));
}

#[test]
fn the_man_page_formats_without_warnings() {
    let Ok(groff) = which("groff") else {
        eprintln!("skipping: no groff to format the page with");
        return;
    };
    let dir = TempDir::new("cli-man");
    let page = dir.write("fiddlestack.1", stdout_of(&["man"]).as_bytes());
    let formatted = std::process::Command::new(groff)
        // -k: through preconv, as man does, for the help's UTF-8 (an em dash).
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .expect("run groff");
    assert!(
        formatted.status.success() && formatted.stderr.is_empty(),
        "groff: {}",
        String::from_utf8_lossy(&formatted.stderr)
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("invalid value 'tcsh'")
            && out.stderr.contains("bash")
            && out.stderr.contains("zsh")
            && out.stderr.contains("fish"),
        "{}",
        out.stderr
    );
    let out = run(&["completions"]);
    assert_eq!(out.code, Some(2), "a shell is required: {}", out.stderr);
}

/// The path of `program` on `PATH`.
fn which(program: &str) -> Result<std::path::PathBuf, ()> {
    let path = std::env::var_os("PATH").ok_or(())?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .ok_or(())
}
