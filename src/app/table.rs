//! The Table view's keys: rows and columns, sorting off the loop, a row opened in the Tree, and
//! the Tree's `t` that makes a table of the array around the selected value.

use std::sync::Arc;

use ratatui::crossterm::event::KeyEvent;

use super::history::{JsonBody, JsonViews, RequestId, TableView};
use super::inspector::InspectorTab;
use super::{Action, App, Command, Level, Pane};
use crate::config::KeyContext;
use crate::json::index::JsonIndex;
use crate::json::table::{GAP, Sorted, TableModel, find_table};

/// The status line while `t`'s table is made.
const MAKING_TABLE: &str = "Making the table…";

/// The Table of the array around a Tree node, to make off the loop. Two jobs are equal when
/// they start from the same node of the same document.
#[derive(Debug, Clone)]
pub struct TableJob {
    index: Arc<JsonIndex>,
    from: usize,
}

impl PartialEq for TableJob {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.index, &other.index) && self.from == other.from
    }
}

impl Eq for TableJob {}

impl TableJob {
    /// The Tree node it starts from.
    pub fn from(&self) -> usize {
        self.from
    }

    /// The table, or `None` when there is no array around the node. O(rows · keys).
    pub fn run(&self) -> Option<TableModel> {
        find_table(&self.index, Some(self.from))
            .map(|array| TableModel::new(Arc::clone(&self.index), array))
    }
}

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

    /// Columns the Table is drawn in: the order its columns show in depends on it.
    pub(super) fn table_width(&self) -> usize {
        usize::from(self.view_area().width)
    }

    /// `t` in the Tree: the array around the selected value becomes the Table. Finding it and
    /// scanning its rows are O(rows): made off the loop, shown when it comes back.
    pub(super) fn open_table(&mut self) -> Vec<Command> {
        let Some((id, views)) = self.json_views_mut() else {
            return Vec::new();
        };
        let Some(cursor) = views.tree.cursor() else {
            return Vec::new();
        };
        let index = Arc::clone(views.tree.index_arc());
        // The array that is the Table already: nothing to make.
        if views
            .table
            .as_ref()
            .is_some_and(|t| t.model.array() == cursor && Arc::ptr_eq(t.model.index(), &index))
        {
            self.inspector.tab = InspectorTab::Table;
            return Vec::new();
        }
        self.inspector.table_pending = Some((id, cursor));
        self.message = Some((Level::Info, MAKING_TABLE.to_owned()));
        vec![Command::BuildTable {
            id,
            job: TableJob {
                index,
                from: cursor,
            },
        }]
    }

    /// The table `t` asked for: shown, if it is still the one awaited and its document is
    /// still on show.
    pub(super) fn on_table_built(&mut self, id: RequestId, from: usize, model: Option<TableModel>) {
        if self.inspector.table_pending != Some((id, from)) {
            // Superseded (another `t`, another exchange): dropped.
            self.changed = false;
            return;
        }
        self.inspector.table_pending = None;
        let Some(model) = model else {
            self.message = Some((
                Level::Warning,
                "no array around the selected value".to_owned(),
            ));
            return;
        };
        let from_tree = self.inspector.tab == InspectorTab::Tree;
        if let Some((shown, views)) = self.json_views_mut()
            && shown == id
            && Arc::ptr_eq(views.tree.index_arc(), model.index())
        {
            views.table = Some(TableView::new(model));
            if from_tree {
                self.inspector.tab = InspectorTab::Table;
            }
            if self
                .message
                .as_ref()
                .is_some_and(|(_, text)| text == MAKING_TABLE)
            {
                self.message = None;
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
        let width = self.table_width();
        let (id, views) = self.json_views_mut()?;
        let table = views.table.as_mut()?;
        let rows = table.model.row_count();
        let shown = table.model.display_columns(width, GAP);
        let at = table.column_at(&shown);
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
            Action::Left => table.select_column(&shown, at.saturating_sub(1)),
            Action::Right => table.select_column(&shown, at + 1),
            Action::LineStart => table.select_column(&shown, 0),
            Action::SortColumn => {
                let Some(column) = table.selected_column(&shown) else {
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
