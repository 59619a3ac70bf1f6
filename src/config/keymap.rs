//! Which key does what, per input context. The app asks `lookup` on every key press.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use serde::{Deserialize, Serialize};

use super::Action;
use super::keys::KeyCombo;

/// Where a key press is interpreted. `[keys.<name>]` in `config.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyContext {
    /// Checked first, even while a text field is being edited.
    Global,
    /// Any pane while no text field is being edited.
    Normal,
    /// The composer pane, not editing.
    Composer,
    /// Editing the method field.
    Method,
    /// Editing any text field.
    Editor,
    /// The sidebar pane.
    Sidebar,
    /// The sidebar's History tab (consulted before the sidebar's keys).
    History,
    /// The sidebar's Saved tab (consulted before the sidebar's keys).
    Saved,
    /// The sidebar's Catalog tab (consulted before the sidebar's keys).
    Catalog,
    /// The inspector pane.
    Inspector,
    /// The inspector's Tree view (consulted before the inspector's keys).
    Tree,
    /// The inspector's Table view (consulted before the inspector's keys).
    Table,
}

impl KeyContext {
    /// Every context, in the order help and the example config list them.
    pub const ALL: [KeyContext; 12] = [
        KeyContext::Global,
        KeyContext::Normal,
        KeyContext::Composer,
        KeyContext::Method,
        KeyContext::Editor,
        KeyContext::Sidebar,
        KeyContext::History,
        KeyContext::Saved,
        KeyContext::Catalog,
        KeyContext::Inspector,
        KeyContext::Tree,
        KeyContext::Table,
    ];

    /// The name used in `[keys.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            KeyContext::Global => "global",
            KeyContext::Normal => "normal",
            KeyContext::Composer => "composer",
            KeyContext::Method => "method",
            KeyContext::Editor => "editor",
            KeyContext::Sidebar => "sidebar",
            KeyContext::History => "history",
            KeyContext::Catalog => "catalog",
            KeyContext::Saved => "saved",
            KeyContext::Inspector => "inspector",
            KeyContext::Tree => "tree",
            KeyContext::Table => "table",
        }
    }

    /// The context named `name` in `config.toml`.
    pub fn from_name(name: &str) -> Option<KeyContext> {
        KeyContext::ALL.into_iter().find(|c| c.name() == name)
    }

    /// A heading for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            KeyContext::Global => "Everywhere",
            KeyContext::Normal => "Any pane (not typing)",
            KeyContext::Composer => "Composer",
            KeyContext::Method => "Method field",
            KeyContext::Editor => "While typing in a field",
            KeyContext::Sidebar => "Sidebar",
            KeyContext::History => "Sidebar, History tab",
            KeyContext::Catalog => "Sidebar, Catalog tab",
            KeyContext::Saved => "Sidebar, Saved tab",
            KeyContext::Inspector => "Inspector",
            KeyContext::Tree => "Inspector, Tree view (counts like 5j; zM zR z1…z9 zz zt zb)",
            KeyContext::Table => "Inspector, Table view (j/k rows, h/l columns)",
        }
    }

    /// Whether this context is consulted while a text field has the keyboard, so a plain
    /// printable key bound here would stop that character from being typed.
    pub fn sees_typing(self) -> bool {
        matches!(
            self,
            KeyContext::Global | KeyContext::Method | KeyContext::Editor
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One action and the keys that trigger it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    action: Action,
    keys: Vec<KeyCombo>,
}

/// Per context, an ordered list of actions and their keys. Order is help order, and
/// on a clash the earlier action wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    contexts: [Vec<Binding>; KeyContext::ALL.len()],
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::defaults()
    }
}

impl Keymap {
    /// A keymap with no bindings at all.
    pub fn empty() -> Keymap {
        Keymap {
            contexts: Default::default(),
        }
    }

    /// The built-in bindings (see `default_keymap.rs`).
    pub fn defaults() -> Keymap {
        super::default_keymap::build()
    }

    /// The action `key` triggers in `ctx`, if any. Key releases never trigger anything.
    pub fn lookup(&self, ctx: KeyContext, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.lookup_combo(ctx, KeyCombo::from_event(key))
    }

    /// The action `combo` triggers in `ctx`, if any.
    pub fn lookup_combo(&self, ctx: KeyContext, combo: KeyCombo) -> Option<Action> {
        self.contexts[ctx.index()]
            .iter()
            .find(|b| b.keys.contains(&combo))
            .map(|b| b.action)
    }

    /// The keys bound to `action` in `ctx` (empty if none).
    pub fn keys_for(&self, ctx: KeyContext, action: Action) -> &[KeyCombo] {
        self.contexts[ctx.index()]
            .iter()
            .find(|b| b.action == action)
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// The first key for `action` in `ctx`, spelled for a hint bar ("ctrl-j").
    pub fn first_key(&self, ctx: KeyContext, action: Action) -> Option<String> {
        self.keys_for(ctx, action).first().map(ToString::to_string)
    }

    /// Every bound action, in context order then action order; unbound actions are skipped.
    pub fn bindings(&self) -> impl Iterator<Item = (KeyContext, Action, &[KeyCombo])> {
        KeyContext::ALL.into_iter().flat_map(move |ctx| {
            self.contexts[ctx.index()]
                .iter()
                .filter(|b| !b.keys.is_empty())
                .map(move |b| (ctx, b.action, b.keys.as_slice()))
        })
    }

    /// Replaces `action`'s keys in `ctx`; an empty list unbinds it, a new action is appended.
    pub fn set(&mut self, ctx: KeyContext, action: Action, keys: Vec<KeyCombo>) {
        let mut unique = Vec::with_capacity(keys.len());
        for key in keys {
            if !unique.contains(&key) {
                unique.push(key);
            }
        }
        let list = &mut self.contexts[ctx.index()];
        match list.iter_mut().find(|b| b.action == action) {
            Some(binding) => binding.keys = unique,
            None => list.push(Binding {
                action,
                keys: unique,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEventState, KeyModifiers};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    fn ch(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn combos(keys: &[&str]) -> Vec<KeyCombo> {
        keys.iter()
            .map(|k| k.parse().expect("test key parses"))
            .collect()
    }

    #[test]
    fn context_names_round_trip() {
        for ctx in KeyContext::ALL {
            assert_eq!(KeyContext::from_name(ctx.name()), Some(ctx));
            assert!(!ctx.describe().is_empty());
        }
        assert_eq!(KeyContext::from_name("Global"), None);
    }

    #[test]
    fn serde_names_are_config_names() {
        #[derive(Deserialize)]
        struct Named {
            ctx: KeyContext,
        }
        for ctx in KeyContext::ALL {
            let text = format!("ctx = \"{}\"", ctx.name());
            let named: Named = toml::from_str(&text).expect("context name deserialises");
            assert_eq!(named.ctx, ctx);
        }
    }

    #[test]
    fn lookup_in_each_context() {
        let map = Keymap::defaults();
        let ctrl = KeyModifiers::CONTROL;
        let alt = KeyModifiers::ALT;
        let cases = [
            (
                KeyContext::Global,
                press(KeyCode::Char('j'), ctrl),
                Action::Send,
            ),
            (KeyContext::Global, press(KeyCode::Enter, alt), Action::Send),
            (
                KeyContext::Global,
                press(KeyCode::F(5), KeyModifiers::NONE),
                Action::Send,
            ),
            (
                KeyContext::Global,
                press(KeyCode::BackTab, KeyModifiers::SHIFT),
                Action::PrevPane,
            ),
            (
                KeyContext::Global,
                press(KeyCode::Char('1'), alt),
                Action::ViewRaw,
            ),
            (KeyContext::Normal, ch('q'), Action::Quit),
            (
                KeyContext::Normal,
                press(KeyCode::Char('?'), KeyModifiers::SHIFT),
                Action::Help,
            ),
            (KeyContext::Composer, ch('i'), Action::StartEditing),
            (KeyContext::Composer, ch(']'), Action::NextTab),
            (
                KeyContext::Method,
                press(KeyCode::Down, KeyModifiers::NONE),
                Action::NextMethod,
            ),
            (
                KeyContext::Editor,
                press(KeyCode::Char('t'), alt),
                Action::ToggleLine,
            ),
            (
                KeyContext::Sidebar,
                press(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Action::Bottom,
            ),
            (KeyContext::Sidebar, ch('g'), Action::Top),
            (
                KeyContext::Sidebar,
                press(KeyCode::Enter, KeyModifiers::NONE),
                Action::Select,
            ),
            (KeyContext::Inspector, ch(' '), Action::PageDown),
            (
                KeyContext::Inspector,
                press(KeyCode::Char('u'), ctrl),
                Action::PageUp,
            ),
            (KeyContext::Inspector, ch('0'), Action::LineStart),
            (KeyContext::Inspector, ch('e'), Action::ShowErrorChain),
        ];
        for (ctx, key, action) in cases {
            assert_eq!(map.lookup(ctx, &key), Some(action), "{ctx:?} {key:?}");
        }
        assert_eq!(map.lookup(KeyContext::Global, &ch('q')), None);
        assert_eq!(map.lookup(KeyContext::Editor, &ch('j')), None);
        assert_eq!(map.lookup(KeyContext::Sidebar, &ch('e')), None);
    }

    #[test]
    fn releases_are_ignored_but_repeats_count() {
        let map = Keymap::defaults();
        let mut key = ch('j');
        key.kind = KeyEventKind::Release;
        assert_eq!(map.lookup(KeyContext::Sidebar, &key), None);
        key.kind = KeyEventKind::Repeat;
        assert_eq!(map.lookup(KeyContext::Sidebar, &key), Some(Action::Down));
    }

    #[test]
    fn keys_and_hints() {
        let map = Keymap::defaults();
        let send = map.keys_for(KeyContext::Global, Action::Send);
        assert_eq!(send, combos(&["ctrl-j", "alt-enter", "f5"]).as_slice());
        assert_eq!(
            map.first_key(KeyContext::Global, Action::Send).as_deref(),
            Some("ctrl-j")
        );
        assert!(map.keys_for(KeyContext::Sidebar, Action::Send).is_empty());
        assert_eq!(map.first_key(KeyContext::Sidebar, Action::Send), None);
    }

    #[test]
    fn set_replaces_unbinds_and_appends() {
        let mut map = Keymap::defaults();
        map.set(KeyContext::Global, Action::Send, combos(&["f9", "f9"]));
        assert_eq!(
            map.keys_for(KeyContext::Global, Action::Send),
            combos(&["f9"]).as_slice()
        );
        assert_eq!(
            map.lookup(
                KeyContext::Global,
                &press(KeyCode::F(5), KeyModifiers::NONE)
            ),
            None
        );

        map.set(KeyContext::Normal, Action::Quit, Vec::new());
        assert_eq!(map.lookup(KeyContext::Normal, &ch('q')), None);
        assert!(
            map.bindings()
                .all(|(c, a, _)| (c, a) != (KeyContext::Normal, Action::Quit))
        );

        map.set(KeyContext::Normal, Action::Send, combos(&["s"]));
        let normal: Vec<Action> = map
            .bindings()
            .filter(|(c, _, _)| *c == KeyContext::Normal)
            .map(|(_, a, _)| a)
            .collect();
        assert_eq!(normal, [Action::Help, Action::RevealToken, Action::Send]);
    }

    #[test]
    fn bindings_follow_context_order() {
        let map = Keymap::defaults();
        let contexts: Vec<KeyContext> = map.bindings().map(|(c, _, _)| c).collect();
        let mut sorted = contexts.clone();
        sorted.sort();
        assert_eq!(contexts, sorted);
        let first: Vec<Action> = map.bindings().take(3).map(|(_, a, _)| a).collect();
        assert_eq!(first, [Action::Send, Action::Cancel, Action::Quit]);
    }

    #[test]
    fn empty_keymap_binds_nothing() {
        let map = Keymap::empty();
        assert_eq!(map.bindings().count(), 0);
        assert_eq!(map.lookup(KeyContext::Normal, &ch('q')), None);
    }
}
