//! The built-in key bindings. `config.example.toml` lists the same; a test keeps them in step.

use super::Action;
use super::keymap::{KeyContext, Keymap};

type ContextBindings = (KeyContext, &'static [(Action, &'static [&'static str])]);

/// Global bindings are checked even while typing, so they must not be printable characters.
const DEFAULTS: &[ContextBindings] = &[
    (
        KeyContext::Global,
        &[
            (Action::Send, &["ctrl-j", "alt-enter", "f5"]),
            (Action::Cancel, &["esc"]),
            (Action::Quit, &["ctrl-c"]),
            (Action::Help, &["f1"]),
            (Action::NextPane, &["tab"]),
            (Action::PrevPane, &["shift-tab"]),
            (Action::FocusUrl, &["ctrl-l"]),
            (Action::FocusMethod, &["alt-m"]),
            (Action::FocusSidebar, &["alt-s"]),
            (Action::FocusComposer, &["alt-c"]),
            (Action::FocusInspector, &["alt-i"]),
            (Action::ViewRaw, &["alt-1"]),
            (Action::ViewPretty, &["alt-2"]),
            (Action::ViewTree, &["alt-3"]),
            (Action::ViewTable, &["alt-4"]),
            (Action::ViewHeaders, &["alt-5"]),
            (Action::EditHeaders, &["alt-h"]),
            (Action::EditParams, &["alt-q"]),
            (Action::EditBody, &["alt-b"]),
            (Action::CopyAsCurl, &["alt-y"]),
            (Action::CopyAsCurlWithToken, &["alt-shift-y"]),
            (Action::NextEnvironment, &["alt-e"]),
            (Action::SaveRequest, &["ctrl-s"]),
        ],
    ),
    (
        KeyContext::Normal,
        &[
            (Action::Quit, &["q"]),
            (Action::Help, &["?"]),
            (Action::RevealToken, &["T"]),
        ],
    ),
    (
        KeyContext::Composer,
        &[
            (Action::Up, &["up", "k"]),
            (Action::Down, &["down", "j"]),
            (Action::StartEditing, &["enter", "i"]),
            (Action::ImportCurl, &[":"]),
            (Action::PrevTab, &["["]),
            (Action::NextTab, &["]"]),
            (Action::EditInEditor, &["ctrl-o"]),
        ],
    ),
    (
        KeyContext::Method,
        &[
            (Action::NextMethod, &["down"]),
            (Action::PrevMethod, &["up"]),
        ],
    ),
    // Readline's keys, as in a shell: ctrl-u, ctrl-k, ctrl-w, ctrl-a/ctrl-e (the last four
    // are the text field's own); undo and redo have keys of their own.
    (
        KeyContext::Editor,
        &[
            (Action::ToggleLine, &["alt-t"]),
            (Action::DeleteToLineStart, &["ctrl-u"]),
            (Action::Undo, &["ctrl-z"]),
            (Action::Redo, &["ctrl-r"]),
            (Action::EditInEditor, &["ctrl-o"]),
        ],
    ),
    (
        KeyContext::Sidebar,
        &[
            (Action::Up, &["up", "k"]),
            (Action::Down, &["down", "j"]),
            (Action::PageUp, &["pgup"]),
            (Action::PageDown, &["pgdn"]),
            (Action::Top, &["home", "g"]),
            (Action::Bottom, &["end", "G"]),
            (Action::Select, &["enter"]),
            (Action::PrevTab, &["["]),
            (Action::NextTab, &["]"]),
        ],
    ),
    (
        KeyContext::History,
        &[
            (Action::FilterHistory, &["/"]),
            (Action::EditRequest, &["e"]),
            (Action::Resend, &["r"]),
        ],
    ),
    (
        KeyContext::Saved,
        &[
            (Action::SaveRequestAs, &["a"]),
            (Action::RenameSaved, &["R"]),
            (Action::DeleteSaved, &["d"]),
        ],
    ),
    (
        KeyContext::Catalog,
        &[
            (Action::CycleInterface, &["i"]),
            (Action::CycleRegion, &["r"]),
        ],
    ),
    (
        KeyContext::Inspector,
        &[
            (Action::Up, &["up", "k"]),
            (Action::Down, &["down", "j"]),
            (Action::Left, &["left", "h"]),
            (Action::Right, &["right", "l"]),
            (Action::PageUp, &["pgup", "ctrl-u"]),
            (Action::PageDown, &["pgdn", "ctrl-d", "space"]),
            (Action::Top, &["home", "g"]),
            (Action::Bottom, &["end", "G"]),
            (Action::LineStart, &["0"]),
            (Action::PrevTab, &["["]),
            (Action::NextTab, &["]"]),
            (Action::ShowErrorChain, &["e"]),
            (Action::NextPage, &["F"]),
            (Action::Search, &["/"]),
            (Action::SearchNext, &["n"]),
            (Action::SearchPrev, &["N"]),
            (Action::Filter, &[":", "|"]),
            (Action::MatchBracket, &["%"]),
            (Action::TreeOrPretty, &["m"]),
            (Action::WrapLines, &["w"]),
            (Action::CopyExchangeCurl, &["Y"]),
            (Action::CopyDebugLog, &["D"]),
            (Action::SaveBody, &["W"]),
            (Action::OpenInPager, &["o"]),
        ],
    ),
    (
        KeyContext::Tree,
        &[
            (Action::ToggleNode, &["space", "enter"]),
            (Action::NextSibling, &["J"]),
            (Action::PrevSibling, &["K"]),
            (Action::HalfPageDown, &["ctrl-d"]),
            (Action::HalfPageUp, &["ctrl-u"]),
            (Action::FoldPrefix, &["z"]),
            (Action::OpenTable, &["t"]),
            (Action::YankPrefix, &["y"]),
            (Action::FollowLink, &["f"]),
            (Action::WrapValue, &["w"]),
        ],
    ),
    (
        KeyContext::Table,
        &[
            (Action::SortColumn, &["s"]),
            (Action::OpenInTree, &["enter"]),
            (Action::HideColumn, &["-"]),
            (Action::ShowAllColumns, &["+"]),
            (Action::MoveColumnLeft, &["<"]),
            (Action::MoveColumnRight, &[">"]),
            (Action::PinColumn, &["p"]),
            (Action::ColumnPicker, &["c"]),
        ],
    ),
];

/// Builds the default keymap from the table above.
pub(super) fn build() -> Keymap {
    let mut map = Keymap::empty();
    for (ctx, bindings) in DEFAULTS {
        for (action, keys) in *bindings {
            let combos = keys
                .iter()
                .map(|k| {
                    // Invariant: every built-in key string parses; `defaults_parse_and_print_back`
                    // checks each one.
                    k.parse().expect("built-in key string parses")
                })
                .collect();
            map.set(*ctx, *action, combos);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::keys::KeyCombo;

    #[test]
    fn defaults_parse_and_print_back() {
        for (_, bindings) in DEFAULTS {
            for (_, keys) in *bindings {
                for key in *keys {
                    let combo: KeyCombo = key.parse().expect("built-in key parses");
                    assert_eq!(combo.to_string(), *key);
                }
            }
        }
    }

    #[test]
    fn every_context_has_defaults_in_table_order() {
        let contexts: Vec<KeyContext> = DEFAULTS.iter().map(|(c, _)| *c).collect();
        assert_eq!(contexts, KeyContext::ALL);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        let map = build();
        for ctx in KeyContext::ALL {
            let mut seen: Vec<KeyCombo> = Vec::new();
            for (c, _, keys) in map.bindings() {
                if c == ctx {
                    for key in keys {
                        assert!(!seen.contains(key), "{key} twice in {ctx:?}");
                        seen.push(*key);
                    }
                }
            }
        }
    }

    #[test]
    fn global_keys_hide_nothing_in_other_contexts() {
        let map = build();
        for (ctx, action, keys) in map.bindings().filter(|(c, _, _)| *c != KeyContext::Global) {
            for key in keys {
                let global = map.lookup_combo(KeyContext::Global, *key);
                assert_eq!(
                    global, None,
                    "{key} for {action:?} in {ctx:?} is taken by global"
                );
            }
        }
    }

    #[test]
    fn global_keys_are_not_typed_characters() {
        for (_, _, keys) in build().bindings().filter(|(c, _, _)| c.sees_typing()) {
            for key in keys {
                assert!(!key.is_printable(), "{key} would swallow typing");
            }
        }
    }
}
