//! What the pager (`o`) is given: a body exactly as it came when it is plain printable text,
//! otherwise a copy with the same pictures the views draw. A pager is the user's program —
//! `less -R`, `more`, `cat` — and may pass a server's escape sequences straight to the
//! terminal; nothing it is handed may hold one.

use std::io::{self, Read, Write};

use super::sanitize::{Shown, shown};

/// Bytes read and written at a time.
const CHUNK: usize = 64 * 1024;

/// Whether `reader` holds UTF-8 text with no control character but newlines, tabs and the
/// carriage return of a CRLF line end: safe for any pager as it is.
pub fn is_plain_text(mut reader: impl Read) -> io::Result<bool> {
    let mut buf = vec![0; CHUNK];
    // Bytes of a character cut by the chunk's end, and whether the last byte was a CR.
    let mut pending: Vec<u8> = Vec::new();
    let mut after_cr = false;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            return Ok(pending.is_empty() && !after_cr);
        }
        pending.extend_from_slice(&buf[..n]);
        let valid = match std::str::from_utf8(&pending) {
            Ok(text) => text.len(),
            // A sequence cut at the end waits for the next chunk; one broken inside is not text.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Ok(false),
        };
        let text = std::str::from_utf8(&pending[..valid]).unwrap_or_default();
        for c in text.chars() {
            if after_cr && c != '\n' {
                return Ok(false);
            }
            after_cr = c == '\r';
            if !(matches!(c, '\n' | '\t' | '\r') || matches!(shown(c), Shown::Char(_))) {
                return Ok(false);
            }
        }
        pending.drain(..valid);
    }
}

/// Copies `reader` to `writer` with every control and invisible-format character shown as the
/// views show it (`␛` for ESC, `\u{202e}` for a bidi override), newlines, tabs and CRLF line
/// ends kept, and bytes that are not UTF-8 as U+FFFD. Returns the bytes written.
pub fn write_sanitized(mut reader: impl Read, mut writer: impl Write) -> io::Result<u64> {
    let mut buf = vec![0; CHUNK];
    let mut pending: Vec<u8> = Vec::new();
    let mut out = VisibleText::default();
    let mut written = 0u64;
    loop {
        let n = reader.read(&mut buf)?;
        let at_end = n == 0;
        pending.extend_from_slice(&buf[..n]);
        let mut rest: &[u8] = &pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    out.push(text);
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    out.push(std::str::from_utf8(good).unwrap_or_default());
                    match e.error_len() {
                        Some(len) => {
                            out.push("\u{fffd}");
                            rest = &bad[len..];
                        }
                        // Cut at the chunk's end: kept for the next chunk (or, at the end, lost
                        // as one replacement character).
                        None if at_end => {
                            out.push("\u{fffd}");
                            rest = &[];
                            break;
                        }
                        None => {
                            rest = bad;
                            break;
                        }
                    }
                }
            }
        }
        let kept = rest.len();
        pending.drain(..pending.len() - kept);
        if at_end {
            out.finish();
        }
        writer.write_all(out.text.as_bytes())?;
        written += out.text.len() as u64;
        out.text.clear();
        if at_end {
            writer.flush()?;
            return Ok(written);
        }
    }
}

/// Text made visible, a carriage return held until the next character says whether it ends
/// a CRLF line (kept) or stands alone (shown as `␍`: it would let a line overwrite itself).
#[derive(Default)]
struct VisibleText {
    text: String,
    carriage_return: bool,
}

impl VisibleText {
    fn push(&mut self, text: &str) {
        for c in text.chars() {
            if std::mem::take(&mut self.carriage_return) {
                self.text.push(if c == '\n' { '\r' } else { '\u{240d}' });
            }
            match shown(c) {
                _ if c == '\r' => self.carriage_return = true,
                // The pager lays out lines and tabs itself.
                _ if c == '\n' || c == '\t' => self.text.push(c),
                Shown::Char(c) | Shown::Picture(c) => self.text.push(c),
                Shown::Tab => self.text.push('\t'),
                Shown::Escape(escape) => self.text.push_str(&escape),
            }
        }
    }

    fn finish(&mut self) {
        if std::mem::take(&mut self.carriage_return) {
            self.text.push('\u{240d}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sanitized(bytes: &[u8]) -> String {
        let mut out = Vec::new();
        let written = write_sanitized(bytes, &mut out).expect("in memory");
        assert_eq!(written, out.len() as u64);
        String::from_utf8(out).expect("the copy is UTF-8")
    }

    #[test]
    fn plain_text_passes_as_it_is() {
        for text in [
            &b""[..],
            b"hello\n",
            b"a\tb\r\nc\r\n",
            "caf\u{e9} \u{1f600}\n".as_bytes(),
        ] {
            assert!(is_plain_text(text).expect("in memory"), "{text:?}");
        }
    }

    #[test]
    fn escapes_controls_bidi_stray_carriage_returns_and_broken_utf8_are_not_plain() {
        for text in [
            &b"\x1b[31mred"[..],
            b"\x9b",
            "\u{9b}2J".as_bytes(),
            "abc\u{202e}def".as_bytes(),
            b"over\rwrite",
            b"nul\0",
            b"\xff\xfe",
            b"cut \xe2\x82",
        ] {
            assert!(!is_plain_text(text).expect("in memory"), "{text:?}");
        }
    }

    #[test]
    fn a_character_cut_by_a_chunk_boundary_is_still_text() {
        let mut text = vec![b'a'; CHUNK - 1];
        text.extend_from_slice("\u{e9}\u{1f600}\n".as_bytes());
        assert!(is_plain_text(&text[..]).expect("in memory"));
        let copy = sanitized(&text);
        assert!(
            copy.ends_with("a\u{e9}\u{1f600}\n"),
            "{:?}",
            &copy[copy.len() - 8..]
        );
    }

    #[test]
    fn the_copy_shows_what_the_views_show() {
        assert_eq!(
            sanitized(b"before \x1b]0;T\x07\x1b[2J after\n\tx\r\nover\rwrite\r"),
            "before \u{241b}]0;T\u{2407}\u{241b}[2J after\n\tx\r\nover\u{240d}write\u{240d}"
        );
        assert_eq!(
            sanitized("a\u{202e}b\u{9b}".as_bytes()),
            "a\\u{202e}b\\u{9b}"
        );
        assert_eq!(sanitized(b"x\xffy\xe2\x82"), "x\u{fffd}y\u{fffd}");
    }

    #[test]
    fn the_copy_never_holds_a_control_character_but_newline_and_tab() {
        let all: Vec<u8> = (0..=255u8).chain("\u{85}\u{2066}".bytes()).collect();
        let copy = sanitized(&all);
        assert!(
            copy.chars()
                .all(|c| c == '\n' || c == '\t' || !(c.is_control())),
            "{copy:?}"
        );
        // A CR split from its LF by the chunk boundary still ends the line as it did.
        let mut crlf = vec![b'a'; CHUNK - 1];
        crlf.extend_from_slice(b"\r\nb");
        assert!(sanitized(&crlf).ends_with("a\r\nb"));
        assert!(is_plain_text(copy.as_bytes()).expect("in memory"));
    }
}
