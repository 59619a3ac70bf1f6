//! The Tree view's keys: moves with counts (`5j`), the `z` fold commands, and the inspector's
//! own keys read as tree moves while the Tree tab shows.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::copy::{CopySource, ValueForm};
use super::history::JsonBody;
use super::inspector::{InspectorTab, TreePrefix};
use super::{Action, App, Command, Level, Pane};
use crate::config::KeyContext;
use crate::json::tree::{TreeMove, TreeState};

/// The largest count a user can type; more is a typo, not a request.
const MAX_COUNT: usize = 99_999;

impl App {
    /// The Tree state of the exchange on show, when its body is indexed JSON.
    pub fn tree(&self) -> Option<&TreeState> {
        match self.shown_json()? {
            JsonBody::Ready(views) => Some(&views.tree),
            _ => None,
        }
    }

    pub(super) fn tree_mut(&mut self) -> Option<&mut TreeState> {
        match self.shown_json_mut()?.1 {
            JsonBody::Ready(views) => Some(&mut views.tree),
            _ => None,
        }
    }

    /// Rows the Tree shows: the view less the path line above it.
    pub(super) fn tree_page(&self) -> usize {
        self.view_page().saturating_sub(1).max(1)
    }

    /// Applies a move with the count typed before it.
    pub(super) fn tree_move(&mut self, step: TreeMove) {
        let count = self.inspector.count.take().unwrap_or(1);
        let height = self.tree_page();
        if let Some(tree) = self.tree_mut() {
            tree.set_height(height);
            tree.apply(step, count);
        }
    }

    /// `y` then a key: copies the selected value (`y` pretty, `v` compact), its string
    /// unescaped (`s`) — their text made off the loop, they may be the whole body — or its
    /// key (`k`) or its path (`p`/`q` jq-style, `b` brackets).
    fn yank(&mut self, code: KeyCode) -> Vec<Command> {
        let Some(tree) = self.tree() else {
            return Vec::new();
        };
        let Some(node) = tree.cursor() else {
            return Vec::new();
        };
        let index = tree.index();
        let form = match code {
            KeyCode::Char('y') => Some(("the value", ValueForm::Pretty)),
            KeyCode::Char('v') => Some(("the compact value", ValueForm::Compact)),
            KeyCode::Char('s') => Some(("the string", ValueForm::Unescaped)),
            _ => None,
        };
        if let Some((what, form)) = form {
            let index = std::sync::Arc::clone(tree.index_arc());
            return self.copy_from(what, CopySource::Value { index, node, form });
        }
        let (what, text) = match code {
            KeyCode::Char('k') => match index.key(node) {
                Some(key) => ("key", key.into_owned()),
                None => ("index", index.index_in_parent(node).to_string()),
            },
            KeyCode::Char('p' | 'q') => ("path", index.dot_path(node)),
            KeyCode::Char('b') => ("path", index.bracket_path(node)),
            _ => return Vec::new(),
        };
        let size = crate::text::human_size(text.len());
        self.message = Some((
            Level::Info,
            format!("Copied the {what} ({size}) to the clipboard"),
        ));
        vec![Command::Copy { text }]
    }

    /// Keys while the inspector shows the Tree: a pending `z`, digits of a count, the Tree's
    /// bindings, then the inspector's read as moves. `None` leaves the key to the usual routing.
    pub(super) fn on_tree_key(&mut self, key: KeyEvent) -> Option<Vec<Command>> {
        if self.focus != Pane::Inspector || self.inspector.tab != InspectorTab::Tree {
            return None;
        }
        let prefix = self.inspector.prefix.take();
        if prefix == Some(TreePrefix::Yank) {
            return Some(self.yank(key.code));
        }
        if prefix == Some(TreePrefix::Fold) {
            let step = match key.code {
                KeyCode::Char('M') => Some(TreeMove::CollapseAll),
                KeyCode::Char('R') => Some(TreeMove::ExpandAll),
                KeyCode::Char(d @ '1'..='9') => d
                    .to_digit(10)
                    .map(|d| TreeMove::CollapseToDepth(d as usize)),
                KeyCode::Char('z') => Some(TreeMove::CenterCursor),
                KeyCode::Char('t') => Some(TreeMove::CursorToTop),
                KeyCode::Char('b') => Some(TreeMove::CursorToBottom),
                _ => None,
            };
            if let Some(step) = step {
                self.tree_move(step);
            }
            return Some(Vec::new());
        }
        if let KeyCode::Char(digit @ '0'..='9') = key.code
            && (digit != '0' || self.inspector.count.is_some())
            && key.modifiers.is_empty()
        {
            let typed = self.inspector.count.unwrap_or(0) * 10
                + digit.to_digit(10).map_or(0, |d| d as usize);
            self.inspector.count = Some(typed.min(MAX_COUNT));
            return Some(Vec::new());
        }
        let step = match self.keymap.lookup(KeyContext::Tree, &key) {
            // On a string, "toggle" opens it whole.
            Some(Action::ToggleNode) if self.open_value_popup() => return Some(Vec::new()),
            Some(Action::ToggleNode) => TreeMove::Toggle,
            Some(Action::NextSibling) => TreeMove::NextSibling,
            Some(Action::PrevSibling) => TreeMove::PrevSibling,
            Some(Action::HalfPageDown) => TreeMove::HalfPageDown,
            Some(Action::HalfPageUp) => TreeMove::HalfPageUp,
            Some(Action::FoldPrefix) => {
                self.inspector.prefix = Some(TreePrefix::Fold);
                return Some(Vec::new());
            }
            Some(Action::YankPrefix) => {
                self.inspector.prefix = Some(TreePrefix::Yank);
                return Some(Vec::new());
            }
            Some(Action::OpenTable) => return Some(self.open_table()),
            Some(Action::FollowLink) => {
                self.follow_link();
                return Some(Vec::new());
            }
            Some(Action::WrapValue) => {
                self.inspector.wrap_selected = !self.inspector.wrap_selected;
                return Some(Vec::new());
            }
            _ => match self.keymap.lookup(KeyContext::Inspector, &key) {
                Some(Action::Up) => TreeMove::Up,
                Some(Action::Down) => TreeMove::Down,
                Some(Action::Left) => TreeMove::CollapseOrParent,
                Some(Action::Right) => TreeMove::ExpandOrChild,
                Some(Action::PageUp) => TreeMove::PageUp,
                Some(Action::PageDown) => TreeMove::PageDown,
                Some(Action::Top) => TreeMove::Top,
                // `{n}G` goes to row n, as in vim.
                Some(Action::Bottom) => match self.inspector.count.take() {
                    Some(row) => TreeMove::GoToRow(row.saturating_sub(1)),
                    None => TreeMove::Bottom,
                },
                _ => {
                    self.inspector.count = None;
                    return None;
                }
            },
        };
        self.tree_move(step);
        Some(Vec::new())
    }
}

impl App {
    /// alt-1: the Raw view; coming from the Tree, the selected value's bytes are highlighted
    /// and scrolled to — raw and parsed side by side in one keystroke.
    pub(super) fn show_in_raw(&mut self) {
        let from_tree = self.inspector.tab == InspectorTab::Tree;
        self.inspector.tab = InspectorTab::Raw;
        self.inspector.highlight = None;
        if !from_tree {
            return;
        }
        if self.filter_applied() {
            // The filter's values are its own text, not bytes of the body.
            self.message = Some((
                Level::Info,
                "Raw shows the body as received; the filter's result is not part of it".into(),
            ));
            return;
        }
        let Some(span) = self.tree().and_then(|t| Some(t.index().span(t.cursor()?))) else {
            return;
        };
        let Some(raw) = self.current_document() else {
            return;
        };
        let (Some(from), Some(to)) = (raw.body_position(span.start), raw.body_position(span.end))
        else {
            return;
        };
        self.inspector.highlight = Some(super::inspector::Highlight { from, to });
        self.scroll_raw_near(from);
    }

    /// Scrolls Raw to show byte `offset` of the body.
    pub(super) fn scroll_raw_to(&mut self, offset: usize) {
        if let Some(at) = self
            .current_document()
            .and_then(|raw| raw.body_position(offset))
        {
            self.scroll_raw_near(at);
        }
    }

    /// Scrolls Raw to `(line, byte)` with a little context above and to the left.
    fn scroll_raw_near(&mut self, (line, byte): (usize, usize)) {
        let wrapped = self.wrapped_row_of(line, byte);
        let scroll = self.inspector.scroll_mut();
        if let Some(row) = wrapped {
            scroll.row = row.saturating_sub(2);
            scroll.col = 0;
        } else {
            scroll.row = line.saturating_sub(2);
            scroll.col = byte.saturating_sub(20);
        }
        self.scroll_view(0, 0);
    }
}
