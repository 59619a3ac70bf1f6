//! One cell's text: scalars as sent (strings unescaped, numbers raw), nested values summarised
//! or previewed on one line; always safe for a terminal and never longer than a table needs.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::json::index::{JsonIndex, Kind};
use crate::text::sanitize;

/// How a nested object or array shows in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Nested {
    /// `{…} 3 keys`, `[…] 2 items`, `{}`, `[]`.
    #[default]
    Summary,
    /// The one-line preview: `{rel: "self", href: "https://…"}`.
    OneLine,
}

/// What a cell shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'a> {
    /// One line, control characters made visible (`crate::text::sanitize`); a string longer
    /// than `CELL_BYTES` as sent shows its beginning and `…`.
    pub text: Cow<'a, str>,
    pub kind: Kind,
    /// The value of a number (for alignment and sorting); `None` for anything else.
    pub numeric: Option<f64>,
    /// The member node shown.
    pub node: usize,
}

/// Strings and numbers longer than this many bytes as sent show their beginning and `…`: a
/// cell never needs the whole of a 50 MB string.
pub const CELL_BYTES: usize = 2048;
/// Characters of a one-line preview of a nested value.
pub const ONE_LINE_CHARS: usize = 200;

pub(super) fn cell(index: &JsonIndex, node: usize, nested: Nested) -> Cell<'_> {
    let kind = index.kind(node);
    let raw = index.value_raw(node);
    let text = match kind {
        Kind::String if raw.len() <= CELL_BYTES + 2 => index.string_value(node),
        Kind::String => long_string(&raw[1..raw.len() - 1]),
        Kind::Object | Kind::Array => match nested {
            Nested::Summary => Cow::Owned(summary(kind, index.child_count(node))),
            Nested::OneLine => Cow::Owned(index.preview(node, ONE_LINE_CHARS)),
        },
        _ if raw.len() <= CELL_BYTES => String::from_utf8_lossy(raw),
        _ => Cow::Owned(format!("{}…", String::from_utf8_lossy(&raw[..CELL_BYTES]))),
    };
    let numeric = if kind == Kind::Number {
        number(raw)
    } else {
        None
    };
    Cell {
        text: safe(text),
        kind,
        numeric,
        node,
    }
}

/// The value of a JSON number (`None` only for bytes that are not one).
pub(super) fn number(raw: &[u8]) -> Option<f64> {
    std::str::from_utf8(raw).ok()?.parse().ok()
}

fn summary(kind: Kind, count: usize) -> String {
    let (empty, open, one, many) = if kind == Kind::Object {
        ("{}", "{…}", "key", "keys")
    } else {
        ("[]", "[…]", "item", "items")
    };
    match count {
        0 => empty.to_owned(),
        1 => format!("{open} 1 {one}"),
        n => format!("{open} {n} {many}"),
    }
}

/// `text` with control characters made visible, still borrowed when nothing changed.
fn safe(text: Cow<'_, str>) -> Cow<'_, str> {
    let changed = match sanitize(&text) {
        Cow::Owned(s) => Some(s),
        Cow::Borrowed(_) => None,
    };
    changed.map_or(text, Cow::Owned)
}

/// The first `CELL_BYTES` or so of a long string's inside, unescaped, then `…`. The cut falls
/// between escapes (a surrogate pair is one) and between UTF-8 characters.
fn long_string(inner: &[u8]) -> Cow<'_, str> {
    let mut cut = 0;
    while cut < inner.len() {
        let step = match inner[cut] {
            b'\\' if inner.get(cut + 1) == Some(&b'u') => {
                let pair = hex4(inner, cut + 2).is_some_and(|u| (0xD800..0xDC00).contains(&u))
                    && inner.get(cut + 6..cut + 8) == Some(b"\\u");
                if pair { 12 } else { 6 }
            }
            b'\\' => 2,
            b => utf8_len(b),
        };
        if cut + step > CELL_BYTES {
            break;
        }
        cut += step;
    }
    let prefix = &inner[..cut.min(inner.len())];
    let mut quoted = Vec::with_capacity(prefix.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(prefix);
    quoted.push(b'"');
    let mut text = serde_json::from_slice::<String>(&quoted)
        // A lone surrogate: show the text as sent rather than nothing.
        .unwrap_or_else(|_| String::from_utf8_lossy(prefix).into_owned());
    text.push('…');
    Cow::Owned(text)
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits
        .iter()
        .try_fold(0, |acc, &d| Some(acc * 16 + (d as char).to_digit(16)?))
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Display width of `text`, counted no further than `stop` columns.
pub(super) fn width(text: &str, stop: usize) -> usize {
    let mut columns = 0;
    for c in text.chars() {
        if columns >= stop {
            return stop;
        }
        columns += c.width().unwrap_or(0);
    }
    columns.min(stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_members() {
        assert_eq!(summary(Kind::Object, 0), "{}");
        assert_eq!(summary(Kind::Object, 1), "{…} 1 key");
        assert_eq!(summary(Kind::Array, 1), "[…] 1 item");
        assert_eq!(summary(Kind::Array, 12), "[…] 12 items");
    }

    #[test]
    fn long_strings_are_cut_between_escapes() {
        let mut inner = "a".repeat(CELL_BYTES - 3);
        inner.push_str(r"\ud83d\ude80tail");
        let text = long_string(inner.as_bytes());
        assert_eq!(text, format!("{}…", "a".repeat(CELL_BYTES - 3)));
        let mut inner = "é".repeat(CELL_BYTES);
        inner.push_str(r"\n");
        let text = long_string(inner.as_bytes());
        assert_eq!(text, format!("{}…", "é".repeat(CELL_BYTES / 2)));
        // A lone surrogate cannot be decoded: the text as sent.
        let inner = format!(r"\ud83d{}", "b".repeat(CELL_BYTES));
        assert!(long_string(inner.as_bytes()).starts_with(r"\ud83dbbb"));
    }

    #[test]
    fn widths_count_columns_and_stop_early() {
        assert_eq!(width("abc", 40), 3);
        assert_eq!(width("日本", 40), 4);
        assert_eq!(width(&"x".repeat(100), 40), 40);
    }
}
