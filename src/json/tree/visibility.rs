//! Which nodes are visible rows, and the row ↔ node mapping, in O(log n) per query and per
//! toggle, in about half a byte per node.
//!
//! Collapsing container `c` hides the contiguous pre-order range `c+1..subtree_end(c)`: a
//! *cover*. A node is visible when no cover contains it. Covers nest and overlap freely
//! (a collapsed node inside a collapsed node keeps its own cover), so expanding the outer one
//! restores the inner state without visiting the subtree.
//!
//! Nodes are grouped in aligned blocks of 64 (one `u64` word each). A cover is split into the
//! blocks it covers whole, counted in a segment tree over blocks (the "union of intervals"
//! tree: a segment with a non-zero cover count holds 0 rows, so no lazy propagation is needed),
//! and at most two blocks it covers in part, kept as a per-block bit mask. A block's mask is
//! recomputed from the collapsed bits, never updated incrementally: the covers that reach into
//! a block in part either start in it (its own collapsed bits) or are ancestors of its first
//! node whose subtree ends inside it (a walk up from that node that stops at the first
//! ancestor reaching past the block). That walk is a few steps in real documents; it is long
//! only where many containers close at once (`]]]]…`), and each container is walked for at
//! most one block, so a rebuild stays O(n).

use crate::json::index::JsonIndex;

const BLOCK: usize = 64;

/// One segment of the tree over blocks.
#[derive(Debug, Clone, Copy, Default)]
struct Seg {
    /// Covers whose canonical decomposition includes this segment.
    cover: u32,
    /// Visible rows in this segment (0 while covered).
    rows: u32,
}

#[derive(Debug, Clone)]
pub(super) struct Visibility {
    len: usize,
    /// One bit per node: a container (with children) that is collapsed.
    collapsed: Vec<u64>,
    /// Per block: nodes hidden by covers that reach into the block only in part.
    partial: Vec<u64>,
    /// Leaves of the segment tree: a power of two ≥ the number of blocks.
    size: usize,
    /// `seg[1]` is the root, `seg[size + b]` the leaf of block `b`; `seg[0]` is unused.
    seg: Vec<Seg>,
}

/// Bits `lo..hi` of a word (`lo < 64`, `lo ≤ hi ≤ 64`).
fn bits(lo: usize, hi: usize) -> u64 {
    let upper = if hi >= BLOCK {
        u64::MAX
    } else {
        (1u64 << hi) - 1
    };
    upper & !((1u64 << lo) - 1)
}

/// Position of the `r`-th (0-based) set bit of `word`; `r` < `word.count_ones()`.
fn select(mut word: u64, r: u32) -> usize {
    for _ in 0..r {
        word &= word - 1;
    }
    word.trailing_zeros() as usize
}

impl Visibility {
    /// Everything expanded.
    pub fn expanded(len: usize) -> Visibility {
        let blocks = len.div_ceil(BLOCK);
        let size = blocks.max(1).next_power_of_two();
        let mut vis = Visibility {
            len,
            collapsed: vec![0; blocks],
            partial: vec![0; blocks],
            size,
            seg: vec![Seg::default(); 2 * size],
        };
        vis.recount_all();
        vis
    }

    /// Bytes held, for the memory report.
    pub fn heap_bytes(&self) -> usize {
        (self.collapsed.capacity() + self.partial.capacity()) * 8
            + self.seg.capacity() * std::mem::size_of::<Seg>()
    }

    /// Visible rows.
    pub fn rows(&self) -> usize {
        self.seg[1].rows as usize
    }

    pub fn is_collapsed(&self, n: usize) -> bool {
        self.collapsed[n / BLOCK] >> (n % BLOCK) & 1 == 1
    }

    /// The node shown at visible row `r`. O(log n).
    pub fn node_at(&self, mut r: usize) -> Option<usize> {
        if r >= self.rows() {
            return None;
        }
        let mut i = 1;
        while i < self.size {
            let left = self.seg[2 * i].rows as usize;
            if r < left {
                i *= 2;
            } else {
                r -= left;
                i = 2 * i + 1;
            }
        }
        let b = i - self.size;
        Some(b * BLOCK + select(self.shown(b), r as u32))
    }

    /// The visible row of node `n`, `None` when a collapsed ancestor hides it. O(log n).
    pub fn row_of(&self, n: usize) -> Option<usize> {
        if n >= self.len {
            return None;
        }
        let b = n / BLOCK;
        let bit = n % BLOCK;
        let shown = self.shown(b);
        let mut i = self.size + b;
        if shown >> bit & 1 == 0 || self.seg[i].cover > 0 {
            return None;
        }
        let mut row = (shown & bits(0, bit)).count_ones() as usize;
        while i > 1 {
            if i & 1 == 1 {
                row += self.seg[i - 1].rows as usize;
            }
            i /= 2;
            if self.seg[i].cover > 0 {
                return None;
            }
        }
        Some(row)
    }

    /// Collapses or expands container `c`; `false` when nothing changed (already so, or not a
    /// container with children). O(log n), plus the walk of `partial_mask` for two blocks.
    pub fn set_collapsed(&mut self, ix: &JsonIndex, c: usize, collapse: bool) -> bool {
        let end = ix.subtree_end(c);
        if end <= c + 1 || self.is_collapsed(c) == collapse {
            return false;
        }
        self.collapsed[c / BLOCK] ^= 1 << (c % BLOCK);
        let (lo, hi) = (c + 1, end);
        let (first, last) = (lo.div_ceil(BLOCK), hi / BLOCK);
        if first < last {
            self.cover(first, last, collapse);
        }
        // The blocks at both ends, if the cover reaches into them in part.
        self.refresh_block(ix, lo / BLOCK);
        if (hi - 1) / BLOCK != lo / BLOCK {
            self.refresh_block(ix, (hi - 1) / BLOCK);
        }
        true
    }

    /// Collapses exactly the containers with children at depth ≥ `depth` (0: all, `usize::MAX`:
    /// none). One pass over the nodes, then a rebuild: O(n); `usize::MAX` is O(n / 64).
    pub fn collapse_from_depth(&mut self, ix: &JsonIndex, depth: usize) {
        if depth == usize::MAX {
            // Nothing folded: no cover at all, and no need to look at the index.
            self.collapsed.fill(0);
            self.partial.fill(0);
            for seg in &mut self.seg {
                seg.cover = 0;
            }
            self.recount_all();
            return;
        }
        for (b, word) in self.collapsed.iter_mut().enumerate() {
            let start = b * BLOCK;
            let mut w = 0u64;
            for n in start..(start + BLOCK).min(self.len) {
                if ix.depth(n) >= depth && ix.subtree_end(n) > n + 1 {
                    w |= 1 << (n - start);
                }
            }
            *word = w;
        }
        self.rebuild(ix);
    }

    /// Expands all of `nodes` at once with a rebuild: for many nested containers, where one
    /// toggle each could walk the same closing cascade each time. O(n).
    pub fn expand_many(&mut self, ix: &JsonIndex, nodes: &[usize]) {
        for &c in nodes {
            self.collapsed[c / BLOCK] &= !(1 << (c % BLOCK));
        }
        self.rebuild(ix);
    }

    /// Recomputes everything from the collapsed bits: O(n / 64 + collapsed covers · log n).
    fn rebuild(&mut self, ix: &JsonIndex) {
        for seg in &mut self.seg {
            seg.cover = 0;
        }
        for b in 0..self.collapsed.len() {
            let mut word = self.collapsed[b];
            while word != 0 {
                let c = b * BLOCK + word.trailing_zeros() as usize;
                word &= word - 1;
                let (first, last) = ((c + 1).div_ceil(BLOCK), ix.subtree_end(c) / BLOCK);
                if first < last {
                    self.add_cover_counts(first, last);
                }
            }
            self.partial[b] = self.partial_mask(ix, b);
        }
        self.recount_all();
    }

    /// Nodes of block `b` that are shown unless a whole-block cover hides the block.
    fn shown(&self, b: usize) -> u64 {
        self.valid(b) & !self.partial.get(b).copied().unwrap_or(0)
    }

    /// Bits of block `b` that are nodes (the last block may be short).
    fn valid(&self, b: usize) -> u64 {
        let start = b * BLOCK;
        if start >= self.len {
            0
        } else {
            bits(0, (self.len - start).min(BLOCK))
        }
    }

    /// Nodes of block `b` hidden by covers that do not cover the whole block.
    fn partial_mask(&self, ix: &JsonIndex, b: usize) -> u64 {
        let start = b * BLOCK;
        let end = start + BLOCK;
        let mut mask = 0;
        // Covers from before the block: ancestors of its first node ending inside it.
        let mut up = if start < self.len {
            ix.parent(start)
        } else {
            None
        };
        while let Some(a) = up {
            let a_end = ix.subtree_end(a);
            if a_end >= end {
                break; // This one and every further ancestor cover the rest of the block.
            }
            if self.is_collapsed(a) {
                mask |= bits(0, a_end - start);
            }
            up = ix.parent(a);
        }
        // Covers starting inside the block.
        let mut word = self.collapsed[b];
        while word != 0 {
            let c = start + word.trailing_zeros() as usize;
            word &= word - 1;
            let c_end = ix.subtree_end(c).min(end);
            if c_end > c + 1 {
                mask |= bits(c + 1 - start, c_end - start);
            }
        }
        mask & self.valid(b)
    }

    fn refresh_block(&mut self, ix: &JsonIndex, b: usize) {
        self.partial[b] = self.partial_mask(ix, b);
        let leaf = self.size + b;
        self.recount(leaf);
        self.pull(leaf);
    }

    /// Adds (or removes) one cover over blocks `first..last`, keeping the row counts.
    fn cover(&mut self, first: usize, last: usize, add: bool) {
        let (mut l, mut r) = (first + self.size, last + self.size);
        let (left_leaf, right_leaf) = (l, r - 1);
        while l < r {
            if l & 1 == 1 {
                self.bump(l, add);
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                self.bump(r, add);
            }
            l /= 2;
            r /= 2;
        }
        self.pull(left_leaf);
        self.pull(right_leaf);
    }

    fn bump(&mut self, i: usize, add: bool) {
        if add {
            self.seg[i].cover += 1;
        } else {
            self.seg[i].cover -= 1;
        }
        self.recount(i);
    }

    /// Cover counts only, for `rebuild` (which recounts every segment afterwards).
    fn add_cover_counts(&mut self, first: usize, last: usize) {
        let (mut l, mut r) = (first + self.size, last + self.size);
        while l < r {
            if l & 1 == 1 {
                self.seg[l].cover += 1;
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                self.seg[r].cover += 1;
            }
            l /= 2;
            r /= 2;
        }
    }

    fn recount(&mut self, i: usize) {
        self.seg[i].rows = if self.seg[i].cover > 0 {
            0
        } else if i >= self.size {
            self.shown(i - self.size).count_ones()
        } else {
            self.seg[2 * i].rows + self.seg[2 * i + 1].rows
        };
    }

    /// Recounts the ancestors of segment `i`, bottom up.
    fn pull(&mut self, mut i: usize) {
        while i > 1 {
            i /= 2;
            self.recount(i);
        }
    }

    fn recount_all(&mut self) {
        for i in (1..2 * self.size).rev() {
            self.recount(i);
        }
    }
}
