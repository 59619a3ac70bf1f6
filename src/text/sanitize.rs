//! Untrusted text (bodies, headers, reason phrases) must never reach the terminal as control
//! characters: an ESC in a response could retitle the window, clear the screen or write the
//! clipboard. Every such character is replaced by a visible stand-in of the same width.

use std::borrow::Cow;

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
    !(c.is_control() || is_invisible_format(c))
}

/// Bidirectional overrides, isolates and marks reorder what follows them (the "Trojan Source"
/// trick); zero-width spaces, joiners and the BOM hide text. All are shown as escapes.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
            | '\u{061c}' | '\u{feff}'
    )
}

/// How one character of untrusted text is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// As itself.
    Char(char),
    /// A control character as its single-width picture (`␛` for ESC).
    Picture(char),
    /// Spaces for a tab.
    Tab,
    /// An escape such as `\u{202e}`, one column per character.
    Escape(String),
}

/// The visible form of `c`: the one rule every view and the CLI follow.
pub fn shown(c: char) -> Shown {
    match c {
        '\t' => Shown::Tab,
        // C0 controls have single-width pictures in the Control Pictures block (U+2400..U+241F).
        '\u{0}'..='\u{1f}' => Shown::Picture(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => Shown::Picture('\u{2421}'),
        c if c.is_control() || is_invisible_format(c) => {
            Shown::Escape(format!("\\u{{{:x}}}", c as u32))
        }
        c => Shown::Char(c),
    }
}

/// JSON text (as `serde_json` writes it) safe for a terminal and still the same JSON: the C1
/// controls, bidirectional and invisible characters `serde_json` leaves raw inside strings are
/// written as `\uXXXX` escapes (C0 controls it escapes itself; none of these is outside the
/// BMP, and none can appear outside a string).
pub fn json_for_terminal(json: String) -> String {
    // Pretty JSON's own line breaks stay (inside strings serde_json writes `\n`).
    let safe = |c: char| c == '\n' || is_safe(c);
    if json.chars().all(safe) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if safe(c) {
            out.push(c);
        } else {
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{:04x}", c as u32));
        }
    }
    out
}

fn push_visible(c: char, out: &mut String) {
    match shown(c) {
        Shown::Char(c) | Shown::Picture(c) => out.push(c),
        Shown::Tab => out.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
        Shown::Escape(text) => out.push_str(&text),
    }
}

#[cfg(test)]
#[path = "sanitize_proptests.rs"]
mod proptests;

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
    fn json_for_a_terminal_escapes_c1_and_bidi_and_stays_the_same_json() {
        let value = serde_json::json!({"region": "Region\u{9b}2J\u{202e}One\u{1b}", "ok": "é"});
        let raw = serde_json::to_string_pretty(&value).expect("serialises");
        assert!(raw.contains('\u{9b}') && raw.contains('\u{202e}'), "{raw}");
        let safe = json_for_terminal(raw);
        assert!(safe.chars().all(|c| c == '\n' || is_safe(c)), "{safe}");
        assert!(safe.lines().count() > 1, "pretty stays pretty: {safe}");
        assert!(safe.contains(r"\u009b") && safe.contains(r"\u202e") && safe.contains('é'));
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn tabs_expand_and_newlines_show() {
        assert_eq!(sanitize("a\tb\r\n"), "a    b␍␊");
    }
}
