//! Moving around: focus between panes and fields, tabs, lists and the inspector's views, and
//! the geometry those moves depend on.

use ratatui::layout::Rect;

use super::composer::ComposerField;
use super::document::Document;
use super::history::Pretty;
use super::inspector::InspectorTab;
use super::{Action, App, Pane, SidebarTab, cycle, layout};

impl App {
    pub(super) fn focus_pane(&mut self, pane: Pane) {
        self.focus = pane;
        if pane == Pane::Composer {
            self.composer.editing = true;
        }
    }

    pub(super) fn focus_field(&mut self, field: ComposerField) {
        self.focus = Pane::Composer;
        self.composer.focus(field);
    }

    pub(super) fn cycle_pane(&mut self, forward: bool) {
        let at = Pane::ORDER
            .iter()
            .position(|p| *p == self.focus)
            .unwrap_or(0);
        let n = Pane::ORDER.len();
        self.focus_pane(
            Pane::ORDER[if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }],
        );
    }

    pub(super) fn cycle_tab(&mut self, forward: bool) {
        match self.focus {
            Pane::Composer => self.composer.cycle_tab(forward),
            Pane::Inspector => self.inspector.cycle_tab(forward),
            Pane::Sidebar => {
                let at = SidebarTab::ALL
                    .iter()
                    .position(|t| *t == self.sidebar_tab)
                    .unwrap_or(0);
                self.sidebar_tab = SidebarTab::ALL[cycle(at, SidebarTab::ALL.len(), forward)];
            }
        }
    }

    pub(super) fn navigate(&mut self, action: Action) {
        match self.focus {
            Pane::Sidebar if self.sidebar_tab == SidebarTab::Catalog => {
                self.navigate_catalog(action);
            }
            Pane::Sidebar if self.sidebar_tab == SidebarTab::Saved => {
                let page = isize::try_from(self.sidebar_page()).unwrap_or(isize::MAX);
                match action.rows(page) {
                    Some(isize::MIN) => self.saved.selected = 0,
                    Some(delta) => self.saved.move_selection(delta),
                    None => {}
                }
            }
            Pane::Sidebar => self.navigate_history(action),
            Pane::Composer => match action {
                Action::Up => self.composer.move_field(false),
                Action::Down => self.composer.move_field(true),
                _ => {}
            },
            Pane::Inspector => self.navigate_view(action),
        }
    }

    pub(super) fn navigate_history(&mut self, action: Action) {
        let before = self.history.selected;
        let page = isize::try_from(self.sidebar_page()).unwrap_or(isize::MAX);
        match action {
            Action::Up => self.history.move_selection(-1),
            Action::Down => self.history.move_selection(1),
            Action::PageUp => self.history.move_selection(-page),
            Action::PageDown => self.history.move_selection(page),
            Action::Top => self.history.select(0),
            Action::Bottom => self.history.select(usize::MAX),
            _ => {}
        }
        if self.history.selected != before {
            self.inspector.reset();
        }
    }

    pub(super) fn navigate_view(&mut self, action: Action) {
        if self.navigate_pretty(action) || self.navigate_wrapped(action) {
            return;
        }
        let page = self.view_page();
        let step = isize::try_from(page.saturating_sub(1).max(1)).unwrap_or(isize::MAX);
        let (rows, cols) = match action {
            Action::Left => (0, -8),
            Action::Right => (0, 8),
            Action::LineStart => (0, isize::MIN),
            _ => (action.rows(step).unwrap_or(0), 0),
        };
        self.scroll_view(rows, cols);
    }

    /// Scrolls the current inspector view, kept within its document.
    pub fn scroll_view(&mut self, rows: isize, cols: isize) {
        let (lines, width) = match self.wrapped_rows_total() {
            Some(rows) => (rows, 0),
            None => self
                .current_document()
                .map_or((0, 0), |d| (d.len(), d.widest())),
        };
        let page = self.view_page();
        self.inspector.scroll_by(rows, cols, lines, width, page);
    }

    pub(super) fn clamp_scroll(&mut self) {
        self.scroll_view(0, 0);
    }

    /// Where the panes are on the screen now.
    pub fn areas(&self) -> layout::Areas {
        self.areas_in(self.size)
    }

    /// Where the panes are in `size`: the sidebar widens while it shows the catalog, and the
    /// borders stay where the user dragged them.
    pub fn areas_in(&self, size: Rect) -> layout::Areas {
        layout::areas_split(size, self.sidebar_tab == SidebarTab::Catalog, self.split)
    }

    /// The inspector's view area (below its tabs, summary and filter line).
    pub fn view_area(&self) -> Rect {
        layout::inspector_areas(self.areas().inspector, self.filter_rows()).view
    }

    /// Rows of the inspector's view area.
    pub fn view_page(&self) -> usize {
        usize::from(self.view_area().height)
    }

    pub(super) fn sidebar_page(&self) -> usize {
        usize::from(self.history_list().height).max(1)
    }

    /// Where the History tab's rows are drawn (the filter line, when shown, is below them).
    pub fn history_list(&self) -> ratatui::layout::Rect {
        let (_, list) = layout::sidebar_areas(self.areas().sidebar);
        layout::history_areas(list, self.history_filter_shown()).0
    }

    /// Whether the History tab shows its filter line: while typed, or while a filter is set.
    pub fn history_filter_shown(&self) -> bool {
        self.history_input.is_some() || !self.history.filter_text().is_empty()
    }

    /// The document the inspector shows now, if any.
    pub fn current_document(&self) -> Option<&Document> {
        let entry = self.history.selected_entry()?;
        let finished = entry.finished()?;
        Some(match self.inspector.tab {
            InspectorTab::Raw => &finished.raw,
            InspectorTab::Headers => &finished.headers,
            InspectorTab::Tree | InspectorTab::Table => return None,
            // A filter's result stands in for the body while it is applied.
            InspectorTab::Pretty => match self
                .filter_view(entry.id)
                .map_or(&finished.pretty, |view| &view.pretty)
            {
                Pretty::Ready(doc) | Pretty::Invalid { text: doc, .. } => doc,
                Pretty::Pending => return None,
            },
        })
    }
}
