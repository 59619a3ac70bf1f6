//! On generated text heavy in control characters, escape sequences and bidi marks: nothing a
//! terminal would act on survives, sanitising twice changes nothing more, text that needed no
//! change is borrowed as it is, and `sanitize_into` appends exactly what `sanitize` returns.

use proptest::prelude::*;

use super::*;

/// What must never reach the terminal, written out from the rule rather than taken from it:
/// C0, DEL, C1, the bidi embeddings and overrides (U+202A–U+202E) and isolates
/// (U+2066–U+2069).
fn is_terminal_hazard(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Text mixing plain characters with the hazards and whole escape sequences.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zé☃ ]{1,4}",
        2 => proptest::char::range('\u{0}', '\u{9f}').prop_map(String::from),
        1 => proptest::char::range('\u{2000}', '\u{206f}').prop_map(String::from),
        1 => Just("\u{1b}]0;title\u{7}".to_owned()),
        1 => Just("\u{1b}[2J\u{1b}[31m".to_owned()),
        1 => Just("\u{9b}31m".to_owned()),
        1 => Just("\u{feff}\u{200b}\u{61c}".to_owned()),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_control_or_bidi_character_survives(text in hostile_text()) {
        let out = sanitize(&text);
        for c in out.chars() {
            prop_assert!(!is_terminal_hazard(c), "{:?} survived in {:?}", c, out);
            prop_assert!(!c.is_control() && !is_invisible_format(c), "{:?} in {:?}", c, out);
        }
    }

    #[test]
    fn lossy_decoded_bytes_come_out_safe(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let text = String::from_utf8_lossy(&bytes);
        prop_assert!(!sanitize(&text).chars().any(is_terminal_hazard));
    }

    #[test]
    fn sanitising_is_idempotent_and_borrows_safe_text(text in hostile_text()) {
        let out = sanitize(&text);
        let needed_change = text.chars().any(|c| c.is_control() || is_invisible_format(c));
        prop_assert_eq!(matches!(out, Cow::Borrowed(_)), !needed_change);
        prop_assert!(matches!(sanitize(&out), Cow::Borrowed(_)));
    }

    #[test]
    fn sanitize_into_appends_what_sanitize_returns(text in hostile_text(), prefix in "[a-z]{0,4}") {
        let mut out = prefix.clone();
        sanitize_into(&text, &mut out);
        prop_assert_eq!(out, format!("{prefix}{}", sanitize(&text)));
    }
}
