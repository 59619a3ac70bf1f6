//! The Tree view's state over a [`JsonIndex`]: which containers are collapsed, the cursor (the
//! selected node) and the scroll (the first visible row), with the moves of the Tree tab.
//! Pure: no ratatui, no text. The UI draws [`TreeState::visible_rows`] and takes keys, values,
//! previews and `[i]` labels from the index.
//!
//! Every row query and every navigation key costs O(log n) (plus O(depth) where a parent
//! chain is walked), whatever the document size: the visible rows are counted in a segment
//! tree over blocks of 64 nodes (see `visibility.rs`), about half a byte per node. Global
//! commands (collapse or expand all, collapse to a depth) are one pass over the nodes.
//!
//! ```
//! use std::sync::Arc;
//! use bytes::Bytes;
//! use fiddlestack::json::index::JsonIndex;
//! use fiddlestack::json::tree::{TreeMove, TreeState};
//!
//! let body = br#"{"servers":[{"id":"a1","name":"web"},{"id":"b2","name":"db"}]}"#;
//! let index = Arc::new(JsonIndex::build(Bytes::from_static(body)).expect("valid JSON"));
//! let mut tree = TreeState::new(index, 24);
//! assert_eq!(tree.row_count(), 8); // small: opens fully expanded
//! tree.apply(TreeMove::Down, 2); // onto servers[0]
//! tree.apply(TreeMove::Toggle, 1); // collapse it
//! let nodes: Vec<usize> = tree.visible_rows(0, 10).map(|row| row.node).collect();
//! assert_eq!(nodes, [0, 1, 2, 5, 6, 7]);
//! assert_eq!(tree.index().dot_path(tree.cursor().expect("a cursor")), ".servers[0]");
//! ```

mod moves;
mod rows;
mod visibility;

// The generator the index's tests load too: one copy a test module, by design.
#[cfg(test)]
#[allow(clippy::duplicate_mod)]
#[path = "../../../benches/support_json/mod.rs"]
mod nova;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_moves;

use std::sync::Arc;

use super::index::JsonIndex;
pub use moves::TreeMove;
pub use rows::{Row, Rows};
use visibility::Visibility;

/// How many screens of rows a document may open with: levels are expanded breadth-first while
/// the rows fit in `OPEN_SCREENS × screen_rows`. Three keeps the shape of a big document within
/// reach: the last row of the deepest open level (`servers_links` after a list of servers) is at
/// most three pages down, and a list opens at one row per item. Yet a single resource opens
/// (nearly) whole: a nova server is 83 rows (47 at depth ≤ 1, 63 at ≤ 2), so it opens whole on
/// a 28-row pane and with only its port objects folded on a 21-row one; one screen would fold
/// every nested object of it.
pub const OPEN_SCREENS: usize = 3;

/// `reveal` expands more folded ancestors than this with one O(n) rebuild instead of one
/// toggle each (only documents nested hundreds deep get there).
const REBUILD_OVER: usize = 64;

/// Collapsed state, cursor and scroll of one document's Tree view.
#[derive(Debug, Clone)]
pub struct TreeState {
    index: Arc<JsonIndex>,
    vis: Visibility,
    /// The selected node (meaningless when the document is empty).
    cursor: usize,
    /// The first visible row on screen.
    scroll: usize,
    /// Rows on screen (≥ 1).
    height: usize,
}

impl TreeState {
    /// The state a document opens with: levels expanded breadth-first while the visible rows
    /// stay within `OPEN_SCREENS × screen_rows` (the root's children always show), cursor on
    /// the first row. O(n): build it off the loop with the index for big bodies.
    pub fn new(index: Arc<JsonIndex>, screen_rows: usize) -> TreeState {
        let depth = opening_depth(&index, screen_rows.max(1) * OPEN_SCREENS);
        let mut tree = TreeState::expanded(index, screen_rows);
        if depth != usize::MAX {
            tree.vis.collapse_from_depth(&tree.index, depth);
        }
        tree
    }

    /// Everything expanded, cursor on the first row.
    pub fn expanded(index: Arc<JsonIndex>, screen_rows: usize) -> TreeState {
        TreeState {
            vis: Visibility::expanded(index.len()),
            index,
            cursor: 0,
            scroll: 0,
            height: screen_rows.max(1),
        }
    }

    pub fn index(&self) -> &JsonIndex {
        &self.index
    }

    /// The shared index, to hand to other views of the same document.
    pub fn index_arc(&self) -> &Arc<JsonIndex> {
        &self.index
    }

    /// Number of visible rows. O(1).
    pub fn row_count(&self) -> usize {
        self.vis.rows()
    }

    /// The selected node; `None` only for an empty document.
    pub fn cursor(&self) -> Option<usize> {
        (!self.index.is_empty()).then_some(self.cursor)
    }

    /// The selected node's row. O(log n).
    pub fn cursor_row(&self) -> Option<usize> {
        self.vis.row_of(self.cursor)
    }

    /// The first row on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Rows on screen, as last set.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Sets the rows on screen (on resize), keeping the cursor on screen.
    pub fn set_height(&mut self, rows: usize) {
        self.height = rows.max(1);
        self.follow_cursor();
    }

    /// The node at visible row `row`. O(log n).
    pub fn node_at_row(&self, row: usize) -> Option<usize> {
        self.vis.node_at(row)
    }

    /// The visible row of `node`; `None` when a collapsed ancestor hides it. O(log n).
    pub fn row_of(&self, node: usize) -> Option<usize> {
        self.vis.row_of(node)
    }

    /// `node` is shown (all its ancestors are expanded). O(log n).
    pub fn is_visible(&self, node: usize) -> bool {
        self.vis.row_of(node).is_some()
    }

    /// `node` is a container with children, shown collapsed.
    pub fn is_collapsed(&self, node: usize) -> bool {
        self.vis.is_collapsed(node)
    }

    /// `node` is a container with children, shown expanded.
    pub fn is_expanded(&self, node: usize) -> bool {
        self.has_children(node) && !self.vis.is_collapsed(node)
    }

    /// `node` is an object or array with at least one member.
    pub fn has_children(&self, node: usize) -> bool {
        self.index.subtree_end(node) > node + 1
    }

    /// Bytes this state holds besides the index (about half a byte per node).
    pub fn heap_bytes(&self) -> usize {
        self.vis.heap_bytes()
    }

    /// Collapses or expands one container (a click on its marker); the cursor moves to the
    /// container if it was inside, and the screen follows the cursor. `false` when nothing
    /// changed. O(log n).
    pub fn set_expanded(&mut self, node: usize, expanded: bool) -> bool {
        let changed = self.vis.set_collapsed(&self.index, node, !expanded);
        if changed {
            self.settle();
        }
        changed
    }

    /// Expands every collapsed ancestor of `node` and selects it (a search hit, a Table row
    /// opened in the tree, the node kept across Tree ↔ Pretty), centring it if it was off
    /// screen. O(depth · log n); O(n) when more than 64 ancestors were folded.
    pub fn reveal(&mut self, node: usize) {
        if node >= self.index.len() {
            return;
        }
        let mut folded = Vec::new();
        let mut up = self.index.parent(node);
        while let Some(a) = up {
            if self.vis.is_collapsed(a) {
                folded.push(a);
            }
            up = self.index.parent(a);
        }
        if folded.len() > REBUILD_OVER {
            self.vis.expand_many(&self.index, &folded);
        } else {
            for &a in &folded {
                self.vis.set_collapsed(&self.index, a, false);
            }
        }
        self.cursor = node;
        let row = self.cursor_row().unwrap_or(0);
        if row < self.scroll || row >= self.scroll + self.height {
            self.scroll = row.saturating_sub(self.height / 2);
        }
        self.settle();
    }

    /// Moves the cursor out from under a collapsed ancestor (to the outermost one), then
    /// scrolls as little as needed to keep it on screen. O(log n), O(depth) when hidden.
    fn settle(&mut self) {
        if self.index.is_empty() {
            self.cursor = 0;
            self.scroll = 0;
            return;
        }
        if !self.is_visible(self.cursor) {
            let mut up = self.index.parent(self.cursor);
            while let Some(a) = up {
                if self.vis.is_collapsed(a) {
                    self.cursor = a;
                }
                up = self.index.parent(a);
            }
        }
        self.follow_cursor();
    }

    /// Scrolls as little as needed to show the cursor, within `0..=max_scroll`.
    fn follow_cursor(&mut self) {
        let row = self.cursor_row().unwrap_or(0);
        if row < self.scroll {
            self.scroll = row;
        } else if row >= self.scroll + self.height {
            self.scroll = row + 1 - self.height;
        }
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// The last scroll that still fills the screen.
    fn max_scroll(&self) -> usize {
        self.row_count().saturating_sub(self.height)
    }
}

/// The depth to collapse from so that the rows fit in `budget`: collapsing the containers at
/// depth ≥ d shows exactly the nodes at depth ≤ d, so it is the deepest d whose nodes at depth
/// ≤ d fit, but at least 1 for a single root. `usize::MAX` when the whole document fits. O(n).
fn opening_depth(index: &JsonIndex, budget: usize) -> usize {
    let mut per_depth: Vec<usize> = Vec::new();
    for n in 0..index.len() {
        let d = index.depth(n);
        if d >= per_depth.len() {
            per_depth.resize(d + 1, 0);
        }
        per_depth[d] += 1;
    }
    let floor = usize::from(index.root_count() <= 1);
    let mut rows = 0;
    for (d, count) in per_depth.iter().enumerate() {
        rows += count;
        if rows > budget {
            return d.saturating_sub(1).max(floor);
        }
    }
    usize::MAX
}
