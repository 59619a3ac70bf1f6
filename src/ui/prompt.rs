//! The prompts over the screen: the masked one for a cloud's missing password or secret, and
//! where to save a response body.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear};

use super::theme;
use crate::app::cloud::SecretPrompt;
use crate::app::save::SavePrompt;
use crate::app::saved_tab::{PromptKind, SavedPrompt};
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

/// Where to save the response body: the path, and a warning once it names an existing file.
pub fn render_save(prompt: &SavePrompt, frame: &mut Frame) {
    let [row] = Layout::vertical([Constraint::Length(4)])
        .flex(Flex::Center)
        .areas(frame.area());
    let [area] = Layout::horizontal([Constraint::Max(90)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, area);
    let hint = if prompt.overwrite.is_some() {
        " Enter overwrites it · Esc keeps it "
    } else {
        " Enter saves · Esc cancels "
    };
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Span::styled(
            " Save the response body to ",
            theme::title(true),
        ))
        .title_bottom(Span::styled(hint, theme::dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input, note] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&prompt.input, input);
    if let Some(path) = &prompt.overwrite {
        let text = format!("{} exists.", sanitize(&path.display().to_string()));
        frame.render_widget(
            ratatui::widgets::Paragraph::new(Span::styled(text, theme::warning())),
            note,
        );
    }
}

/// The Saved tab's prompt: a name to save as or rename to, or a deletion to confirm.
pub fn render_saved(prompt: &SavedPrompt, frame: &mut Frame) {
    let [row] = Layout::vertical([Constraint::Length(3)])
        .flex(Flex::Center)
        .areas(frame.area());
    let [area] = Layout::horizontal([Constraint::Max(80)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, area);
    let (title, hint) = match &prompt.kind {
        PromptKind::SaveAs { folder } => (
            format!(
                " Save the request in {} as ",
                sanitize(&folder.display().to_string())
            ),
            " Enter saves · Esc cancels ",
        ),
        PromptKind::Rename { .. } => (
            " Rename the request to ".to_owned(),
            " Enter renames · Esc cancels ",
        ),
        PromptKind::Delete { name, .. } => (
            format!(" Delete {:?}? ", sanitize(name)),
            " y deletes the file · n or Esc keeps it ",
        ),
    };
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Span::styled(title, theme::title(true)))
        .title_bottom(Span::styled(hint, theme::dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if !matches!(prompt.kind, PromptKind::Delete { .. }) {
        frame.render_widget(&prompt.input, inner);
    }
}

/// The `:import` line: a curl command typed, or pasted whole.
pub fn render_import(input: &ratatui_textarea::TextArea<'static>, frame: &mut Frame) {
    let [row] = Layout::vertical([Constraint::Length(3)])
        .flex(Flex::Center)
        .areas(frame.area());
    let [area] = Layout::horizontal([Constraint::Max(110)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Span::styled(" Import a curl command ", theme::title(true)))
        .title_bottom(Span::styled(
            " paste it or type it · Enter imports · Esc cancels ",
            theme::dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(input, inner);
}
