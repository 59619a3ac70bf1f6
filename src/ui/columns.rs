//! The Table's column picker: every column in display order with whether it shows and is
//! pinned, over the right of the table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme;
use crate::json::table::TableModel;
use crate::text::sanitize;
use crate::text::window::display_width_of;

pub fn render(model: &TableModel, cursor: usize, frame: &mut Frame, area: Rect) {
    let order = model.column_order();
    let names: Vec<String> = order
        .iter()
        .map(|&c| sanitize(model.column(c).name()).into_owned())
        .collect();
    let widest = names.iter().map(|n| display_width_of(n)).max().unwrap_or(0);
    let hint = " Space shows/hides · p pins · < > move · Enter closes ";
    let width = (widest + 10)
        .max(display_width_of(hint) + 2)
        .min(usize::from(area.width)) as u16;
    let height = (order.len() + 2).min(usize::from(area.height)) as u16;
    let popup = Rect {
        x: area.x + area.width.saturating_sub(width),
        y: area.y,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Span::styled(" Columns ", theme::title(true)))
        .title_bottom(Span::styled(hint, theme::dim()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let rows = usize::from(inner.height);
    let first = cursor.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = order
        .iter()
        .zip(&names)
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(at, (&column, name))| {
            let shown = if model.column(column).is_hidden() {
                "[ ]"
            } else {
                "[x]"
            };
            let pin = if model.is_pinned(column) {
                "  pinned"
            } else {
                ""
            };
            let line = Line::from(format!("{shown} {name}{pin}"));
            if at == cursor {
                line.style(theme::selected(true))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
