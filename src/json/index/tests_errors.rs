//! Bad input: exact positions, messages, the partial index; nesting depth and size limits.

use super::build::{Limits, build};
use super::*;

fn error(json: &[u8]) -> IndexError {
    JsonIndex::build(Bytes::copy_from_slice(json)).expect_err("invalid JSON")
}

/// `(line, column, offset, kind)` of the error for `json`.
fn at(json: &[u8]) -> (usize, usize, usize, ErrorKind) {
    let e = error(json);
    (e.line, e.column, e.offset, e.kind)
}

#[test]
fn syntax_errors_point_at_the_offending_byte() {
    use ErrorKind::Expected as E;
    assert_eq!(at(b"[1,]"), (1, 4, 3, E(Expected::Value)));
    assert_eq!(at(b"{\"a\" 1}"), (1, 6, 5, E(Expected::Colon)));
    assert_eq!(
        at(b"{\"a\":1 \"b\":2}"),
        (1, 8, 7, E(Expected::CommaOrBrace))
    );
    assert_eq!(at(b"[1 2]"), (1, 4, 3, E(Expected::CommaOrBracket)));
    assert_eq!(at(b"{,}"), (1, 2, 1, E(Expected::KeyOrBrace)));
    assert_eq!(at(b"{\"a\":1,}"), (1, 8, 7, E(Expected::Key)));
    assert_eq!(at(b"[\xff]"), (1, 2, 1, E(Expected::Value)));
    assert_eq!(at(b"}"), (1, 1, 0, E(Expected::Value)));
    assert_eq!(at(b"[tru]"), (1, 2, 1, ErrorKind::InvalidLiteral("true")));
    assert_eq!(at(b"nul"), (1, 1, 0, ErrorKind::InvalidLiteral("null")));
    assert_eq!(at(b"{\"a\":1} x"), (1, 9, 8, ErrorKind::TrailingCharacters));
    assert_eq!(at(b"1 2"), (1, 3, 2, ErrorKind::TrailingCharacters));
    let pretty = b"{\n  \"a\": 1,\n  \"b\": [true, fals]\n}";
    assert_eq!(at(pretty), (3, 15, 26, ErrorKind::InvalidLiteral("false")));
}

#[test]
fn truncated_bodies_report_the_end_and_keep_what_was_valid() {
    use ErrorKind::EndOfInput as Eof;
    assert_eq!(at(b""), (1, 1, 0, Eof(Expected::Value)));
    assert_eq!(at(b"  \n "), (2, 2, 4, Eof(Expected::Value)));
    assert!(error(b"").partial.is_none());
    assert_eq!(at(b"{\"a\""), (1, 5, 4, Eof(Expected::Colon)));
    assert_eq!(at(b"{\"a\":"), (1, 6, 5, Eof(Expected::Value)));
    assert_eq!(at(b"{"), (1, 2, 1, Eof(Expected::KeyOrBrace)));
    assert_eq!(at(b"{\"a\":1,"), (1, 8, 7, Eof(Expected::Key)));

    let e = error(b"{\"a\":[1,2");
    assert_eq!(
        (e.line, e.column, e.offset, e.kind),
        (1, 10, 9, Eof(Expected::CommaOrBracket))
    );
    assert_eq!(e.message(), "unexpected end of input: expected ',' or ']'");
    assert_eq!(
        e.to_string(),
        "invalid JSON at line 1, column 10: unexpected end of input: expected ',' or ']'"
    );
    let p = e.partial.expect("nodes before the error");
    assert_eq!(p.len(), 4);
    assert!(p.is_unfinished(0) && p.is_unfinished(1));
    assert!(!p.is_unfinished(2) && !p.is_unfinished(3));
    assert_eq!((p.span(0), p.span(1)), (0..9, 5..9));
    assert_eq!((p.child_count(0), p.child_count(1)), (1, 2));
    assert_eq!(p.dot_path(3), ".a[1]");
    assert_eq!(p.subtree_end(0), 4);
    assert_eq!(p.preview(0, 40), "{a: […]}");
    assert_eq!(p.node_at_offset(8), Some(3));

    // A string cut short: the error is at its opening quote, the string is not kept.
    let e = error(b"{\"a\":\"bc");
    assert_eq!(
        (e.column, e.offset, e.kind),
        (6, 5, ErrorKind::UnterminatedString)
    );
    let p = e.partial.expect("the object");
    assert_eq!((p.len(), p.child_count(0), p.span(0)), (1, 0, 0..5));
    assert_eq!(at(b"{\"ab"), (1, 2, 1, ErrorKind::UnterminatedString));
    assert_eq!(at(b"\"\\"), (1, 1, 0, ErrorKind::UnterminatedString));
    assert_eq!(at(b"\"\\u12"), (1, 1, 0, ErrorKind::UnterminatedString));

    // Trailing garbage: the whole document before it is kept and finished.
    let p = error(b"{\"a\":1} x").partial.expect("the document");
    assert_eq!(p.len(), 2);
    assert!(!p.is_unfinished(0));
}

#[test]
fn strings_reject_control_characters_bad_escapes_and_bad_utf8() {
    assert_eq!(at(b"[\"a\tb\"]"), (1, 4, 3, ErrorKind::ControlCharacter));
    assert_eq!(at(b"\"a\nb\""), (1, 3, 2, ErrorKind::ControlCharacter));
    assert_eq!(at(b"[\"a\x00\"]"), (1, 4, 3, ErrorKind::ControlCharacter));
    assert_eq!(at(b"[\"a\\x\"]"), (1, 4, 3, ErrorKind::InvalidEscape));
    assert_eq!(at(b"[\"\\u12G4\"]"), (1, 3, 2, ErrorKind::InvalidEscape));
    assert_eq!(
        at(b"[\"ok\",\n \"a\xffb\"]"),
        (2, 4, 10, ErrorKind::InvalidUtf8)
    );
    assert_eq!(
        at("[\"é\u{1}".as_bytes()),
        (1, 4, 4, ErrorKind::ControlCharacter)
    );
    // A truncated multi-byte sequence, an overlong one, a surrogate encoded in UTF-8.
    assert_eq!(at(b"[\"\xc3\xa9\xe9\"]"), (1, 4, 4, ErrorKind::InvalidUtf8));
    assert_eq!(at(b"\"\xc0\xaf\""), (1, 2, 1, ErrorKind::InvalidUtf8));
    assert_eq!(at(b"\"\xed\xa0\x80\""), (1, 2, 1, ErrorKind::InvalidUtf8));
    // Invalid UTF-8 before a later error in the same string is reported first.
    assert_eq!(at(b"\"\xff\\q\""), (1, 2, 1, ErrorKind::InvalidUtf8));
    assert_eq!(at(b"\"\xff"), (1, 2, 1, ErrorKind::InvalidUtf8));
    // In keys too.
    assert_eq!(at(b"{\"\xff\":1}"), (1, 3, 2, ErrorKind::InvalidUtf8));
    // Lone surrogates are valid JSON text; they unescape to U+FFFD.
    let ix = JsonIndex::build(Bytes::from_static(br#"["\ud800", "\udfff"]"#)).expect("valid");
    assert_eq!(ix.string_value(1), "\u{FFFD}");
}

#[test]
fn numbers_follow_rfc_8259() {
    assert_eq!(at(b"[NaN]"), (1, 2, 1, ErrorKind::NotANumber));
    assert_eq!(at(b"{\"x\": -Infinity}"), (1, 7, 6, ErrorKind::NotANumber));
    assert_eq!(at(b"Infinity"), (1, 1, 0, ErrorKind::NotANumber));
    assert_eq!(at(b"[01]"), (1, 2, 1, ErrorKind::LeadingZero));
    assert_eq!(at(b"[-01]"), (1, 3, 2, ErrorKind::LeadingZero));
    assert_eq!(at(b"[1.]"), (1, 4, 3, ErrorKind::ExpectedDigit));
    assert_eq!(at(b"[1e]"), (1, 4, 3, ErrorKind::ExpectedDigit));
    assert_eq!(at(b"[-]"), (1, 3, 2, ErrorKind::ExpectedDigit));
    assert_eq!(at(b"[+1]"), (1, 2, 1, ErrorKind::Expected(Expected::Value)));
    assert_eq!(at(b"[.5]"), (1, 2, 1, ErrorKind::Expected(Expected::Value)));
    assert_eq!(
        at(b"[0x10]"),
        (1, 3, 2, ErrorKind::Expected(Expected::CommaOrBracket))
    );
    for ok in ["0", "-0", "0.0", "1e400", "-1.5E-3", "10", "0e0"] {
        JsonIndex::build(Bytes::from(ok)).expect(ok);
    }
}

#[test]
fn json_lines_errors_keep_the_earlier_lines() {
    let body = "{\"a\":1}\n[2,3]\n{\"b\":[4,\n";
    let e = JsonIndex::build_lines(Bytes::from(body)).expect_err("third line cut");
    assert_eq!(
        (e.line, e.column, e.kind),
        (4, 1, ErrorKind::EndOfInput(Expected::Value))
    );
    let p = e.partial.expect("first lines");
    assert_eq!(p.root_count(), 3);
    assert_eq!(p.roots().collect::<Vec<_>>(), [0, 2, 5]);
    assert!(!p.is_unfinished(0) && !p.is_unfinished(2));
    assert!(p.is_unfinished(5) && p.is_unfinished(6));
    assert_eq!(p.len(), 8);
    let e = JsonIndex::build_lines(Bytes::from_static(b"1\n2\nx\n")).expect_err("x");
    assert_eq!((e.line, e.column), (3, 1));
}

#[test]
fn nesting_100_000_deep_builds_without_recursion() {
    const DEEP: usize = 100_000;
    let mut json = "[".repeat(DEEP);
    json.push_str(&"]".repeat(DEEP));
    let ix = JsonIndex::build(Bytes::from(json)).expect("deep arrays");
    assert_eq!(ix.len(), DEEP);
    assert_eq!(ix.depth(DEEP - 1), DEEP - 1);
    assert_eq!(ix.subtree_end(0), DEEP);
    assert_eq!(ix.span(1), 1..2 * DEEP - 1);
    assert_eq!(ix.dot_path(DEEP - 1).len(), 3 * (DEEP - 1));
    assert_eq!(ix.preview(0, 10), "[[…]]");

    let mut json = "{\"k\":".repeat(DEEP);
    json.push_str("null");
    json.push_str(&"}".repeat(DEEP));
    let ix = JsonIndex::build(Bytes::from(json)).expect("deep objects");
    assert_eq!(ix.len(), DEEP + 1);
    assert_eq!(ix.kind(DEEP), Kind::Null);
    assert_eq!(ix.depth(DEEP), DEEP);
    assert_eq!(ix.key(DEEP).as_deref(), Some("k"));
    assert_eq!(ix.node_at_offset(5 * DEEP), Some(DEEP));

    // Cut in the middle: every open container is kept, unfinished.
    let e = JsonIndex::build(Bytes::from("[".repeat(DEEP))).expect_err("truncated");
    let p = e.partial.expect("all opened");
    assert_eq!(p.len(), DEEP);
    assert!(p.is_unfinished(DEEP - 1) && p.is_unfinished(0));
}

#[test]
fn limits_on_depth_and_size_are_errors() {
    let limits = Limits {
        max_depth: 2,
        ..Limits::DEFAULT
    };
    let e = build(Bytes::from_static(b"[[[1]]]"), false, limits).expect_err("too deep");
    assert_eq!((e.offset, e.kind), (2, ErrorKind::TooDeep(2)));
    assert_eq!(e.message(), "nesting deeper than 2 levels");
    assert_eq!(e.partial.expect("two levels").len(), 2);
    build(Bytes::from_static(b"[[1]]"), false, limits).expect("two levels are fine");

    let limits = Limits {
        max_len: 4,
        ..Limits::DEFAULT
    };
    let e = build(Bytes::from_static(b"[1,2]"), false, limits).expect_err("too large");
    assert_eq!((e.line, e.column, e.kind), (1, 1, ErrorKind::TooLarge(5)));
    assert!(e.partial.is_none());
    assert_eq!(Limits::DEFAULT.max_len, u32::MAX as usize);
}
