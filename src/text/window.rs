//! The visible part of one line: decoded lossily, sanitised, cut to a horizontal window by
//! display width. Costs O(column + width), never O(line), so a 100 MB single-line body scrolls.

use unicode_width::UnicodeWidthChar;

use super::sanitize::{Shown, TAB_WIDTH, shown};

/// Bytes to decode for a window ending at column `end`: a column takes at least one byte and a
/// character at most four, so this covers every line whose characters have width.
fn byte_budget(end: usize) -> usize {
    end.saturating_mul(4).saturating_add(64)
}

/// The text of `line` between display columns `col` and `col + width`, as runs of `K`.
/// `runs` classify byte ranges of `line` (as `tokenize_line` does); bytes no run covers are
/// dropped. Invalid UTF-8 shows as U+FFFD, control characters as visible pictures.
pub fn visible_runs<K: Copy>(
    line: &str,
    runs: &[(K, std::ops::Range<usize>)],
    col: usize,
    width: usize,
) -> Vec<(K, String)> {
    let mut out: Vec<(K, String)> = Vec::new();
    let end = col.saturating_add(width);
    let mut column = 0usize;
    for (kind, range) in runs {
        let Some(text) = line.get(range.clone()) else {
            continue;
        };
        let mut piece = String::new();
        for c in text.chars() {
            if column >= end {
                break;
            }
            push_char(c, &mut column, col, end, &mut piece);
        }
        if !piece.is_empty() {
            out.push((*kind, piece));
        }
        if column >= end {
            break;
        }
    }
    out
}

/// The visible window of a byte line that may not be UTF-8.
pub fn visible_bytes(bytes: &[u8], col: usize, width: usize) -> String {
    let end = col.saturating_add(width);
    let prefix = &bytes[..bytes.len().min(byte_budget(end))];
    let text = String::from_utf8_lossy(prefix);
    let mut column = 0usize;
    let mut out = String::new();
    for c in text.chars() {
        if column >= end {
            break;
        }
        push_char(c, &mut column, col, end, &mut out);
    }
    out
}

/// Display columns of already sanitised text (no control characters left).
pub fn display_width_of(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Display columns `c` takes once made visible (as `push_char` draws it).
pub fn columns(c: char) -> usize {
    match shown(c) {
        Shown::Tab => TAB_WIDTH,
        Shown::Picture(_) => 1,
        Shown::Escape(text) => text.chars().count(),
        Shown::Char(c) => c.width().unwrap_or(0),
    }
}

/// Appends the visible form of `c` to `out` where it falls inside `[from, end)`, advancing
/// `column`. A wide character cut by the left edge becomes a space so columns stay aligned.
fn push_char(c: char, column: &mut usize, from: usize, end: usize, out: &mut String) {
    let mut emit = |shown: char, w: usize, column: &mut usize| {
        let start = *column;
        *column += w;
        if *column <= from || start >= end {
            return;
        }
        if start < from || *column > end {
            out.extend(std::iter::repeat_n(
                ' ',
                (*column).min(end) - start.max(from),
            ));
        } else {
            out.push(shown);
        }
    };
    match shown(c) {
        Shown::Tab => {
            for _ in 0..TAB_WIDTH {
                emit(' ', 1, column);
            }
        }
        Shown::Picture(picture) => emit(picture, 1, column),
        Shown::Escape(text) => {
            for escaped in text.chars() {
                emit(escaped, 1, column);
            }
        }
        Shown::Char(c) => {
            let w = c.width().unwrap_or(0);
            if w == 0 {
                // Combining marks ride on the previous character and take no column.
                if *column > from && *column <= end {
                    out.push(c);
                }
            } else {
                emit(c, w, column);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_by_display_column() {
        assert_eq!(visible_bytes(b"abcdef", 2, 3), "cde");
        assert_eq!(visible_bytes(b"abc", 5, 3), "");
        assert_eq!(visible_bytes("日本語".as_bytes(), 0, 4), "日本");
        // A wide character cut at the left edge leaves a space, not a torn glyph.
        assert_eq!(visible_bytes("日本語".as_bytes(), 1, 4), " 本 ");
    }

    #[test]
    fn control_bytes_never_pass_through() {
        let shown = visible_bytes(b"\x1b[31mred\x07\x9b", 0, 80);
        assert_eq!(shown, "␛[31mred␇\u{fffd}");
        assert!(!shown.chars().any(char::is_control));
        assert_eq!(visible_bytes("a\u{202e}b".as_bytes(), 0, 80), "a\\u{202e}b");
    }

    #[test]
    fn huge_line_costs_only_the_window() {
        let line = vec![b'x'; 50_000_000];
        assert_eq!(visible_bytes(&line, 10, 5), "xxxxx");
    }

    #[test]
    fn runs_keep_their_kinds() {
        let line = "\"k\": 1";
        let runs = [(1, 0..3), (2, 3..5), (3, 5..6)];
        assert_eq!(
            visible_runs(line, &runs, 1, 4),
            vec![(1, "k\"".to_owned()), (2, ": ".to_owned())]
        );
    }
}
