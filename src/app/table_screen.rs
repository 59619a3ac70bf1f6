//! Where the Table view draws its rows and columns in a view of a given size: the rows on
//! screen, each column's width, the columns in the order this width shows them and those that
//! fit from the first scrolled-to one. One pure computation for the drawing (`ui::table`)
//! and the mouse, so a click on a heading or a row lands on what was drawn there.

use crate::app::history::TableView;
use crate::json::table::GAP;
use crate::text::window::display_width_of;

/// The Table as drawn in `width` columns with `height` rows under its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableScreen {
    /// The model's rows on screen, top to bottom (from `first_row`).
    pub rows: Vec<usize>,
    /// Each column's width (by column id), room for the sort marker included.
    pub widths: Vec<usize>,
    /// Every column in the order this width shows them (the most useful first).
    pub order: Vec<usize>,
    /// The selected column's id, if any column shows.
    pub selected: Option<usize>,
    /// The columns drawn, left to right.
    pub drawn: Vec<usize>,
}

impl TableView {
    /// Where the rows and columns go in `width` × `height` (the heading row not counted).
    pub fn screen(&self, width: usize, height: usize) -> TableScreen {
        let model = &self.model;
        let rows: Vec<usize> = (self.first_row..(self.first_row + height).min(model.row_count()))
            .map(|position| model.row_at(position))
            .collect();
        let mut widths = model.widths(rows.iter().copied());
        // Room for the sort marker beside its column's name.
        if let Some(order) = model.sort_order()
            && let Some(width) = widths.get_mut(order.column)
        {
            *width = (*width).max(display_width_of(model.column(order.column).name()) + 1);
        }
        let order = model.display_columns(width, GAP);
        let selected_at = self.column_at(&order);
        let first_unpinned = self.scroll_for((&order, selected_at), &widths, width);
        let drawn = model.columns_in_view(first_unpinned, &widths, width, GAP);
        TableScreen {
            rows,
            selected: order.get(selected_at).copied(),
            widths,
            order,
            drawn,
        }
    }

    /// The first scrolling column so the selected one (at `shown.1` in `shown.0`) is on screen.
    fn scroll_for(&self, shown: (&[usize], usize), widths: &[usize], width: usize) -> usize {
        let (visible, selected_at) = shown;
        let pinned = self.model.pinned_visible();
        let Some(selected) = selected_at.checked_sub(pinned) else {
            return 0;
        };
        let pinned_width: usize = visible[..pinned.min(visible.len())]
            .iter()
            .map(|&c| widths[c] + GAP)
            .sum();
        let room = width.saturating_sub(pinned_width);
        // Walk back from the selected column while the columns fit.
        let mut used = 0;
        let mut first = selected;
        for position in (0..=selected).rev() {
            let Some(&column) = visible.get(pinned + position) else {
                break;
            };
            used += widths[column] + GAP;
            if used > room && position < selected {
                break;
            }
            first = position;
        }
        first.max(self.first_column.min(selected))
    }
}

impl TableScreen {
    /// The column drawn `x` cells from the view's left edge (its gap counts as its own).
    pub fn column_at(&self, x: usize) -> Option<usize> {
        let mut start = 0;
        for &column in &self.drawn {
            let end = start + self.widths[column] + GAP;
            if x < end {
                return Some(column);
            }
            start = end;
        }
        None
    }
}
