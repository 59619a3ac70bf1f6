//! Any text, sanitised, holds no character that could drive a terminal: no C0 control, DEL,
//! C1 control (ESC-free CSI 0x9B included), bidi override or isolate, zero-width or BOM.
//! Sanitising is idempotent, borrows exactly when nothing needed changing, and
//! `sanitize_into` appends the same text.
#![no_main]

use std::borrow::Cow;

use fiddlestack::text::sanitize::{is_invisible_format, sanitize, sanitize_into};
use libfuzzer_sys::fuzz_target;

/// The characters the issue names, written out independently of the crate's own rule.
fn forbidden(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    ) || c.is_control()
        || is_invisible_format(c)
}

fn check(text: &str) {
    let out = sanitize(text);
    if let Some(bad) = out.chars().find(|&c| forbidden(c)) {
        panic!("{bad:?} survived in {out:?} (from {text:?})");
    }
    let needs_change = text.chars().any(forbidden);
    assert_eq!(
        matches!(out, Cow::Borrowed(_)),
        !needs_change,
        "borrowed exactly when safe: {text:?}"
    );
    assert!(
        matches!(sanitize(&out), Cow::Borrowed(_)),
        "sanitised text is safe as it is: {out:?}"
    );
    let mut appended = String::from("prefix");
    sanitize_into(text, &mut appended);
    assert_eq!(&appended["prefix".len()..], &*out);
}

fuzz_target!(|data: &[u8]| {
    // Bodies arrive as bytes; views show them through a lossy decode.
    check(&String::from_utf8_lossy(data));
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
});
