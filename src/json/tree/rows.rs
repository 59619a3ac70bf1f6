//! The rows on screen: one per visible value, walked from the first row's node in O(1) a row.

use super::TreeState;
use crate::json::index::Kind;

/// One visible value. The UI takes the text from the index: `index.key(node)`, the value
/// (`value_raw`, `preview`), the `[i]` label from `index_in_parent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub node: usize,
    pub depth: usize,
    pub kind: Kind,
    /// A container with children whose children are shown.
    pub expanded: bool,
    /// An object or array with at least one member (it has a fold marker).
    pub has_children: bool,
}

/// Rows from a first row on, in screen order.
#[derive(Debug, Clone)]
pub struct Rows<'a> {
    tree: &'a TreeState,
    next: Option<usize>,
    left: usize,
}

impl TreeState {
    /// Up to `count` rows from visible row `first_row` on (fewer at the end of the document).
    /// O(log n) to find the first, then O(1) a row.
    pub fn visible_rows(&self, first_row: usize, count: usize) -> Rows<'_> {
        Rows {
            tree: self,
            next: self.node_at_row(first_row),
            left: count,
        }
    }

    /// The row after `node` (a visible node) in screen order. O(1).
    pub fn next_visible(&self, node: usize) -> Option<usize> {
        let next = if self.is_expanded(node) {
            node + 1
        } else {
            self.index().subtree_end(node)
        };
        // Past a visible node's subtree comes a sibling of it or of an ancestor: all shown.
        (next < self.index().len()).then_some(next)
    }

    /// The row of `node` as drawn.
    pub fn row(&self, node: usize) -> Row {
        let index = self.index();
        let has_children = self.has_children(node);
        Row {
            node,
            depth: index.depth(node),
            kind: index.kind(node),
            expanded: has_children && !self.is_collapsed(node),
            has_children,
        }
    }
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        if self.left == 0 {
            return None;
        }
        let node = self.next?;
        self.left -= 1;
        self.next = self.tree.next_visible(node);
        Some(self.tree.row(node))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let upper = if self.next.is_some() { self.left } else { 0 };
        (0, Some(upper))
    }
}
