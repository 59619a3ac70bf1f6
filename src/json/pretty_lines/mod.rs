//! The Pretty view's lines, made from the index on demand: one line per value and one per
//! closing bracket, two spaces a level, keys, numbers and strings exactly as sent. Nothing of
//! the pretty text is stored — only the line number of every `STEP`-th node — so a 100 MB body
//! costs a few hundred KB here, and a line is found in O(STEP + depth).
//!
//! After node `j`, the lines up to node `j + 1` are its own line and the closing brackets of
//! the containers it ends: `depth(j) - depth(j + 1)` of them when `j` is a scalar or an empty
//! container (none when it opens a non-empty one, whose first child follows). The last node
//! closes down to depth 0; every root starts at depth 0.

use std::ops::Range;
use std::sync::Arc;

use super::index::{JsonIndex, Kind};

/// Nodes between two stored line numbers.
const STEP: usize = 64;

/// What a line of the Pretty view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrettyLine {
    /// A value's own line: a scalar, an empty container, or a container's opening bracket.
    Value(usize),
    /// A non-empty container's closing bracket.
    Close(usize),
}

impl PrettyLine {
    /// The node the line belongs to.
    pub fn node(self) -> usize {
        match self {
            PrettyLine::Value(n) | PrettyLine::Close(n) => n,
        }
    }
}

/// The Pretty view of an indexed document.
#[derive(Debug, Clone)]
pub struct PrettyLines {
    index: Arc<JsonIndex>,
    /// Line of node `k * STEP`.
    checkpoints: Vec<usize>,
    total: usize,
    widest: usize,
}

impl PrettyLines {
    /// Bytes these lines hold besides the index they are made from.
    pub fn heap_bytes(&self) -> usize {
        self.checkpoints.capacity() * std::mem::size_of::<usize>()
    }

    /// One pass over the nodes. O(nodes + keys): run it off the loop for big bodies.
    pub fn new(index: Arc<JsonIndex>) -> Self {
        let count = index.len();
        let mut checkpoints = Vec::with_capacity(count / STEP + 1);
        let mut line = 0;
        let mut widest = 0;
        for node in 0..count {
            if node % STEP == 0 {
                checkpoints.push(line);
            }
            widest = widest.max(line_width(&index, node));
            line += 1 + closes_after(&index, node);
        }
        Self {
            index,
            checkpoints,
            total: line,
            widest,
        }
    }

    pub fn index(&self) -> &JsonIndex {
        &self.index
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Bytes in the longest line (closing brackets aside, which are never the longest).
    pub fn widest(&self) -> usize {
        self.widest
    }

    /// The line of `node`'s value (its opening bracket for a container).
    pub fn line_of(&self, node: usize) -> usize {
        let mut n = node - node % STEP;
        let mut line = self.checkpoints[n / STEP];
        while n < node {
            line += 1 + closes_after(&self.index, n);
            n += 1;
        }
        line
    }

    /// The line of a non-empty container's closing bracket (its value line otherwise).
    pub fn closing_line_of(&self, node: usize) -> usize {
        let index = &self.index;
        let end = index.subtree_end(node);
        if end == node + 1 {
            return self.line_of(node);
        }
        // The closing bracket follows the subtree's last node and the brackets closed before it.
        let last = end - 1;
        self.line_of(last) + index.depth(last) - index.depth(node)
    }

    /// What line `line` shows.
    pub fn at(&self, line: usize) -> Option<PrettyLine> {
        if line >= self.total {
            return None;
        }
        let k = self.checkpoints.partition_point(|&l| l <= line) - 1;
        let mut node = k * STEP;
        let mut at = self.checkpoints[k];
        loop {
            if at == line {
                return Some(PrettyLine::Value(node));
            }
            let closes = closes_after(&self.index, node);
            if line <= at + closes {
                // The m-th bracket after a leaf closes its ancestor m levels up.
                let mut ancestor = node;
                for _ in 0..line - at {
                    ancestor = self.index.parent(ancestor)?;
                }
                return Some(PrettyLine::Close(ancestor));
            }
            at += 1 + closes;
            node += 1;
        }
    }

    /// The other bracket of a container's opening or closing line (`%`).
    pub fn matching(&self, line: usize) -> Option<usize> {
        match self.at(line)? {
            PrettyLine::Close(node) => Some(self.line_of(node)),
            PrettyLine::Value(node) if self.index.subtree_end(node) > node + 1 => {
                Some(self.closing_line_of(node))
            }
            PrettyLine::Value(_) => None,
        }
    }

    /// The body's bytes that line `line` shows, each with where it starts in the line's text:
    /// the key (quotes included) and a scalar's value. For marking search hits.
    pub fn body_spans(&self, line: usize) -> Vec<(Range<usize>, usize)> {
        let index = &self.index;
        let Some(PrettyLine::Value(node)) = self.at(line) else {
            return Vec::new();
        };
        let mut at = 2 * index.depth(node);
        let mut spans = Vec::with_capacity(2);
        if let Some(key) = index.key_span(node) {
            let len = key.len();
            spans.push((key, at));
            at += len + 2;
        }
        if !index.kind(node).is_container() {
            spans.push((index.span(node), at));
        }
        spans
    }

    /// The text of line `line`: indentation, `"key": `, the value or bracket, and a comma when
    /// a sibling follows.
    pub fn text(&self, line: usize) -> Option<Vec<u8>> {
        self.text_upto(line, usize::MAX)
    }

    /// The first `max` bytes (or so) of line `line`: what a window showing its start needs,
    /// without copying a 50 MB string value every frame. Always a prefix of [`Self::text`].
    pub fn text_upto(&self, line: usize, max: usize) -> Option<Vec<u8>> {
        let index = &self.index;
        let at = self.at(line)?;
        let node = at.node();
        let mut text = vec![b' '; crate::json::pretty::indent_width(index.depth(node))];
        match at {
            PrettyLine::Close(_) => text.push(closing_bracket(index.kind(node))),
            PrettyLine::Value(_) => {
                if let Some(key) = index.key_span(node) {
                    text.extend_from_slice(&index.body()[key]);
                    text.extend_from_slice(b": ");
                }
                let kind = index.kind(node);
                if kind.is_container() {
                    text.push(if kind == Kind::Object { b'{' } else { b'[' });
                    if index.child_count(node) > 0 {
                        return Some(text);
                    }
                    text.push(closing_bracket(kind));
                } else {
                    let value = index.value_raw(node);
                    let room = max.saturating_sub(text.len());
                    if value.len() > room {
                        text.extend_from_slice(&value[..room]);
                        return Some(text);
                    }
                    text.extend_from_slice(value);
                }
            }
        }
        if index.parent(node).is_some() && index.next_sibling(node).is_some() {
            text.push(b',');
        }
        Some(text)
    }
}

fn closing_bracket(kind: Kind) -> u8 {
    if kind == Kind::Object { b'}' } else { b']' }
}

/// Closing-bracket lines between `node`'s line and the next node's.
fn closes_after(index: &JsonIndex, node: usize) -> usize {
    if index.child_count(node) > 0 {
        return 0;
    }
    let next_depth = if node + 1 < index.len() {
        index.depth(node + 1)
    } else {
        0
    };
    index.depth(node).saturating_sub(next_depth)
}

/// Bytes in `node`'s value line.
fn line_width(index: &JsonIndex, node: usize) -> usize {
    let key = index.key_span(node).map_or(0, |k| k.len() + 2);
    let value = if index.kind(node).is_container() {
        2
    } else {
        index.value_raw(node).len()
    };
    2 * index.depth(node) + key + value + 1
}

#[cfg(test)]
mod tests;
