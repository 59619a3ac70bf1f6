//! Hand cases: every kind, navigation, escapes, keys, whitespace, JSON Lines, offsets.

use std::borrow::Cow;

use super::*;

pub(super) fn index(json: &str) -> JsonIndex {
    JsonIndex::build(Bytes::copy_from_slice(json.as_bytes())).expect("valid JSON")
}

/// The child of `n` with key `key`.
fn member(ix: &JsonIndex, n: usize, key: &str) -> usize {
    ix.children(n)
        .find(|&c| ix.key(c).as_deref() == Some(key))
        .expect("member present")
}

#[test]
fn the_index_and_its_error_can_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<JsonIndex>();
    send_sync::<IndexError>();
}

#[test]
fn every_kind_with_its_raw_text_key_and_place() {
    let ix = index(
        r#"{"o":{},"a":[],"s":"x","n":-1.5e3,"t":true,"f":false,"z":null,"big":123456789012345678901234567890,"one":1.0}"#,
    );
    assert_eq!(ix.len(), 10);
    assert_eq!(ix.root(), Some(0));
    assert_eq!(ix.root_count(), 1);
    assert_eq!(ix.kind(0), Kind::Object);
    assert_eq!(ix.child_count(0), 9);
    let kinds: Vec<_> = ix.children(0).map(|c| ix.kind(c)).collect();
    assert_eq!(
        kinds,
        [
            Kind::Object,
            Kind::Array,
            Kind::String,
            Kind::Number,
            Kind::True,
            Kind::False,
            Kind::Null,
            Kind::Number,
            Kind::Number
        ]
    );
    let keys: Vec<_> = ix.children(0).filter_map(|c| ix.key(c)).collect();
    assert_eq!(keys, ["o", "a", "s", "n", "t", "f", "z", "big", "one"]);
    let raws: Vec<_> = ix.children(0).map(|c| ix.value_raw(c).to_vec()).collect();
    let want: [&[u8]; 9] = [
        b"{}",
        b"[]",
        b"\"x\"",
        b"-1.5e3",
        b"true",
        b"false",
        b"null",
        b"123456789012345678901234567890",
        b"1.0",
    ];
    assert_eq!(raws, want);
    for (i, c) in ix.children(0).enumerate() {
        assert_eq!(ix.parent(c), Some(0));
        assert_eq!(ix.depth(c), 1);
        assert_eq!(ix.index_in_parent(c), i);
        assert_eq!(ix.child_count(c), 0);
        assert_eq!(ix.first_child(c), None);
        assert!(!ix.is_unfinished(c));
    }
    assert!(ix.has_fraction(member(&ix, 0, "n")));
    assert!(ix.has_fraction(member(&ix, 0, "one")));
    assert!(!ix.has_fraction(member(&ix, 0, "big")));
    assert_eq!(ix.string_value(member(&ix, 0, "s")), "x");
    assert_eq!(ix.string_value(member(&ix, 0, "one")), "1.0");
    assert_eq!(ix.parent(0), None);
    assert_eq!(ix.key(0), None);
    assert_eq!(ix.span(0), 0..ix.body().len());
}

#[test]
fn navigation_follows_document_order() {
    //                    0 1    2  3     4  5     6  7
    let ix = index(r#"{"a":[1,[2,3]],"b":{"c":{"d":null}}}"#);
    assert_eq!(ix.len(), 9);
    let a = member(&ix, 0, "a");
    assert_eq!(a, 1);
    assert_eq!(ix.first_child(a), Some(2));
    assert_eq!(ix.next_sibling(2), Some(3));
    assert_eq!(ix.children(3).collect::<Vec<_>>(), [4, 5]);
    assert_eq!(ix.next_sibling(5), None);
    assert_eq!(ix.subtree_end(a), 6);
    assert_eq!(ix.next_sibling(a), Some(6));
    assert_eq!(ix.subtree_end(0), 9);
    assert_eq!(ix.depth(8), 3);
    assert_eq!(ix.dot_path(8), ".b.c.d");
    assert_eq!(ix.dot_path(5), ".a[1][1]");
    assert_eq!(ix.bracket_path(5), r#"["a"][1][1]"#);
    assert_eq!(ix.pointer(5), "/a/1/1");
    assert_eq!(ix.dot_path(0), ".");
    assert_eq!(ix.bracket_path(0), "");
    assert_eq!(ix.pointer(0), "");
    assert_eq!(ix.roots().collect::<Vec<_>>(), [0]);
    assert_eq!(ix.next_sibling(0), None);
}

#[test]
fn strings_unescape_lazily_and_survive_bad_surrogates() {
    let ix = index(
        r#"["plain","a\"b\\c\/d\b\f\n\r\t","caf\u00e9 \ud83d\ude00","\ud800 lone","\udc00\ud800x","日本語 ☃"]"#,
    );
    let values: Vec<_> = ix.children(0).map(|c| ix.string_value(c)).collect();
    assert_eq!(
        values,
        [
            "plain",
            "a\"b\\c/d\u{8}\u{c}\n\r\t",
            "café 😀",
            "\u{FFFD} lone",
            "\u{FFFD}\u{FFFD}x",
            "日本語 ☃"
        ]
    );
    let escaped: Vec<_> = ix.children(0).map(|c| ix.has_escapes(c)).collect();
    assert_eq!(escaped, [false, true, true, true, true, false]);
    assert!(matches!(ix.string_value(1), Cow::Borrowed("plain")));
    assert_eq!(ix.value_raw(3), br#""caf\u00e9 \ud83d\ude00""#);
}

#[test]
fn keys_are_found_back_from_the_value_even_with_escaped_quotes() {
    let json =
        "{\"a\\\"b\\\\\" : 1, \"caf\\u00e9\":2,\"\\\\\":3, \"日本\"\n:\t4,\"\":5,\"x\\\\\\\"\":6}";
    let ix = index(json);
    let raw: Vec<_> = ix
        .children(0)
        .map(|c| ix.key_raw(c).expect("member").to_vec())
        .collect();
    let want: [&[u8]; 6] = [
        br#"a\"b\\"#,
        br"caf\u00e9",
        br"\\",
        "日本".as_bytes(),
        b"",
        br#"x\\\""#,
    ];
    assert_eq!(raw, want);
    let keys: Vec<_> = ix.children(0).filter_map(|c| ix.key(c)).collect();
    assert_eq!(keys, ["a\"b\\", "café", "\\", "日本", "", "x\\\""]);
    let first = ix.first_child(0).expect("child");
    assert_eq!(ix.key_span(first), Some(1..9));
    assert_eq!(ix.dot_path(first), r#"."a\"b\\""#);
    assert_eq!(ix.pointer(first), "/a\"b\\");
    let last = ix.children(0).last().expect("child");
    assert_eq!(ix.bracket_path(last), r#"["x\\\""]"#);
}

#[test]
fn empty_containers_and_top_level_scalars() {
    for (json, kind) in [
        ("{}", Kind::Object),
        ("[]", Kind::Array),
        ("\"s\"", Kind::String),
        ("-0", Kind::Number),
        ("true", Kind::True),
        ("false", Kind::False),
        ("null", Kind::Null),
        (" \n [ ] \n", Kind::Array),
    ] {
        let ix = index(json);
        assert_eq!(ix.len(), 1, "{json}");
        assert_eq!(ix.kind(0), kind);
        assert_eq!(ix.child_count(0), 0);
        assert_eq!(ix.first_child(0), None);
        assert_eq!(ix.children(0).count(), 0);
        assert_eq!(ix.dot_path(0), ".");
        assert_eq!(ix.value_raw(0), json.trim().as_bytes());
    }
}

#[test]
fn whitespace_everywhere() {
    let ix = index(" \r\n\t{ \"a\" \n:\t[ 1 ,\r\n 2 ] , \"b\" : { } }\n ");
    assert_eq!(ix.len(), 5);
    let a = member(&ix, 0, "a");
    assert_eq!(ix.value_raw(a), b"[ 1 ,\r\n 2 ]");
    assert_eq!(ix.child_count(a), 2);
    assert_eq!(ix.value_raw(a + 2), b"2");
    assert_eq!(ix.value_raw(member(&ix, 0, "b")), b"{ }");
    assert_eq!(ix.span(0).start, 4);
}

#[test]
fn duplicate_keys_are_all_kept_in_order() {
    let ix = index(r#"{"id":1,"id":2,"x":3,"id":4}"#);
    let ids: Vec<_> = ix
        .children(0)
        .filter(|&c| ix.key(c).as_deref() == Some("id"))
        .map(|c| ix.value_raw(c).to_vec())
        .collect();
    assert_eq!(ids, [b"1", b"2", b"4"]);
    assert_eq!(ix.child_count(0), 4);
    assert_eq!(ix.index_in_parent(4), 3);
}

#[test]
fn json_lines_have_one_root_per_line() {
    let body = "{\"a\":1}\n[2,3]\n\n\"four\"\r\n5\n";
    let ix = JsonIndex::build_lines(Bytes::from(body)).expect("valid NDJSON");
    assert_eq!(ix.root_count(), 4);
    let roots: Vec<_> = ix.roots().collect();
    assert_eq!(roots, [0, 2, 5, 6]);
    assert_eq!(ix.next_sibling(0), Some(2));
    assert_eq!(ix.next_sibling(6), None);
    assert_eq!(ix.index_in_parent(5), 2);
    assert_eq!(ix.parent(2), None);
    assert_eq!(ix.depth(3), 1);
    assert_eq!(ix.dot_path(4), "[1]");
    assert_eq!(ix.string_value(5), "four");

    let empty = JsonIndex::build_lines(Bytes::from_static(b" \n")).expect("blank is no values");
    assert_eq!((empty.root_count(), empty.root()), (0, None));
    assert!(empty.is_empty());

    // Plain `build` refuses a second value; `build_auto` takes it as JSON Lines.
    let e = JsonIndex::build(Bytes::from(body)).expect_err("two values");
    assert_eq!(e.kind, ErrorKind::TrailingCharacters);
    let auto = JsonIndex::build_auto(Bytes::from(body)).expect("NDJSON detected");
    assert_eq!(auto.root_count(), 4);
    let one = JsonIndex::build_auto(Bytes::from_static(b"[1]")).expect("plain");
    assert_eq!(one.root_count(), 1);
    let garbage = JsonIndex::build_auto(Bytes::from_static(b"[1] x")).expect_err("garbage");
    assert_eq!(garbage.kind, ErrorKind::TrailingCharacters);
}

#[test]
fn node_at_offset_finds_the_innermost_value_or_key() {
    let json = r#" {"servers": [{"id": "a"}, 7]} "#;
    let ix = index(json);
    let at = |s: &str| json.find(s).expect("in json");
    assert_eq!(ix.node_at_offset(0), None);
    assert_eq!(ix.node_at_offset(json.len() - 1), None);
    assert_eq!(ix.node_at_offset(json.len() + 5), None);
    assert_eq!(ix.node_at_offset(at("{\"servers")), Some(0));
    // A hit in a key maps to that member.
    let servers = member(&ix, 0, "servers");
    assert_eq!(ix.node_at_offset(at("servers")), Some(servers));
    assert_eq!(ix.node_at_offset(at("\"servers")), Some(servers));
    assert_eq!(ix.node_at_offset(at(": [")), Some(0));
    assert_eq!(ix.node_at_offset(at("[{")), Some(servers));
    let id = ix.node_at_offset(at("\"a\"") + 1).expect("in the string");
    assert_eq!(ix.key(id).as_deref(), Some("id"));
    assert_eq!(ix.node_at_offset(at("id")), Some(id));
    assert_eq!(ix.node_at_offset(at(", 7")), Some(servers));
    let seven = ix.node_at_offset(at("7")).expect("number");
    assert_eq!(ix.value_raw(seven), b"7");
    assert_eq!(ix.node_at_offset(at("]}")), Some(servers));
    assert_eq!(ix.node_at_offset(at("]}") + 1), Some(0));
}

#[test]
fn dot_paths_quote_keys_that_are_not_identifiers() {
    let ix = index(
        r#"{"flavors":[{"os-flavor-access:is_public":true,"OS-FLV-EXT-DATA:ephemeral":0,"1st":1,"":2,"a b":3,"_ok9":4}]}"#,
    );
    let flavor = ix
        .first_child(ix.first_child(0).expect("flavors"))
        .expect("flavor");
    let paths: Vec<_> = ix.children(flavor).map(|c| ix.dot_path(c)).collect();
    assert_eq!(
        paths,
        [
            r#".flavors[0]."os-flavor-access:is_public""#,
            r#".flavors[0]."OS-FLV-EXT-DATA:ephemeral""#,
            r#".flavors[0]."1st""#,
            r#".flavors[0]."""#,
            r#".flavors[0]."a b""#,
            ".flavors[0]._ok9",
        ]
    );
    assert_eq!(
        ix.bracket_path(flavor + 1),
        r#"["flavors"][0]["os-flavor-access:is_public"]"#
    );
    let ptr = index(r#"{"a/b~c":{"x":1}}"#);
    assert_eq!(ptr.pointer(2), "/a~1b~0c/x");
}

#[test]
fn previews_are_one_line_and_stop_early() {
    let ix = index(
        r#"{"flavor":{"id":"1","name":"m1.tiny","ram":512,"extra":{"a":1},"tags":[],"x-y":null},"list":[1,2,3,4,5,6,7,8,9,10],"e":{},"long":"abcdefghijklmnopqrstuvwxyz"}"#,
    );
    let flavor = member(&ix, 0, "flavor");
    assert_eq!(
        ix.preview(flavor, 200),
        r#"{id: "1", name: "m1.tiny", ram: 512, extra: {…}, tags: [], "x-y": null}"#
    );
    assert_eq!(ix.preview(flavor, 30), r#"{id: "1", name: "m1.tiny", …}"#);
    assert_eq!(ix.preview(flavor, 29), r#"{id: "1", name: "m1.tiny", …}"#);
    assert_eq!(ix.preview(flavor, 28), r#"{id: "1", …}"#);
    let list = member(&ix, 0, "list");
    assert_eq!(ix.preview(list, 16), "[1, 2, 3, 4, …]");
    assert_eq!(ix.preview(list, 100), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
    assert_eq!(ix.preview(member(&ix, 0, "e"), 10), "{}");
    let long = member(&ix, 0, "long");
    assert_eq!(ix.preview(long, 10), "\"abcdefgh…");
    assert_eq!(ix.preview(long, 100), "\"abcdefghijklmnopqrstuvwxyz\"");
    // The first member alone is too long: it is cut, not dropped.
    assert_eq!(ix.preview(0, 16), "{flavor: {…}, …}");
    assert_eq!(ix.preview(0, 12), "{flavor: {…}");
    for max in 0..40 {
        for n in 0..ix.len() {
            let p = ix.preview(n, max);
            assert!(p.chars().count() <= max, "{p:?} longer than {max}");
            assert!(!p.contains('\n'));
        }
    }
}

#[test]
fn a_preview_of_a_huge_array_looks_at_a_few_elements() {
    let mut json = String::from("[");
    for i in 0..200_000 {
        json.push_str(if i == 0 { "\"" } else { ",\"" });
        json.push_str(&"x".repeat(8));
        json.push('"');
    }
    json.push(']');
    let ix = index(&json);
    assert_eq!(ix.child_count(0), 200_000);
    let started = std::time::Instant::now();
    for _ in 0..1000 {
        assert_eq!(ix.preview(0, 30), r#"["xxxxxxxx", "xxxxxxxx", …]"#);
    }
    // O(subtree) would be 200 000 steps a call; a few children a call is far below a second.
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(ix.dot_path(ix.len() - 1), "[199999]");
}

#[test]
fn a_generated_nova_body_indexes_under_one_times_its_size() {
    let body = Bytes::from(nova::servers_detail(1 << 20));
    let ix = JsonIndex::build(body.clone()).expect("generated body is valid");
    let ratio = ix.index_bytes() as f64 / body.len() as f64;
    eprintln!(
        "nova 1 MB: {} nodes ({} containers), {:.1} body bytes per node, {} B per node + {} B per container, index/body = {ratio:.2}",
        ix.len(),
        ix.container_count(),
        body.len() as f64 / ix.len() as f64,
        JsonIndex::NODE_BYTES,
        JsonIndex::CONTAINER_BYTES,
    );
    assert!(ratio <= 1.0, "index is {ratio:.2}× the body");
    // And it agrees with serde_json on a few spot checks.
    let value: serde_json::Value = serde_json::from_slice(&body).expect("serde parses it");
    let servers = value["servers"].as_array().expect("servers");
    assert_eq!(ix.child_count(1), servers.len());
    for n in (0..ix.len()).step_by(97) {
        let want = value.pointer(&ix.pointer(n)).expect("path resolves");
        assert_eq!(ix.child_count(n), proptests::children_of(want));
    }
}
