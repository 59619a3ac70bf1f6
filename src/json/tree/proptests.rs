//! On generated documents (plain and JSON Lines, small and wide enough to span many 64-node
//! blocks): the rows agree with a naive model after any folds; expanding then collapsing a
//! node (or the reverse) restores the rows; under random key sequences the cursor stays on a
//! visible node on screen and the scroll in bounds.

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

use super::tests::{check, index, shown};
use super::*;

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "id", "name", "x"]).prop_map(str::to_owned)
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0i64..1000).prop_map(Value::from),
        key().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 400, 10, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..10).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..10)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A document: one value, a wide array of values, or JSON Lines.
fn document() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => value().prop_map(|v| v.to_string()),
        2 => prop::collection::vec(value(), 10..120).prop_map(|vs| Value::Array(vs).to_string()),
        1 => prop::collection::vec(value(), 1..30).prop_map(|vs| {
            vs.iter().map(|v| v.to_string() + "\n").collect::<String>()
        }),
    ]
}

fn tree_move() -> impl Strategy<Value = TreeMove> {
    prop_oneof![
        Just(TreeMove::Down),
        Just(TreeMove::Up),
        Just(TreeMove::CollapseOrParent),
        Just(TreeMove::ExpandOrChild),
        Just(TreeMove::Toggle),
        Just(TreeMove::NextSibling),
        Just(TreeMove::PrevSibling),
        Just(TreeMove::Top),
        Just(TreeMove::Bottom),
        (0usize..3000).prop_map(TreeMove::GoToRow),
        Just(TreeMove::PageDown),
        Just(TreeMove::PageUp),
        Just(TreeMove::HalfPageDown),
        Just(TreeMove::HalfPageUp),
        Just(TreeMove::ScrollDown),
        Just(TreeMove::ScrollUp),
        (0usize..60).prop_map(TreeMove::SelectScreenRow),
        Just(TreeMove::CollapseAll),
        Just(TreeMove::ExpandAll),
        (0usize..8).prop_map(TreeMove::CollapseToDepth),
        Just(TreeMove::CenterCursor),
        Just(TreeMove::CursorToTop),
        Just(TreeMove::CursorToBottom),
    ]
}

#[derive(Debug, Clone)]
enum Op {
    Fold(Index, bool),
    Depth(usize),
    Reveal(Index),
    Key(TreeMove, usize),
    Height(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (any::<Index>(), any::<bool>()).prop_map(|(i, fold)| Op::Fold(i, fold)),
        1 => (0usize..6).prop_map(Op::Depth),
        1 => any::<Index>().prop_map(Op::Reveal),
        6 => (tree_move(), 0usize..12).prop_map(|(m, count)| Op::Key(m, count)),
        1 => (0usize..40).prop_map(Op::Height),
    ]
}

fn run(t: &mut TreeState, op: &Op) {
    let len = t.index().len();
    match *op {
        Op::Fold(ref i, fold) => {
            t.set_expanded(i.index(len), !fold);
        }
        Op::Depth(d) => t.apply(TreeMove::CollapseToDepth(d), 1),
        Op::Reveal(ref i) => t.reveal(i.index(len)),
        Op::Key(m, count) => t.apply(m, count),
        Op::Height(h) => t.set_height(h),
    }
}

/// The cursor is a visible node on screen; the scroll leaves no empty screen rows it could fill.
fn assert_cursor_ok(t: &TreeState) {
    let cursor = t.cursor().expect("documents here are not empty");
    assert!(cursor < t.index().len());
    let row = t.cursor_row().expect("the cursor is on a visible node");
    assert!(
        row >= t.scroll() && row < t.scroll() + t.height(),
        "cursor on screen"
    );
    assert!(
        t.scroll() <= t.row_count().saturating_sub(t.height()),
        "scroll in bounds"
    );
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rows_agree_with_the_model_after_any_folds(
        json in document(),
        ops in prop::collection::vec(op(), 1..25),
    ) {
        let mut t = TreeState::new(index(&json), 10);
        check(&t);
        for op in &ops {
            run(&mut t, op);
            check(&t);
        }
    }

    #[test]
    fn expanding_then_collapsing_restores_the_rows(
        json in document(),
        ops in prop::collection::vec(op(), 0..15),
        pick in any::<Index>(),
    ) {
        let mut t = TreeState::new(index(&json), 10);
        for op in &ops {
            run(&mut t, op);
        }
        let containers: Vec<usize> =
            (0..t.index().len()).filter(|&n| t.has_children(n)).collect();
        prop_assume!(!containers.is_empty());
        let c = containers[pick.index(containers.len())];
        let before = shown(&t);
        let was_collapsed = t.is_collapsed(c);
        prop_assert!(t.set_expanded(c, was_collapsed));
        if t.is_visible(c) {
            prop_assert_ne!(shown(&t), before.clone(), "a shown fold changes the rows");
        }
        prop_assert!(t.set_expanded(c, !was_collapsed));
        prop_assert_eq!(shown(&t), before);
        check(&t);
    }

    #[test]
    fn the_cursor_never_leaves_the_document(
        json in document(),
        height in 1usize..30,
        ops in prop::collection::vec(op(), 1..60),
    ) {
        let mut t = TreeState::new(index(&json), height);
        assert_cursor_ok(&t);
        for op in &ops {
            run(&mut t, op);
            assert_cursor_ok(&t);
        }
    }
}
