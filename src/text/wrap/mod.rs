//! Lines wrapped to a width, as rows, over lines fetched on demand: a 100 MB one-line body
//! becomes a million rows without building them. The index keeps where every `STEP`-th row
//! starts and is built only as far as the view has gone. A row of printable ASCII (one column
//! a byte) is measured with one `is_ascii` check; other rows character by character, with the
//! widths the view draws them at (tabs, control pictures, escapes, wide characters).

use std::borrow::Cow;

use super::window::columns;

/// Rows between two stored row starts: finding a row steps over at most this many.
const STEP: usize = 64;

/// Where a row starts: a line and a byte in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct RowStart {
    pub line: usize,
    pub byte: usize,
}

/// One row: its line and the bytes of that line it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// What is wrapped: numbered lines of bytes.
pub trait LineSource {
    fn line_count(&self) -> usize;
    fn line_bytes(&self, n: usize) -> Option<Cow<'_, [u8]>>;
}

/// The wrap index of one source at one width.
#[derive(Debug, Clone)]
pub struct WrapIndex {
    width: usize,
    /// Start of row `k * STEP`, as far as measured.
    marks: Vec<RowStart>,
    /// The first row not measured yet and where it starts; `None` once every row is known.
    frontier: Option<(usize, RowStart)>,
    /// Rows measured so far: all of them once `frontier` is `None`.
    measured: usize,
}

impl WrapIndex {
    /// Bytes the index holds (not the text it wraps).
    pub fn heap_bytes(&self) -> usize {
        self.marks.capacity() * std::mem::size_of::<RowStart>()
    }

    pub fn new(width: usize) -> Self {
        Self {
            width: width.max(1),
            marks: Vec::new(),
            frontier: Some((0, RowStart::default())),
            measured: 0,
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Every row, measuring the rest of the source first (O(rest of the source), once).
    pub fn count(&mut self, source: &dyn LineSource) -> usize {
        self.extend(source, usize::MAX);
        self.measured
    }

    /// Up to `count` rows from row `first` (measuring as far as they go).
    pub fn rows(&mut self, source: &dyn LineSource, first: usize, count: usize) -> Vec<Row> {
        self.extend(source, first.saturating_add(count));
        let Some(mut at) = self.start_of(source, first) else {
            return Vec::new();
        };
        let mut rows = Vec::with_capacity(count);
        // One fetch per line, not per row: a long line gives many rows.
        let mut line = (at.line, source.line_bytes(at.line));
        while rows.len() < count {
            if line.0 != at.line {
                line = (at.line, source.line_bytes(at.line));
            }
            let Some(bytes) = &line.1 else {
                break;
            };
            let end = row_end(bytes, at.byte, self.width);
            rows.push(Row {
                line: at.line,
                start: at.byte,
                end,
            });
            at = next_start(at, end, bytes.len());
        }
        rows
    }

    /// The row showing byte `byte` of line `line` (measuring up to it).
    pub fn row_of(&mut self, source: &dyn LineSource, line: usize, byte: usize) -> usize {
        let target = RowStart { line, byte };
        // Measure until the frontier is past the target.
        while let Some((_, at)) = self.frontier {
            if at > target {
                break;
            }
            self.extend(source, self.measured + STEP);
        }
        let k = self.marks.partition_point(|m| *m <= target).max(1) - 1;
        let (mut row, mut at) = (k * STEP, self.marks.get(k).copied().unwrap_or_default());
        let mut line = (at.line, source.line_bytes(at.line));
        loop {
            if line.0 != at.line {
                line = (at.line, source.line_bytes(at.line));
            }
            let Some(bytes) = &line.1 else { break };
            let next = next_start(at, row_end(bytes, at.byte, self.width), bytes.len());
            if next > target || row + 1 >= self.measured {
                break;
            }
            row += 1;
            at = next;
        }
        row
    }

    /// Where row `row` starts, if it has been measured: O(STEP) rows from the nearest mark.
    fn start_of(&self, source: &dyn LineSource, row: usize) -> Option<RowStart> {
        if row >= self.measured {
            return None;
        }
        let mut at = *self.marks.get(row / STEP)?;
        let mut line = (at.line, source.line_bytes(at.line)?);
        for _ in 0..row % STEP {
            if line.0 != at.line {
                line = (at.line, source.line_bytes(at.line)?);
            }
            at = next_start(at, row_end(&line.1, at.byte, self.width), line.1.len());
        }
        Some(at)
    }

    /// Measures rows until row `until` is known (or the source ends).
    fn extend(&mut self, source: &dyn LineSource, until: usize) {
        let lines = source.line_count();
        while let Some((row, at)) = self.frontier {
            if row > until {
                return;
            }
            if at.line >= lines {
                self.frontier = None;
                return;
            }
            let Some(bytes) = source.line_bytes(at.line) else {
                self.frontier = None;
                return;
            };
            // The rest of this line, row by row.
            let (mut row, mut byte) = (row, at.byte);
            loop {
                if row % STEP == 0 {
                    self.marks.push(RowStart {
                        line: at.line,
                        byte,
                    });
                }
                let end = row_end(&bytes, byte, self.width);
                row += 1;
                self.measured = row;
                if end >= bytes.len() {
                    self.frontier = Some((
                        row,
                        RowStart {
                            line: at.line + 1,
                            byte: 0,
                        },
                    ));
                    break;
                }
                byte = end;
                if row > until {
                    self.frontier = Some((
                        row,
                        RowStart {
                            line: at.line,
                            byte,
                        },
                    ));
                    return;
                }
            }
        }
    }
}

/// Where the row after one ending at `end` starts (the next line once this one is done).
fn next_start(at: RowStart, end: usize, len: usize) -> RowStart {
    if end >= len {
        RowStart {
            line: at.line + 1,
            byte: 0,
        }
    } else {
        RowStart {
            line: at.line,
            byte: end,
        }
    }
}

/// The end (exclusive) of the row of at most `width` columns starting at byte `start` of
/// `line`: at least one character, so a character wider than the row still moves on.
pub fn row_end(line: &[u8], start: usize, width: usize) -> usize {
    let stop = start.saturating_add(width).min(line.len());
    let window = &line[start.min(stop)..stop];
    if window.is_ascii() && !window.contains(&b'\t') {
        return stop;
    }
    // Decoded a window at a time: a row holds at most `width` columns of at most four bytes
    // (zero-width marks aside), so this never validates the rest of a 100 MB line per row.
    let window_len = width.saturating_mul(4).saturating_add(64);
    let mut used = 0;
    let mut at = start;
    while at < line.len() {
        let window = &line[at..line.len().min(at.saturating_add(window_len))];
        let (valid, invalid) = match std::str::from_utf8(window) {
            Ok(text) => (text, 0),
            Err(e) => {
                let valid = std::str::from_utf8(&window[..e.valid_up_to()]).unwrap_or("");
                let invalid = match e.error_len() {
                    Some(n) => n,
                    // Cut short by the window: decoded with the next one.
                    None if at + window.len() < line.len() => 0,
                    // Cut short by the line's end: one U+FFFD, as the view shows it.
                    None => window.len() - e.valid_up_to(),
                };
                (valid, invalid)
            }
        };
        for c in valid.chars() {
            let w = columns(c);
            if used + w > width && at > start {
                return at;
            }
            used += w;
            at += c.len_utf8();
        }
        if invalid > 0 {
            // Shown as one U+FFFD, one column.
            if used + 1 > width && at > start {
                return at;
            }
            used += 1;
            at += invalid;
        } else if valid.is_empty() {
            // Nothing decodable here (cannot happen with a window longer than a character).
            return (at + 1).min(line.len());
        }
    }
    line.len()
}

#[cfg(test)]
mod tests;
