//! What a key can be bound to. The keymap in `config.toml` names these in kebab-case.

use serde::{Deserialize, Serialize};

/// A user-level action: the target of a key binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    // Global
    Quit,
    Send,
    Cancel,
    Help,
    NextPane,
    PrevPane,
    FocusUrl,
    FocusMethod,
    FocusSidebar,
    FocusComposer,
    FocusInspector,
    ViewRaw,
    ViewPretty,
    ViewHeaders,
    // Composer
    EditHeaders,
    EditParams,
    EditBody,
    ToggleLine,
    NextMethod,
    PrevMethod,
    StartEditing,
    // Lists and views
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    LineStart,
    PrevTab,
    NextTab,
    Select,
    ShowErrorChain,
    CycleInterface,
    CycleRegion,
}

impl Action {
    /// Every action, in the order help lists them.
    pub const ALL: [Action; 36] = [
        Action::Send,
        Action::Cancel,
        Action::Quit,
        Action::Help,
        Action::NextPane,
        Action::PrevPane,
        Action::FocusUrl,
        Action::FocusMethod,
        Action::FocusSidebar,
        Action::FocusComposer,
        Action::FocusInspector,
        Action::ViewRaw,
        Action::ViewPretty,
        Action::ViewHeaders,
        Action::EditHeaders,
        Action::EditParams,
        Action::EditBody,
        Action::ToggleLine,
        Action::NextMethod,
        Action::PrevMethod,
        Action::StartEditing,
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::LineStart,
        Action::PrevTab,
        Action::NextTab,
        Action::Select,
        Action::ShowErrorChain,
        Action::CycleInterface,
        Action::CycleRegion,
    ];

    /// The name used in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Send => "send",
            Action::Cancel => "cancel",
            Action::Help => "help",
            Action::NextPane => "next-pane",
            Action::PrevPane => "prev-pane",
            Action::FocusUrl => "focus-url",
            Action::FocusMethod => "focus-method",
            Action::FocusSidebar => "focus-sidebar",
            Action::FocusComposer => "focus-composer",
            Action::FocusInspector => "focus-inspector",
            Action::ViewRaw => "view-raw",
            Action::ViewPretty => "view-pretty",
            Action::ViewHeaders => "view-headers",
            Action::EditHeaders => "edit-headers",
            Action::EditParams => "edit-params",
            Action::EditBody => "edit-body",
            Action::ToggleLine => "toggle-line",
            Action::NextMethod => "next-method",
            Action::PrevMethod => "prev-method",
            Action::StartEditing => "start-editing",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left",
            Action::Right => "right",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::LineStart => "line-start",
            Action::PrevTab => "prev-tab",
            Action::NextTab => "next-tab",
            Action::Select => "select",
            Action::ShowErrorChain => "show-error-chain",
            Action::CycleInterface => "cycle-interface",
            Action::CycleRegion => "cycle-region",
        }
    }

    /// One line for the help overlay and the hint bar.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Send => "send the request",
            Action::Cancel => "cancel the request in flight / leave a field / close",
            Action::Help => "this help",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::FocusUrl => "edit the URL",
            Action::FocusMethod => "edit the method",
            Action::FocusSidebar => "focus the sidebar",
            Action::FocusComposer => "focus the composer",
            Action::FocusInspector => "focus the inspector",
            Action::ViewRaw => "inspector: Raw",
            Action::ViewPretty => "inspector: Pretty",
            Action::ViewHeaders => "inspector: Headers",
            Action::EditHeaders => "edit the headers",
            Action::EditParams => "edit the query params",
            Action::EditBody => "edit the body",
            Action::ToggleLine => "switch a header/param line on or off",
            Action::NextMethod => "next method",
            Action::PrevMethod => "previous method",
            Action::StartEditing => "edit the selected field",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left / scroll left",
            Action::Right => "right / scroll right",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::LineStart => "scroll to column 0",
            Action::PrevTab => "previous tab",
            Action::NextTab => "next tab",
            Action::Select => "open the selected item (an endpoint becomes the URL)",
            Action::ShowErrorChain => "show the whole error chain",
            Action::CycleInterface => "catalog: next interface (public, internal, admin, any)",
            Action::CycleRegion => "catalog: next region (or any)",
        }
    }

    /// The action named `name` in `config.toml`.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}
