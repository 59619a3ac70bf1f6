//! Search agrees with a naive scan on generated documents: the nodes holding a literal (in
//! their key, or in their raw text for a scalar) are exactly the nodes a search for that
//! literal, escaped, reports; navigation agrees with a linear walk over them; and the
//! search's forward [`Locator`] answers as `JsonIndex::node_at_offset` does.
//!
//! The literal is 1–3 letters of `a`–`c`/`A`–`C`, so an occurrence never crosses a token (a
//! letter is never punctuation) and, under smart case, `a` folds only to `A` (no Unicode
//! character case-folds to `a`, `b` or `c`): the naive scan is plain bytes, ASCII-lowercased
//! when the literal has no uppercase letter.

use std::sync::atomic::AtomicBool;

use bytes::Bytes;
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

use super::locate::Locator;
use super::*;

fn text() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        6 => proptest::char::range('a', 'c'),
        3 => proptest::char::range('A', 'C'),
        1 => Just('"'),
        1 => Just('\\'),
        1 => Just('\n'),
        1 => Just('\u{8}'),
        1 => Just('\u{1b}'),
        1 => Just('é'),
        1 => Just('😀'),
        1 => Just(' '),
        1 => any::<char>(),
    ];
    proptest::collection::vec(chars, 0..8).prop_map(|cs| cs.into_iter().collect())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter_map("finite", Number::from_f64)
            .prop_map(Value::Number),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::vec((text(), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn contains(haystack: &[u8], needle: &[u8], ignore_case: bool) -> bool {
    if ignore_case {
        haystack
            .to_ascii_lowercase()
            .windows(needle.len())
            .any(|w| w == needle)
    } else {
        haystack.windows(needle.len()).any(|w| w == needle)
    }
}

/// The nodes whose key, or whose raw text if a scalar, holds `needle`, in document order.
fn naive(index: &JsonIndex, needle: &str) -> Vec<usize> {
    let ignore_case = !needle.bytes().any(|b| b.is_ascii_uppercase());
    (0..index.len())
        .filter(|&n| {
            index
                .key_raw(n)
                .is_some_and(|key| contains(key, needle.as_bytes(), ignore_case))
                || (!index.kind(n).is_container()
                    && contains(index.value_raw(n), needle.as_bytes(), ignore_case))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn locator_agrees_with_node_at_offset(
        value in json_value(),
        pretty in any::<bool>(),
        skips in proptest::collection::vec(0..6usize, 1..64),
    ) {
        let body = if pretty {
            serde_json::to_vec_pretty(&value)
        } else {
            serde_json::to_vec(&value)
        }
        .expect("serializable");
        let index = JsonIndex::build(Bytes::from(body)).expect("serde's JSON is valid");
        let len = index.body().len();
        // Every offset in one pass, then ascending offsets with gaps (repeats included).
        let mut every = Locator::new(&index);
        for offset in 0..=len {
            prop_assert_eq!(every.locate(offset), index.node_at_offset(offset), "{}", offset);
        }
        let mut sparse = Locator::new(&index);
        let mut offset = 0;
        for skip in skips.iter().cycle().take(len) {
            offset += skip * skip;
            if offset > len {
                break;
            }
            prop_assert_eq!(sparse.locate(offset), index.node_at_offset(offset), "{}", offset);
        }
    }

    #[test]
    fn search_finds_what_a_naive_scan_finds(
        value in json_value(),
        pretty in any::<bool>(),
        needle in "[abcABC]{1,3}",
        probes in proptest::collection::vec(any::<prop::sample::Index>(), 4),
    ) {
        let body = if pretty {
            serde_json::to_vec_pretty(&value)
        } else {
            serde_json::to_vec(&value)
        }
        .expect("serializable");
        let index = JsonIndex::build(Bytes::from(body)).expect("serde's JSON is valid");
        let query = SearchQuery::parse(&regex::escape(&needle)).expect("an escaped literal");
        let hits = search(&index, &query, &AtomicBool::new(false)).expect("not cancelled");
        let expected = naive(&index, &needle);
        prop_assert_eq!(hits.nodes(), expected.as_slice());

        let body = &index.body()[..];
        for hit in hits.matches() {
            prop_assert!(body[hit.span()].eq_ignore_ascii_case(needle.as_bytes()));
            let in_key = index.key_span(hit.node).is_some_and(|key| key.contains(&hit.start));
            prop_assert_eq!(hit.in_key, in_key);
            prop_assert!(hit.in_key || index.span(hit.node).contains(&hit.start));
        }
        prop_assert!(hits.matches().windows(2).all(|w| w[0].end <= w[1].start));

        // Navigation and windows agree with linear walks.
        let nodes = hits.nodes();
        for probe in &probes {
            let n = probe.index(index.len());
            let next = nodes.iter().find(|&&m| m > n).or(nodes.first()).copied();
            let prev = nodes.iter().rev().find(|&&m| m < n).or(nodes.last()).copied();
            prop_assert_eq!(hits.next_after(n), next);
            prop_assert_eq!(hits.prev_before(n), prev);
            let start = probe.index(body.len() + 1);
            let end = start + probe.index(16);
            let window: Vec<Hit> = hits
                .matches()
                .iter()
                .filter(|hit| start < end && hit.start < end && start < hit.end)
                .copied()
                .collect();
            prop_assert_eq!(hits.in_range(start, end), window.as_slice());
        }
    }
}
