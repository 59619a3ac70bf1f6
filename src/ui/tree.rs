//! The Tree view: one row per value — `key: value` for scalars, `key {…} 12 keys` with a preview
//! for folded containers — indentation guides, the selected row, and the path of the selected
//! value above. Only the rows on screen are fetched from the index; every text is sanitised.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme;
use crate::app::history::JsonBody;
use crate::json::TokenKind;
use crate::json::index::{JsonIndex, Kind};
use crate::json::search::SearchHits;
use crate::json::tree::{Row, TreeState};
use crate::text::sanitize;
use crate::text::window::display_width_of;

/// How the Tree is drawn: search hits to mark, focus, and whether the selected value wraps.
pub struct TreeLook<'a> {
    pub hits: Option<&'a SearchHits>,
    pub focused: bool,
    pub wrap_selected: bool,
}

pub fn render(json: &JsonBody, look: &TreeLook, frame: &mut Frame, area: Rect) {
    let TreeLook {
        hits,
        focused,
        wrap_selected,
    } = *look;
    let tree = match json {
        JsonBody::Ready(views) => &views.tree,
        JsonBody::Pending => return note(frame, area, "Indexing the body…", theme::dim()),
        JsonBody::NotJson => {
            return note(
                frame,
                area,
                "Not JSON: the Tree shows JSON bodies (Raw and Pretty show this one).",
                theme::dim(),
            );
        }
        JsonBody::Invalid { message, .. } => {
            let text = format!(
                "Not shown as a tree: {}. Raw shows the whole body.",
                sanitize(message)
            );
            return note(frame, area, &text, theme::warning());
        }
    };
    let [path, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let index = tree.index();
    let width = usize::from(rows.width);
    if let Some(cursor) = tree.cursor() {
        let shown = fit(
            vec![Span::styled(
                sanitize(&index.dot_path(cursor)).into_owned(),
                theme::dim(),
            )],
            usize::from(path.width),
        );
        frame.render_widget(Paragraph::new(Line::from(shown)), path);
    }
    let height = usize::from(rows.height);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for row in tree.visible_rows(tree.scroll(), height) {
        let line = {
            let mut spans = row_spans(index, tree, &row);
            // A value with a search hit (in its key or its text) is marked.
            if hits.is_some_and(|h| h.contains_node(row.node))
                && let Some(span) = spans.get_mut(1)
            {
                let marker = if row.has_children {
                    span.content.to_string()
                } else {
                    "● ".to_owned()
                };
                *span = Span::styled(marker, theme::warning());
            }
            if Some(row.node) == tree.cursor() {
                if wrap_selected {
                    // The selected value over as many rows as it needs (and the screen has).
                    let indent = 2 * row.depth + 4;
                    let room = height.saturating_sub(lines.len());
                    for wrapped in wrap(&spans, width, indent, room) {
                        lines.push(wrapped.style(theme::selected(focused)));
                    }
                    continue;
                }
                Line::from(fit(spans, width)).style(theme::selected(focused))
            } else {
                Line::from(fit(spans, width))
            }
        };
        lines.push(line);
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), rows);
}

fn note(frame: &mut Frame, area: Rect, text: &str, style: Style) {
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_owned(), style)).wrap(Wrap { trim: true }),
        area,
    );
}

/// The spans of one row, before cutting to the width.
fn row_spans(index: &JsonIndex, tree: &TreeState, row: &Row) -> Vec<Span<'static>> {
    let node = row.node;
    let mut spans = vec![Span::styled("│ ".repeat(row.depth), theme::dim())];
    spans.push(Span::styled(
        match (row.has_children, row.expanded) {
            (true, true) => "▾ ",
            (true, false) => "▸ ",
            (false, _) => "  ",
        },
        theme::key(),
    ));
    if let Some(key) = index.key(node) {
        spans.push(Span::styled(
            sanitize(&key).into_owned(),
            theme::json(TokenKind::Key),
        ));
        spans.push(Span::raw(": "));
    } else if index.parent(node).is_some() {
        spans.push(Span::styled(
            format!("[{}] ", index.index_in_parent(node)),
            theme::dim(),
        ));
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
                spans.push(Span::raw(open.to_owned()));
                spans.push(Span::styled(format!(" {count} {label}"), theme::dim()));
            } else {
                let close = if row.kind == Kind::Object { "}" } else { "]" };
                spans.push(Span::raw(format!("{open}…{close}")));
                spans.push(Span::styled(format!(" {count} {label} "), theme::dim()));
                if count > 0 && !tree.is_expanded(node) {
                    spans.push(Span::styled(
                        sanitize(&index.preview(node, 120)).into_owned(),
                        theme::dim(),
                    ));
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
            spans.push(Span::styled(
                sanitize(&text).into_owned(),
                theme::json(TokenKind::String),
            ));
        }
        Kind::Number => spans.push(Span::styled(
            String::from_utf8_lossy(index.value_raw(node)).into_owned(),
            theme::json(TokenKind::Number),
        )),
        Kind::True | Kind::False | Kind::Null => spans.push(Span::styled(
            String::from_utf8_lossy(index.value_raw(node)).into_owned(),
            theme::json(TokenKind::Literal),
        )),
    }
    spans
}

/// The row's text cut into rows of `width` columns, the later ones indented by `indent`, at
/// most `room` rows (the last ends in `…` when the value goes on).
fn wrap(spans: &[Span<'static>], width: usize, indent: usize, room: usize) -> Vec<Line<'static>> {
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let indent = indent.min(width / 2);
    let room = room.max(1);
    let mut out: Vec<String> = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width_of(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            if out.len() + 1 == room {
                // No row left: this one ends the value with `…`.
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
    out.into_iter().map(Line::from).collect()
}

/// Cuts spans to `width` display columns, ending in `…` when something was cut.
fn fit(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut used = 0;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let w = display_width_of(&span.content);
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        let room = width.saturating_sub(used).saturating_sub(1);
        let mut kept = String::new();
        let mut taken = 0;
        for c in span.content.chars() {
            let cw = display_width_of(c.encode_utf8(&mut [0; 4]));
            if taken + cw > room {
                break;
            }
            taken += cw;
            kept.push(c);
        }
        kept.push('…');
        out.push(Span::styled(kept, span.style));
        break;
    }
    out
}
