use std::sync::atomic::AtomicBool;

use bytes::Bytes;

use super::query::has_own_uppercase;
use super::*;

fn index(json: &str) -> JsonIndex {
    JsonIndex::build(Bytes::from(json.to_owned())).expect("valid JSON")
}

fn run(index: &JsonIndex, pattern: &str) -> SearchHits {
    let query = SearchQuery::parse(pattern).expect("a valid pattern");
    search(index, &query, &AtomicBool::new(false)).expect("not cancelled")
}

/// The dot paths of the nodes holding a match.
fn paths(index: &JsonIndex, hits: &SearchHits) -> Vec<String> {
    hits.nodes().iter().map(|&n| index.dot_path(n)).collect()
}

#[test]
fn smart_case_ignores_case_for_a_lowercase_pattern_only() {
    let doc = index(r#"{"a":"Active","b":"ACTIVE","c":"active"}"#);
    assert_eq!(run(&doc, "active").count(), 3);
    assert_eq!(paths(&doc, &run(&doc, "ACTIVE")), [".b"]);
    assert_eq!(paths(&doc, &run(&doc, "Active")), [".a"]);
    assert!(SearchQuery::parse("active").expect("valid").ignores_case());
    assert!(!SearchQuery::parse("Active").expect("valid").ignores_case());
    // Explicit flags win over smart case.
    assert_eq!(run(&doc, "(?-i)active").count(), 1);
    assert_eq!(run(&doc, "(?i)Active").count(), 3);
}

#[test]
fn smart_case_unicode() {
    let doc = index(r#"["café", "CAFÉ", "Ελληνικά", "ΕΛΛΗΝΙΚΆ"]"#);
    assert_eq!(run(&doc, "café").count(), 2);
    assert_eq!(run(&doc, "CAFÉ").count(), 1);
    assert_eq!(run(&doc, "ελληνικά").count(), 2);
}

#[test]
fn uppercase_in_escapes_flags_and_group_names_is_not_the_users() {
    for pattern in [
        r"\W",
        r"\S+",
        r"\D",
        r"\B",
        r"\pL",
        r"\p{Lu}",
        r"\P{Greek}",
        r"\xFF",
        r"\x{1F600}",
        r"\u00E9",
        r"\U0001F600",
        r"(?U)a+",
        r"(?iU:a+)",
        r"(?P<Name>a)",
        r"(?<Name>a)",
        r"\A",
    ] {
        assert!(!has_own_uppercase(pattern), "{pattern}");
    }
    for pattern in [
        "A",
        "aB",
        r"\WA",
        r"\p{Lu}X",
        r"(?U)A",
        r"(?P<n>A)",
        "É",
        r"\xFFA",
        "[A-Z]",
    ] {
        assert!(has_own_uppercase(pattern), "{pattern}");
    }
}

#[test]
fn key_and_value_hits_are_told_apart() {
    let doc = index(r#"{"status":"ACTIVE","vm_state":"active","note":"status ok"}"#);
    let hits = run(&doc, "status");
    let found: Vec<(String, bool)> = hits
        .matches()
        .iter()
        .map(|hit| (doc.dot_path(hit.node), hit.in_key))
        .collect();
    assert_eq!(
        found,
        [(".status".to_owned(), true), (".note".to_owned(), false)]
    );
    // A key hit's span is inside the key, a value hit's inside the value.
    let [key_hit, value_hit] = hits.matches() else {
        panic!("two hits");
    };
    let key = doc.key_span(key_hit.node).expect("a member");
    assert!(key.start < key_hit.start && key_hit.end < key.end);
    assert!(doc.span(value_hit.node).contains(&value_hit.start));
    // A match running from the key into the value starts in the key.
    let hits = run(&doc, r#"vm_state":"act"#);
    assert_eq!(paths(&doc, &hits), [".vm_state"]);
    assert!(hits.matches()[0].in_key);
}

#[test]
fn nested_hits_map_to_the_innermost_node() {
    let doc = index(
        r#"{"servers":[{"id":"a1","addresses":{"private":[{"addr":"10.0.0.5","version":4}]}},{"id":"b2","addresses":{}}]}"#,
    );
    assert_eq!(
        paths(&doc, &run(&doc, r"10\.0")),
        [".servers[0].addresses.private[0].addr"]
    );
    assert_eq!(
        paths(&doc, &run(&doc, "private")),
        [".servers[0].addresses.private"]
    );
    assert_eq!(
        paths(&doc, &run(&doc, "addresses")),
        [".servers[0].addresses", ".servers[1].addresses"]
    );
    // Numbers, literals and a container's own punctuation.
    assert_eq!(
        paths(&doc, &run(&doc, "4")),
        [".servers[0].addresses.private[0].version"]
    );
    // A match belongs to where its first byte is: the `}` closing the first server, the `,`
    // between servers.
    assert_eq!(paths(&doc, &run(&doc, r"\},\{")), [".servers[0]"]);
    assert_eq!(paths(&doc, &run(&doc, r",\{")), [".servers"]);
}

#[test]
fn several_hits_in_one_node_count_once_in_nodes() {
    let doc = index(r#"{"notes":"web web web","other":"web","webby":1}"#);
    let hits = run(&doc, "web");
    assert_eq!(hits.count(), 5);
    assert_eq!(paths(&doc, &hits), [".notes", ".other", ".webby"]);
    assert_eq!(hits.matches().iter().filter(|hit| hit.in_key).count(), 1);
}

#[test]
fn nodes_are_in_document_order_even_when_matches_are_not() {
    // The `,` inside the array (node 1) comes after the match in its first element (node 2).
    let doc = index(r#"{"a":[1,2],"b":1}"#);
    let hits = run(&doc, "1|,");
    let in_body_order: Vec<usize> = hits.matches().iter().map(|hit| hit.node).collect();
    assert_eq!(in_body_order, [2, 1, 0, 4]);
    assert_eq!(hits.nodes(), [0, 1, 2, 4]);
}

#[test]
fn next_and_previous_wrap() {
    let doc = index(r#"[1,"x",2,"x",3,"x"]"#);
    let hits = run(&doc, "x");
    assert_eq!(hits.nodes(), [2, 4, 6]);
    assert_eq!(hits.next_after(0), Some(2));
    assert_eq!(hits.next_after(2), Some(4));
    assert_eq!(hits.next_after(3), Some(4));
    assert_eq!(hits.next_after(6), Some(2));
    assert_eq!(hits.prev_before(6), Some(4));
    assert_eq!(hits.prev_before(5), Some(4));
    assert_eq!(hits.prev_before(2), Some(6));
    assert_eq!(hits.prev_before(0), Some(6));
    assert_eq!(hits.node_ordinal(4), Some(1));
    assert_eq!(hits.node_ordinal(5), Some(1));
    assert_eq!(hits.node_ordinal(1), None);
    assert!(hits.contains_node(6) && !hits.contains_node(5));
    let none = run(&doc, "y");
    assert!(none.is_empty());
    assert_eq!((none.next_after(0), none.prev_before(0)), (None, None));
}

#[test]
fn in_range_returns_the_hits_overlapping_a_window() {
    let doc = index(r#"["abc","xabcx","abc"]"#);
    let hits = run(&doc, "abc");
    let spans: Vec<_> = hits.matches().iter().map(Hit::span).collect();
    assert_eq!(spans, [2..5, 9..12, 16..19]);
    assert_eq!(hits.in_range(0, 100).len(), 3);
    assert_eq!(hits.in_range(5, 9), []);
    assert_eq!(hits.in_range(4, 10).len(), 2);
    assert_eq!(hits.in_range(11, 12)[0].span(), 9..12);
    assert_eq!(hits.in_range(12, 16), []);
    assert_eq!(hits.in_range(18, 18), []);
    assert_eq!(hits.in_range(18, 19)[0].span(), 16..19);
    assert_eq!(hits.in_range(30, 40), []);
}

#[test]
fn cancel_stops_the_search() {
    let doc = index(r#"["a","a"]"#);
    let query = SearchQuery::parse("a").expect("valid");
    assert_eq!(search(&doc, &query, &AtomicBool::new(true)), Err(Cancelled));
    // Set while running: many matches, so the flag is read.
    let body = format!("[{}1]", "\"a\",".repeat(10 * CANCEL_EVERY));
    let doc = index(&body);
    let cancel = AtomicBool::new(false);
    assert_eq!(
        search(&doc, &query, &cancel).map(|hits| hits.count()),
        Ok(10 * CANCEL_EVERY)
    );
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(search(&doc, &query, &cancel), Err(Cancelled));
}

#[test]
fn invalid_regex_errors_name_the_position() {
    let err = SearchQuery::parse("a(b").expect_err("unclosed group");
    let SearchError::Syntax { message, position } = &err else {
        panic!("a syntax error: {err:?}");
    };
    assert_eq!(message, "unclosed group");
    assert_eq!(*position, Some(ErrorPosition { byte: 1, column: 1 }));
    assert_eq!(err.to_string(), "unclosed group at column 2");
    let err = SearchQuery::parse("é[z-a]").expect_err("bad range");
    assert!(matches!(
        err,
        SearchError::Syntax {
            position: Some(ErrorPosition { byte: 3, column: 2 }),
            ..
        }
    ));
    let err = SearchQuery::parse(r"x\p{Nope}").expect_err("unknown class");
    assert!(matches!(
        err,
        SearchError::Syntax {
            position: Some(ErrorPosition { byte: 1, .. }),
            ..
        }
    ));
    assert_eq!(SearchQuery::parse("").err(), Some(SearchError::Empty));
    assert_eq!(
        SearchQuery::parse(&"a".repeat(MAX_PATTERN_BYTES + 1)).err(),
        Some(SearchError::TooLong)
    );
}

#[test]
fn hostile_patterns_are_refused() {
    for pattern in [r"\w{100}", r"(a{1000}){100}", r"[\p{L}\p{N}]{500}"] {
        assert!(
            matches!(SearchQuery::parse(pattern), Err(SearchError::TooBig { .. })),
            "{pattern}"
        );
    }
    assert!(SearchQuery::parse(r"\w{64}").is_ok());
    let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    assert!(matches!(
        SearchQuery::parse(&deep),
        Err(SearchError::Syntax { .. })
    ));
}

#[test]
fn patterns_matching_empty_text_are_refused() {
    for pattern in [
        "a*",
        "x?",
        "^",
        "$",
        r"\b",
        r"\B",
        "(?m)^",
        r"(?m)$\n?",
        r"\b{start}",
        "(?-u:\\b)",
        "a|",
        r"\<",
        "(?R)$",
    ] {
        assert_eq!(
            SearchQuery::parse(pattern).err(),
            Some(SearchError::MatchesEmpty),
            "{pattern}"
        );
    }
    for pattern in ["a+", r"\bweb\b", "^x", r"\w+", "(?m)^a$"] {
        assert!(SearchQuery::parse(pattern).is_ok(), "{pattern}");
    }
}

#[test]
fn matching_is_over_the_body_as_sent() {
    let doc = index(r#"{"k":"caf\u00e9 \"quoted\"","é":"café"}"#);
    assert_eq!(paths(&doc, &run(&doc, "café")), [r#"."é""#]);
    assert_eq!(paths(&doc, &run(&doc, r"\\u00e9")), [".k"]);
    assert_eq!(paths(&doc, &run(&doc, r#"\\"quoted"#)), [".k"]);
    assert_eq!(run(&doc, "é").count(), 2);
}

#[test]
fn matches_between_json_lines_are_dropped() {
    let doc = JsonIndex::build_lines(Bytes::from_static(b"{\"a\":1}\n\n{\"a\":2}\n"))
        .expect("valid JSON Lines");
    assert!(run(&doc, r"\n").is_empty());
    assert_eq!(run(&doc, r"\}\n").count(), 2);
    assert_eq!(run(&doc, "a").nodes(), [1, 3]);
}

#[test]
fn search_stops_at_max_hits() {
    let body = format!("[\"{}\"]", "ab".repeat(MAX_HITS / 2 + 8));
    let doc = index(&body);
    let hits = run(&doc, "a|b");
    assert!(hits.is_truncated());
    assert_eq!(hits.count(), MAX_HITS);
    assert_eq!(hits.nodes(), [1]);
    assert!(!run(&doc, r"\]").is_truncated());
}

#[test]
fn locator_agrees_with_node_at_offset_on_json_lines() {
    let bodies: [&[u8]; 3] = [
        b"  {\"a\" : [1, {\"b\":{}}, []], \"c\":\"x\"}\n\n[\"y\"] 3\n",
        b"\n{\"k\\\"ey\":\"v\\\\\",\"\":[[[]]]}  ",
        b"",
    ];
    for body in bodies {
        let doc = JsonIndex::build_lines(Bytes::from_static(body)).expect("valid JSON Lines");
        let mut locator = locate::Locator::new(&doc);
        for offset in 0..=body.len() + 1 {
            assert_eq!(
                locator.locate(offset),
                doc.node_at_offset(offset),
                "{offset}"
            );
        }
    }
}
