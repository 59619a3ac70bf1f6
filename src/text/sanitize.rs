//! Untrusted text (bodies, headers, reason phrases) must never reach the terminal as control
//! characters: an ESC in a response could retitle the window, clear the screen or write the
//! clipboard. Every such character is replaced by a visible stand-in of the same width.

use std::borrow::Cow;
use std::fmt::Write;

/// Spaces a tab expands to in views.
pub const TAB_WIDTH: usize = 4;

/// Returns `text` with control characters made visible; borrows when nothing needed changing.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_safe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    sanitize_into(text, &mut out);
    Cow::Owned(out)
}

/// Appends the sanitised form of `text` to `out`.
pub fn sanitize_into(text: &str, out: &mut String) {
    for c in text.chars() {
        push_visible(c, out);
    }
}

fn is_safe(c: char) -> bool {
    !(c.is_control() || is_bidi_control(c))
}

/// Bidirectional overrides and isolates reorder what follows them (the "Trojan Source" trick).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn push_visible(c: char, out: &mut String) {
    match c {
        '\t' => out.push_str(&" ".repeat(TAB_WIDTH)),
        // C0 controls have single-width pictures in the Control Pictures block (U+2400..U+241F).
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('\u{2421}'),
        c if c.is_control() || is_bidi_control(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            sanitize("hello, wörld"),
            Cow::Borrowed("hello, wörld")
        ));
    }

    #[test]
    fn escape_sequences_become_visible() {
        let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
        let safe = sanitize(hostile);
        assert_eq!(safe, "␛]0;pwned␇␛[2J");
        assert!(!safe.chars().any(char::is_control));
    }

    #[test]
    fn c1_del_and_bidi_are_escaped() {
        assert_eq!(
            sanitize("a\u{9b}b\u{7f}c\u{202e}d"),
            "a\\u{9b}b␡c\\u{202e}d"
        );
    }

    #[test]
    fn tabs_expand_and_newlines_show() {
        assert_eq!(sanitize("a\tb\r\n"), "a    b␍␊");
    }
}
