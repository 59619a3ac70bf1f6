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
use crate::json::search::SearchHits;
use crate::json::tokenize_line;
use crate::text::window::{display_width_of, visible_bytes, visible_runs};

/// What to mark in a view's lines: the Tree's selected value (in Raw) and search hits (in Raw
/// and Pretty; only when they are hits of the document the view shows).
#[derive(Default)]
pub struct Marks<'a> {
    pub selection: Option<&'a Highlight>,
    pub hits: Option<&'a SearchHits>,
}

/// Draws rows `scroll.row..` of `doc` into `area`, starting at column `scroll.col`. A JSON
/// document's Pretty view gets line numbers and shows its selected line (`cursor`).
pub fn render(
    doc: &Document,
    scroll: Scroll,
    marks: &Marks,
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
        .map_while(|n| {
            doc.line_within(n, budget(scroll.col, width))
                .map(|line| (n, line))
        })
        .map(|(n, line)| {
            let shown = line.bytes.len().min(budget(scroll.col, width));
            let marked = line_marks(doc, n, 0..shown, marks);
            match cursor {
                // The selected line in one style across the row, as the Tree shows its cursor.
                Some((at, focused)) if at == n => {
                    selected_line(&line.bytes[..shown], scroll.col, width, &marked, focused)
                }
                _ => styled_line(line.kind, &line.bytes, scroll.col, width, &marked),
            }
        })
        .collect();
    // Each line is already cut to the window, so the paragraph never scrolls or wraps.
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selected line in one style across the row, as the Tree shows its cursor (matches
/// still marked).
fn selected_line(
    bytes: &[u8],
    col: usize,
    width: usize,
    marked: &[(Range<usize>, Style)],
    focused: bool,
) -> Line<'static> {
    let text = String::from_utf8_lossy(bytes);
    let runs = overlay(vec![(theme::selected(focused), 0..text.len())], marked);
    let mut spans: Vec<Span> = visible_runs(&text, &runs, col, width)
        .into_iter()
        .map(|(style, s)| Span::styled(s, style))
        .collect();
    let used: usize = spans.iter().map(|s| display_width_of(&s.content)).sum();
    spans.push(Span::styled(
        " ".repeat(width.saturating_sub(used)),
        theme::selected(focused),
    ));
    Line::from(spans)
}

/// The marked byte ranges of line `n` within its first `shown` bytes, with their styles.
fn line_marks(
    doc: &Document,
    n: usize,
    window: Range<usize>,
    marks: &Marks,
) -> Vec<(Range<usize>, Style)> {
    let mut out = Vec::new();
    if let Some(range) = marks.selection.and_then(|h| h.in_line(n, window.end)) {
        let range = range.start.max(window.start)..range.end.min(window.end);
        if !range.is_empty() {
            out.push((range, Style::new().add_modifier(Modifier::REVERSED)));
        }
    }
    let Some(hits) = marks.hits else { return out };
    // (body range shown, where it starts in the line)
    let spans: Vec<(Range<usize>, usize)> = match doc.pretty_lines() {
        Some(pretty) => pretty.body_spans(n),
        None => doc
            .body_line_start(n)
            .map(|start| (start + window.start..start + window.end, window.start))
            .into_iter()
            .collect(),
    };
    for (span, at) in spans {
        for hit in hits.in_range(span.start, span.end) {
            let from = at + hit.start.max(span.start) - span.start;
            let to = at + hit.end.min(span.end) - span.start;
            out.push((
                from.clamp(window.start, window.end)..to.clamp(window.start, window.end),
                theme::search_hit(),
            ));
        }
    }
    out
}

/// Draws the document wrapped to the area's width from row `first` (Raw): each row a slice of
/// a line, found through the document's wrap index (built as far as shown). Rows that start
/// inside a line are drawn plain: colouring JSON from the middle of a string would lie.
pub fn render_wrapped(doc: &Document, first: usize, marks: &Marks, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    // One fetch per line, not per row: a one-line body fills the screen with one line.
    let mut fetched: Option<(usize, crate::app::document::Line)> = None;
    let lines: Vec<Line> = doc
        .wrapped_rows(width, first, usize::from(area.height))
        .into_iter()
        .filter_map(|row| {
            if fetched.as_ref().is_none_or(|(n, _)| *n != row.line) {
                fetched = doc.line(row.line).map(|line| (row.line, line));
            }
            let (_, line) = fetched.as_ref()?;
            let bytes = line.bytes.get(row.start..row.end)?;
            let marked: Vec<(Range<usize>, Style)> =
                line_marks(doc, row.line, row.start..row.end, marks)
                    .into_iter()
                    .map(|(r, style)| (r.start - row.start..r.end - row.start, style))
                    .collect();
            let kind = match line.kind {
                LineKind::Json if row.start > 0 => LineKind::Body,
                kind => kind,
            };
            Some(styled_line(kind, bytes, 0, width, &marked))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn styled_line(
    kind: LineKind,
    bytes: &[u8],
    col: usize,
    width: usize,
    marked: &[(Range<usize>, Style)],
) -> Line<'static> {
    match kind {
        LineKind::Json => json_line(bytes, col, width, marked),
        LineKind::Body if !marked.is_empty() => {
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
    marked: &[(Range<usize>, Style)],
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

/// `runs` cut where marks start and end, each piece inside a mark patched with its style.
fn overlay(
    runs: Vec<(Style, Range<usize>)>,
    marked: &[(Range<usize>, Style)],
) -> Vec<(Style, Range<usize>)> {
    if marked.is_empty() {
        return runs;
    }
    let mut out = Vec::with_capacity(runs.len() + 2 * marked.len());
    for (style, range) in runs {
        let mut cuts = vec![range.start, range.end];
        cuts.extend(
            marked
                .iter()
                .flat_map(|(m, _)| [m.start, m.end])
                .filter(|&c| c > range.start && c < range.end),
        );
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let piece = marked
                .iter()
                .filter(|(m, _)| m.start <= pair[0] && pair[1] <= m.end)
                .fold(style, |style, (_, mark)| style.patch(*mark));
            out.push((piece, pair[0]..pair[1]));
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
