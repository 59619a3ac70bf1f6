//! A line index over a byte buffer: where each line starts, found in one memchr-speed pass,
//! so a view can fetch line N of a 100 MB body without scanning or copying it.

/// Start offsets of every line of a buffer. Line `i` spans `starts[i]..starts[i + 1]` minus its
/// line terminator; the last line runs to the end of the buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `bytes`. An empty buffer has one (empty) line; a trailing newline does not
    /// start an extra line, as editors and `wc -l` see it.
    pub fn new(bytes: &[u8]) -> Self {
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 1);
        starts.push(0);
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1)
                .filter(|&start| start < bytes.len()),
        );
        Self {
            starts,
            len: bytes.len(),
        }
    }

    /// Number of lines.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of line `n` without its `\n` or `\r\n`, or `None` past the end.
    pub fn line<'a>(&self, bytes: &'a [u8], n: usize) -> Option<&'a [u8]> {
        let start = *self.starts.get(n)?;
        let end = self
            .starts
            .get(n + 1)
            .copied()
            .unwrap_or(self.len)
            .min(bytes.len());
        let mut line = bytes.get(start..end)?;
        if let Some(rest) = line.strip_suffix(b"\n") {
            line = rest;
        }
        if let Some(rest) = line.strip_suffix(b"\r") {
            line = rest;
        }
        Some(line)
    }

    /// The longest line in bytes, an upper bound for horizontal scrolling.
    pub fn longest(&self) -> usize {
        let mut longest = 0;
        for pair in self.starts.windows(2) {
            longest = longest.max(pair[1] - pair[0]);
        }
        let last = self.starts.last().copied().unwrap_or(0);
        longest.max(self.len - last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_like_an_editor() {
        assert_eq!(LineIndex::new(b"").count(), 1);
        assert_eq!(LineIndex::new(b"a").count(), 1);
        assert_eq!(LineIndex::new(b"a\n").count(), 1);
        assert_eq!(LineIndex::new(b"a\nb").count(), 2);
        assert_eq!(LineIndex::new(b"a\n\nb\n").count(), 3);
    }

    #[test]
    fn fetches_lines_without_terminators() {
        let body = b"first\r\nsecond\n\nlast";
        let index = LineIndex::new(body);
        let lines: Vec<&[u8]> = (0..index.count())
            .filter_map(|n| index.line(body, n))
            .collect();
        assert_eq!(lines, vec![&b"first"[..], b"second", b"", b"last"]);
        assert_eq!(index.line(body, 4), None);
    }

    #[test]
    fn longest_line_bounds_horizontal_scroll() {
        let body = b"ab\nabcdef\nabc";
        assert_eq!(LineIndex::new(body).longest(), 7);
    }
}
