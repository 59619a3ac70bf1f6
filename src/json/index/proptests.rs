//! The index agrees with `serde_json` on generated documents, compact and pretty: every node's
//! kind, key, string, number and child count, and its `dot_path` resolves (through a JSON
//! pointer) to the same value. Truncated documents fail exactly when serde fails.

use proptest::prelude::*;
use serde_json::{Map, Number, Value};

use super::*;

/// Characters that exercise escaping: quotes, backslashes, control characters, non-ASCII.
fn text() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => Just('"'),
        1 => Just('\\'),
        1 => Just('/'),
        1 => Just('\n'),
        1 => Just('\u{1}'),
        1 => Just('\u{1f}'),
        1 => Just('é'),
        1 => Just('☃'),
        1 => Just('😀'),
        1 => Just('-'),
        1 => Just(' '),
        1 => Just('~'),
        1 => any::<char>(),
    ];
    proptest::collection::vec(chars, 0..10).prop_map(|cs| cs.into_iter().collect())
}

pub(in crate::json) fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter_map("finite", Number::from_f64)
            .prop_map(Value::Number),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((text(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Members or elements of a serde value (0 for a scalar).
pub(super) fn children_of(value: &Value) -> usize {
    match value {
        Value::Object(map) => map.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    }
}

fn count_values(value: &Value) -> usize {
    1 + match value {
        Value::Object(map) => map.values().map(count_values).sum(),
        Value::Array(items) => items.iter().map(count_values).sum(),
        _ => 0,
    }
}

/// Reads a jq dot path (`.a[1]."b c"`) back into a JSON pointer.
fn pointer_from_dot_path(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    if rest == "." {
        return out;
    }
    while !rest.is_empty() {
        let key = if let Some(after) = rest.strip_prefix(".\"") {
            // A quoted key is a JSON string body: find its closing quote, then unescape.
            let mut de = serde_json::Deserializer::from_str(&rest[1..]).into_iter::<String>();
            let key = de.next().expect("a key").expect("a JSON string");
            rest = &after[de.byte_offset() - 1..];
            key
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            rest = &after[end..];
            after[..end].to_owned()
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').expect("closing bracket");
            rest = &after[end + 1..];
            after[..end].to_owned()
        } else {
            panic!("unexpected path text {rest:?} in {path:?}");
        };
        out.push('/');
        out.push_str(&key.replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// Checks every node of `ix` against `doc`.
fn agrees(ix: &JsonIndex, doc: &Value) -> Result<(), TestCaseError> {
    prop_assert_eq!(ix.len(), count_values(doc));
    prop_assert_eq!(ix.root_count(), 1);
    for n in 0..ix.len() {
        let pointer = pointer_from_dot_path(&ix.dot_path(n));
        prop_assert_eq!(&pointer, &ix.pointer(n));
        let value = doc.pointer(&pointer);
        prop_assert!(value.is_some(), "{} does not resolve", ix.dot_path(n));
        let value = value.expect("checked");
        prop_assert_eq!(ix.child_count(n), children_of(value));
        prop_assert_eq!(ix.children(n).count(), children_of(value));
        match value {
            Value::Null => prop_assert_eq!(ix.kind(n), Kind::Null),
            Value::Bool(true) => prop_assert_eq!(ix.kind(n), Kind::True),
            Value::Bool(false) => prop_assert_eq!(ix.kind(n), Kind::False),
            Value::Number(want) => {
                prop_assert_eq!(ix.kind(n), Kind::Number);
                let got: Number = serde_json::from_slice(ix.value_raw(n)).expect("a number");
                prop_assert_eq!(&got, want);
            }
            Value::String(want) => {
                prop_assert_eq!(ix.kind(n), Kind::String);
                let got = ix.string_value(n);
                prop_assert_eq!(got.as_ref(), want.as_str());
            }
            Value::Array(_) => prop_assert_eq!(ix.kind(n), Kind::Array),
            Value::Object(map) => {
                prop_assert_eq!(ix.kind(n), Kind::Object);
                let keys: Vec<_> = ix
                    .children(n)
                    .map(|c| ix.key(c).expect("member").into_owned())
                    .collect();
                let want: Vec<_> = map.keys().cloned().collect();
                prop_assert_eq!(keys, want);
            }
        }
        // Structure: every child knows its parent, place and depth; offsets map back.
        for (i, c) in ix.children(n).enumerate() {
            prop_assert_eq!(ix.parent(c), Some(n));
            prop_assert_eq!(ix.index_in_parent(c), i);
            prop_assert_eq!(ix.depth(c), ix.depth(n) + 1);
        }
        let span = ix.span(n);
        prop_assert_eq!(ix.node_at_offset(span.start), Some(n));
        prop_assert_eq!(ix.node_at_offset(span.end - 1), Some(n));
        let raw: Value = serde_json::from_slice(ix.value_raw(n)).expect("a value's text parses");
        prop_assert_eq!(&raw, value);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn index_agrees_with_serde_json(doc in json_value()) {
        for text in [
            serde_json::to_string(&doc).expect("serialises"),
            serde_json::to_string_pretty(&doc).expect("serialises"),
        ] {
            // Compare with serde's reading of the same text: without its `float_roundtrip`
            // feature, serde may read a float back one ULP away from the one it wrote.
            let read: Value = serde_json::from_str(&text).expect("serde reads its output");
            let ix = JsonIndex::build(Bytes::from(text)).expect("serde's output is valid");
            agrees(&ix, &read)?;
        }
    }

    #[test]
    fn prefixes_fail_exactly_when_serde_fails(doc in json_value(), cut in 0.0..1.0f64) {
        let text = serde_json::to_vec(&doc).expect("serialises");
        let cut = (text.len() as f64 * cut) as usize;
        let prefix = &text[..cut];
        let ours = JsonIndex::build(Bytes::copy_from_slice(prefix));
        let serde = serde_json::from_slice::<Value>(prefix);
        prop_assert_eq!(ours.is_ok(), serde.is_ok(), "{:?}", String::from_utf8_lossy(prefix));
        if let Err(e) = ours {
            prop_assert!(e.offset <= cut);
            if let Some(partial) = e.partial {
                for n in 0..partial.len() {
                    prop_assert!(partial.span(n).end <= e.offset);
                    prop_assert!(!partial.is_unfinished(n) || partial.kind(n).is_container());
                }
            }
        }
    }

    #[test]
    fn mutated_bodies_are_valid_exactly_when_serde_says_so(
        doc in json_value(),
        at in 0.0..1.0f64,
        byte in prop_oneof![
            Just(b'"'), Just(b'\\'), Just(b','), Just(b':'), Just(b'{'), Just(b'}'),
            Just(b'['), Just(b']'), Just(b'0'), Just(b'-'), Just(b'.'), Just(b'e'),
            Just(b' '), Just(b'\n'), Just(b'\t'), Just(b'u'), Just(0x01), Just(0x80),
            Just(0xC3), Just(0xFF), any::<u8>(),
        ],
    ) {
        let mut text = serde_json::to_vec(&doc).expect("serialises");
        let at = ((text.len() as f64 * at) as usize).min(text.len() - 1);
        text[at] = byte;
        let ours = JsonIndex::build(Bytes::copy_from_slice(&text));
        match serde_json::from_slice::<Value>(&text) {
            // serde refuses what JSON allows: lone surrogates in `\u` escapes, numbers out of
            // the f64 range.
            Err(e) if e.to_string().contains("surrogate") || e.to_string().contains("out of range") => {}
            serde => prop_assert_eq!(
                ours.is_ok(),
                serde.is_ok(),
                "{:?}: ours {:?}, serde {:?}",
                String::from_utf8_lossy(&text),
                ours.err(),
                serde.err()
            ),
        }
    }

    #[test]
    fn json_lines_agree_line_by_line(docs in proptest::collection::vec(json_value(), 0..5)) {
        let mut body = String::new();
        let mut read = Vec::new();
        for doc in &docs {
            let line = serde_json::to_string(doc).expect("serialises");
            read.push(serde_json::from_str::<Value>(&line).expect("serde reads its output"));
            body.push_str(&line);
            body.push('\n');
        }
        let ix = JsonIndex::build_lines(Bytes::from(body)).expect("valid lines");
        prop_assert_eq!(ix.root_count(), docs.len());
        for (root, doc) in ix.roots().zip(&read) {
            let raw: Value = serde_json::from_slice(ix.value_raw(root)).expect("parses");
            prop_assert_eq!(&raw, doc);
            prop_assert_eq!(ix.subtree_end(root) - root, count_values(doc));
        }
    }
}
