//! Each move of the Tree tab, with counts, at the ends, and the scroll it leaves.

use super::tests::{at, check, index, shown, tree};
use super::*;

/// Nodes: 0 root, 1 a, 2 b, 3 b.c, 4–6 b.c[0..3], 7 b.d, 8 b.d.e, 9 f (empty), 10 g.
const DOC: &str = r#"{"a":1,"b":{"c":[10,20,30],"d":{"e":null}},"f":[],"g":"x"}"#;

/// A root array of 100 numbers: 101 rows, row r + 1 is element r.
fn long(height: usize) -> TreeState {
    let items: Vec<String> = (0..100).map(|i| i.to_string()).collect();
    tree(&format!("[{}]", items.join(",")), height)
}

fn go(t: &mut TreeState, m: TreeMove, count: usize) -> usize {
    t.apply(m, count);
    t.cursor().expect("a cursor")
}

#[test]
fn down_and_up_move_by_rows_with_counts_and_stop_at_the_ends() {
    let mut t = tree(DOC, 20);
    assert_eq!(go(&mut t, TreeMove::Down, 1), 1);
    assert_eq!(go(&mut t, TreeMove::Down, 5), 6);
    assert_eq!(go(&mut t, TreeMove::Down, 0), 7); // no count typed: one
    assert_eq!(go(&mut t, TreeMove::Down, 99), 10);
    assert_eq!(go(&mut t, TreeMove::Up, 3), 7);
    assert_eq!(go(&mut t, TreeMove::Up, 99), 0);
    // Over a folded container, one row.
    t.set_expanded(3, false);
    t.apply(TreeMove::GoToRow(3), 1);
    assert_eq!(go(&mut t, TreeMove::Down, 1), 7);
    assert_eq!(go(&mut t, TreeMove::Up, 1), 3);
}

#[test]
fn h_collapses_then_climbs_and_l_expands_then_descends() {
    let mut t = tree(DOC, 20);
    t.reveal(5);
    assert_eq!(go(&mut t, TreeMove::CollapseOrParent, 1), 3); // a scalar: to its parent
    assert_eq!(go(&mut t, TreeMove::CollapseOrParent, 1), 3); // expanded: folds in place
    assert!(t.is_collapsed(3));
    assert_eq!(go(&mut t, TreeMove::CollapseOrParent, 1), 2); // folded: to its parent
    assert_eq!(go(&mut t, TreeMove::CollapseOrParent, 3), 0); // fold b, to root, fold root
    assert!(t.is_collapsed(2) && t.is_collapsed(0));
    assert_eq!(go(&mut t, TreeMove::CollapseOrParent, 1), 0); // a folded root stays
    assert_eq!(t.row_count(), 1);
    assert_eq!(go(&mut t, TreeMove::ExpandOrChild, 1), 0); // unfold in place
    assert_eq!(go(&mut t, TreeMove::ExpandOrChild, 1), 1); // to the first child
    assert_eq!(go(&mut t, TreeMove::ExpandOrChild, 1), 1); // a scalar: stays
    t.apply(TreeMove::Down, 1);
    assert_eq!(go(&mut t, TreeMove::ExpandOrChild, 2), 3); // unfold b, into it, c is folded
    assert!(t.is_collapsed(3));
    assert_eq!(go(&mut t, TreeMove::ExpandOrChild, 2), 4);
    t.apply(TreeMove::GoToRow(9), 1);
    assert_eq!(go(&mut t, TreeMove::ExpandOrChild, 1), 9); // an empty array: stays
    check(&t);
}

#[test]
fn toggle_folds_and_unfolds_containers_only() {
    let mut t = tree(DOC, 20);
    t.apply(TreeMove::GoToRow(2), 1);
    t.apply(TreeMove::Toggle, 1);
    assert_eq!(shown(&t), [0, 1, 2, 9, 10]);
    t.apply(TreeMove::Toggle, 5); // the count does not repeat a toggle
    assert_eq!(t.row_count(), 11);
    for row in [1, 9, 10] {
        t.apply(TreeMove::GoToRow(row), 1);
        t.apply(TreeMove::Toggle, 1);
        assert_eq!(t.row_count(), 11, "row {row} does not fold");
    }
}

#[test]
fn siblings_skip_subtrees_and_stop_at_the_first_and_last() {
    let mut t = tree(DOC, 20);
    t.apply(TreeMove::Down, 1);
    assert_eq!(go(&mut t, TreeMove::NextSibling, 1), 2);
    assert_eq!(go(&mut t, TreeMove::NextSibling, 1), 9);
    assert_eq!(go(&mut t, TreeMove::NextSibling, 5), 10);
    assert_eq!(go(&mut t, TreeMove::PrevSibling, 1), 9);
    assert_eq!(go(&mut t, TreeMove::PrevSibling, 1), 2);
    assert_eq!(go(&mut t, TreeMove::PrevSibling, 9), 1);
    assert_eq!(go(&mut t, TreeMove::NextSibling, 2), 9);
    t.reveal(6);
    assert_eq!(go(&mut t, TreeMove::PrevSibling, 2), 4);
    assert_eq!(go(&mut t, TreeMove::NextSibling, 1), 5);
    // The root has no sibling.
    t.apply(TreeMove::Top, 1);
    assert_eq!(go(&mut t, TreeMove::NextSibling, 1), 0);
    assert_eq!(go(&mut t, TreeMove::PrevSibling, 1), 0);
    assert_eq!(t.prev_sibling(7), Some(3));
}

#[test]
fn top_bottom_and_a_numbered_row() {
    let mut t = long(10);
    assert_eq!(go(&mut t, TreeMove::Bottom, 1), 100);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(100), 91));
    assert_eq!(go(&mut t, TreeMove::Top, 1), 0);
    assert_eq!(t.scroll(), 0);
    assert_eq!(go(&mut t, TreeMove::GoToRow(42), 1), 42);
    assert_eq!(t.scroll(), 33); // scrolled just enough
    assert_eq!(go(&mut t, TreeMove::GoToRow(5000), 1), 100);
}

#[test]
fn pages_move_the_screen_and_the_cursor_together() {
    let mut t = long(10);
    t.apply(TreeMove::Down, 3);
    t.apply(TreeMove::PageDown, 1);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(13), 10));
    t.apply(TreeMove::PageDown, 2);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(33), 30));
    t.apply(TreeMove::HalfPageDown, 1);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(38), 35));
    t.apply(TreeMove::HalfPageUp, 3);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(23), 20));
    t.apply(TreeMove::PageUp, 1);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(13), 10));
    // Past either end: the screen stops, the cursor goes on to the first or last row.
    t.apply(TreeMove::PageUp, 4);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(0), 0));
    t.apply(TreeMove::PageDown, 20);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(100), 91));
}

#[test]
fn the_wheel_scrolls_and_drags_the_cursor_along_at_the_edge() {
    let mut t = long(10);
    t.apply(TreeMove::Down, 4);
    t.apply(TreeMove::ScrollDown, 3);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(4), 3));
    t.apply(TreeMove::ScrollDown, 3);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(6), 6));
    t.apply(TreeMove::ScrollDown, 500);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(91), 91));
    t.apply(TreeMove::ScrollUp, 5);
    assert_eq!((t.cursor_row(), t.scroll()), (Some(91), 86));
    t.apply(TreeMove::SelectScreenRow(2), 1);
    assert_eq!(t.cursor_row(), Some(88));
    t.apply(TreeMove::SelectScreenRow(50), 1); // below the last row: ignored
    assert_eq!(t.cursor_row(), Some(88));
}

#[test]
fn z_commands_place_the_cursor_row_on_screen() {
    let mut t = long(10);
    t.apply(TreeMove::GoToRow(50), 1);
    t.apply(TreeMove::CenterCursor, 1);
    assert_eq!(t.scroll(), 45);
    t.apply(TreeMove::CursorToTop, 1);
    assert_eq!(t.scroll(), 50);
    t.apply(TreeMove::CursorToBottom, 1);
    assert_eq!(t.scroll(), 41);
    // Near the ends the screen stays full.
    t.apply(TreeMove::GoToRow(95), 1);
    t.apply(TreeMove::CursorToTop, 1);
    assert_eq!(t.scroll(), 91);
    t.apply(TreeMove::GoToRow(2), 1);
    t.apply(TreeMove::CursorToBottom, 1);
    assert_eq!(t.scroll(), 0);
    t.apply(TreeMove::CenterCursor, 1);
    assert_eq!(t.scroll(), 0);
    assert_eq!(t.cursor_row(), Some(2));
}

#[test]
fn fold_all_unfold_all_and_fold_to_a_depth() {
    let mut t = tree(DOC, 20);
    t.reveal(8);
    t.apply(TreeMove::CollapseToDepth(2), 1);
    assert_eq!(shown(&t), [0, 1, 2, 3, 7, 9, 10]);
    assert_eq!(t.cursor(), Some(7)); // e's folded parent
    t.apply(TreeMove::CollapseToDepth(1), 1);
    assert_eq!(shown(&t), [0, 1, 2, 9, 10]);
    assert_eq!(t.cursor(), Some(2));
    t.apply(TreeMove::CollapseAll, 1);
    assert_eq!((shown(&t), t.cursor()), (vec![0], Some(0)));
    t.apply(TreeMove::ExpandAll, 1);
    assert_eq!(t.row_count(), 11);
    t.apply(TreeMove::CollapseToDepth(9), 1);
    assert_eq!(t.row_count(), 11);
    t.apply(TreeMove::CollapseToDepth(0), 1);
    assert_eq!(t.row_count(), 1);
    check(&t);
}

#[test]
fn the_scroll_stays_in_bounds_when_rows_vanish_or_the_screen_grows() {
    let mut t = long(10);
    t.apply(TreeMove::Bottom, 1);
    assert_eq!(t.scroll(), 91);
    t.apply(TreeMove::CollapseAll, 1);
    assert_eq!((t.cursor(), t.scroll()), (Some(0), 0));
    t.apply(TreeMove::ExpandAll, 1);
    t.apply(TreeMove::GoToRow(60), 1);
    t.set_height(4);
    assert_eq!(t.scroll(), 57); // the cursor at the bottom of a smaller screen
    t.set_height(200);
    assert_eq!(t.scroll(), 0);
    t.set_height(0);
    assert_eq!(t.height(), 1);
    assert_eq!(t.scroll(), 60);
}

#[test]
fn revealing_inside_folds_keeps_the_unrelated_folds() {
    let mut t = TreeState::new(index(DOC), 20);
    t.set_expanded(2, false);
    t.set_expanded(3, false);
    t.set_expanded(7, false);
    t.reveal(at(&t, ".b.c[2]"));
    assert_eq!(t.cursor(), Some(6));
    assert!(t.is_collapsed(7));
    assert_eq!(shown(&t), [0, 1, 2, 3, 4, 5, 6, 7, 9, 10]);
}
