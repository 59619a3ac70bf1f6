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
use crate::app::tree_rows::{self, Part, row_parts};
use crate::json::index::JsonIndex;
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
                    let indent = tree_rows::wrap_indent(&row);
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

/// The spans of one row, before cutting to the width: its parts (`app::tree_rows`), styled.
fn row_spans(index: &JsonIndex, tree: &TreeState, row: &Row) -> Vec<Span<'static>> {
    row_parts(index, tree, row)
        .into_iter()
        .map(|(part, text)| {
            let style = match part {
                Part::Dim => theme::dim(),
                Part::Marker => theme::key(),
                Part::Plain => Style::new(),
                Part::Json(kind) => theme::json(kind),
            };
            Span::styled(text, style)
        })
        .collect()
}

/// The row's text cut into rows of `width` columns (see `tree_rows::wrap`).
fn wrap(spans: &[Span<'static>], width: usize, indent: usize, room: usize) -> Vec<Line<'static>> {
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    tree_rows::wrap(&text, width, indent, room)
        .into_iter()
        .map(Line::from)
        .collect()
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
