//! A string too long for its Tree row, opened whole (Space or Enter on it): wrapped to the
//! popup's width once when it opens (and again on resize), scrolled with the usual keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::{Action, App, Command, layout};
use crate::config::KeyContext;
use crate::json::index::Kind;
use crate::text::sanitize;
use crate::text::window::display_width_of;

/// Bytes of a string the popup shows: more would cost the loop seconds to cut into rows
/// (`y` still copies the whole string).
pub const POPUP_MAX_BYTES: usize = 4 << 20;

/// The popup's state: the value's path, its text cut into rows, the first row shown.
#[derive(Debug, Clone)]
pub struct ValuePopup {
    pub title: String,
    pub rows: Vec<String>,
    pub scroll: usize,
    /// The string's node, to copy it whole.
    node: usize,
    text: String,
    /// Bytes of the string left out after [`POPUP_MAX_BYTES`].
    pub left_out: usize,
    width: usize,
}

impl ValuePopup {
    fn new(title: String, node: usize, text: String, left_out: usize, width: usize) -> Self {
        let mut popup = Self {
            title,
            rows: Vec::new(),
            scroll: 0,
            node,
            text,
            left_out,
            width: 0,
        };
        popup.wrap(width);
        popup
    }

    /// Cuts the text into rows of at most `width` columns: at its newlines, then by width.
    /// Control characters show as visible escapes. O(text), once per open or resize.
    fn wrap(&mut self, width: usize) {
        let width = width.max(1);
        if width == self.width {
            return;
        }
        self.width = width;
        self.rows.clear();
        for line in self.text.split('\n') {
            let line = sanitize(line);
            let mut row = String::new();
            let mut used = 0;
            for c in line.chars() {
                let w = display_width_of(c.encode_utf8(&mut [0; 4]));
                if used + w > width {
                    self.rows.push(std::mem::take(&mut row));
                    used = 0;
                }
                row.push(c);
                used += w;
            }
            self.rows.push(row);
        }
        if self.left_out > 0 {
            self.rows.push(format!(
                "… {} more not shown (y copies the whole string)",
                crate::text::human_size(self.left_out)
            ));
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(1));
    }
}

impl App {
    /// Opens the Tree's selected string whole. `false` when the selection is not a string.
    pub(super) fn open_value_popup(&mut self) -> bool {
        let Some(tree) = self.tree() else {
            return false;
        };
        let Some(node) = tree.cursor() else {
            return false;
        };
        let index = tree.index();
        if index.kind(node) != Kind::String {
            return false;
        }
        let title = index.dot_path(node);
        let (text, cut) = index.string_prefix(node, POPUP_MAX_BYTES);
        let raw_len = index.value_raw(node).len().saturating_sub(2);
        let left_out = if cut {
            raw_len.saturating_sub(POPUP_MAX_BYTES)
        } else {
            0
        };
        let text = text.into_owned();
        let width = popup_text_width(self.size);
        self.popup = Some(ValuePopup::new(title, node, text, left_out, width));
        true
    }

    /// Keys while the popup is open: moves scroll it, `y` copies the string, Esc, `q`, Space
    /// or Enter close it.
    pub(super) fn on_popup_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let page = usize::from(layout::popup_area(self.size).height.saturating_sub(3)).max(1);
        let Some(popup) = &mut self.popup else {
            return Vec::new();
        };
        let last = popup.rows.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | ' ') => self.popup = None,
            KeyCode::Char('y') => {
                let node = popup.node;
                let Some(index) = self
                    .tree()
                    .map(|tree| std::sync::Arc::clone(tree.index_arc()))
                else {
                    return Vec::new();
                };
                let form = super::copy::ValueForm::Unescaped;
                let source = super::copy::CopySource::Value { index, node, form };
                return self.copy_from("the string", source);
            }
            _ => {
                let to = match self.keymap.lookup(KeyContext::Inspector, &key) {
                    Some(Action::Up) => popup.scroll.saturating_sub(1),
                    Some(Action::Down) => popup.scroll + 1,
                    Some(Action::PageUp) => popup.scroll.saturating_sub(page),
                    Some(Action::PageDown) => popup.scroll + page,
                    Some(Action::Top) => 0,
                    Some(Action::Bottom) => last,
                    _ => popup.scroll,
                };
                popup.scroll = to.min(last);
            }
        }
        Vec::new()
    }

    /// After a resize, the popup's text is cut to its new width.
    pub(super) fn rewrap_popup(&mut self) {
        let width = popup_text_width(self.size);
        if let Some(popup) = &mut self.popup {
            popup.wrap(width);
        }
    }
}

/// Columns for the popup's text: inside its border.
fn popup_text_width(size: Rect) -> usize {
    usize::from(layout::popup_area(size).width.saturating_sub(2))
}
