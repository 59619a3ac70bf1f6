//! The Table's columns: hide, show, move and pin the selected one (`-`, `+`, `<`, `>`, `p`),
//! and the picker (`c`) that lists them all, hidden ones included, for the same operations.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::history::TableView;
use super::{Action, App, Command};
use crate::config::KeyContext;
use crate::json::table::GAP;

impl App {
    /// A column action on the Table's selected column; `None` for any other action.
    pub(super) fn on_column_action(&mut self, action: Action) -> Option<Vec<Command>> {
        if !matches!(
            action,
            Action::HideColumn
                | Action::ShowAllColumns
                | Action::MoveColumnLeft
                | Action::MoveColumnRight
                | Action::PinColumn
                | Action::ColumnPicker
        ) {
            return None;
        }
        let width = self.table_width();
        let (_, views) = self.json_views_mut()?;
        let table = views.table.as_mut()?;
        let shown = table.model.display_columns(width, GAP);
        let (column, at) = (table.selected_column(&shown), table.column_at(&shown));
        match (action, column) {
            (Action::ShowAllColumns, _) => table.model.show_all(),
            (Action::ColumnPicker, _) => {
                let at = column
                    .and_then(|c| table.model.column_order().iter().position(|&o| o == c))
                    .unwrap_or(0);
                self.inspector.column_picker = Some(at);
                return Some(Vec::new());
            }
            (_, None) => {}
            (Action::HideColumn, Some(column)) => {
                // The last visible column stays: a table of nothing helps no one.
                if table.model.visible_columns().len() > 1 {
                    table.model.set_hidden(column, true);
                }
            }
            (Action::MoveColumnLeft, Some(column)) => {
                table.model.move_left(column);
            }
            (Action::MoveColumnRight, Some(column)) => {
                table.model.move_right(column);
            }
            (_, Some(column)) => toggle_pin(table, column),
        }
        follow(table, at, width);
        Some(Vec::new())
    }

    /// Keys while the column picker is open: moves choose a column, Space or `-` shows or
    /// hides it, `p` pins it, `<`/`>` move it, Enter or `c` close (Esc too).
    pub(super) fn on_picker_key(&mut self, key: KeyEvent) -> Option<Vec<Command>> {
        let at = self.inspector.column_picker?;
        let table_action = self.keymap.lookup(KeyContext::Table, &key);
        let view_action = self.keymap.lookup(KeyContext::Inspector, &key);
        let width = self.table_width();
        let (_, views) = self.json_views_mut()?;
        let table = views.table.as_mut()?;
        let selected_at = table.column_at(&table.model.display_columns(width, GAP));
        let order = table.model.column_order().to_vec();
        let Some(&column) = order.get(at) else {
            self.inspector.column_picker = None;
            return Some(Vec::new());
        };
        // Where the cursor goes when the key moves it; otherwise it stays on its column.
        let mut moved_to = None;
        match (key.code, table_action, view_action) {
            (KeyCode::Enter, ..) | (_, Some(Action::ColumnPicker), _) => {
                self.inspector.column_picker = None;
                return Some(Vec::new());
            }
            (KeyCode::Char(' '), ..) | (_, Some(Action::HideColumn), _) => {
                let hidden = table.model.column(column).is_hidden();
                if !hidden && table.model.visible_columns().len() == 1 {
                    return Some(Vec::new());
                }
                table.model.set_hidden(column, !hidden);
            }
            (_, Some(Action::ShowAllColumns), _) => table.model.show_all(),
            (_, Some(Action::PinColumn), _) => toggle_pin(table, column),
            (_, Some(Action::MoveColumnLeft), _) => {
                table.model.move_left(column);
            }
            (_, Some(Action::MoveColumnRight), _) => {
                table.model.move_right(column);
            }
            (_, _, Some(Action::Up)) => moved_to = Some(at.saturating_sub(1)),
            (_, _, Some(Action::Down)) => moved_to = Some(at + 1),
            (_, _, Some(Action::Top)) => moved_to = Some(0),
            (_, _, Some(Action::Bottom)) => moved_to = Some(order.len()),
            _ => {}
        }
        let at = moved_to
            .or_else(|| table.model.column_order().iter().position(|&c| c == column))
            .unwrap_or(at)
            .min(order.len().saturating_sub(1));
        follow(table, selected_at, width);
        self.inspector.column_picker = Some(at);
        Some(Vec::new())
    }
}

fn toggle_pin(table: &mut TableView, column: usize) {
    if table.model.is_pinned(column) {
        table.model.unpin(column);
    } else {
        table.model.pin(column);
    }
}

/// After the columns changed: the selection stays on its column while it is shown; when it was
/// hidden, the column now at its place (`at`, in the order a view `width` columns wide shows
/// them) is selected.
fn follow(table: &mut TableView, at: usize, width: usize) {
    let shown = table.model.display_columns(width, GAP);
    if !table.column_shown(&shown) {
        table.select_column(&shown, at);
    }
}
