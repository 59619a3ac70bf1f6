//! The Pretty view of a JSON document has a selected line: moves carry it (the view follows),
//! `%` jumps between a container's brackets, and `m` switches to the Tree on the same value
//! (and back).

use super::inspector::InspectorTab;
use super::{Action, App};
use crate::json::pretty_lines::{PrettyLine, PrettyLines};

impl App {
    /// The Pretty view's lines, when it shows a JSON document.
    fn pretty_lines(&self) -> Option<&PrettyLines> {
        if self.inspector.tab != InspectorTab::Pretty {
            return None;
        }
        self.current_document()?.pretty_lines()
    }

    /// A move in the Pretty view of a JSON document; `false` leaves it to plain scrolling.
    pub(super) fn navigate_pretty(&mut self, action: Action) -> bool {
        let Some(len) = self.pretty_lines().map(PrettyLines::len) else {
            return false;
        };
        let page = self.view_page().saturating_sub(1).max(1);
        let at = self.inspector.pretty_cursor;
        let to = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down => at + 1,
            Action::PageUp => at.saturating_sub(page),
            Action::PageDown => at + page,
            Action::Top => 0,
            Action::Bottom => len.saturating_sub(1),
            _ => return false,
        };
        self.select_pretty_line(to);
        true
    }

    /// `%`: to the other bracket of the container on the selected line.
    pub(super) fn match_bracket(&mut self) {
        let at = self.inspector.pretty_cursor;
        if let Some(to) = self.pretty_lines().and_then(|p| p.matching(at)) {
            self.select_pretty_line(to);
        }
    }

    /// `m`: Tree → Pretty on the selected value's line, Pretty → Tree on the selected line's
    /// value (its folds opened).
    pub(super) fn tree_or_pretty(&mut self) {
        match self.inspector.tab {
            InspectorTab::Tree => {
                let Some(node) = self.tree().and_then(crate::json::tree::TreeState::cursor) else {
                    self.inspector.tab = InspectorTab::Pretty;
                    return;
                };
                self.inspector.tab = InspectorTab::Pretty;
                if let Some(line) = self.pretty_lines().map(|p| p.line_of(node)) {
                    self.select_pretty_line(line);
                    self.center_pretty();
                }
            }
            InspectorTab::Pretty => {
                let at = self.inspector.pretty_cursor;
                let node = self
                    .pretty_lines()
                    .and_then(|p| p.at(at))
                    .map(PrettyLine::node);
                self.inspector.tab = InspectorTab::Tree;
                let height = self.tree_page();
                if let (Some(node), Some(tree)) = (node, self.tree_mut()) {
                    tree.set_height(height);
                    tree.reveal(node);
                }
            }
            _ => {}
        }
    }

    /// The value on the Pretty view's selected line, when it shows a JSON document.
    pub(super) fn pretty_node(&self) -> Option<usize> {
        let at = self.inspector.pretty_cursor;
        self.pretty_lines()?.at(at).map(PrettyLine::node)
    }

    /// Selects the line of `node`'s value.
    pub(super) fn select_pretty_node(&mut self, node: usize) {
        if let Some(line) = self.pretty_lines().map(|p| p.line_of(node)) {
            self.select_pretty_line(line);
        }
    }

    /// Selects line `line` (clamped) and scrolls just enough to show it.
    fn select_pretty_line(&mut self, line: usize) {
        let Some(len) = self.pretty_lines().map(PrettyLines::len) else {
            return;
        };
        let line = line.min(len.saturating_sub(1));
        self.inspector.pretty_cursor = line;
        let page = self.view_page().max(1);
        let scroll = self.inspector.scroll_mut();
        if line < scroll.row {
            scroll.row = line;
        } else if line >= scroll.row + page {
            scroll.row = line + 1 - page;
        }
        self.scroll_view(0, 0);
    }

    /// Puts the selected line mid-screen (after a jump from the Tree).
    fn center_pretty(&mut self) {
        let half = self.view_page() / 2;
        let line = self.inspector.pretty_cursor;
        self.inspector.scroll_mut().row = line.saturating_sub(half);
        self.scroll_view(0, 0);
    }
}
