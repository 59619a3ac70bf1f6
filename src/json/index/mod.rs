//! A flat structural index over a JSON body: the body stays one immutable buffer and each
//! value becomes a 20-byte node (start and end offsets, parent, index in the parent, depth,
//! kind, flags) in document order, plus 12 bytes per object or array (end offset, subtree
//! end, child count). Built in one validating pass with an explicit stack, so 100 000-deep nesting works;
//! keys and strings are unescaped lazily, numbers are shown exactly as sent, keys keep their
//! order (duplicates included). Paths and `[i]` labels cost O(depth): child counts and the
//! index in the parent are stored. No `serde_json::Value` is ever built.
//!
//! Nodes are addressed by their position, a `usize` in `0..len()`; accessors panic on a
//! position out of range, like slice indexing. A document may hold several top-level values
//! (JSON Lines): each is a root, and roots are siblings of one another.
//!
//! ```
//! use bytes::Bytes;
//! use fiddlestack::json::index::{JsonIndex, Kind};
//!
//! let body = br#"{"servers":[{"id":"a1","addresses":{"private":[{"addr":"10.0.0.5"}]}}]}"#;
//! let index = JsonIndex::build(Bytes::from_static(body)).expect("valid JSON");
//! let servers = index.first_child(0).expect("servers");
//! assert_eq!((index.kind(servers), index.child_count(servers)), (Kind::Array, 1));
//! let server = index.first_child(servers).expect("a server");
//! assert_eq!(index.preview(server, 40), r#"{id: "a1", addresses: {…}}"#);
//! let addr = index.len() - 1;
//! assert_eq!(index.dot_path(addr), ".servers[0].addresses.private[0].addr");
//! assert_eq!(index.string_value(addr), "10.0.0.5");
//! // A search hit inside the address maps back to its node.
//! let hit = index.span(addr).start + 3;
//! assert_eq!(index.node_at_offset(hit), Some(addr));
//! ```

mod build;
mod error;
mod node;
mod path;
mod scan;
mod value;

#[cfg(test)]
#[path = "../../../benches/support_json/mod.rs"]
mod nova;
#[cfg(test)]
pub(in crate::json) mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_errors;

use std::fmt;
use std::ops::Range;

use bytes::Bytes;

pub use error::{ErrorKind, Expected, IndexError};
pub use node::Kind;
use node::{Container, FLAG_ESCAPED, FLAG_FRACTION, FLAG_UNFINISHED, NONE, Node};

/// The structural index of a JSON body.
pub struct JsonIndex {
    body: Bytes,
    nodes: Vec<Node>,
    /// End offset and child count of each container, in document order.
    containers: Vec<Container>,
    roots: usize,
}

impl JsonIndex {
    /// Bytes per node in the node array.
    pub const NODE_BYTES: usize = std::mem::size_of::<Node>();
    /// Extra bytes per object or array (end offset, subtree end, child count).
    pub const CONTAINER_BYTES: usize = std::mem::size_of::<Container>();

    /// Indexes a body holding exactly one JSON value.
    pub fn build(body: Bytes) -> Result<JsonIndex, IndexError> {
        build::build(body, false, build::Limits::DEFAULT)
    }

    /// Indexes JSON Lines / NDJSON (or any stream of whitespace-separated values): one root per
    /// value. An empty or blank body gives an index with no roots.
    pub fn build_lines(body: Bytes) -> Result<JsonIndex, IndexError> {
        build::build(body, true, build::Limits::DEFAULT)
    }

    /// `build`, falling back to `build_lines` when the body is a value followed by more values
    /// on later lines (an NDJSON body served without its content type).
    pub fn build_auto(body: Bytes) -> Result<JsonIndex, IndexError> {
        match JsonIndex::build(body.clone()) {
            Err(e) if e.kind == ErrorKind::TrailingCharacters => {
                let first_end = e.partial.as_ref().map_or(0, |p| p.span(0).end);
                if memchr::memchr(b'\n', &body[first_end..e.offset]).is_some() {
                    JsonIndex::build_lines(body)
                } else {
                    Err(e)
                }
            }
            other => other,
        }
    }

    fn from_parts(
        body: Bytes,
        nodes: Vec<Node>,
        containers: Vec<Container>,
        roots: u32,
    ) -> JsonIndex {
        JsonIndex {
            body,
            nodes,
            containers,
            roots: roots as usize,
        }
    }

    /// The whole body, as received.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Number of nodes (JSON values).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Bytes held by the index itself, besides the body.
    pub fn index_bytes(&self) -> usize {
        self.nodes.capacity() * Self::NODE_BYTES
            + self.containers.capacity() * Self::CONTAINER_BYTES
    }

    /// Number of objects and arrays.
    pub fn container_count(&self) -> usize {
        self.containers.len()
    }

    /// The first (for plain JSON, the only) top-level value.
    pub fn root(&self) -> Option<usize> {
        (!self.nodes.is_empty()).then_some(0)
    }

    /// Number of top-level values: 1 for plain JSON, one per value for JSON Lines.
    pub fn root_count(&self) -> usize {
        self.roots
    }

    /// The top-level values in order.
    pub fn roots(&self) -> Children<'_> {
        Children {
            index: self,
            next: 0,
            end: self.nodes.len(),
        }
    }

    pub fn kind(&self, n: usize) -> Kind {
        self.nodes[n].kind()
    }

    /// `None` for a root.
    pub fn parent(&self, n: usize) -> Option<usize> {
        let parent = self.nodes[n].parent;
        (parent != NONE).then_some(parent as usize)
    }

    /// 0 for a root.
    pub fn depth(&self, n: usize) -> usize {
        self.nodes[n].depth()
    }

    /// One past the last node of `n`'s subtree: the subtree is `n..subtree_end(n)`.
    pub fn subtree_end(&self, n: usize) -> usize {
        self.container(n).map_or(n + 1, |c| c.next as usize)
    }

    pub fn first_child(&self, n: usize) -> Option<usize> {
        (self.subtree_end(n) > n + 1).then_some(n + 1)
    }

    /// The next child of the same parent (for a root: the next root).
    pub fn next_sibling(&self, n: usize) -> Option<usize> {
        let next = self.subtree_end(n);
        let end = self
            .parent(n)
            .map_or(self.nodes.len(), |p| self.subtree_end(p));
        (next < end).then_some(next)
    }

    pub fn children(&self, n: usize) -> Children<'_> {
        Children {
            index: self,
            next: n + 1,
            end: self.subtree_end(n),
        }
    }

    /// Members of an object, elements of an array; 0 for a scalar.
    pub fn child_count(&self, n: usize) -> usize {
        self.container(n).map_or(0, |c| c.children as usize)
    }

    /// Position among the parent's children (for a root: among the roots).
    pub fn index_in_parent(&self, n: usize) -> usize {
        self.nodes[n].index as usize
    }

    /// Byte range of the value in the body (for a container, brackets included).
    pub fn span(&self, n: usize) -> Range<usize> {
        let node = self.nodes[n];
        let end = match self.container(n) {
            Some(c) => c.end,
            None => node.end,
        };
        node.start as usize..end as usize
    }

    /// The value's bytes exactly as sent (`1.0` stays `1.0`; a string keeps its quotes and
    /// escapes; a container is its whole text).
    pub fn value_raw(&self, n: usize) -> &[u8] {
        &self.body[self.span(n)]
    }

    /// A string value contains backslash escapes.
    pub fn has_escapes(&self, n: usize) -> bool {
        self.nodes[n].has(FLAG_ESCAPED)
    }

    /// A number has a fraction or an exponent (`1.0`, `2e3`), so it is not an integer literal.
    pub fn has_fraction(&self, n: usize) -> bool {
        self.nodes[n].has(FLAG_FRACTION)
    }

    /// A container whose closing bracket never came (only in `IndexError::partial`).
    pub fn is_unfinished(&self, n: usize) -> bool {
        self.nodes[n].has(FLAG_UNFINISHED)
    }

    /// The innermost node whose value (or key, quotes included) contains byte `offset`: maps a
    /// search hit to a node. `None` when the offset is outside every value (whitespace around
    /// the roots, or past the end). O(log n + depth).
    pub fn node_at_offset(&self, offset: usize) -> Option<usize> {
        let after = self
            .nodes
            .partition_point(|node| node.start as usize <= offset);
        // Only the first node starting after `offset` can have its key around it.
        if after < self.nodes.len()
            && self
                .key_span(after)
                .is_some_and(|key| key.contains(&offset))
        {
            return Some(after);
        }
        let mut n = after.checked_sub(1)?;
        loop {
            if self.span(n).contains(&offset) {
                return Some(n);
            }
            n = self.parent(n)?;
        }
    }

    fn container(&self, n: usize) -> Option<Container> {
        let node = self.nodes[n];
        node.kind()
            .is_container()
            .then(|| self.containers[node.end as usize])
    }
}

impl fmt::Debug for JsonIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonIndex")
            .field("body_bytes", &self.body.len())
            .field("nodes", &self.nodes.len())
            .field("containers", &self.containers.len())
            .field("roots", &self.roots)
            .finish_non_exhaustive()
    }
}

/// Children of a node (or the roots), in order; each step is O(1).
#[derive(Debug, Clone)]
pub struct Children<'a> {
    index: &'a JsonIndex,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let n = self.next;
        self.next = self.index.subtree_end(n);
        Some(n)
    }
}
