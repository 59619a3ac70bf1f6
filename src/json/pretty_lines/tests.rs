use std::sync::Arc;

use bytes::Bytes;
use proptest::prelude::*;

use super::*;
use crate::json::index::proptests::json_value;

fn lines_of(body: &str) -> PrettyLines {
    let index = JsonIndex::build_auto(Bytes::from(body.to_owned())).expect("valid JSON");
    PrettyLines::new(Arc::new(index))
}

fn text(pretty: &PrettyLines) -> String {
    (0..pretty.len())
        .map(|n| String::from_utf8(pretty.text(n).expect("a line")).expect("UTF-8"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn lines_are_the_pretty_text_with_numbers_as_sent() {
    let pretty = lines_of(r#"{"a" : [1.0, {}, [], {"b":1e3}], "c":"x\"y", "d":{"e":null}}"#);
    assert_eq!(
        text(&pretty),
        "{\n  \"a\": [\n    1.0,\n    {},\n    [],\n    {\n      \"b\": 1e3\n    }\n  ],\n  \"c\": \"x\\\"y\",\n  \"d\": {\n    \"e\": null\n  }\n}"
    );
    assert_eq!(pretty.len(), 14);
}

#[test]
fn json_lines_give_one_document_after_another() {
    let pretty = lines_of("{\"a\":1}\n[2]\n3\n");
    assert_eq!(text(&pretty), "{\n  \"a\": 1\n}\n[\n  2\n]\n3");
}

#[test]
fn percent_goes_between_a_container_and_its_closing_bracket() {
    let pretty = lines_of(r#"{"a":[1,2],"b":{}}"#);
    // 0 {   1 "a": [   2 1,   3 2   4 ],   5 "b": {}   6 }
    assert_eq!(pretty.matching(0), Some(6));
    assert_eq!(pretty.matching(6), Some(0));
    assert_eq!(pretty.matching(1), Some(4));
    assert_eq!(pretty.matching(4), Some(1));
    assert_eq!(pretty.matching(2), None, "a scalar has no bracket");
    assert_eq!(pretty.matching(5), None, "an empty object is one line");
    assert_eq!(pretty.matching(7), None, "past the end");
}

#[test]
fn a_deep_document_walks_without_recursion() {
    let depth = 100_000;
    let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let pretty = lines_of(&body);
    assert_eq!(pretty.len(), 2 * depth - 1);
    assert_eq!(pretty.matching(0), Some(2 * depth - 2));
    assert_eq!(pretty.at(depth), Some(PrettyLine::Close(depth - 2)));
}

#[test]
fn an_empty_body_has_no_lines() {
    let index = JsonIndex::build_lines(Bytes::new()).expect("no values is fine for JSON Lines");
    let pretty = PrettyLines::new(Arc::new(index));
    assert!(pretty.is_empty());
    assert_eq!(pretty.text(0), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The lines are exactly what re-indenting the whole text gives.
    #[test]
    fn lines_agree_with_the_pretty_printer(value in json_value()) {
        let body = serde_json::to_string(&value).expect("serialises");
        let pretty = lines_of(&body);
        let expected = crate::json::pretty(body.as_bytes()).expect("valid");
        prop_assert_eq!(text(&pretty), expected.trim_end());
        prop_assert!(pretty.widest() >= expected.lines().map(str::len).max().unwrap_or(0));
    }

    /// A line fetched with a byte budget is a prefix of the whole line.
    #[test]
    fn budgeted_lines_are_prefixes(value in json_value(), max in 0usize..40) {
        let body = serde_json::to_string(&value).expect("serialises");
        let pretty = lines_of(&body);
        for n in 0..pretty.len() {
            let whole = pretty.text(n).expect("a line");
            let cut = pretty.text_upto(n, max).expect("a line");
            prop_assert!(whole.starts_with(&cut));
            prop_assert!(cut.len() >= max.min(whole.len()) || cut == whole);
        }
    }

    /// Every value's line shows that value, and brackets match both ways.
    #[test]
    fn lines_and_nodes_map_both_ways(value in json_value()) {
        let body = serde_json::to_string(&value).expect("serialises");
        let pretty = lines_of(&body);
        for node in 0..pretty.index().len() {
            let line = pretty.line_of(node);
            prop_assert_eq!(pretty.at(line), Some(PrettyLine::Value(node)));
            let close = pretty.closing_line_of(node);
            if close != line {
                prop_assert_eq!(pretty.at(close), Some(PrettyLine::Close(node)));
                prop_assert_eq!(pretty.matching(close), Some(line));
                prop_assert_eq!(pretty.matching(line), Some(close));
            }
        }
    }
}
