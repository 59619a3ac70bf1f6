//! The mouse beyond focusing panes: a press on a border starts a drag that moves it (the
//! sidebar's right edge, the composer's bottom edge), a click on a sidebar tab selects it, a
//! click on a Catalog, Tree or Table row selects that row, and a click on a Table column's
//! heading selects the column — a second click on the selected heading sorts by it (as `s`:
//! ascending, then descending). A second click on a selected Tree container folds or unfolds
//! it (as Enter). Every position comes from the same pure layout the drawing uses.

use ratatui::layout::Rect;

use super::inspector::InspectorTab;
use super::layout::{self, Border, contains};
use super::tree_rows;
use super::{App, Command, Pane, SidebarTab};
use crate::json::tree::TreeMove;

impl App {
    /// A press of the left button on a border: the drag starts. `false` when the press is
    /// not on one.
    pub(super) fn grab_border(&mut self, column: u16, row: u16) -> bool {
        self.drag = layout::border_at(&self.areas(), column, row);
        self.drag.is_some()
    }

    /// The pointer moved with the button held: the grabbed border follows it.
    pub(super) fn drag_to(&mut self, column: u16, row: u16) {
        let Some(border) = self.drag else {
            self.changed = false;
            return;
        };
        let areas = self.areas();
        match border {
            Border::Sidebar => {
                let width = column.saturating_sub(areas.sidebar.x).saturating_add(1);
                self.split.sidebar = Some(width);
            }
            Border::Composer => {
                let height = row.saturating_sub(areas.composer.y).saturating_add(1);
                self.split.composer = Some(height);
            }
        }
        // Kept as laid out, so a drag past a limit starts back from the limit.
        let now = self.areas();
        self.split = layout::Split {
            sidebar: self.split.sidebar.map(|_| now.sidebar.width),
            composer: self.split.composer.map(|_| now.composer.height),
        };
        if now == areas {
            self.changed = false;
        }
        self.clamp_scroll();
    }

    /// The button is released: the drag, if any, ends where it is.
    pub(super) fn release(&mut self) {
        self.changed = self.drag.take().is_some();
    }

    /// A click on the sidebar's tab bar selects the tab under it.
    pub(super) fn click_sidebar_tab(&mut self, tabs: Rect, column: u16) -> bool {
        let titles = SidebarTab::ALL.iter().map(|t| t.title());
        match super::input::tab_at(titles, tabs.x, column) {
            Some(tab) => {
                self.sidebar_tab = SidebarTab::ALL[tab];
                true
            }
            None => false,
        }
    }

    /// A click on the Catalog tab's list (`list`, as drawn) selects the row under it.
    pub(super) fn click_catalog(&mut self, list: Rect, row: u16) {
        let Some(cloud) = &mut self.cloud else {
            return;
        };
        let rows = cloud.rows().len();
        let (heading, first) = cloud.catalog_window(usize::from(list.height), rows);
        let Some(line) = usize::from(row - list.y).checked_sub(heading) else {
            return;
        };
        if first + line < rows {
            cloud.selected = first + line;
        }
    }

    /// A click in the inspector's view: a Tree or Table row, a Table heading.
    pub(super) fn click_view(&mut self, column: u16, row: u16) -> Vec<Command> {
        let view = self.view_area();
        if !contains(view, column, row) {
            return Vec::new();
        }
        // The Tree and the Table draw a line above their rows: the path, the heading.
        let line = usize::from(row - view.y);
        match self.inspector.tab {
            InspectorTab::Tree => {
                if let Some(row) = line.checked_sub(1) {
                    self.click_tree_row(row);
                }
                Vec::new()
            }
            InspectorTab::Table => self.click_table(usize::from(column - view.x), line),
            _ => Vec::new(),
        }
    }

    /// Selects the Tree's row drawn `line` lines under the path; a second click on a selected
    /// container folds or unfolds it. A selected value wrapped over several lines (`w`) pushes
    /// the rows under it down by as many, as drawn.
    fn click_tree_row(&mut self, line: usize) {
        let page = self.tree_page();
        let width = usize::from(self.view_area().width);
        let wrapped = self.inspector.wrap_selected;
        let Some(tree) = self.tree_mut() else {
            return;
        };
        let drawn_from = tree.scroll();
        let cursor_line = tree
            .cursor_row()
            .and_then(|r| r.checked_sub(drawn_from))
            .filter(|&at| at < page);
        let row = match cursor_line {
            Some(at) if wrapped && line > at => {
                let taken = tree_rows::selected_lines(tree.index(), tree, width, page - at);
                // On the value's own lines: the value; under them, the rows moved down.
                line.saturating_sub(taken - 1).max(at)
            }
            _ => line,
        };
        let Some(node) = tree.node_at_row(drawn_from + row) else {
            return;
        };
        let again = tree.cursor() == Some(node);
        tree.set_height(page);
        tree.reveal(node);
        if again && tree.has_children(node) {
            tree.apply(TreeMove::Toggle, 1);
        }
    }

    /// The Table's heading (`line` 0) selects a column, a second click on the selected one
    /// sorts by it; a row below selects that row.
    fn click_table(&mut self, x: usize, line: usize) -> Vec<Command> {
        let page = self.view_page().saturating_sub(1).max(1);
        let width = self.table_width();
        let Some((id, views)) = self.json_views_mut() else {
            return Vec::new();
        };
        let Some(table) = views.table.as_mut() else {
            return Vec::new();
        };
        let screen = table.screen(width, page);
        let Some(row) = line.checked_sub(1) else {
            let Some(column) = screen.column_at(x) else {
                return Vec::new();
            };
            if screen.selected == Some(column) {
                let descending = table
                    .model
                    .sort_order()
                    .is_some_and(|o| o.column == column && !o.descending);
                return vec![Command::SortTable {
                    id,
                    job: table.model.sort_job(column, descending),
                }];
            }
            if let Some(at) = screen.order.iter().position(|&c| c == column) {
                table.select_column(&screen.order, at);
            }
            return Vec::new();
        };
        if row < screen.rows.len() {
            table.row = table.first_row + row;
        }
        Vec::new()
    }

    /// Whether a press at `(column, row)` in the sidebar fell on its tab bar, and switched.
    pub(super) fn click_sidebar(&mut self, column: u16, row: u16) -> bool {
        let (tabs, list) = layout::sidebar_areas(self.areas().sidebar);
        if contains(tabs, column, row) {
            return self.click_sidebar_tab(tabs, column);
        }
        if self.sidebar_tab == SidebarTab::Catalog && contains(list, column, row) {
            self.focus = Pane::Sidebar;
            self.click_catalog(list, row);
            return true;
        }
        false
    }
}
