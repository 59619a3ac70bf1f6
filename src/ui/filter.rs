//! The jq filter's rows above the inspector's view: the line (being typed, or the filter
//! applied) with its state, and the error under it with a caret at its column.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::filter::FilterState;
use crate::text::sanitize;
use crate::text::window::display_width_of;

pub fn render(filter: &FilterState, frame: &mut Frame, area: Rect) {
    let [line, error] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let state = state(filter);
    let [bar, field, note] = Layout::horizontal([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(display_width_of(&state) as u16),
    ])
    .areas(line);
    frame.render_widget(Paragraph::new(Span::styled("| ", theme::key())), bar);
    match &filter.input {
        Some(input) => frame.render_widget(input, field),
        None => frame.render_widget(Paragraph::new(sanitize(&filter.code).into_owned()), field),
    }
    frame.render_widget(Paragraph::new(Span::styled(state, theme::dim())), note);
    if let Some(e) = &filter.error {
        // The caret sits under the column the error names, when it fits.
        let caret = e.at.and_then(|at| filter.code.get(..at)).map(|before| {
            let column = 2 + display_width_of(&sanitize(before));
            format!("{}^ ", " ".repeat(column))
        });
        let text = format!("{}{}", caret.unwrap_or_default(), sanitize(&e.message));
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(text, theme::error()))),
            error,
        );
    }
}

/// What the filter is doing, at the line's right.
fn state(filter: &FilterState) -> String {
    let keys = if filter.input.is_some() {
        "Enter keeps · Esc drops"
    } else {
        ": edits · Esc drops"
    };
    if filter.running {
        return format!(" running… · {keys} ");
    }
    match &filter.shown {
        Some(view) if view.code == filter.code => {
            let noun = if view.count == 1 { "result" } else { "results" };
            let more = if view.truncated { "+" } else { "" };
            format!(" {}{more} {noun} · {keys} ", view.count)
        }
        _ => format!(" {keys} "),
    }
}
