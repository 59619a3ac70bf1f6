//! The Tree tab's moves. Each keeps the cursor on a visible node and on screen, and the scroll
//! within `0..=row_count - height`.

use super::TreeState;

/// A move of the Tree tab, with the key it is usually bound to. The UI maps keys (and a count
/// typed before them) to these; `apply` takes the count, 1 when none was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TreeMove {
    /// `j` / ↓: `count` rows down.
    Down,
    /// `k` / ↑: `count` rows up.
    Up,
    /// `h` / ←: collapse an expanded container, else go to the parent.
    CollapseOrParent,
    /// `l` / →: expand a collapsed container, else go to its first child.
    ExpandOrChild,
    /// Space / Enter: collapse or expand the selected container.
    Toggle,
    /// `J`: the next sibling (stays on the last one).
    NextSibling,
    /// `K`: the previous sibling (stays on the first one).
    PrevSibling,
    /// `g` / Home: the first row.
    Top,
    /// `G` / End: the last row.
    Bottom,
    /// `{n}G`: row `n` (0-based here; the UI subtracts one from a typed count).
    GoToRow(usize),
    /// `PgDn` / `ctrl-f`: cursor and screen `count` pages down.
    PageDown,
    /// `PgUp` / `ctrl-b`: cursor and screen `count` pages up.
    PageUp,
    /// `ctrl-d`: cursor and screen half a page down.
    HalfPageDown,
    /// `ctrl-u`: cursor and screen half a page up.
    HalfPageUp,
    /// Wheel down / `ctrl-e`: the screen `count` rows down; the cursor stays if still shown.
    ScrollDown,
    /// Wheel up / `ctrl-y`: the screen `count` rows up.
    ScrollUp,
    /// A click on screen row `r` (0 = the first row drawn).
    SelectScreenRow(usize),
    /// `zM`: collapse every container.
    CollapseAll,
    /// `zR`: expand every container.
    ExpandAll,
    /// `z1`…`z9`: expand containers above depth `d`, collapse the rest (rows of depth ≤ `d`
    /// show; `CollapseToDepth(0)` is `CollapseAll`).
    CollapseToDepth(usize),
    /// `zz`: scroll so the cursor is in the middle of the screen.
    CenterCursor,
    /// `zt`: scroll so the cursor is on the first row of the screen.
    CursorToTop,
    /// `zb`: scroll so the cursor is on the last row of the screen.
    CursorToBottom,
}

impl TreeState {
    /// Applies one move `count` times (0 counts as 1; the z-commands, jumps and toggle ignore
    /// it). Costs O(log n) (plus O(depth) for parent and sibling steps) a step, except
    /// `CollapseAll`, `ExpandAll` and `CollapseToDepth`, which are one pass over the nodes.
    pub fn apply(&mut self, m: TreeMove, count: usize) {
        if self.index.is_empty() {
            return;
        }
        let count = count.max(1);
        let row = self.cursor_row().unwrap_or(0);
        let last = self.row_count().saturating_sub(1);
        match m {
            TreeMove::Down => self.go_to_row(row.saturating_add(count)),
            TreeMove::Up => self.go_to_row(row.saturating_sub(count)),
            TreeMove::CollapseOrParent => self.collapse_or_parent(count),
            TreeMove::ExpandOrChild => self.expand_or_child(count),
            TreeMove::Toggle => {
                let c = self.cursor;
                let collapsed = self.vis.is_collapsed(c);
                self.vis.set_collapsed(&self.index, c, !collapsed);
            }
            TreeMove::NextSibling => {
                for _ in 0..count {
                    match self.index.next_sibling(self.cursor) {
                        Some(s) => self.cursor = s,
                        None => break,
                    }
                }
            }
            TreeMove::PrevSibling => {
                for _ in 0..count {
                    match self.prev_sibling(self.cursor) {
                        Some(s) => self.cursor = s,
                        None => break,
                    }
                }
            }
            TreeMove::Top => self.go_to_row(0),
            TreeMove::Bottom => self.go_to_row(last),
            TreeMove::GoToRow(r) => self.go_to_row(r),
            TreeMove::PageDown => self.page(self.height.saturating_mul(count), true),
            TreeMove::PageUp => self.page(self.height.saturating_mul(count), false),
            TreeMove::HalfPageDown => self.page(self.half_page().saturating_mul(count), true),
            TreeMove::HalfPageUp => self.page(self.half_page().saturating_mul(count), false),
            TreeMove::ScrollDown => self.scroll_screen(self.scroll.saturating_add(count)),
            TreeMove::ScrollUp => self.scroll_screen(self.scroll.saturating_sub(count)),
            TreeMove::SelectScreenRow(r) => {
                if let Some(node) = self.node_at_row(self.scroll.saturating_add(r)) {
                    self.cursor = node;
                }
            }
            TreeMove::CollapseAll => self.vis.collapse_from_depth(&self.index, 0),
            TreeMove::ExpandAll => self.vis.collapse_from_depth(&self.index, usize::MAX),
            TreeMove::CollapseToDepth(d) => self.vis.collapse_from_depth(&self.index, d),
            TreeMove::CenterCursor => self.scroll = row.saturating_sub(self.height / 2),
            TreeMove::CursorToTop => self.scroll = row,
            TreeMove::CursorToBottom => self.scroll = (row + 1).saturating_sub(self.height),
        }
        self.settle();
    }

    /// Selects the node at `row` (the last row when past the end).
    fn go_to_row(&mut self, row: usize) {
        let row = row.min(self.row_count().saturating_sub(1));
        if let Some(node) = self.node_at_row(row) {
            self.cursor = node;
        }
    }

    fn half_page(&self) -> usize {
        (self.height / 2).max(1)
    }

    /// Moves the screen and the cursor together by `rows`; at either end the cursor goes on to
    /// the first or last row.
    fn page(&mut self, rows: usize, down: bool) {
        let row = self.cursor_row().unwrap_or(0);
        if down {
            self.scroll = self.scroll.saturating_add(rows).min(self.max_scroll());
            self.go_to_row(row.saturating_add(rows));
        } else {
            self.scroll = self.scroll.saturating_sub(rows);
            self.go_to_row(row.saturating_sub(rows));
        }
    }

    /// Scrolls to `scroll` (clamped); a cursor pushed off screen moves to the nearest edge row.
    fn scroll_screen(&mut self, scroll: usize) {
        self.scroll = scroll.min(self.max_scroll());
        let row = self.cursor_row().unwrap_or(0);
        let bottom = self.scroll + self.height - 1;
        self.go_to_row(row.clamp(self.scroll, bottom));
    }

    fn collapse_or_parent(&mut self, count: usize) {
        for _ in 0..count {
            let c = self.cursor;
            if self.is_expanded(c) {
                self.vis.set_collapsed(&self.index, c, true);
            } else if let Some(parent) = self.index.parent(c) {
                self.cursor = parent;
            } else {
                break;
            }
        }
    }

    fn expand_or_child(&mut self, count: usize) {
        for _ in 0..count {
            let c = self.cursor;
            if self.vis.is_collapsed(c) {
                self.vis.set_collapsed(&self.index, c, false);
            } else if self.has_children(c) {
                self.cursor = c + 1;
            } else {
                break;
            }
        }
    }

    /// The previous child of the same parent (or the previous root). O(depth).
    pub fn prev_sibling(&self, node: usize) -> Option<usize> {
        if self.index.index_in_parent(node) == 0 {
            return None;
        }
        // The node before is in the previous sibling's subtree: climb to that sibling.
        let parent = self.index.parent(node);
        let mut m = node - 1;
        while self.index.parent(m) != parent {
            m = self.index.parent(m)?;
        }
        Some(m)
    }
}
