//! Visibility and rows against a naive model, the opening state, reveal, edge documents.

use std::sync::Arc;

use bytes::Bytes;

use super::*;
use crate::json::index::Kind;

pub(super) fn index(json: &str) -> Arc<JsonIndex> {
    let ix = JsonIndex::build_auto(Bytes::copy_from_slice(json.as_bytes())).expect("valid JSON");
    Arc::new(ix)
}

/// Everything expanded, `height` rows on screen.
pub(super) fn tree(json: &str, height: usize) -> TreeState {
    TreeState::expanded(index(json), height)
}

/// The visible nodes, as drawn.
pub(super) fn shown(t: &TreeState) -> Vec<usize> {
    t.visible_rows(0, usize::MAX).map(|row| row.node).collect()
}

/// The visible nodes by definition: no collapsed ancestor.
pub(super) fn model(t: &TreeState) -> Vec<usize> {
    let ix = t.index();
    (0..ix.len())
        .filter(|&n| {
            let mut up = ix.parent(n);
            while let Some(a) = up {
                if t.is_collapsed(a) {
                    return false;
                }
                up = ix.parent(a);
            }
            true
        })
        .collect()
}

/// Rows, row → node and node → row all agree with the model.
pub(super) fn check(t: &TreeState) {
    let want = model(t);
    assert_eq!(shown(t), want, "rows drawn");
    assert_eq!(t.row_count(), want.len(), "row count");
    let mut visible = vec![false; t.index().len()];
    for (r, &n) in want.iter().enumerate() {
        assert_eq!(t.node_at_row(r), Some(n), "node at row {r}");
        assert_eq!(t.row_of(n), Some(r), "row of node {n}");
        visible[n] = true;
    }
    for (n, &v) in visible.iter().enumerate() {
        assert_eq!(t.is_visible(n), v, "visibility of node {n}");
    }
    assert_eq!(t.node_at_row(want.len()), None);
}

/// The node whose jq path is `path` (linear: tests only).
pub(super) fn at(t: &TreeState, path: &str) -> usize {
    let ix = t.index();
    (0..ix.len())
        .find(|&n| ix.dot_path(n) == path)
        .expect("path present")
}

/// `count` objects of two members in an array: 5·count + 1 nodes, many 64-node blocks.
pub(super) fn wide(count: usize) -> String {
    let items: Vec<String> = (0..count)
        .map(|i| format!(r#"{{"id":{i},"tags":["a","b"]}}"#))
        .collect();
    format!("[{}]", items.join(","))
}

#[test]
fn rows_carry_depth_kind_and_fold_state() {
    let t = tree(r#"{"a":1,"o":{"x":[true]},"e":{},"z":[]}"#, 10);
    let rows: Vec<Row> = t.visible_rows(0, 100).collect();
    assert_eq!(rows.len(), 7);
    let summary: Vec<_> = rows
        .iter()
        .map(|r| (r.node, r.depth, r.kind, r.expanded, r.has_children))
        .collect();
    assert_eq!(
        summary,
        [
            (0, 0, Kind::Object, true, true),
            (1, 1, Kind::Number, false, false),
            (2, 1, Kind::Object, true, true),
            (3, 2, Kind::Array, true, true),
            (4, 3, Kind::True, false, false),
            (5, 1, Kind::Object, false, false),
            (6, 1, Kind::Array, false, false),
        ]
    );
    // A window from the middle, and one running past the end.
    let mid: Vec<usize> = t.visible_rows(2, 3).map(|r| r.node).collect();
    assert_eq!(mid, [2, 3, 4]);
    assert_eq!(t.visible_rows(5, 10).count(), 2);
    assert_eq!(t.visible_rows(7, 10).count(), 0);
    check(&t);
}

#[test]
fn empty_containers_and_scalars_do_not_fold() {
    let mut t = tree(r#"{"e":{},"s":"x"}"#, 10);
    assert!(!t.set_expanded(1, false));
    assert!(!t.set_expanded(2, false));
    assert!(!t.is_collapsed(1));
    assert_eq!(t.row_count(), 3);
}

#[test]
fn collapsing_an_outer_container_keeps_the_inner_state() {
    let mut t = tree(r#"{"a":{"b":{"c":[1,2]},"d":3},"e":4}"#, 10);
    let (a, b) = (at(&t, ".a"), at(&t, ".a.b"));
    assert!(t.set_expanded(b, false));
    check(&t);
    let inner_collapsed = shown(&t);
    assert!(t.set_expanded(a, false));
    check(&t);
    assert_eq!(shown(&t), [0, a, at(&t, ".e")]);
    assert!(t.set_expanded(a, true));
    assert_eq!(shown(&t), inner_collapsed);
    assert!(t.is_collapsed(b));
    check(&t);
}

#[test]
fn covers_across_many_blocks_agree_with_the_model() {
    let mut t = tree(&wide(300), 20);
    let n = t.index().len();
    assert_eq!(n, 1501);
    check(&t);
    // Every container, one at a time: covers starting and ending at all block offsets.
    for c in 0..n {
        if t.has_children(c) {
            assert!(t.set_expanded(c, false));
            check(&t);
            assert!(t.set_expanded(c, true));
        }
    }
    // Many at once, then the root over them, then peel back.
    for c in (1..n).step_by(7) {
        t.set_expanded(c, false);
    }
    check(&t);
    t.set_expanded(0, false);
    check(&t);
    assert_eq!(t.row_count(), 1);
    t.set_expanded(0, true);
    check(&t);
    for c in (1..n).step_by(14) {
        t.set_expanded(c, true);
    }
    check(&t);
}

#[test]
fn a_long_array_of_scalars_collapses_in_one_step() {
    let items: Vec<String> = (0..10_000).map(|i| i.to_string()).collect();
    let mut t = tree(&format!(r#"{{"a":[{}],"b":1}}"#, items.join(",")), 20);
    assert_eq!(t.row_count(), 10_003);
    t.set_expanded(1, false);
    assert_eq!(shown(&t), [0, 1, 10_002]);
    assert_eq!(t.row_of(10_002), Some(2));
    t.set_expanded(1, true);
    assert_eq!(t.row_of(10_002), Some(10_002));
    assert_eq!(t.node_at_row(5_000), Some(5_000));
}

#[test]
fn an_empty_document_has_no_rows_and_no_cursor() {
    let ix = Arc::new(JsonIndex::build_lines(Bytes::from_static(b"  \n")).expect("blank"));
    let mut t = TreeState::new(ix, 24);
    assert_eq!((t.row_count(), t.cursor(), t.cursor_row()), (0, None, None));
    for m in [
        TreeMove::Down,
        TreeMove::Bottom,
        TreeMove::PageDown,
        TreeMove::CollapseAll,
    ] {
        t.apply(m, 3);
    }
    t.reveal(0);
    t.set_height(5);
    assert_eq!(t.visible_rows(0, 10).count(), 0);
    assert_eq!((t.cursor(), t.scroll()), (None, 0));
}

#[test]
fn a_bare_scalar_is_one_row() {
    let mut t = TreeState::new(index("42"), 24);
    assert_eq!(shown(&t), [0]);
    t.apply(TreeMove::Toggle, 1);
    t.apply(TreeMove::ExpandOrChild, 1);
    assert_eq!((t.cursor(), t.row_count()), (Some(0), 1));
}

#[test]
fn json_lines_roots_are_sibling_rows() {
    let mut t = TreeState::new(index("{\"a\":1}\n{\"a\":2}\n[3]\n"), 24);
    assert_eq!(t.index().root_count(), 3);
    assert_eq!(shown(&t), [0, 1, 2, 3, 4, 5]);
    t.apply(TreeMove::CollapseAll, 1);
    assert_eq!(shown(&t), [0, 2, 4]);
    t.apply(TreeMove::NextSibling, 2);
    assert_eq!(t.cursor(), Some(4));
    t.apply(TreeMove::PrevSibling, 1);
    assert_eq!(t.cursor(), Some(2));
}

#[test]
fn small_documents_open_fully_expanded() {
    let t = TreeState::new(index(&wide(10)), 24);
    assert_eq!(t.row_count(), t.index().len());
    assert_eq!((t.cursor(), t.scroll()), (Some(0), 0));
}

#[test]
fn opening_stops_at_the_deepest_level_that_fits() {
    // 41 nodes at depth ≤ 1 fit in 3 × 14 = 42; the 121 at depth ≤ 2 do not.
    let t = TreeState::new(index(&wide(40)), 14);
    assert_eq!(t.row_count(), 41);
    assert!(t.is_expanded(0) && t.is_collapsed(1));
    // One row fewer on screen and even depth 1 does not fit: the root still opens.
    let t = TreeState::new(index(&wide(50)), 14);
    assert_eq!(t.row_count(), 51);
    // JSON Lines: each root is a row when their children would not fit.
    let many: String = (0..100)
        .map(|i| format!("{{\"n\":{i}}}"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(TreeState::new(index(&many), 10).row_count(), 100);
}

#[test]
fn a_large_generated_document_opens_collapsed_to_fit_the_screen() {
    let ix =
        Arc::new(JsonIndex::build(Bytes::from(nova::servers_detail(1 << 20))).expect("valid JSON"));
    let per_depth = |d: usize| (0..ix.len()).filter(|&n| ix.depth(n) <= d).count();
    // 50 rows on screen: `servers` alone has 331 entries, so only the root opens.
    let t = TreeState::new(Arc::clone(&ix), 50);
    assert_eq!(t.row_count(), per_depth(1));
    assert_eq!(t.row_count(), 3);
    assert!(t.is_expanded(0) && t.is_collapsed(1));
    // 200 rows: the servers list opens with each server folded.
    let t = TreeState::new(Arc::clone(&ix), 200);
    assert_eq!(t.row_count(), per_depth(2));
    assert!(t.row_count() <= 600 && per_depth(3) > 600);
    assert!(t.is_expanded(1) && t.is_collapsed(2));
    check(&t);
    // Under a byte a node besides the index.
    assert!(t.heap_bytes() <= ix.len(), "{} B", t.heap_bytes());
    // One server on its own (a `GET /servers/{id}`, 83 nodes: 47 at depth ≤ 1, 63 at ≤ 2)
    // opens whole on a 30-row pane; on a 24-row one only its port objects stay folded.
    let one = Arc::new(JsonIndex::build(Bytes::from(ix.value_raw(2).to_vec())).expect("valid"));
    let t = TreeState::new(Arc::clone(&one), 30);
    assert_eq!(t.row_count(), one.len());
    let t = TreeState::new(one, 24);
    assert_eq!(t.row_count(), 63);
}

#[test]
fn reveal_expands_the_ancestors_and_centres_the_node() {
    let mut t = TreeState::new(index(&wide(300)), 10);
    t.apply(TreeMove::CollapseAll, 1);
    assert_eq!(t.row_count(), 1);
    let target = at(&t, "[250].tags[1]");
    t.reveal(target);
    assert_eq!(t.cursor(), Some(target));
    assert!(t.is_visible(target));
    // The root and [250] opened; the other entries stayed folded.
    assert_eq!(t.row_count(), 1 + 300 + 2 + 2);
    let row = t.cursor_row().expect("visible");
    assert_eq!(row, 1 + 250 + 2 + 2);
    assert_eq!(t.scroll(), row - 5);
    check(&t);
    // Revealing a node already on screen does not scroll.
    let before = t.scroll();
    t.reveal(at(&t, "[250].id"));
    assert_eq!(t.scroll(), before);
}

#[test]
fn collapsing_over_the_cursor_moves_it_to_the_container() {
    let mut t = tree(r#"{"a":{"b":{"c":1}}}"#, 10);
    let c = at(&t, ".a.b.c");
    t.reveal(c);
    t.set_expanded(at(&t, ".a.b"), false);
    assert_eq!(t.cursor(), Some(at(&t, ".a.b")));
    t.set_expanded(at(&t, ".a.b"), true);
    t.reveal(c);
    // Nested folds: the outermost one takes the cursor.
    t.set_expanded(at(&t, ".a.b"), false);
    t.set_expanded(at(&t, ".a"), false);
    assert_eq!(t.cursor(), Some(at(&t, ".a")));
}

#[test]
fn deep_nesting_folds_and_reveals_without_recursion() {
    let depth = 100_000;
    let json = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let mut t = TreeState::new(index(&json), 24);
    assert_eq!(t.row_count(), 3 * 24); // the 72 levels that fit
    t.apply(TreeMove::Bottom, 1);
    assert_eq!(t.cursor(), Some(71));
    t.apply(TreeMove::ExpandAll, 1);
    assert_eq!(t.row_count(), depth + 1);
    t.apply(TreeMove::Bottom, 1);
    assert_eq!(t.cursor(), Some(depth));
    t.apply(TreeMove::CollapseToDepth(3), 1);
    assert_eq!((t.row_count(), t.cursor()), (4, Some(3)));
    t.reveal(depth);
    assert_eq!((t.row_count(), t.cursor_row()), (depth + 1, Some(depth)));
    t.apply(TreeMove::CollapseAll, 1);
    assert_eq!((t.row_count(), t.cursor()), (1, Some(0)));
}
