//! Keys and string values, found and unescaped lazily.

use std::borrow::Cow;
use std::ops::Range;

use super::{JsonIndex, Kind};

impl JsonIndex {
    /// The key of an object member: its bytes between the quotes, escapes intact. `None` for an
    /// array element or a root.
    pub fn key_raw(&self, n: usize) -> Option<&[u8]> {
        let span = self.key_span(n)?;
        Some(&self.body[span.start + 1..span.end - 1])
    }

    /// The key unescaped (`None` for an array element or a root).
    pub fn key(&self, n: usize) -> Option<Cow<'_, str>> {
        self.key_raw(n).map(unescape)
    }

    /// Byte range of the key, quotes included (`None` for an array element or a root).
    ///
    /// The key is not stored: it is found by scanning back from the value, over `"key" : `.
    /// Inside a valid string every `"` is escaped, so the opening quote is the first one
    /// before the closing quote that follows an even run of backslashes. O(key length).
    pub fn key_span(&self, n: usize) -> Option<Range<usize>> {
        let parent = self.parent(n)?;
        if self.kind(parent) != Kind::Object {
            return None;
        }
        let bytes = &self.body[..];
        let close = skip_ws_back(bytes, self.span(n).start);
        let close = skip_ws_back(bytes, close.checked_sub(1)?).checked_sub(1)?;
        let mut search = close;
        loop {
            let open = memchr::memrchr(b'"', &bytes[..search])?;
            let backslashes = bytes[..open]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            if backslashes % 2 == 0 {
                return Some(open..close + 1);
            }
            search = open;
        }
    }

    /// The value as text: a string unescaped (lone surrogates become U+FFFD), any other value
    /// its raw text (what `ys` yanks).
    pub fn string_value(&self, n: usize) -> Cow<'_, str> {
        let raw = self.value_raw(n);
        if self.kind(n) == Kind::String {
            let inner = &raw[1..raw.len() - 1];
            if self.has_escapes(n) {
                unescape(inner)
            } else {
                String::from_utf8_lossy(inner)
            }
        } else {
            String::from_utf8_lossy(raw)
        }
    }
}

impl JsonIndex {
    /// The first `max_bytes` (about) of a string unescaped, and whether it was cut: enough for
    /// a row on screen without unescaping a 10 MB string every frame. Any other value as
    /// `string_value`.
    pub fn string_prefix(&self, n: usize, max_bytes: usize) -> (Cow<'_, str>, bool) {
        let raw = self.value_raw(n);
        if self.kind(n) != Kind::String || raw.len() <= max_bytes + 2 {
            return (self.string_value(n), false);
        }
        let inner = &raw[1..raw.len() - 1];
        // Cut where no escape is split: walk escapes up to the limit.
        let mut cut = 0;
        while cut < max_bytes {
            cut += match inner[cut] {
                b'\\' if inner.get(cut + 1) == Some(&b'u') => 6,
                b'\\' => 2,
                _ => 1,
            };
        }
        let cut = cut.min(inner.len());
        // Back off to a character boundary (a cut inside UTF-8 would show U+FFFD).
        let cut = (0..=cut)
            .rev()
            .find(|&i| i == inner.len() || (inner[i] & 0xC0) != 0x80)
            .unwrap_or(0);
        (unescape(&inner[..cut]), true)
    }
}

/// The offset just past the last non-whitespace byte before `end`.
fn skip_ws_back(bytes: &[u8], mut end: usize) -> usize {
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\n' | b'\r' | b'\t') {
        end -= 1;
    }
    end
}

/// Unescapes the inside of a JSON string. Never panics, even on bytes that did not validate:
/// a bad escape is kept as written and a lone surrogate becomes U+FFFD.
pub(super) fn unescape(raw: &[u8]) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'\\', raw) else {
        return String::from_utf8_lossy(raw);
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&String::from_utf8_lossy(&raw[..first]));
    let mut i = first;
    while i < raw.len() {
        let plain = memchr::memchr(b'\\', &raw[i..]).map_or(raw.len(), |k| i + k);
        out.push_str(&String::from_utf8_lossy(&raw[i..plain]));
        i = plain;
        if i >= raw.len() {
            break;
        }
        let simple = match raw.get(i + 1) {
            Some(b'"') => Some('"'),
            Some(b'\\') => Some('\\'),
            Some(b'/') => Some('/'),
            Some(b'b') => Some('\u{8}'),
            Some(b'f') => Some('\u{c}'),
            Some(b'n') => Some('\n'),
            Some(b'r') => Some('\r'),
            Some(b't') => Some('\t'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            i += 2;
            continue;
        }
        let Some(unit) = hex4(raw, i + 1) else {
            // Not a valid escape: keep the backslash and go on.
            out.push('\\');
            i += 1;
            continue;
        };
        i += 6;
        let c = if (0xD800..0xDC00).contains(&unit) {
            match hex4(raw, i + 1).filter(|low| (0xDC00..0xE000).contains(low)) {
                Some(low) if raw.get(i) == Some(&b'\\') => {
                    i += 6;
                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                }
                _ => None,
            }
        } else {
            char::from_u32(unit)
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    Cow::Owned(out)
}

/// The code unit of `u` + four hex digits at `at` (`at` is the `u`).
fn hex4(raw: &[u8], at: usize) -> Option<u32> {
    if raw.get(at) != Some(&b'u') {
        return None;
    }
    let digits = raw.get(at + 1..at + 5)?;
    digits.iter().try_fold(0, |acc, &d| {
        let v = (d as char).to_digit(16)?;
        Some(acc * 16 + v)
    })
}

/// jq's keywords: older jq versions do not take them after a dot unquoted (`.end`).
const JQ_KEYWORDS: &[&[u8]] = &[
    b"__loc__", b"and", b"as", b"break", b"catch", b"def", b"elif", b"else", b"end", b"foreach",
    b"if", b"import", b"include", b"label", b"or", b"reduce", b"then", b"try",
];

/// Whether a key can follow a dot in a jq path as it is (`[A-Za-z_][A-Za-z0-9_]*`, and not a
/// jq keyword).
pub(super) fn is_identifier(key: &[u8]) -> bool {
    match key.split_first() {
        Some((first, rest)) => {
            (first.is_ascii_alphabetic() || *first == b'_')
                && rest.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
                && !JQ_KEYWORDS.contains(&key)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_prefix_never_splits_an_escape_or_a_character() {
        let body = bytes::Bytes::from_static("[\"ab\\u00e9cd\", \"éé\", \"x\"]".as_bytes());
        let index = JsonIndex::build(body).expect("valid");
        // `ab\u00e9cd`: a cut at 3 falls inside `\u00e9`, which is kept whole.
        assert_eq!(index.string_prefix(1, 3), (Cow::Borrowed("abé"), true));
        assert_eq!(index.string_prefix(1, 100).0, "abécd");
        assert!(!index.string_prefix(1, 100).1);
        // `éé` is four bytes: a cut at 3 backs off to the second character's start.
        assert_eq!(index.string_prefix(2, 3).0, "é");
        assert_eq!(index.string_prefix(3, 1), (Cow::Borrowed("x"), false));
    }

    #[test]
    fn unescape_handles_every_escape_and_bad_surrogates() {
        assert_eq!(unescape(br"plain"), "plain");
        assert!(matches!(unescape(br"plain"), Cow::Borrowed(_)));
        assert_eq!(
            unescape(br#"a\"b\\c\/d\b\f\n\r\t"#),
            "a\"b\\c/d\u{8}\u{c}\n\r\t"
        );
        assert_eq!(unescape(br"\u00e9\u263A"), "é☺");
        assert_eq!(unescape(br"\ud83d\ude00!"), "😀!");
        assert_eq!(unescape(br"\ud83dx"), "\u{FFFD}x");
        assert_eq!(unescape(br"\ude00\ud83d"), "\u{FFFD}\u{FFFD}");
        assert_eq!(unescape(br"\ud83d\u0041"), "\u{FFFD}A");
        assert_eq!(unescape(br"\ud83d\n"), "\u{FFFD}\n");
        // Bytes that never validated still come out without a panic.
        assert_eq!(unescape(br"\q\u12"), "\\q\\u12");
        assert_eq!(unescape(b"\\"), "\\");
        assert_eq!(unescape(b"\xff\\n"), "\u{FFFD}\n");
    }

    #[test]
    fn identifiers_are_jq_identifiers() {
        assert!(is_identifier(b"servers"));
        assert!(is_identifier(b"_x1"));
        assert!(!is_identifier(b""));
        assert!(!is_identifier(b"1x"));
        assert!(!is_identifier(b"os-flavor-access:is_public"));
        assert!(!is_identifier("é".as_bytes()));
        assert!(!is_identifier(b"end"));
        assert!(is_identifier(b"ending"));
    }
}
