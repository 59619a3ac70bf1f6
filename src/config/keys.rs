//! One key press as written in `config.toml` ("ctrl-j", "shift-tab", "G") and as
//! crossterm reports it, normalised so the two compare equal.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thiserror::Error;

/// Modifiers a binding can name; the rest (hyper, meta) never reach a binding.
const BINDABLE: KeyModifiers = KeyModifiers::SHIFT
    .union(KeyModifiers::CONTROL)
    .union(KeyModifiers::ALT)
    .union(KeyModifiers::SUPER);

/// Named keys: (canonical name, aliases, code). The canonical name is what `Display` prints.
const NAMED: &[(&str, &[&str], KeyCode)] = &[
    ("esc", &["escape"], KeyCode::Esc),
    ("enter", &["return"], KeyCode::Enter),
    ("space", &[], KeyCode::Char(' ')),
    ("tab", &[], KeyCode::Tab),
    ("backspace", &[], KeyCode::Backspace),
    ("delete", &["del"], KeyCode::Delete),
    ("insert", &["ins"], KeyCode::Insert),
    ("up", &[], KeyCode::Up),
    ("down", &[], KeyCode::Down),
    ("left", &[], KeyCode::Left),
    ("right", &[], KeyCode::Right),
    ("pgup", &["pageup"], KeyCode::PageUp),
    ("pgdn", &["pagedown"], KeyCode::PageDown),
    ("home", &[], KeyCode::Home),
    ("end", &[], KeyCode::End),
];

/// Every spelling `FromStr` accepts, in one sentence (for help text).
pub const KEY_FORMS: &str = "a single character (\"q\", \"?\", \"G\" = shift-g, \"[\"), \
     esc, enter, space, tab, backspace, delete, insert, up, down, left, right, \
     pgup, pgdn, home, end, f1..f24, optionally prefixed by ctrl-, alt-, shift-, super- \
     (\"ctrl-j\", \"alt-enter\", \"shift-tab\", \"ctrl-shift-x\")";

/// A key plus modifiers, in canonical form:
/// - a character never carries SHIFT (an uppercase letter *is* the shifted letter);
/// - shift-tab is `BackTab` without SHIFT, as crossterm reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyCombo {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Why a key string did not parse.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("bad key \"{input}\": {reason}")]
pub struct KeyParseError {
    pub input: String,
    pub reason: KeyParseReason,
}

/// The specific problem with a key string.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyParseReason {
    #[error("empty key")]
    Empty,
    #[error("unknown modifier \"{0}\" (use ctrl, alt, shift or super)")]
    UnknownModifier(String),
    #[error("modifier \"{0}\" given twice")]
    RepeatedModifier(String),
    #[error("unknown key name \"{0}\" (named keys: {list}, f1..f24)", list = named_key_list())]
    UnknownKey(String),
    #[error("shift with \"{0}\" depends on the keyboard layout; write the character it types")]
    ShiftedSymbol(char),
}

/// "esc, enter, space, ..." for error messages, straight from the table so it cannot drift.
fn named_key_list() -> String {
    NAMED
        .iter()
        .map(|(name, _, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

impl KeyCombo {
    /// A combo from a code and modifiers, normalised.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> KeyCombo {
        normalise(code, modifiers)
    }

    /// Whether this is a plain character a text field would insert.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && self.modifiers.is_empty()
    }

    /// The combo a terminal key event stands for (raw mode: ctrl-j is `Char('j')` + CONTROL).
    pub fn from_event(event: &KeyEvent) -> KeyCombo {
        normalise(event.code, event.modifiers)
    }
}

fn normalise(code: KeyCode, modifiers: KeyModifiers) -> KeyCombo {
    let mut modifiers = modifiers & BINDABLE;
    let code = match code {
        KeyCode::BackTab => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Char(c) => {
            // Terminals differ on whether shift+g arrives as 'G', 'G'+SHIFT or 'g'+SHIFT.
            let shifted = modifiers.contains(KeyModifiers::SHIFT);
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::Char(if shifted { c.to_ascii_uppercase() } else { c })
        }
        other => other,
    };
    KeyCombo { code, modifiers }
}

impl FromStr for KeyCombo {
    type Err = KeyParseError;

    fn from_str(input: &str) -> Result<KeyCombo, KeyParseError> {
        let fail = |reason| KeyParseError {
            input: input.to_owned(),
            reason,
        };
        let (prefix, key) = split_key(input);
        let mut modifiers = KeyModifiers::NONE;
        for word in prefix.iter().copied() {
            let modifier = parse_modifier(word)
                .ok_or_else(|| fail(KeyParseReason::UnknownModifier(word.to_owned())))?;
            if modifiers.contains(modifier) {
                return Err(fail(KeyParseReason::RepeatedModifier(word.to_owned())));
            }
            modifiers |= modifier;
        }
        let code = parse_code(key).map_err(&fail)?;
        if let KeyCode::Char(c) = code
            && modifiers.contains(KeyModifiers::SHIFT)
            && !c.is_ascii_alphabetic()
        {
            return Err(fail(KeyParseReason::ShiftedSymbol(c)));
        }
        Ok(normalise(code, modifiers))
    }
}

/// Splits `ctrl-alt-x` into `(["ctrl", "alt"], "x")`; a trailing `-` is the minus key itself.
fn split_key(input: &str) -> (Vec<&str>, &str) {
    let (prefix, key) = if input == "-" {
        ("", "-")
    } else if let Some(prefix) = input.strip_suffix("--") {
        (prefix, "-")
    } else {
        match input.rsplit_once('-') {
            Some((prefix, key)) => (prefix, key),
            None => ("", input),
        }
    };
    let words = if prefix.is_empty() {
        Vec::new()
    } else {
        prefix.split('-').collect()
    };
    (words, key)
}

fn parse_modifier(word: &str) -> Option<KeyModifiers> {
    match word.to_ascii_lowercase().as_str() {
        "ctrl" | "control" => Some(KeyModifiers::CONTROL),
        "alt" => Some(KeyModifiers::ALT),
        "shift" => Some(KeyModifiers::SHIFT),
        "super" => Some(KeyModifiers::SUPER),
        _ => None,
    }
}

fn parse_code(key: &str) -> Result<KeyCode, KeyParseReason> {
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return Err(KeyParseReason::Empty),
        // Single characters are case-sensitive: "G" is not "g".
        (Some(c), None) => return Ok(KeyCode::Char(c)),
        _ => {}
    }
    let lower = key.to_ascii_lowercase();
    if lower == "backtab" {
        return Ok(KeyCode::BackTab);
    }
    if let Some(digits) = lower.strip_prefix('f')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = digits.parse::<u8>()
        && (1..=24).contains(&n)
    {
        return Ok(KeyCode::F(n));
    }
    NAMED
        .iter()
        .find(|(name, aliases, _)| *name == lower || aliases.contains(&lower.as_str()))
        .map(|(_, _, code)| *code)
        .ok_or_else(|| KeyParseReason::UnknownKey(key.to_owned()))
}

impl fmt::Display for KeyCombo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mods = self.modifiers;
        let upper_letter = matches!(self.code, KeyCode::Char(c) if c.is_ascii_uppercase());
        // "G" alone reads well; "ctrl-G" looks like ctrl-g, so spell out the shift there.
        let spell_shift = (upper_letter && !mods.is_empty())
            || self.code == KeyCode::BackTab
            || mods.contains(KeyModifiers::SHIFT);
        for (flag, word) in [
            (mods.contains(KeyModifiers::CONTROL), "ctrl-"),
            (mods.contains(KeyModifiers::ALT), "alt-"),
            (spell_shift, "shift-"),
            (mods.contains(KeyModifiers::SUPER), "super-"),
        ] {
            if flag {
                f.write_str(word)?;
            }
        }
        match self.code {
            KeyCode::Char(c) if upper_letter && !mods.is_empty() => {
                write!(f, "{}", c.to_ascii_lowercase())
            }
            KeyCode::BackTab => f.write_str("tab"),
            KeyCode::F(n) => write!(f, "f{n}"),
            KeyCode::Char(c) => match NAMED.iter().find(|(_, _, code)| *code == self.code) {
                Some((name, _, _)) => f.write_str(name),
                None => write!(f, "{c}"),
            },
            code => match NAMED.iter().find(|(_, _, named)| *named == code) {
                Some((name, _, _)) => f.write_str(name),
                // Keys a binding cannot name (media keys, caps lock): crossterm's own wording.
                None => write!(f, "{}", code.to_string().to_lowercase().replace(' ', "")),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    fn combo(s: &str) -> KeyCombo {
        s.parse().expect("test key parses")
    }

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn canonical_forms_round_trip() {
        for s in [
            "ctrl-j",
            "alt-enter",
            "f5",
            "f1",
            "f24",
            "tab",
            "shift-tab",
            "esc",
            "enter",
            "space",
            "backspace",
            "delete",
            "insert",
            "up",
            "down",
            "left",
            "right",
            "pgup",
            "pgdn",
            "home",
            "end",
            "?",
            "q",
            "G",
            "[",
            "]",
            "0",
            "-",
            "ctrl--",
            "alt-1",
            "ctrl-shift-x",
            "ctrl-alt-shift-super-k",
            "shift-up",
            "ctrl-space",
            "ctrl-shift-tab",
        ] {
            assert_eq!(combo(s).to_string(), s, "round trip of {s}");
        }
    }

    #[test]
    fn parses_to_expected_codes() {
        assert_eq!(
            combo("ctrl-j"),
            KeyCombo {
                code: KeyCode::Char('j'),
                modifiers: KeyModifiers::CONTROL
            }
        );
        assert_eq!(combo("shift-tab").code, KeyCode::BackTab);
        assert_eq!(combo("shift-tab").modifiers, KeyModifiers::NONE);
        assert_eq!(combo("space").code, KeyCode::Char(' '));
        assert_eq!(combo("f5").code, KeyCode::F(5));
        assert_eq!(combo("G").modifiers, KeyModifiers::NONE);
    }

    #[test]
    fn aliases_and_case_normalise() {
        for (alias, canonical) in [
            ("Ctrl-j", "ctrl-j"),
            ("CONTROL-j", "ctrl-j"),
            ("ALT-Enter", "alt-enter"),
            ("escape", "esc"),
            ("Return", "enter"),
            ("F5", "f5"),
            ("PageUp", "pgup"),
            ("pagedown", "pgdn"),
            ("backtab", "shift-tab"),
            ("Shift-Tab", "shift-tab"),
            ("shift-g", "G"),
            ("shift-G", "G"),
            ("ctrl-X", "ctrl-shift-x"),
            (" ", "space"),
            ("del", "delete"),
        ] {
            assert_eq!(combo(alias), combo(canonical), "{alias}");
            assert_eq!(combo(alias).to_string(), canonical, "{alias}");
        }
    }

    #[test]
    fn single_characters_are_case_sensitive() {
        assert_ne!(combo("g"), combo("G"));
        assert_ne!(combo("ctrl-j"), combo("ctrl-J"));
    }

    #[test]
    fn bad_strings_name_the_problem() {
        let err = |s: &str| s.parse::<KeyCombo>().expect_err("bad key rejected");
        assert_eq!(err("").reason, KeyParseReason::Empty);
        assert_eq!(err("ctrl-").reason, KeyParseReason::Empty);
        assert_eq!(
            err("hyper-x").reason,
            KeyParseReason::UnknownModifier("hyper".into())
        );
        assert_eq!(
            err("ctrl-ctrl-x").reason,
            KeyParseReason::RepeatedModifier("ctrl".into())
        );
        assert_eq!(
            err("ctrl-foo").reason,
            KeyParseReason::UnknownKey("foo".into())
        );
        assert_eq!(err("f25").reason, KeyParseReason::UnknownKey("f25".into()));
        assert_eq!(err("shift-1").reason, KeyParseReason::ShiftedSymbol('1'));
        let message = err("ctrl-foo").to_string();
        assert!(message.starts_with("bad key \"ctrl-foo\": unknown key name \"foo\""));
    }

    #[test]
    fn events_normalise_like_strings() {
        let cases = [
            (event(KeyCode::Char('G'), KeyModifiers::SHIFT), "G"),
            (event(KeyCode::Char('G'), KeyModifiers::NONE), "G"),
            (event(KeyCode::Char('g'), KeyModifiers::SHIFT), "G"),
            (event(KeyCode::Char('j'), KeyModifiers::CONTROL), "ctrl-j"),
            (event(KeyCode::BackTab, KeyModifiers::SHIFT), "shift-tab"),
            (event(KeyCode::BackTab, KeyModifiers::NONE), "shift-tab"),
            (event(KeyCode::Tab, KeyModifiers::SHIFT), "shift-tab"),
            (event(KeyCode::Char('?'), KeyModifiers::SHIFT), "?"),
            (event(KeyCode::Enter, KeyModifiers::ALT), "alt-enter"),
            (event(KeyCode::Char('1'), KeyModifiers::ALT), "alt-1"),
            (
                event(
                    KeyCode::Char('x'),
                    KeyModifiers::CONTROL | KeyModifiers::SHIFT,
                ),
                "ctrl-shift-x",
            ),
            (event(KeyCode::Up, KeyModifiers::SHIFT), "shift-up"),
            (event(KeyCode::Char('q'), KeyModifiers::META), "q"),
        ];
        for (ev, expected) in cases {
            assert_eq!(KeyCombo::from_event(&ev), combo(expected), "{ev:?}");
        }
    }

    #[test]
    fn printable_means_plain_character() {
        assert!(combo("q").is_printable());
        assert!(combo("G").is_printable());
        assert!(combo("space").is_printable());
        assert!(!combo("ctrl-j").is_printable());
        assert!(!combo("alt-1").is_printable());
        assert!(!combo("enter").is_printable());
    }

    #[test]
    fn unbindable_keys_still_display() {
        let caps = KeyCombo::new(KeyCode::CapsLock, KeyModifiers::NONE);
        assert_eq!(caps.to_string(), "capslock");
    }
}
