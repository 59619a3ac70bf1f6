//! Routing keys, mouse and paste to actions. Order (STYLE.md): the reserved global keys, then a
//! text field being edited takes the raw key (so `q`, `H` and `?` are typed, not obeyed), then
//! the focused pane's keys, then the keys that work anywhere outside text fields.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use super::composer::{ComposerField, EditorTab};
use super::inspector::InspectorTab;
use super::layout::{self, contains};
use super::{Action, App, Command, Pane, SidebarTab};
use crate::config::KeyContext;

/// Lines moved per mouse-wheel notch.
const WHEEL_LINES: isize = 3;

impl App {
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        if key.kind == KeyEventKind::Release {
            self.changed = false;
            return Vec::new();
        }
        if self.help.is_some() {
            return self.on_help_key(key);
        }
        // The password prompt (drawn over every other) takes every key but the reserved quit:
        // a password must never be typed into a field under it.
        if self.prompt.is_some()
            && self.keymap.lookup(KeyContext::Global, &key) != Some(Action::Quit)
        {
            return self.on_prompt_key(key);
        }
        if self.popup.is_some()
            && self.keymap.lookup(KeyContext::Global, &key) != Some(Action::Quit)
        {
            return self.on_popup_key(key);
        }
        if self.save_prompt.is_some()
            && self.keymap.lookup(KeyContext::Global, &key) != Some(Action::Quit)
        {
            return self.on_save_key(key);
        }
        if self.saved_prompt.is_some()
            && self.keymap.lookup(KeyContext::Global, &key) != Some(Action::Quit)
        {
            return self.on_saved_prompt_key(key);
        }
        if self.import_prompt.is_some()
            && self.keymap.lookup(KeyContext::Global, &key) != Some(Action::Quit)
        {
            self.on_import_key(key);
            return Vec::new();
        }
        let had_message = self.message.take().is_some();
        if let Some(action) = self.keymap.lookup(KeyContext::Global, &key) {
            return self.perform(action);
        }
        if let Some(commands) = self.on_history_filter_key(key) {
            return commands;
        }
        if self.focus == Pane::Composer && self.composer.editing {
            return self.on_editing_key(key);
        }
        if self.focus == super::Pane::Inspector
            && let Some(commands) = self.on_search_key(key).or_else(|| self.on_filter_key(key))
        {
            return commands;
        }
        if let Some(commands) = self.on_tree_key(key) {
            return commands;
        }
        if let Some(commands) = self.on_table_key(key) {
            return commands;
        }
        let context = match self.focus {
            Pane::Sidebar => KeyContext::Sidebar,
            Pane::Composer => KeyContext::Composer,
            Pane::Inspector => KeyContext::Inspector,
        };
        // The sidebar's tab has keys of its own, before the sidebar's.
        let tab = match (self.focus, self.sidebar_tab) {
            (Pane::Sidebar, SidebarTab::History) => Some(KeyContext::History),
            (Pane::Sidebar, SidebarTab::Catalog) => Some(KeyContext::Catalog),
            (Pane::Sidebar, SidebarTab::Saved) => Some(KeyContext::Saved),
            _ => None,
        };
        if let Some(action) = tab
            .and_then(|tab| self.keymap.lookup(tab, &key))
            .or_else(|| self.keymap.lookup(context, &key))
            .or_else(|| self.keymap.lookup(KeyContext::Normal, &key))
        {
            return self.perform(action);
        }
        // An unbound key outside a text field changes nothing, but for clearing a message.
        self.changed = had_message;
        Vec::new()
    }

    fn on_editing_key(&mut self, key: KeyEvent) -> Vec<Command> {
        if self.composer.field == ComposerField::Method
            && let Some(action) = self.keymap.lookup(KeyContext::Method, &key)
        {
            return self.perform(action);
        }
        if let Some(action) = self.keymap.lookup(KeyContext::Editor, &key) {
            return self.perform(action);
        }
        if key.code == KeyCode::Enter {
            match self.composer.field {
                // Enter in the URL sends, as in a browser's address bar.
                ComposerField::Url => return self.perform(Action::Send),
                ComposerField::Method => {
                    self.composer.focus(ComposerField::Url);
                    return Vec::new();
                }
                ComposerField::Headers | ComposerField::Params | ComposerField::Body => {}
            }
        }
        self.composer.type_key(key);
        Vec::new()
    }

    fn on_help_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let scroll = self.help.unwrap_or(0);
        // Help has a line per binding plus headings; scrolling further only hides it.
        let last = self.keymap.bindings().count() + 2 * KeyContext::ALL.len();
        self.help = match key.code {
            KeyCode::Esc | KeyCode::F(1) | KeyCode::Char('q' | '?') => None,
            KeyCode::Down | KeyCode::Char('j') => Some(scroll + 1),
            KeyCode::Up | KeyCode::Char('k') => Some(scroll.saturating_sub(1)),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(scroll + 10),
            KeyCode::PageUp => Some(scroll.saturating_sub(10)),
            KeyCode::Home | KeyCode::Char('g') => Some(0),
            _ => Some(scroll),
        };
        self.help = self.help.map(|scroll| scroll.min(last));
        if self.keymap.lookup(KeyContext::Global, &key) == Some(Action::Quit) {
            self.quit = true;
        }
        Vec::new()
    }

    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Command> {
        // Overlays without a text field (help, the value popup, the column picker) drop a
        // paste: it never lands in a field behind them, nor moves the focus there.
        if self.help.is_some() || self.popup.is_some() || self.inspector.column_picker.is_some() {
            self.changed = false;
            return Vec::new();
        }
        let first_line = text.lines().next().unwrap_or("");
        // A password pasted at the prompt goes into the (masked) prompt, never the composer.
        if let Some(prompt) = &mut self.prompt {
            prompt.input.insert_str(first_line);
            return Vec::new();
        }
        // The one-line inputs that are open take a paste as typed text.
        if let Some(save) = &mut self.save_prompt {
            save.input.insert_str(first_line);
            save.overwrite = None;
            return Vec::new();
        }
        if self.import_prompt.is_some() {
            self.paste_into_import(text);
            return Vec::new();
        }
        if let Some(prompt) = &mut self.saved_prompt {
            prompt.input.insert_str(first_line);
            return Vec::new();
        }
        if let Some(input) = &mut self.history_input {
            input.insert_str(first_line);
            let text = input.lines().concat();
            self.history.set_filter(&text);
            return Vec::new();
        }
        if let Some(search) = &mut self.inspector.search_input {
            search.insert_str(first_line);
            return Vec::new();
        }
        if let Some(input) = self
            .inspector
            .filter
            .as_mut()
            .and_then(|f| f.input.as_mut())
        {
            input.insert_str(first_line);
            let code = input.lines().concat();
            return self.run_filter(code, super::filter::DEBOUNCE);
        }
        if self.import_curl(text) {
            self.composer.editing = true;
            return Vec::new();
        }
        if self.focus != Pane::Composer {
            self.focus = Pane::Composer;
            self.composer.focus(ComposerField::Url);
        }
        self.composer.editing = true;
        self.composer.paste(text);
        Vec::new()
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Command> {
        if !self.mouse || self.help.is_some() {
            return Vec::new();
        }
        let areas = self.areas();
        let (column, row) = (mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if mouse.kind == MouseEventKind::ScrollDown {
                    WHEEL_LINES
                } else {
                    -WHEEL_LINES
                };
                if contains(areas.inspector, column, row) {
                    self.scroll_view(delta, 0);
                } else if contains(areas.sidebar, column, row)
                    && self.sidebar_tab == SidebarTab::Catalog
                {
                    self.navigate_catalog(if delta > 0 { Action::Down } else { Action::Up });
                } else if contains(areas.sidebar, column, row) {
                    let before = self.history.selected;
                    self.history.move_selection(delta.signum());
                    if self.history.selected != before {
                        self.inspector.reset();
                    }
                } else {
                    self.changed = false;
                }
            }
            MouseEventKind::ScrollRight => self.scroll_view(0, 8),
            MouseEventKind::ScrollLeft => self.scroll_view(0, -8),
            MouseEventKind::Down(MouseButton::Left) if self.grab_border(column, row) => {}
            MouseEventKind::Down(MouseButton::Left) => return self.click(column, row),
            MouseEventKind::Drag(MouseButton::Left) => self.drag_to(column, row),
            MouseEventKind::Up(MouseButton::Left) => self.release(),
            _ => self.changed = false,
        }
        Vec::new()
    }

    fn click(&mut self, column: u16, row: u16) -> Vec<Command> {
        let areas = self.areas();
        if contains(areas.sidebar, column, row) {
            self.focus = Pane::Sidebar;
            if self.click_sidebar(column, row) {
                return Vec::new();
            }
            let (_, whole) = layout::sidebar_areas(areas.sidebar);
            if self.sidebar_tab == SidebarTab::Saved && contains(whole, column, row) {
                let index = self.saved.first_visible(usize::from(whole.height))
                    + usize::from(row - whole.y);
                if index < self.saved.rows().len() {
                    self.saved.selected = index;
                }
            }
            let list = self.history_list();
            if self.sidebar_tab == SidebarTab::History && contains(list, column, row) {
                let index = self.history.first_visible(usize::from(list.height))
                    + usize::from(row - list.y);
                if index < self.history.len() {
                    self.history.select(index);
                    self.inspector.reset();
                }
            }
        } else if contains(areas.composer, column, row) {
            self.focus = Pane::Composer;
            let inner = layout::composer_areas(areas.composer);
            if contains(inner.method, column, row) {
                self.composer.focus(ComposerField::Method);
            } else if contains(inner.url, column, row) {
                self.composer.focus(ComposerField::Url);
            } else if contains(inner.tabs, column, row) {
                if let Some(tab) = tab_at(
                    EditorTab::ALL.iter().map(|t| t.title()),
                    inner.tabs.x,
                    column,
                ) {
                    self.composer.focus(EditorTab::ALL[tab].field());
                }
            } else if contains(inner.editor, column, row) {
                self.composer.focus(self.composer.tab.field());
            } else {
                let field = self.composer.field;
                self.composer.focus(field);
            }
        } else if contains(areas.inspector, column, row) {
            self.focus = Pane::Inspector;
            let inner = layout::inspector_areas(areas.inspector, self.filter_rows());
            if contains(inner.tabs, column, row)
                && let Some(tab) = tab_at(
                    InspectorTab::ALL.iter().map(|t| t.title()),
                    inner.tabs.x,
                    column,
                )
            {
                self.inspector.tab = InspectorTab::ALL[tab];
            } else {
                return self.click_view(column, row);
            }
        }
        Vec::new()
    }
}

/// Which of the tab titles drawn from `x` (as `ui` draws them: ` Title ` and a separator) is under `column`.
pub fn tab_at<'a>(titles: impl Iterator<Item = &'a str>, x: u16, column: u16) -> Option<usize> {
    let mut start = x;
    for (i, title) in titles.enumerate() {
        let width = u16::try_from(title.len() + 2).unwrap_or(u16::MAX);
        if column >= start && column < start + width {
            return Some(i);
        }
        start += width + 1;
    }
    None
}
