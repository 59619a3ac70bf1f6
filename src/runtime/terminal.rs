//! Entering and leaving the terminal's TUI mode, on every exit path: normal return, error, and
//! panic (the hook restores the terminal before the panic message prints).

use std::io::{self, Write};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

/// Switches to the alternate screen in raw mode, with bracketed paste and (optionally) mouse.
pub fn enter(mouse: bool) -> io::Result<DefaultTerminal> {
    install_panic_hook();
    let terminal = ratatui::try_init()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnableBracketedPaste)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(terminal)
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
        leave();
        previous(info);
    }));
}
