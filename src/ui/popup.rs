//! A long string opened whole from the Tree: its rows (already cut to the width and sanitised)
//! in a bordered box over the screen, with its path as the title.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme;
use crate::app::layout::popup_area;
use crate::app::popup::ValuePopup;
use crate::text::sanitize;

pub fn render(popup: &ValuePopup, frame: &mut Frame) {
    let area = popup_area(frame.area());
    frame.render_widget(Clear, area);
    let shown = usize::from(area.height.saturating_sub(2));
    let last = (popup.scroll + shown).min(popup.rows.len());
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Span::styled(
            format!(" {} ", sanitize(&popup.title)),
            theme::title(true),
        ))
        .title_bottom(Span::styled(
            format!(
                " rows {}–{last} of {} · j/k scroll · y copies · Esc closes ",
                popup.scroll + 1,
                popup.rows.len()
            ),
            theme::dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows: Vec<Line> = popup.rows[popup.scroll.min(last)..last]
        .iter()
        .map(|row| {
            Line::from(Span::styled(
                row.as_str(),
                theme::json(crate::json::TokenKind::String),
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
