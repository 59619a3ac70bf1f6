//! The Table view's keys: rows and columns, sorting off the loop, a row opened in the Tree, and
//! the Tree's `t` that makes a table of the array around the selected value.

use ratatui::crossterm::event::KeyEvent;

use super::history::{JsonBody, JsonViews, RequestId, TableView};
use super::inspector::InspectorTab;
use super::{Action, App, Command, Level, Pane};
use crate::config::KeyContext;
use crate::json::table::{Sorted, TableModel, find_table};

impl App {
    pub(super) fn json_views_mut(&mut self) -> Option<(RequestId, &mut JsonViews)> {
        match self.shown_json_mut()? {
            (id, JsonBody::Ready(views)) => Some((id, views)),
            _ => None,
        }
    }

    /// Rows the Table shows: the view less its heading row.
    fn table_page(&self) -> usize {
        self.view_page().saturating_sub(1).max(1)
    }

    /// `t` in the Tree: the array around the selected value becomes the Table.
    pub(super) fn open_table(&mut self) {
        let Some((_, views)) = self.json_views_mut() else {
            return;
        };
        let Some(cursor) = views.tree.cursor() else {
            return;
        };
        let index = std::sync::Arc::clone(views.tree.index_arc());
        match find_table(&index, Some(cursor)) {
            Some(array) => {
                views.table = Some(TableView::new(TableModel::new(index, array)));
                self.inspector.tab = InspectorTab::Table;
            }
            None => {
                self.message = Some((
                    Level::Warning,
                    "no array around the selected value".to_owned(),
                ));
            }
        }
    }

    /// A sort computed off the loop arrives; installed if that table is still the one shown.
    pub(super) fn on_table_sorted(&mut self, id: RequestId, sorted: Sorted) {
        // The shown table: the filter's while one is applied (a sort made for the other is
        // refused by `install`).
        if let Some((shown, JsonBody::Ready(views))) = self.shown_json_mut()
            && shown == id
            && let Some(table) = &mut views.table
        {
            table.model.install(sorted);
        }
    }

    /// Keys while the inspector shows the Table. `None` leaves the key to the usual routing.
    pub(super) fn on_table_key(&mut self, key: KeyEvent) -> Option<Vec<Command>> {
        if self.focus != Pane::Inspector || self.inspector.tab != InspectorTab::Table {
            return None;
        }
        if self.inspector.column_picker.is_some() {
            return self.on_picker_key(key);
        }
        let action = self
            .keymap
            .lookup(KeyContext::Table, &key)
            .or_else(|| self.keymap.lookup(KeyContext::Inspector, &key))?;
        if let Some(commands) = self.on_column_action(action) {
            return Some(commands);
        }
        let page = self.table_page();
        let (id, views) = self.json_views_mut()?;
        let table = views.table.as_mut()?;
        let rows = table.model.row_count();
        let columns = table.model.visible_columns().len();
        let step = isize::try_from(page.saturating_sub(1).max(1)).unwrap_or(isize::MAX);
        let mut move_row = |delta: isize| {
            table.row = table
                .row
                .saturating_add_signed(delta)
                .min(rows.saturating_sub(1));
        };
        match action {
            Action::Up => move_row(-1),
            Action::Down => move_row(1),
            Action::PageUp => move_row(-step),
            Action::PageDown => move_row(step),
            Action::Top => move_row(isize::MIN),
            Action::Bottom => move_row(isize::MAX),
            Action::Left => table.column = table.column.saturating_sub(1),
            Action::Right => table.column = (table.column + 1).min(columns.saturating_sub(1)),
            Action::LineStart => table.column = 0,
            Action::SortColumn => {
                let Some(&column) = table.model.visible_columns().get(table.column) else {
                    return Some(Vec::new());
                };
                let descending = table
                    .model
                    .sort_order()
                    .is_some_and(|o| o.column == column && !o.descending);
                return Some(vec![Command::SortTable {
                    id,
                    job: table.model.sort_job(column, descending),
                }]);
            }
            Action::OpenInTree => {
                if rows == 0 {
                    return Some(Vec::new());
                }
                let node = table.model.row_node(table.model.row_at(table.row));
                views.tree.set_height(page);
                views.tree.reveal(node);
                self.inspector.tab = InspectorTab::Tree;
            }
            _ => return None,
        }
        // Keep the selected row on screen.
        if let Some((_, views)) = self.json_views_mut()
            && let Some(table) = views.table.as_mut()
        {
            if table.row < table.first_row {
                table.first_row = table.row;
            } else if table.row >= table.first_row + page {
                table.first_row = table.row + 1 - page;
            }
        }
        Some(Vec::new())
    }
}
