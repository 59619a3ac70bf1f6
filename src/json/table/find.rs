//! Which array the Table view shows: the first array of objects, breadth-first (so
//! `{"flavors": [...]}` gives `flavors`, not an array nested inside a flavor), or the one the
//! user selected in the tree.

use std::collections::VecDeque;

use crate::json::index::{JsonIndex, Kind};

/// An array whose first element is an object.
pub fn is_table(index: &JsonIndex, node: usize) -> bool {
    index.kind(node) == Kind::Array
        && index
            .first_child(node)
            .is_some_and(|first| index.kind(first) == Kind::Object)
}

/// The array to show as a table.
///
/// - `from: None`: the first array of objects breadth-first from the roots; failing that the
///   first array of any kind (`{"servers": []}` shows an empty table); `None` when the
///   document holds no array.
/// - `from: Some(node)` ("select it in the tree and press t"): the node itself when it is an
///   array; else its nearest ancestor that is an array of objects (a node inside a server gives
///   `servers`); else, looking down, the first table inside it as above.
///
/// Breadth-first over containers only: O(nodes) at worst, when there is no table.
pub fn find_table(index: &JsonIndex, from: Option<usize>) -> Option<usize> {
    let Some(node) = from else {
        return search(index, index.roots());
    };
    if node >= index.len() {
        return None;
    }
    if index.kind(node) == Kind::Array {
        return Some(node);
    }
    let mut at = node;
    while let Some(parent) = index.parent(at) {
        if is_table(index, parent) {
            return Some(parent);
        }
        at = parent;
    }
    search(index, std::iter::once(node))
}

fn search(index: &JsonIndex, start: impl Iterator<Item = usize>) -> Option<usize> {
    let mut queue: VecDeque<usize> = start.collect();
    let mut first_array = None;
    while let Some(n) = queue.pop_front() {
        if is_table(index, n) {
            return Some(n);
        }
        if index.kind(n) == Kind::Array && first_array.is_none() {
            first_array = Some(n);
        }
        queue.extend(index.children(n).filter(|&c| index.kind(c).is_container()));
    }
    first_array
}
