//! Drawing the visible window of a document: only the rows on screen are fetched, decoded,
//! sanitised and coloured, so the cost of a frame does not grow with the body.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::document::{Document, LineKind};
use crate::app::inspector::{Highlight, Scroll};
use crate::json::tokenize_line;
use crate::text::window::{display_width_of, visible_bytes, visible_runs};

/// Draws rows `scroll.row..` of `doc` into `area`, starting at column `scroll.col`. A JSON
/// document's Pretty view gets line numbers and shows its selected line (`cursor`).
pub fn render(
    doc: &Document,
    scroll: Scroll,
    highlight: Option<&Highlight>,
    cursor: Option<(usize, bool)>,
    frame: &mut Frame,
    area: Rect,
) {
    let rows = scroll.row..scroll.row + usize::from(area.height);
    let area = if doc.pretty_lines().is_some() {
        let digits = doc.len().max(1).ilog10() as u16 + 1;
        let [gutter, text] =
            Layout::horizontal([Constraint::Length(digits + 1), Constraint::Min(0)]).areas(area);
        let numbers: Vec<Line> = rows
            .clone()
            .take_while(|&n| n < doc.len())
            .map(|n| {
                let style = match cursor {
                    Some((at, _)) if at == n => theme::key(),
                    _ => theme::dim(),
                };
                Line::from(Span::styled(
                    format!("{:>w$} ", n + 1, w = usize::from(digits)),
                    style,
                ))
            })
            .collect();
        frame.render_widget(Paragraph::new(numbers), gutter);
        text
    } else {
        area
    };
    let width = usize::from(area.width);
    let lines: Vec<Line> = rows
        .map_while(|n| doc.line(n).map(|line| (n, line)))
        .map(|(n, line)| {
            let marked = highlight.and_then(|h| h.in_line(n, line.bytes.len()));
            match cursor {
                // The selected line in one style across the row, as the Tree shows its cursor.
                Some((at, focused)) if at == n => {
                    let text = visible_bytes(&line.bytes, scroll.col, width);
                    let pad = width.saturating_sub(display_width_of(&text));
                    Line::from(Span::styled(
                        format!("{text}{}", " ".repeat(pad)),
                        theme::selected(focused),
                    ))
                }
                _ => styled_line(line.kind, &line.bytes, scroll.col, width, marked),
            }
        })
        .collect();
    // Each line is already cut to the window, so the paragraph never scrolls or wraps.
    frame.render_widget(Paragraph::new(lines), area);
}

fn styled_line(
    kind: LineKind,
    bytes: &[u8],
    col: usize,
    width: usize,
    marked: Option<Range<usize>>,
) -> Line<'static> {
    match kind {
        LineKind::Json => json_line(bytes, col, width, marked),
        LineKind::Body if marked.is_some() => {
            let text = String::from_utf8_lossy(&bytes[..bytes.len().min(budget(col, width))]);
            let runs = overlay(vec![(theme::line(kind), 0..text.len())], marked);
            Line::from(
                visible_runs(&text, &runs, col, width)
                    .into_iter()
                    .map(|(style, s)| Span::styled(s, style))
                    .collect::<Vec<_>>(),
            )
        }
        LineKind::HeaderLine => split_line(
            bytes,
            bytes.iter().position(|&b| b == b':'),
            col,
            width,
            theme::header_name(),
        ),
        LineKind::TableRow { split } => split_line(
            bytes,
            Some(usize::from(split)),
            col,
            width,
            theme::header_name(),
        ),
        LineKind::StatusLine => status_line(bytes, col, width),
        _ => Line::from(Span::styled(
            visible_bytes(bytes, col, width),
            theme::line(kind),
        )),
    }
}

/// Bytes to decode for a window ending at column `col + width` (a column takes at least one
/// byte, a character at most four).
fn budget(col: usize, width: usize) -> usize {
    col.saturating_add(width)
        .saturating_mul(4)
        .saturating_add(64)
}

fn json_line(
    bytes: &[u8],
    col: usize,
    width: usize,
    marked: Option<Range<usize>>,
) -> Line<'static> {
    // Pretty lines are short; a giant one (a long string) is tokenised only as far as shown.
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(budget(col, width))]);
    let runs: Vec<_> = tokenize_line(&text)
        .into_iter()
        .map(|t| (theme::json(t.kind), t.start..t.end))
        .collect();
    let runs = overlay(runs, marked);
    Line::from(
        visible_runs(&text, &runs, col, width)
            .into_iter()
            .map(|(style, s)| Span::styled(s, style))
            .collect::<Vec<_>>(),
    )
}

/// `runs` with the bytes of `marked` shown reversed (split where the mark starts and ends).
fn overlay(
    runs: Vec<(Style, Range<usize>)>,
    marked: Option<Range<usize>>,
) -> Vec<(Style, Range<usize>)> {
    let Some(marked) = marked else { return runs };
    let mut out = Vec::with_capacity(runs.len() + 2);
    for (style, range) in runs {
        let cuts = [
            range.start,
            marked.start.clamp(range.start, range.end),
            marked.end.clamp(range.start, range.end),
            range.end,
        ];
        for pair in cuts.windows(2) {
            if pair[0] < pair[1] {
                let inside = pair[0] >= marked.start && pair[1] <= marked.end;
                let style = if inside {
                    style.add_modifier(Modifier::REVERSED)
                } else {
                    style
                };
                out.push((style, pair[0]..pair[1]));
            }
        }
    }
    out
}

/// A `name: value` line with the name coloured.
fn split_line(
    bytes: &[u8],
    split: Option<usize>,
    col: usize,
    width: usize,
    name_style: ratatui::style::Style,
) -> Line<'static> {
    let text = String::from_utf8_lossy(bytes);
    let split = split.filter(|&s| text.is_char_boundary(s)).unwrap_or(0);
    let runs = [
        (name_style, 0..split),
        (ratatui::style::Style::new(), split..text.len()),
    ];
    Line::from(
        visible_runs(&text, &runs, col, width)
            .into_iter()
            .map(|(style, s)| Span::styled(s, style))
            .collect::<Vec<_>>(),
    )
}

/// `HTTP/1.1 404 Not Found` with the code coloured by class.
fn status_line(bytes: &[u8], col: usize, width: usize) -> Line<'static> {
    let code = String::from_utf8_lossy(bytes)
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok())
        .unwrap_or(0);
    Line::from(Span::styled(
        visible_bytes(bytes, col, width),
        theme::status(code),
    ))
}
