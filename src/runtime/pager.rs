//! `o` in the inspector: a body in the user's pager. The TUI lets go of the terminal — the
//! event reader stopped, so it steals no key from the pager — and takes it back afterwards.

use std::io;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::{Stream, StreamExt};
use ratatui::crossterm::event::{Event, EventStream};

use crate::http::spill::{TempFile, temp_copy, temp_file};
use crate::store::export::BodySource;
use crate::text::pager_copy::{is_plain_text, write_sanitized};

/// Shows a file in a pager with the terminal handed over; `mouse`: the TUI captures the mouse.
pub type Pager = fn(&Path, bool) -> Result<(), PagerError>;

/// Why paging failed: the pager (the TUI goes on), or the terminal could not be taken back.
#[derive(Debug)]
pub enum PagerError {
    Pager(String),
    Terminal(io::Error),
}

/// The loop's events. `pause` and `resume` bracket a program that reads the terminal itself.
pub trait EventSource: Stream<Item = io::Result<Event>> + Unpin {
    fn pause(&mut self) {}
    fn resume(&mut self) {}
}

/// The terminal's events. Paused, the reader is dropped: crossterm's reader thread would
/// otherwise take the pager's first key.
pub struct TerminalEvents(Option<EventStream>);

impl TerminalEvents {
    pub fn new() -> Self {
        Self(Some(EventStream::new()))
    }
}

impl Default for TerminalEvents {
    fn default() -> Self {
        Self::new()
    }
}

impl Stream for TerminalEvents {
    type Item = io::Result<Event>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match &mut self.0 {
            Some(events) => events.poll_next_unpin(cx),
            None => Poll::Pending,
        }
    }
}

impl EventSource for TerminalEvents {
    fn pause(&mut self) {
        self.0 = None;
    }

    fn resume(&mut self) {
        self.0 = Some(EventStream::new());
    }
}

/// The file to page (a temporary one is removed when the guard drops). Plain printable text
/// goes as it is — a body kept on disk itself, one in memory copied; anything else as a copy
/// with the pictures the views draw, since the pager may be `less -R`, `more` or `cat`, which
/// would hand a server's escape sequences to the terminal.
pub fn file_of(body: &BodySource) -> io::Result<(std::path::PathBuf, Option<TempFile>)> {
    let plain = match body {
        BodySource::File(spilled) => is_plain_text(std::fs::File::open(spilled.path())?)?,
        BodySource::Memory(bytes) => is_plain_text(&bytes[..])?,
    };
    let copy = match (body, plain) {
        (BodySource::File(spilled), true) => return Ok((spilled.path().to_path_buf(), None)),
        (BodySource::Memory(bytes), true) => temp_copy(&std::env::temp_dir(), bytes)?,
        (BodySource::File(spilled), false) => {
            let source = std::fs::File::open(spilled.path())?;
            sanitized_copy(io::BufReader::new(source))?
        }
        (BodySource::Memory(bytes), false) => sanitized_copy(&bytes[..])?,
    };
    Ok((copy.path().to_path_buf(), Some(copy)))
}

fn sanitized_copy(source: impl io::Read) -> io::Result<TempFile> {
    let (copy, file) = temp_file(&std::env::temp_dir())?;
    write_sanitized(source, io::BufWriter::new(file))?;
    Ok(copy)
}

/// Runs `$PAGER` (`less` when unset; a value with arguments such as `less -S` works) on
/// `path` through `sh`, the terminal in its normal mode meanwhile. `less` gets the body as a
/// plain file: no `LESSOPEN` preprocessor runs on what a server sent, and `LESSSECURE` turns
/// off its shell escapes.
pub fn run_pager(path: &Path, mouse: bool) -> Result<(), PagerError> {
    super::terminal::leave();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec ${PAGER:-less} \"$1\"")
        .arg("fiddlestack-pager")
        .arg(path)
        .env_remove("LESSOPEN")
        .env_remove("LESSCLOSE")
        .env("LESSSECURE", "1")
        .status();
    super::terminal::resume(mouse).map_err(PagerError::Terminal)?;
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(PagerError::Pager(format!("the pager ended with {status}"))),
        Err(e) => Err(PagerError::Pager(format!("the pager did not run: {e}"))),
    }
}
