//! `[keys.<context>]` tables: each `action = "key"` or `action = ["key", ...]` replaces
//! that action's keys in that context. A bad entry is reported and skipped, leaving the
//! built-in keys for that action; the other entries still apply.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::Action;
use super::keymap::{KeyContext, Keymap};
use super::keys::KeyCombo;
use super::parse::in_file_order;
use super::warning::Warnings;

/// An entry the file changed, remembered to check it against the rest of the keymap.
struct Patched {
    ctx: KeyContext,
    action: Action,
    span: Range<usize>,
}

pub(super) fn apply(table: &DeTable<'_>, keymap: &mut Keymap, warnings: &mut Warnings<'_>) {
    let mut patched = Vec::new();
    for (ctx_key, ctx_value) in in_file_order(table) {
        let name = ctx_key.get_ref().as_ref();
        let Some(ctx) = KeyContext::from_name(name) else {
            let known: Vec<&str> = KeyContext::ALL.iter().map(|c| c.name()).collect();
            warnings.at(
                &ctx_key.span(),
                format!(
                    "unknown context [keys.{name}] (known: {}); ignored",
                    known.join(", ")
                ),
            );
            continue;
        };
        let Some(entries) = ctx_value.get_ref().as_table() else {
            warnings.at(
                &ctx_key.span(),
                format!("keys.{name} must be a table of action = keys; ignored"),
            );
            continue;
        };
        for (action_key, keys_value) in in_file_order(entries) {
            let action_name = action_key.get_ref().as_ref();
            let Some(action) = Action::from_name(action_name) else {
                warnings.at(
                    &action_key.span(),
                    format!(
                        "unknown action \"{action_name}\" in [keys.{name}]{}; keeping the built-in keys",
                        suggestion(action_name)
                    ),
                );
                continue;
            };
            match parse_keys(keys_value.get_ref(), &keys_value.span()) {
                Ok(keys) => {
                    keymap.set(ctx, action, keys);
                    patched.push(Patched {
                        ctx,
                        action,
                        span: action_key.span(),
                    });
                }
                Err((span, why)) => warnings.at(
                    &span,
                    format!("[keys.{name}] {action_name}: {why}; keeping the built-in keys"),
                ),
            }
        }
    }
    for entry in &patched {
        check_clashes(entry, &patched, keymap, warnings);
    }
}

/// A string or an array of strings, each a key. On failure, where and why.
fn parse_keys(
    value: &DeValue<'_>,
    span: &Range<usize>,
) -> Result<Vec<KeyCombo>, (Range<usize>, String)> {
    let parse_one = |s: &str, span: &Range<usize>| {
        s.parse::<KeyCombo>()
            .map_err(|e| (span.clone(), e.to_string()))
    };
    match value {
        DeValue::String(s) => Ok(vec![parse_one(s, span)?]),
        DeValue::Array(items) => items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => parse_one(s, &item.span()),
                other => Err((item.span(), super::values::expected("a key string", other))),
            })
            .collect(),
        other => Err((
            span.clone(),
            super::values::expected("a key string or an array of them", other),
        )),
    }
}

/// Warns when a changed binding collides with another, since lookup silently picks one.
fn check_clashes(
    entry: &Patched,
    patched: &[Patched],
    keymap: &Keymap,
    warnings: &mut Warnings<'_>,
) {
    let (ctx, action) = (entry.ctx, entry.action);
    let here = format!("[keys.{}] {}", ctx.name(), action.name());
    for key in keymap.keys_for(ctx, action) {
        if ctx.sees_typing() && key.is_printable() {
            warnings.at(
                &entry.span,
                format!("{here}: \"{key}\" is a plain character, so it can no longer be typed into text fields"),
            );
        }
        for (other_ctx, other, keys) in keymap.bindings() {
            if (other == action && other_ctx == ctx) || !keys.contains(key) {
                continue;
            }
            if other_ctx == ctx {
                // Report a clash between two changed entries once, at the later one.
                let later = patched
                    .iter()
                    .any(|p| p.ctx == ctx && p.action == other && p.span.start > entry.span.start);
                if !later {
                    let winner = keymap.lookup_combo(ctx, *key).unwrap_or(action);
                    warnings.at(
                        &entry.span,
                        format!(
                            "{here}: \"{key}\" is also bound to {} here; {} wins",
                            other.name(),
                            winner.name()
                        ),
                    );
                }
            } else if other_ctx == KeyContext::Global && other != action {
                warnings.at(
                    &entry.span,
                    format!(
                        "{here}: \"{key}\" is taken first by {} in [keys.global]",
                        other.name()
                    ),
                );
            } else if ctx == KeyContext::Global && other != action {
                warnings.at(
                    &entry.span,
                    format!(
                        "{here}: \"{key}\" hides {} in [keys.{}]",
                        other.name(),
                        other_ctx.name()
                    ),
                );
            }
        }
    }
}

/// ` (did you mean "send"?)` when a known action is one or two edits away.
fn suggestion(name: &str) -> String {
    Action::ALL
        .into_iter()
        .map(|a| (edit_distance(name, a.name()), a.name()))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map_or_else(String::new, |(_, a)| format!(" (did you mean \"{a}\"?)"))
}

/// Levenshtein distance; names are short, so the simple row-by-row form is plenty.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, ConfigWarning, parse::parse_config};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::path::Path;

    fn parse(text: &str) -> (Config, Vec<ConfigWarning>) {
        parse_config(text, Path::new("config.toml"))
    }

    fn keys(config: &Config, ctx: KeyContext, action: Action) -> Vec<String> {
        config
            .keymap
            .keys_for(ctx, action)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn line(warning: &ConfigWarning) -> usize {
        warning.position.map_or(0, |p| p.line)
    }

    #[test]
    fn valid_patch_replaces_keys() {
        let text =
            "[keys.global]\nsend = [\"ctrl-j\", \"f5\"]\n[keys.inspector]\npage-down = \"space\"\n";
        let (config, warnings) = parse(text);
        assert_eq!(warnings, []);
        assert_eq!(
            keys(&config, KeyContext::Global, Action::Send),
            ["ctrl-j", "f5"]
        );
        assert_eq!(
            keys(&config, KeyContext::Inspector, Action::PageDown),
            ["space"]
        );
        let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
        assert_eq!(config.keymap.lookup(KeyContext::Global, &alt_enter), None);
        // Untouched bindings stay.
        assert_eq!(keys(&config, KeyContext::Global, Action::Quit), ["ctrl-c"]);
    }

    #[test]
    fn empty_list_unbinds_and_new_action_appends() {
        let (config, warnings) = parse("[keys.normal]\nquit = []\nsend = \"ctrl-g\"\n");
        assert_eq!(warnings, []);
        assert!(keys(&config, KeyContext::Normal, Action::Quit).is_empty());
        assert_eq!(keys(&config, KeyContext::Normal, Action::Send), ["ctrl-g"]);
    }

    #[test]
    fn unknown_action_warns_at_its_line_and_keeps_built_in() {
        let text = "[keys.global]\nquit = \"ctrl-q\"\n\nsned = \"f9\"\n";
        let (config, warnings) = parse(text);
        assert_eq!(warnings.len(), 1);
        assert_eq!(line(&warnings[0]), 4);
        assert_eq!(
            warnings[0].to_string(),
            "config.toml:4:1: unknown action \"sned\" in [keys.global] (did you mean \"send\"?); keeping the built-in keys"
        );
        assert_eq!(
            keys(&config, KeyContext::Global, Action::Send),
            ["ctrl-j", "alt-enter", "f5"]
        );
        assert_eq!(keys(&config, KeyContext::Global, Action::Quit), ["ctrl-q"]);
    }

    #[test]
    fn unknown_context_warns_and_rest_applies() {
        let text = "[keys.sidebar]\nselect = \"l\"\n[keys.sidbar]\nup = \"w\"\n";
        let (config, warnings) = parse(text);
        assert_eq!(warnings.len(), 1);
        assert_eq!(line(&warnings[0]), 3);
        assert!(
            warnings[0]
                .message
                .starts_with("unknown context [keys.sidbar]")
        );
        assert_eq!(keys(&config, KeyContext::Sidebar, Action::Select), ["l"]);
    }

    #[test]
    fn bad_key_warns_at_its_line_and_keeps_built_in() {
        let text =
            "[keys.inspector]\ntop = \"g\"\npage-up = [\n  \"pgup\",\n  \"ctrl-pgupp\",\n]\n";
        let (config, warnings) = parse(text);
        assert_eq!(warnings.len(), 1);
        assert_eq!(line(&warnings[0]), 5);
        assert!(
            warnings[0].message.starts_with(
                "[keys.inspector] page-up: bad key \"ctrl-pgupp\": unknown key name \"pgupp\""
            ),
            "{}",
            warnings[0].message
        );
        assert_eq!(
            keys(&config, KeyContext::Inspector, Action::PageUp),
            ["pgup", "ctrl-u"]
        );
        assert_eq!(keys(&config, KeyContext::Inspector, Action::Top), ["g"]);
    }

    #[test]
    fn wrong_shapes_warn() {
        let text = "[keys]\nglobal = 5\n[keys.normal]\nquit = 5\nhelp = [\"f2\", 3]\n";
        let (config, warnings) = parse(text);
        let lines: Vec<usize> = warnings.iter().map(line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert_eq!(config.keymap, crate::config::Keymap::defaults());
    }

    #[test]
    fn clashes_are_reported() {
        let text = "[keys.sidebar]\nup = \"j\"\nselect = \"tab\"\n[keys.global]\nhelp = \"h\"\nfocus-url = \"pgup\"\n";
        let (_, warnings) = parse(text);
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "config.toml:2:1: [keys.sidebar] up: \"j\" is also bound to down here; up wins",
                "config.toml:3:1: [keys.sidebar] select: \"tab\" is taken first by next-pane in [keys.global]",
                "config.toml:5:1: [keys.global] help: \"h\" is a plain character, so it can no longer be typed into text fields",
                "config.toml:5:1: [keys.global] help: \"h\" hides left in [keys.inspector]",
                "config.toml:6:1: [keys.global] focus-url: \"pgup\" hides page-up in [keys.sidebar]",
                "config.toml:6:1: [keys.global] focus-url: \"pgup\" hides page-up in [keys.inspector]",
            ]
        );
    }

    #[test]
    fn clash_between_two_changed_entries_is_reported_once() {
        let (_, warnings) = parse("[keys.sidebar]\ntop = \"x\"\nbottom = \"x\"\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(line(&warnings[0]), 3);
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(suggestion("sned"), " (did you mean \"send\"?)");
        assert_eq!(suggestion("pageup"), " (did you mean \"page-up\"?)");
        assert_eq!(suggestion("frobnicate"), "");
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
