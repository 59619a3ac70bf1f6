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
    RevealToken,
    ViewTree,
    ToggleNode,
    NextSibling,
    PrevSibling,
    HalfPageDown,
    HalfPageUp,
    FoldPrefix,
    ViewTable,
    OpenTable,
    SortColumn,
    OpenInTree,
    YankPrefix,
    FollowLink,
    NextPage,
}

impl Action {
    /// Every action, in the order help lists them.
    pub const ALL: [Action; 51] = [
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
        Action::RevealToken,
        Action::ViewTree,
        Action::ToggleNode,
        Action::NextSibling,
        Action::PrevSibling,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::FoldPrefix,
        Action::ViewTable,
        Action::OpenTable,
        Action::SortColumn,
        Action::OpenInTree,
        Action::YankPrefix,
        Action::FollowLink,
        Action::NextPage,
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
            Action::RevealToken => "reveal-token",
            Action::ViewTree => "view-tree",
            Action::ToggleNode => "toggle-node",
            Action::NextSibling => "next-sibling",
            Action::PrevSibling => "prev-sibling",
            Action::HalfPageDown => "half-page-down",
            Action::HalfPageUp => "half-page-up",
            Action::FoldPrefix => "fold-prefix",
            Action::ViewTable => "view-table",
            Action::OpenTable => "open-table",
            Action::SortColumn => "sort-column",
            Action::OpenInTree => "open-in-tree",
            Action::YankPrefix => "yank-prefix",
            Action::FollowLink => "follow-link",
            Action::NextPage => "next-page",
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
            Action::RevealToken => "show the cloud's token in clear, once (views show {SHA256}…)",
            Action::ViewTree => "inspector: Tree",
            Action::ToggleNode => "tree: fold or unfold the selected value",
            Action::NextSibling => "tree: next sibling",
            Action::PrevSibling => "tree: previous sibling",
            Action::HalfPageDown => "tree: half a page down",
            Action::HalfPageUp => "tree: half a page up",
            Action::FoldPrefix => "tree: zM/zR fold/unfold all, z1-z9 by depth, zz/zt/zb scroll",
            Action::ViewTable => "inspector: Table",
            Action::OpenTable => "tree: show the array around the selected value as the Table",
            Action::SortColumn => "table: sort by the selected column (again: descending)",
            Action::OpenInTree => "table: show the selected row in the Tree",
            Action::YankPrefix => "tree: copy yy/yv value, ys string, yk key, yp/yb path",
            Action::FollowLink => "tree: a URL (or an object's href) becomes the request, GET",
            Action::NextPage => "the response's next-page link becomes the request",
        }
    }

    /// The action named `name` in `config.toml`.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn names_round_trip_and_descriptions_fit_the_help_overlay() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
            // The overlay is 90 columns: 28 for the keys, the rest for this.
            assert!(
                action.describe().chars().count() <= 62,
                "{action:?}: {}",
                action.describe()
            );
        }
    }
}
