//! Printing a document to stdout: sanitised when stdout is a terminal (a hostile body must not
//! drive it), byte-exact when it is a pipe or a file, so scripts get the real bytes.
#![allow(clippy::print_stdout)]

use std::io::{self, IsTerminal, Write};

use crate::app::document::Document;
use crate::text::window::visible_bytes;

/// One line of text that is already safe for a terminal (a curl line quotes what is not).
pub fn line(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

pub fn document(doc: &Document) -> io::Result<()> {
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = io::BufWriter::new(stdout.lock());
    for n in 0..doc.len() {
        let Some(line) = doc.line(n) else { break };
        if terminal {
            out.write_all(visible_bytes(&line.bytes, 0, usize::MAX / 8).as_bytes())?;
        } else {
            out.write_all(&line.bytes)?;
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}
