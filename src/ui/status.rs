//! The bottom two rows: the status line (focus, message) and key hints generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::composer::ComposerField;
use crate::app::{Action, App, Level, Pane};
use crate::config::KeyContext;
use crate::text::sanitize;

pub fn render(app: &App, frame: &mut Frame, status: Rect, hints: Rect) {
    let pane = match app.focus {
        Pane::Sidebar => "sidebar",
        Pane::Composer if app.composer.editing => match app.composer.field {
            ComposerField::Method => "method",
            ComposerField::Url => "url",
            ComposerField::Headers => "headers",
            ComposerField::Params => "params",
            ComposerField::Body => "body",
        },
        Pane::Composer => "composer",
        Pane::Inspector => "inspector",
    };
    let mut spans = vec![
        Span::styled(format!(" {pane} "), theme::tab(true)),
        Span::raw(" "),
    ];
    if let Some((level, text)) = &app.message {
        let style = match level {
            Level::Info => ratatui::style::Style::new(),
            Level::Warning => theme::warning(),
            Level::Error => theme::error(),
        };
        spans.push(Span::styled(sanitize(text).into_owned(), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), status);
    frame.render_widget(Paragraph::new(hint_line(app)), hints);
}

/// Hints for what the focused pane can do, then the global essentials.
fn hint_line(app: &App) -> Line<'static> {
    let editing = app.focus == Pane::Composer && app.composer.editing;
    let pane: &[(KeyContext, Action)] = match app.focus {
        Pane::Composer if editing => &[(KeyContext::Editor, Action::ToggleLine)],
        Pane::Composer => &[
            (KeyContext::Composer, Action::StartEditing),
            (KeyContext::Composer, Action::NextTab),
        ],
        Pane::Sidebar => &[
            (KeyContext::Sidebar, Action::Down),
            (KeyContext::Sidebar, Action::Select),
        ],
        Pane::Inspector => &[
            (KeyContext::Inspector, Action::Down),
            (KeyContext::Inspector, Action::NextTab),
            (KeyContext::Inspector, Action::Right),
        ],
    };
    let mut hints: Vec<(KeyContext, Action)> = vec![
        (KeyContext::Global, Action::Send),
        (KeyContext::Global, Action::Cancel),
    ];
    hints.extend_from_slice(pane);
    hints.push((KeyContext::Global, Action::NextPane));
    if editing {
        hints.push((KeyContext::Global, Action::Help));
        hints.push((KeyContext::Global, Action::Quit));
    } else {
        hints.push((KeyContext::Normal, Action::Help));
        hints.push((KeyContext::Normal, Action::Quit));
    }
    let mut spans = Vec::new();
    for (context, action) in hints {
        if let Some(key) = app.keymap.first_key(context, action) {
            spans.push(Span::styled(format!(" {key}"), theme::key()));
            spans.push(Span::styled(format!(" {} ", short(action)), theme::dim()));
        }
    }
    Line::from(spans)
}

fn short(action: Action) -> &'static str {
    match action {
        Action::Send => "send",
        Action::Cancel => "cancel",
        Action::ToggleLine => "line on/off",
        Action::StartEditing => "edit",
        Action::NextTab => "tab",
        Action::Down => "move",
        Action::Select => "open",
        Action::Right => "scroll",
        Action::NextPane => "pane",
        Action::Help => "help",
        Action::Quit => "quit",
        other => other.name(),
    }
}
