//! The Table view: an array of objects as the `OpenStack` CLI prints it — a heading of columns,
//! one row per element, only the rows and columns on screen computed; the selected row and
//! column highlighted, the sort column marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme;
use crate::app::history::JsonBody;
use crate::app::table_screen::TableScreen;
use crate::json::TokenKind;
use crate::json::index::Kind;
use crate::json::table::GAP;
use crate::text::sanitize;
use crate::text::window::display_width_of;

pub fn render(json: &JsonBody, frame: &mut Frame, area: Rect, focused: bool) {
    let table = match json {
        JsonBody::Ready(views) => match &views.table {
            Some(table) => table,
            None => {
                return note(
                    frame,
                    area,
                    "No array in this body: the Table shows arrays of objects (t in the Tree picks one).",
                );
            }
        },
        JsonBody::Pending => return note(frame, area, "Indexing the body…"),
        JsonBody::NotJson => return note(frame, area, "Not JSON: the Table shows JSON arrays."),
        JsonBody::Invalid { message, .. } => {
            return note(
                frame,
                area,
                &format!("Not shown as a table: {}.", sanitize(message)),
            );
        }
    };
    let [heading, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let model = &table.model;
    let sort = model.sort_order();
    let TableScreen {
        rows,
        widths,
        selected: selected_column,
        drawn: shown,
        ..
    } = table.screen(usize::from(area.width), usize::from(body.height));

    let mut head = Vec::new();
    for &column in &shown {
        let mut name = sanitize(model.column(column).name()).into_owned();
        if let Some(order) = sort.filter(|o| o.column == column) {
            name.push(if order.descending { '▼' } else { '▲' });
        }
        let mut style = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if Some(column) == selected_column {
            style = theme::tab(true);
        }
        head.push(Span::styled(pad(&name, widths[column]), style));
        head.push(Span::raw(" ".repeat(GAP)));
    }
    frame.render_widget(Paragraph::new(Line::from(head)), heading);

    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, &row)| {
            let cells = model.row_cells(row, &shown);
            let mut spans = Vec::new();
            for (cell, &column) in cells.iter().zip(&shown) {
                let (text, style) = match cell {
                    Some(cell) => (cell.text.to_string(), cell_style(cell.kind)),
                    None => (String::new(), Style::new()),
                };
                spans.push(Span::styled(pad(&text, widths[column]), style));
                spans.push(Span::raw(" ".repeat(GAP)));
            }
            let line = Line::from(spans);
            if table.first_row + i == table.row {
                line.style(theme::selected(focused))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

fn cell_style(kind: Kind) -> Style {
    match kind {
        Kind::String => theme::json(TokenKind::String),
        Kind::Number => theme::json(TokenKind::Number),
        Kind::True | Kind::False | Kind::Null => theme::json(TokenKind::Literal),
        Kind::Object | Kind::Array => theme::dim(),
    }
}

/// `text` cut or padded to `width` columns (a cut ends in `…`).
fn pad(text: &str, width: usize) -> String {
    let w = display_width_of(text);
    if w <= width {
        return format!("{text}{}", " ".repeat(width - w));
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = display_width_of(c.encode_utf8(&mut [0; 4]));
        if used + cw + 1 > width {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    out.push_str(&" ".repeat(width.saturating_sub(used + 1)));
    out
}

fn note(frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_owned(), theme::dim())).wrap(Wrap { trim: true }),
        area,
    );
}
