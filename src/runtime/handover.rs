//! Handing the terminal to another program — the pager (`o`), the editor (ctrl-o) — and taking
//! it back: the event reader paused so it steals no key, the program run off the loop, the
//! screen drawn whole again afterwards, whatever the program did.

use ratatui::Terminal;
use ratatui::backend::Backend;

use super::copy::TerminalGate;
use super::pager::{self, EventSource, Pager, PagerError};
use super::{RuntimeError, editor};
use crate::app::Msg;

/// What the terminal is handed over for: a body in the pager, a field in the editor.
pub(super) enum Handover {
    Page(crate::store::export::BodySource),
    Edit(crate::app::external_edit::EditJob),
}

/// Why a handover failed.
pub(super) enum PageError {
    /// The program could not run, or failed; the TUI goes on.
    Pager(String),
    /// The terminal could not be taken back.
    Terminal(RuntimeError),
}

/// `body` in the pager.
pub(super) async fn page<B, E>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    pager: Option<Pager>,
    body: &crate::store::export::BodySource,
    mouse: bool,
    gate: TerminalGate,
) -> Result<Option<Msg>, PageError>
where
    B: Backend,
    B::Error: std::fmt::Display,
    E: EventSource,
{
    let Some(pager) = pager else {
        return Err(PageError::Pager("no pager in this mode".to_owned()));
    };
    let body = body.clone();
    hand_over(terminal, events, gate, "the pager", move || {
        let (path, _copy) = pager::file_of(&body).map_err(|e| {
            PagerError::Pager(format!(
                "the body could not be put in a file for the pager: {e}"
            ))
        })?;
        pager(&path, mouse).map(|()| None)
    })
    .await
}

/// A composer field in the editor; what comes back is the message for the app.
pub(super) async fn edit<B, E>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    editor: Option<editor::Editor>,
    job: crate::app::external_edit::EditJob,
    mouse: bool,
    gate: TerminalGate,
) -> Result<Option<Msg>, PageError>
where
    B: Backend,
    B::Error: std::fmt::Display,
    E: EventSource,
{
    let Some(editor) = editor else {
        return Err(PageError::Pager("no editor in this mode".to_owned()));
    };
    hand_over(terminal, events, gate, "the editor", move || {
        editor::edit(&job, editor, mouse)
            .map(Some)
            .map_err(PagerError::Terminal)
    })
    .await
}

/// Runs `program` (which takes the terminal) off the loop: the event reader paused, a copy
/// still being written finished first, the screen drawn whole again afterwards.
async fn hand_over<B, E>(
    terminal: &mut Terminal<B>,
    events: &mut E,
    gate: TerminalGate,
    name: &'static str,
    program: impl FnOnce() -> Result<Option<Msg>, PagerError> + Send + 'static,
) -> Result<Option<Msg>, PageError>
where
    B: Backend,
    B::Error: std::fmt::Display,
    E: EventSource,
{
    events.pause();
    let done = tokio::task::spawn_blocking(move || {
        let _terminal = gate.hold();
        program()
    })
    .await
    .unwrap_or_else(|join| Err(PagerError::Pager(format!("{name} did not run: {join}"))));
    events.resume();
    match done {
        Err(PagerError::Terminal(e)) => Err(PageError::Terminal(e.into())),
        Err(PagerError::Pager(message)) => {
            clear(terminal)?;
            Err(PageError::Pager(message))
        }
        Ok(msg) => {
            clear(terminal)?;
            Ok(msg)
        }
    }
}

/// The whole screen drawn again next time (another program drew over it).
fn clear<B>(terminal: &mut Terminal<B>) -> Result<(), PageError>
where
    B: Backend,
    B::Error: std::fmt::Display,
{
    terminal
        .clear()
        .map_err(|e| PageError::Terminal(RuntimeError::Draw(e.to_string())))
}
