//! Column operations: hide and show, move left and right, pin to the left, widths, and which
//! columns fit a horizontal window. All by column id; only the display order changes.

use super::TableModel;
use super::cell::width;

/// Columns between two cells in the Table view.
pub const GAP: usize = 2;

/// Default widest a column gets (the heading and cells beyond it end in `…`).
pub const WIDTH_CAP: usize = 40;
/// Rows measured when the table is built (the first ones); the UI adds the visible ones.
pub const WIDTH_SAMPLE: usize = 200;

/// Widths are measured no further than this, whatever the cap.
const MEASURE_LIMIT: usize = 1000;

impl TableModel {
    /// Visible column ids in display order: the pinned ones first.
    pub fn visible_columns(&self) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&c| !self.columns[c].hidden)
            .collect()
    }

    /// The visible columns in the order a window `budget` columns wide shows them: in display
    /// order when they all fit; otherwise the pinned ones, then the most useful of the others
    /// that fit (`name` before `status` before `id` before the rest: a narrow screen drops the
    /// least useful, never the name first), then the ones that did not — reached by scrolling
    /// right. Measured on the first rows' widths only, so the order holds while rows scroll.
    pub fn display_columns(&self, budget: usize, gap: usize) -> Vec<usize> {
        let visible = self.visible_columns();
        let widths = self.widths(std::iter::empty());
        let width_of = |c: usize| widths.get(c).copied().unwrap_or(0) + gap;
        if visible.iter().map(|&c| width_of(c)).sum::<usize>() <= budget {
            return visible;
        }
        let pinned = self.pinned_visible();
        let (lead, others) = visible.split_at(pinned);
        let mut room = budget.saturating_sub(lead.iter().map(|&c| width_of(c)).sum());
        let mut by_rank = others.to_vec();
        by_rank.sort_by_key(|&c| self.rank.get(c).copied().unwrap_or(usize::MAX));
        let mut kept = Vec::new();
        for c in by_rank {
            if width_of(c) <= room {
                room -= width_of(c);
                kept.push(c);
            }
        }
        let (fit, dropped): (Vec<usize>, Vec<usize>) =
            others.iter().partition(|c| kept.contains(c));
        lead.iter().copied().chain(fit).chain(dropped).collect()
    }

    /// How many of `visible_columns()` are pinned (they lead the list).
    pub fn pinned_visible(&self) -> usize {
        self.order[..self.pinned]
            .iter()
            .filter(|&&c| !self.columns[c].hidden)
            .count()
    }

    /// All column ids in display order, hidden ones included.
    pub fn column_order(&self) -> &[usize] {
        &self.order
    }

    pub fn is_pinned(&self, column: usize) -> bool {
        self.place(column) < self.pinned
    }

    pub fn set_hidden(&mut self, column: usize, hidden: bool) {
        self.columns[column].hidden = hidden;
    }

    pub fn show_all(&mut self) {
        for column in &mut self.columns {
            column.hidden = false;
        }
    }

    /// Moves `column` before the previous visible column of its zone (pinned or not). `false`
    /// when it already leads its zone.
    pub fn move_left(&mut self, column: usize) -> bool {
        let at = self.place(column);
        let start = if at < self.pinned { 0 } else { self.pinned };
        let Some(to) = (start..at)
            .rev()
            .find(|&p| !self.columns[self.order[p]].hidden)
        else {
            return false;
        };
        self.order.remove(at);
        self.order.insert(to, column);
        true
    }

    /// Moves `column` after the next visible column of its zone. `false` when it already ends
    /// its zone.
    pub fn move_right(&mut self, column: usize) -> bool {
        let at = self.place(column);
        let end = if at < self.pinned {
            self.pinned
        } else {
            self.order.len()
        };
        let Some(to) = (at + 1..end).find(|&p| !self.columns[self.order[p]].hidden) else {
            return false;
        };
        self.order.remove(at);
        self.order.insert(to, column);
        true
    }

    /// Pins `column`: it joins the end of the pinned columns, which stay at the left when the
    /// table scrolls horizontally.
    pub fn pin(&mut self, column: usize) {
        let at = self.place(column);
        if at >= self.pinned {
            self.order.remove(at);
            self.order.insert(self.pinned, column);
            self.pinned += 1;
        }
    }

    /// Unpins `column`: it leads the scrolling columns.
    pub fn unpin(&mut self, column: usize) {
        let at = self.place(column);
        if at < self.pinned {
            self.order.remove(at);
            self.pinned -= 1;
            self.order.insert(self.pinned, column);
        }
    }

    /// The widest a column gets (default `WIDTH_CAP`).
    pub fn width_cap(&self) -> usize {
        self.width_cap
    }

    pub fn set_width_cap(&mut self, cap: usize) {
        self.width_cap = cap.max(1);
    }

    /// Width of every column (by id): the widest of its heading, the first `WIDTH_SAMPLE`
    /// rows' cells (measured once) and the cells of `rows` (the visible ones), capped at
    /// `width_cap()`. The UI makes the final cut.
    pub fn widths(&self, rows: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut widths = self.sample_widths.clone();
        for row in rows {
            self.widen(&mut widths, row, MEASURE_LIMIT);
        }
        for w in &mut widths {
            *w = (*w).min(self.width_cap);
        }
        widths
    }

    /// The visible columns to draw in a window `budget` columns wide when the scrolling part
    /// starts at its `first_unpinned`-th column (of `display_columns`): the pinned ones, then
    /// scrolling ones while they start inside the window (the last may be cut). `widths` by column id (from
    /// `widths`), `gap` the columns between two cells.
    pub fn columns_in_view(
        &self,
        first_unpinned: usize,
        widths: &[usize],
        budget: usize,
        gap: usize,
    ) -> Vec<usize> {
        let visible = self.display_columns(budget, gap);
        let pinned = self.pinned_visible();
        let scrolling = visible[pinned..].iter().skip(first_unpinned);
        let mut out = Vec::new();
        let mut x = 0;
        for &c in visible[..pinned].iter().chain(scrolling) {
            if x >= budget {
                break;
            }
            out.push(c);
            x += widths.get(c).copied().unwrap_or(0) + gap;
        }
        out
    }

    /// Heading and first rows' widths by column id, uncapped (up to `MEASURE_LIMIT`).
    pub(super) fn measure_sample(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self
            .columns
            .iter()
            .map(|c| width(&c.name, MEASURE_LIMIT))
            .collect();
        for row in 0..self.rows.len().min(WIDTH_SAMPLE) {
            self.widen(&mut widths, row, MEASURE_LIMIT);
        }
        widths
    }

    /// Widens `widths` (by column id) to fit `row`'s cells.
    pub(super) fn widen(&self, widths: &mut [usize], row: usize, limit: usize) {
        for (w, node) in widths.iter_mut().zip(self.row_nodes(row)) {
            if let Some(node) = node {
                let cell = super::cell::cell(&self.index, node, self.nested);
                *w = (*w).max(width(&cell.text, limit));
            }
        }
    }

    /// Position of `column` in the display order.
    fn place(&self, column: usize) -> usize {
        self.order
            .iter()
            .position(|&c| c == column)
            .unwrap_or_else(|| panic!("column {column} out of range"))
    }
}
