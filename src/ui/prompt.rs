//! The masked prompt for a cloud's missing password or secret.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear};

use super::theme;
use crate::app::cloud::SecretPrompt;
use crate::text::sanitize;

pub fn render(prompt: &SecretPrompt, frame: &mut Frame) {
    let [row] = Layout::vertical([Constraint::Length(3)])
        .flex(Flex::Center)
        .areas(frame.area());
    let [area] = Layout::horizontal([Constraint::Max(70)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Span::styled(
            format!(" {} ", sanitize(&prompt.title)),
            theme::title(true),
        ))
        .title_bottom(Span::styled(
            " Enter signs in · Esc goes without ",
            theme::dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(&prompt.input, inner);
}
