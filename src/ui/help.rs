//! The help overlay: every binding, generated from the keymap so it can never drift from it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme;
use crate::app::App;
use crate::config::KeyContext;

pub fn render(app: &App, frame: &mut Frame, scroll: usize) {
    let area = frame.area();
    let [vertical] = Layout::vertical([Constraint::Percentage(90)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Max(92)])
        .flex(Flex::Center)
        .areas(vertical);
    frame.render_widget(Clear, popup);
    let lines = help_lines(app);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Span::styled(
            " Help — keys (Esc closes, j/k scroll) ",
            theme::title(true),
        ));
    let scroll = u16::try_from(scroll.min(lines.len().saturating_sub(1))).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}

/// The help text: one section per key context.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut current: Option<KeyContext> = None;
    for (context, action, keys) in app.keymap.bindings() {
        if keys.is_empty() {
            continue;
        }
        if current != Some(context) {
            if current.is_some() {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(
                context.describe().to_owned(),
                theme::title(true),
            )));
            current = Some(context);
        }
        let keys = keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<26}"), theme::key()),
            Span::raw(action.describe()),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Text fields take every printable key. Headers/Params: one per line, # switches a line off.",
        theme::dim(),
    )));
    lines
}
