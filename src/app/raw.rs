//! Raw wraps long lines by default: its scroll position is then a row of the wrapped text,
//! found through the document's wrap index, so a 100 MB one-line body scrolls to its end
//! without drawing the columns before it. `w` switches to whole lines scrolled sideways.

use super::document::Document;
use super::inspector::InspectorTab;
use super::{Action, App};
use crate::text::window::{display_width_of, visible_bytes};

impl App {
    /// Whether the view on show is Raw with its lines wrapped.
    pub fn raw_wrapped(&self) -> bool {
        self.inspector.tab == InspectorTab::Raw
            && !self.inspector.raw_unwrapped
            // A hex dump's rows are 80 columns: wrapping them would only cost (a row string
            // per row of a 100 MB download) and help no one.
            && !self.current_document().is_some_and(Document::has_hex)
    }

    /// Columns of the inspector's view area.
    pub fn view_width(&self) -> usize {
        usize::from(self.view_area().width)
    }

    /// `w` in Raw: wrapped ↔ whole lines, keeping the top of the view where it was.
    pub(super) fn toggle_wrap_lines(&mut self) {
        if self.inspector.tab != InspectorTab::Raw {
            return;
        }
        let width = self.view_width();
        let top = self.inspector.scroll();
        let Some(doc) = self.current_document() else {
            self.inspector.raw_unwrapped = !self.inspector.raw_unwrapped;
            return;
        };
        let scroll = if self.inspector.raw_unwrapped {
            // Row of the top line's first byte.
            (doc.wrapped_row_of(width, top.row, 0), 0)
        } else {
            // The top row's line, scrolled sideways to where the row starts (in columns:
            // a byte offset is not a column once there are tabs or wide characters).
            let row = doc.wrapped_rows(width, top.row, 1).first().copied();
            row.map_or((0, 0), |r| {
                let column = doc.line(r.line).map_or(0, |line| {
                    let before = &line.bytes[..r.start.min(line.bytes.len())];
                    display_width_of(&visible_bytes(before, 0, usize::MAX / 8))
                });
                (r.line, column)
            })
        };
        self.inspector.raw_unwrapped = !self.inspector.raw_unwrapped;
        let at = self.inspector.scroll_mut();
        at.row = scroll.0;
        at.col = scroll.1;
        self.scroll_view(0, 0);
    }

    /// A move in wrapped Raw; `false` leaves it to line scrolling.
    pub(super) fn navigate_wrapped(&mut self, action: Action) -> bool {
        if !self.raw_wrapped() {
            return false;
        }
        let page = isize::try_from(self.view_page().saturating_sub(1).max(1)).unwrap_or(1);
        let rows = match action.rows(page) {
            Some(rows) => rows,
            // Rows already fit the width: nothing to the side.
            None if matches!(action, Action::Left | Action::Right | Action::LineStart) => 0,
            None => return false,
        };
        self.scroll_view(rows, 0);
        true
    }

    /// Rows Raw scrolls through when wrapped (measuring the rest of the body the first time:
    /// 100 MB of one-line JSON in about 20 ms, once per width).
    pub(super) fn wrapped_rows_total(&self) -> Option<usize> {
        if !self.raw_wrapped() {
            return None;
        }
        let width = self.view_width();
        Some(self.current_document()?.wrapped_count(width))
    }

    /// The wrapped row of `(line, byte)` in Raw.
    pub(super) fn wrapped_row_of(&self, line: usize, byte: usize) -> Option<usize> {
        if !self.raw_wrapped() {
            return None;
        }
        let width = self.view_width();
        Some(self.current_document()?.wrapped_row_of(width, line, byte))
    }
}
