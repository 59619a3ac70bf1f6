//! Copies carried out off the loop: the text made (a big value's pretty print), checked
//! against the cap, and written to the terminal as one OSC 52 sequence. While a sequence is
//! being written the loop goes on handling keys but does not draw (a frame in the middle of
//! the sequence would end up in the clipboard); it draws once the copy reports.

use std::io;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};

use tokio::sync::mpsc::UnboundedSender;

use super::executor::off_loop;
use crate::app::copy::{CopyJob, CopyKind, NotCopied, within};
use crate::app::{Msg, Work};

/// Writes text to the clipboard (the terminal's OSC 52 in the real TUI).
pub type ClipboardWriter = fn(&str) -> io::Result<()>;

/// Who may write to the terminal now: the loop drawing, or a copy writing its sequence.
#[derive(Debug, Clone, Default)]
pub struct TerminalGate(Arc<Mutex<()>>);

impl TerminalGate {
    /// Held while the loop draws; `None` while a copy is being written (draw later).
    pub fn try_draw(&self) -> Option<MutexGuard<'_, ()>> {
        match self.0.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// Waits for a frame being drawn, then holds the terminal (off the loop only).
    pub(super) fn hold(&self) -> MutexGuard<'_, ()> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What a copy starts from.
pub enum CopyText {
    /// Text in hand, its message already shown by the app.
    Ready(String),
    /// Text to make off the loop.
    Job(CopyJob),
}

/// Carries out copies.
pub struct Copier {
    writer: Option<ClipboardWriter>,
    gate: TerminalGate,
    tx: UnboundedSender<Msg>,
}

impl Copier {
    /// `writer` `None`: copies are made and checked, and reported as done (tests).
    pub fn new(writer: Option<ClipboardWriter>, tx: UnboundedSender<Msg>) -> Self {
        Self {
            writer,
            gate: TerminalGate::default(),
            tx,
        }
    }

    pub fn gate(&self) -> &TerminalGate {
        &self.gate
    }

    /// Makes the text, checks it against `max`, writes it; a `Copied` message says how it went.
    pub fn copy(&self, text: CopyText, max: usize) {
        let (kind, what) = match &text {
            CopyText::Ready(_) => (CopyKind::Announced, "the text"),
            CopyText::Job(job) => (job.kind(), job.what()),
        };
        let writer = self.writer;
        let gate = self.gate.clone();
        off_loop(
            &self.tx,
            move || {
                let made = match text {
                    CopyText::Ready(text) => within(text, max),
                    CopyText::Job(job) => job.run(),
                };
                let result = made.and_then(|text| {
                    if let Some(write) = writer {
                        let _terminal = gate.hold();
                        write(&text).map_err(|e| NotCopied::Failed(e.to_string()))?;
                    }
                    Ok(text.len())
                });
                Msg::Copied { kind, result }
            },
            move |problem| Msg::WorkFailed {
                work: Work::Copy { what },
                problem,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::TerminalGate;

    #[test]
    fn the_loop_does_not_draw_while_a_copy_holds_the_terminal() {
        let gate = TerminalGate::default();
        let held = gate.hold();
        assert!(gate.try_draw().is_none());
        drop(held);
        assert!(gate.try_draw().is_some());
    }
}
