//! The text of a Tree row, in parts the drawing styles (guides, the fold marker, the key or
//! `[i]`, the value), and the lines the selected value takes when it wraps (`w`). Pure, so the
//! drawing (`ui::tree`) and the mouse agree on where every row went.

use crate::json::TokenKind;
use crate::json::index::{JsonIndex, Kind};
use crate::json::tree::{Row, TreeState};
use crate::text::sanitize;
use crate::text::window::display_width_of;

/// What a part of a row is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Indentation guides, `[i]`, a container's size and preview.
    Dim,
    /// The fold marker (`▾ `, `▸ `, or two spaces).
    Marker,
    /// Punctuation and brackets.
    Plain,
    /// A key or a scalar value.
    Json(TokenKind),
}

/// The parts of one row, before cutting to the width; every text sanitised.
pub fn row_parts(index: &JsonIndex, tree: &TreeState, row: &Row) -> Vec<(Part, String)> {
    let node = row.node;
    let mut parts = vec![(Part::Dim, "│ ".repeat(row.depth))];
    let marker = match (row.has_children, row.expanded) {
        (true, true) => "▾ ",
        (true, false) => "▸ ",
        (false, _) => "  ",
    };
    parts.push((Part::Marker, marker.to_owned()));
    if let Some(key) = index.key(node) {
        parts.push((Part::Json(TokenKind::Key), sanitize(&key).into_owned()));
        parts.push((Part::Plain, ": ".to_owned()));
    } else if index.parent(node).is_some() {
        parts.push((Part::Dim, format!("[{}] ", index.index_in_parent(node))));
    }
    match row.kind {
        Kind::Object | Kind::Array => {
            let (open, what) = if row.kind == Kind::Object {
                ("{", "keys")
            } else {
                ("[", "items")
            };
            let count = index.child_count(node);
            let label = if count == 1 {
                &what[..what.len() - 1]
            } else {
                what
            };
            if row.expanded {
                parts.push((Part::Plain, open.to_owned()));
                parts.push((Part::Dim, format!(" {count} {label}")));
            } else {
                let close = if row.kind == Kind::Object { "}" } else { "]" };
                parts.push((Part::Plain, format!("{open}…{close}")));
                parts.push((Part::Dim, format!(" {count} {label} ")));
                if count > 0 && !tree.is_expanded(node) {
                    parts.push((Part::Dim, sanitize(&index.preview(node, 120)).into_owned()));
                }
            }
        }
        Kind::String => {
            // A row shows a few hundred columns at most; the rest waits for the popup.
            let (value, cut) = index.string_prefix(node, 4096);
            let text = if cut {
                format!("\"{value}…")
            } else {
                format!("\"{value}\"")
            };
            parts.push((Part::Json(TokenKind::String), sanitize(&text).into_owned()));
        }
        Kind::Number => parts.push((
            Part::Json(TokenKind::Number),
            String::from_utf8_lossy(index.value_raw(node)).into_owned(),
        )),
        Kind::True | Kind::False | Kind::Null => parts.push((
            Part::Json(TokenKind::Literal),
            String::from_utf8_lossy(index.value_raw(node)).into_owned(),
        )),
    }
    parts
}

/// A row's text cut into lines of `width` columns, the later ones indented by `indent`, at
/// most `room` lines (the last ends in `…` when the value goes on).
pub fn wrap(text: &str, width: usize, indent: usize, room: usize) -> Vec<String> {
    let indent = indent.min(width / 2);
    let room = room.max(1);
    let mut out: Vec<String> = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width_of(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            if out.len() + 1 == room {
                // No line left: this one ends the value with `…`.
                row.pop();
                row.push('…');
                break;
            }
            out.push(std::mem::take(&mut row));
            row.push_str(&" ".repeat(indent));
            used = indent;
        }
        row.push(c);
        used += w;
    }
    out.push(row);
    out
}

/// How the selected row wraps: its indent, by its depth.
pub fn wrap_indent(row: &Row) -> usize {
    2 * row.depth + 4
}

/// The lines the selected row takes in `width` columns with `room` lines left under it.
pub fn selected_lines(index: &JsonIndex, tree: &TreeState, width: usize, room: usize) -> usize {
    let Some(row) = tree.cursor().map(|node| tree.row(node)) else {
        return 1;
    };
    let text: String = row_parts(index, tree, &row)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    wrap(&text, width, wrap_indent(&row), room).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_indents_the_later_lines_and_ends_cut_values_with_an_ellipsis() {
        assert_eq!(wrap("abcdefgh", 4, 1, 9), ["abcd", " efg", " h"]);
        assert_eq!(wrap("abcdefghij", 4, 1, 2), ["abcd", " ef…"]);
        assert_eq!(wrap("ab", 4, 1, 9), ["ab"]);
    }
}
