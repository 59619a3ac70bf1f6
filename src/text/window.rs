//! The visible part of one line: decoded lossily, sanitised, cut to a horizontal window by
//! display width. Costs O(column + width), never O(line), so a 100 MB single-line body scrolls.

use unicode_width::UnicodeWidthChar;

use super::sanitize::TAB_WIDTH;

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

/// Display columns of `bytes` as shown, up to `limit` (for horizontal scroll bounds).
pub fn display_width(text: &str) -> usize {
    let mut column = 0;
    let mut sink = String::new();
    for c in text.chars() {
        push_char(c, &mut column, usize::MAX, usize::MAX, &mut sink);
    }
    column
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
    match c {
        '\t' => {
            for _ in 0..TAB_WIDTH {
                emit(' ', 1, column);
            }
        }
        '\u{0}'..='\u{1f}' => emit(char::from_u32(0x2400 + c as u32).unwrap_or('?'), 1, column),
        '\u{7f}' => emit('\u{2421}', 1, column),
        c if c.is_control() || is_invisible_format(c) => {
            for shown in format!("\\u{{{:x}}}", c as u32).chars() {
                emit(shown, 1, column);
            }
        }
        c => {
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

/// Bidi controls and other invisible format characters that could reorder or hide text.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{feff}')
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
        assert_eq!(display_width("a\tb"), 6);
    }
}
