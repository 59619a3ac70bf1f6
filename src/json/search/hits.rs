//! The result of a search: every match in body order, and the distinct nodes holding one in
//! document order, with binary-searched navigation (`n`/`N`) and windows (highlighting).

use std::ops::Range;

/// One match in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The innermost node whose value or key holds the match's first byte.
    pub node: usize,
    /// Byte range of the match in the body.
    pub start: usize,
    pub end: usize,
    /// The match starts in the node's key (quotes included), not in its value.
    pub in_key: bool,
}

impl Hit {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Every match of one search over one body.
///
/// Matches never overlap and come in body order, so both their starts and their ends ascend:
/// [`in_range`](Self::in_range) is two binary searches. [`nodes`](Self::nodes) ascends by
/// node position (document order), which is not always body order: a match in a container's
/// own punctuation (`,` between elements) can come after matches in its children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchHits {
    matches: Vec<Hit>,
    nodes: Vec<usize>,
    truncated: bool,
}

impl SearchHits {
    /// `matches` must be in body order and not overlap.
    pub(super) fn new(matches: Vec<Hit>, truncated: bool) -> SearchHits {
        let mut nodes: Vec<usize> = Vec::new();
        for hit in &matches {
            // Several matches in one node come together: skip them before sorting.
            if nodes.last() != Some(&hit.node) {
                nodes.push(hit.node);
            }
        }
        nodes.sort_unstable();
        nodes.dedup();
        SearchHits {
            matches,
            nodes,
            truncated,
        }
    }

    /// Every match, in body order.
    pub fn matches(&self) -> &[Hit] {
        &self.matches
    }

    /// Number of matches (at most [`MAX_HITS`](super::MAX_HITS)).
    pub fn count(&self) -> usize {
        self.matches.len()
    }

    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// The search stopped at [`MAX_HITS`](super::MAX_HITS) matches: show the count as `N+`.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The distinct nodes holding a match, each once, in document order.
    pub fn nodes(&self) -> &[usize] {
        &self.nodes
    }

    /// Whether `node` holds a match (its key or its own text, not a descendant's).
    pub fn contains_node(&self, node: usize) -> bool {
        self.nodes.binary_search(&node).is_ok()
    }

    /// Where `node` is in [`nodes`](Self::nodes), for a "3/17" counter: the node holding a
    /// match at or before it (`None` when no match is at or before it).
    pub fn node_ordinal(&self, node: usize) -> Option<usize> {
        self.nodes.partition_point(|&n| n <= node).checked_sub(1)
    }

    /// The first node with a match after `node`, wrapping to the first one (`n`).
    pub fn next_after(&self, node: usize) -> Option<usize> {
        let after = self.nodes.partition_point(|&n| n <= node);
        self.nodes
            .get(after)
            .or_else(|| self.nodes.first())
            .copied()
    }

    /// The last node with a match before `node`, wrapping to the last one (`N`).
    pub fn prev_before(&self, node: usize) -> Option<usize> {
        let before = self.nodes.partition_point(|&n| n < node);
        before
            .checked_sub(1)
            .and_then(|i| self.nodes.get(i))
            .or_else(|| self.nodes.last())
            .copied()
    }

    /// The matches overlapping the body window `start..end` (the bytes of the rows or lines on
    /// screen), in body order. O(log matches).
    pub fn in_range(&self, start: usize, end: usize) -> &[Hit] {
        if start >= end {
            return &[];
        }
        let first = self.matches.partition_point(|hit| hit.end <= start);
        let last = self.matches.partition_point(|hit| hit.start < end);
        self.matches.get(first..last).unwrap_or(&[])
    }
}
