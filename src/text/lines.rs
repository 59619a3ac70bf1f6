//! A line index over a byte buffer, so a view can fetch line N of a 100 MB body without scanning
//! or copying it. Sparse: one checkpoint every `STRIDE` lines, so even a body of nothing but
//! newlines costs a small fraction of its size (a dense index would be 8 bytes a line: a 256 MiB
//! body of `\n` would need 2 GiB).

/// Lines between checkpoints. Fetching a line scans at most this many line ends (memchr speed).
const STRIDE: usize = 64;

/// Where every `STRIDE`-th line starts, the line count and the longest line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    checkpoints: Vec<usize>,
    count: usize,
    longest: usize,
}

impl LineIndex {
    /// Bytes the index holds (not the text it indexes).
    pub fn heap_bytes(&self) -> usize {
        self.checkpoints.capacity() * std::mem::size_of::<usize>()
    }

    /// Indexes `bytes`. An empty buffer has one (empty) line; a trailing newline does not
    /// start an extra line, as editors and `wc -l` see it.
    pub fn new(bytes: &[u8]) -> Self {
        let mut checkpoints = vec![0];
        let mut count = 1;
        let mut start = 0;
        let mut longest = 0;
        for newline in memchr::memchr_iter(b'\n', bytes) {
            longest = longest.max(newline + 1 - start);
            start = newline + 1;
            if start >= bytes.len() {
                break;
            }
            if count % STRIDE == 0 {
                checkpoints.push(start);
            }
            count += 1;
        }
        longest = longest.max(bytes.len().saturating_sub(start));
        Self {
            checkpoints,
            count,
            longest,
        }
    }

    /// Number of lines.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The bytes of line `n` without its `\n` or `\r\n`, or `None` past the end.
    pub fn line<'a>(&self, bytes: &'a [u8], n: usize) -> Option<&'a [u8]> {
        let rest = bytes.get(self.line_start(bytes, n)?..)?;
        // The last line runs to the end (less a trailing newline): no scan over what may be a
        // 100 MB one-line body, once per drawn row.
        let mut line = if n + 1 == self.count {
            rest.strip_suffix(b"\n").unwrap_or(rest)
        } else {
            match memchr::memchr(b'\n', rest) {
                Some(end) => &rest[..end],
                None => rest,
            }
        };
        if let Some(stripped) = line.strip_suffix(b"\r") {
            line = stripped;
        }
        Some(line)
    }

    /// Where line `n` starts in `bytes`, or `None` past the end. O(STRIDE) memchr calls.
    pub fn line_start(&self, bytes: &[u8], n: usize) -> Option<usize> {
        if n >= self.count {
            return None;
        }
        let mut start = *self.checkpoints.get(n / STRIDE)?;
        for _ in 0..n % STRIDE {
            start += memchr::memchr(b'\n', bytes.get(start..)?)? + 1;
        }
        Some(start)
    }

    /// The line holding byte `offset` and where that line starts. O(STRIDE lines) from the
    /// nearest checkpoint, O(1) for a body of one line (a 100 MB one-line JSON).
    pub fn locate(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(bytes.len());
        if self.count <= 1 {
            return (0, 0);
        }
        let k = self.checkpoints.partition_point(|&c| c <= offset).max(1) - 1;
        let base = self.checkpoints[k];
        let mut line = k * STRIDE;
        let mut start = base;
        for newline in memchr::memchr_iter(b'\n', &bytes[base..offset]) {
            line += 1;
            start = base + newline + 1;
        }
        (line.min(self.count - 1), start)
    }

    /// The longest line in bytes (terminator included), a bound for horizontal scrolling.
    pub fn longest(&self) -> usize {
        self.longest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_agrees_with_counting_newlines() {
        let mut text = Vec::new();
        for n in 0..300 {
            text.extend(std::iter::repeat_n(b'x', n % 7));
            text.push(b'\n');
        }
        text.extend_from_slice(b"tail");
        let index = LineIndex::new(&text);
        for offset in 0..text.len() {
            let line = memchr::memchr_iter(b'\n', &text[..offset]).count();
            let start = text[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |at| at + 1);
            assert_eq!(
                index.locate(&text, offset),
                (line, start),
                "offset {offset}"
            );
        }
        let one = vec![b'y'; 1000];
        assert_eq!(LineIndex::new(&one).locate(&one, 999), (0, 0));
    }

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
    fn every_line_across_checkpoints_matches_a_plain_split() {
        let body: Vec<u8> = (0..1000)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let index = LineIndex::new(&body);
        assert_eq!(index.count(), 1000);
        for (n, expected) in body.split(|&b| b == b'\n').take(1000).enumerate() {
            assert_eq!(index.line(&body, n), Some(expected), "line {n}");
        }
    }

    #[test]
    fn a_body_of_newlines_stays_small() {
        let body = vec![b'\n'; 1 << 20];
        let index = LineIndex::new(&body);
        assert_eq!(index.count(), 1 << 20);
        assert!(index.checkpoints.len() <= (1 << 20) / STRIDE + 1);
        assert_eq!(index.line(&body, (1 << 20) - 1), Some(&b""[..]));
    }

    #[test]
    fn longest_line_bounds_horizontal_scroll() {
        let body = b"ab\nabcdef\nabc";
        assert_eq!(LineIndex::new(body).longest(), 7);
    }
}
