//! Entering and leaving the terminal's TUI mode, on every exit path: normal return, error, and
//! a panic on the UI thread (the hook restores the terminal before the panic message prints).
//! A panic in a background task must not touch the terminal the loop is still drawing on: it is
//! logged, and the executor turns it into a failed exchange.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::thread::ThreadId;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::{DefaultTerminal, Terminal};

/// The thread that owns the terminal.
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();
/// Where a panic of the UI thread leaves its crash report.
static CRASH_DIR: OnceLock<PathBuf> = OnceLock::new();

/// A panic of the UI thread writes a crash report (version, message, place, backtrace) into
/// `dir` and says where, after the terminal is restored.
pub fn report_crashes_to(dir: &Path) {
    let _ = CRASH_DIR.set(dir.to_path_buf());
}

/// Switches to the alternate screen in raw mode, with bracketed paste and (optionally) mouse.
/// On failure the terminal is put back as it was.
pub fn enter(mouse: bool) -> io::Result<DefaultTerminal> {
    let _ = UI_THREAD.set(std::thread::current().id());
    install_panic_hook();
    let entered = resume(mouse).and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
    if entered.is_err() {
        leave();
    }
    entered
}

/// The TUI's modes again (after `leave`, for a program that used the terminal meanwhile).
pub fn resume(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

/// Puts `text` on the clipboard with OSC 52, which the terminal carries out — over SSH and in
/// tmux too (tmux needs `set-clipboard on`). The sequence is written whole in one write, the
/// standard output locked: it runs off the loop, and nothing may land in the middle of it.
pub fn copy_osc52(text: &str) -> io::Result<()> {
    let sequence = osc52(text);
    let mut stdout = io::stdout().lock();
    stdout.write_all(sequence.as_bytes())?;
    stdout.flush()
}

/// The OSC 52 sequence that puts `text` on the clipboard (base64, as crossterm writes it).
pub fn osc52(text: &str) -> String {
    let mut sequence = String::with_capacity(text.len() / 3 * 4 + 16);
    // Writing into a String cannot fail.
    let _ = ratatui::crossterm::Command::write_ansi(
        &ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(text),
        &mut sequence,
    );
    sequence
}

/// Back to the shell's normal screen and cooked mode. Safe to call more than once.
pub fn leave() {
    let mut stdout = io::stdout();
    // Best effort: each step is tried even if an earlier one failed.
    let _ = execute!(stdout, DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if UI_THREAD.get() == Some(&std::thread::current().id()) {
            leave();
            // The backtrace goes into the report, not over the user's shell.
            match write_crash_report(info) {
                Some(path) => eprintln!(
                    "fiddlestack crashed: {}\na report is in {} (attach it to a bug report)",
                    info.payload_as_str().unwrap_or("(no message)"),
                    path.display()
                ),
                None => previous(info),
            }
        } else {
            tracing::error!("panic in a background thread: {info}");
        }
    }));
}

/// Writes `crash-<seconds>.txt` (0600) into the crash dir: the version, the panic's message and
/// place, and a backtrace. Nothing of the user's requests is in it.
fn write_crash_report(info: &std::panic::PanicHookInfo<'_>) -> Option<PathBuf> {
    let dir = CRASH_DIR.get()?;
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = format!("crash-{seconds}.txt");
    let report = format!(
        "fiddlestack {} crashed at unix time {seconds}\n{info}\n\nbacktrace:\n{}\n",
        env!("CARGO_PKG_VERSION"),
        std::backtrace::Backtrace::force_capture()
    );
    crate::store::private::write_atomic(dir, &name, report.as_bytes()).ok()?;
    Some(dir.join(name))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_osc52_sequence_is_base64_to_the_clipboard() {
        assert_eq!(super::osc52("hi"), "\u{1b}]52;c;aGk=\u{1b}\\");
    }
}
