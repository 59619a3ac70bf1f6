//! The bottom two rows: the status line (focus, message) and key hints generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::cloud::{CloudState, countdown};
use crate::app::composer::ComposerField;
use crate::app::{Action, App, Level, Pane, SidebarTab};
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
    // The cloud on the right: who, where, and how long the token has left; before it, the
    // environment {{variables}} come from.
    let mut cloud = cloud_status(app);
    if let Some(whose) = unverified(app) {
        cloud.spans.insert(
            0,
            Span::styled(format!("⚠ TLS unverified: {whose} "), theme::warning()),
        );
    }
    if let Some(env) = app.variables.environment() {
        cloud.spans.insert(
            0,
            Span::styled(format!("env:{} ", sanitize(env)), theme::key()),
        );
    }
    let cloud_width = u16::try_from(cloud.width())
        .unwrap_or(0)
        .min(status.width / 2);
    let [left, right] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Min(0),
        ratatui::layout::Constraint::Length(cloud_width),
    ])
    .areas(status);
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    frame.render_widget(Paragraph::new(cloud), right);
    frame.render_widget(
        Paragraph::new(hint_line(app, usize::from(hints.width))),
        hints,
    );
}

/// `demo · demo/demo · 4:59`, or how signing in stands.
fn cloud_status(app: &App) -> Line<'static> {
    let Some(cloud) = &app.cloud else {
        return Line::default();
    };
    let name = sanitize(&cloud.name).into_owned();
    match (&cloud.state, &cloud.signed_in) {
        (_, Some(signed_in)) => {
            let who = match &signed_in.project {
                Some(project) => format!("{}@{}", signed_in.user, project),
                None => signed_in.user.clone(),
            };
            let left = cloud.remaining(app.wall).unwrap_or_default();
            let style = if left.as_secs() < 60 {
                theme::warning()
            } else {
                theme::dim()
            };
            Line::from(vec![
                Span::styled(format!(" ☁ {name} "), theme::key()),
                Span::styled(format!("{} ", sanitize(&who)), theme::dim()),
                Span::styled(format!("⏱ {} ", countdown(left)), style),
            ])
        }
        (CloudState::Failed(_), None) => Line::from(Span::styled(
            format!(" ☁ {name}: not signed in "),
            theme::error(),
        )),
        (CloudState::NeedsSecret, None) => Line::from(Span::styled(
            format!(" ☁ {name}: password? "),
            theme::warning(),
        )),
        (_, None) => Line::from(Span::styled(
            format!(" ☁ {name}: signing in… "),
            theme::warning(),
        )),
    }
}

/// Hints for what the focused pane can do and the global essentials, generated from the keymap.
/// When they do not fit, the least important go first; help and quit stay to the last.
fn hint_line(app: &App, width: usize) -> Line<'static> {
    let editing = app.focus == Pane::Composer && app.composer.editing;
    let failed = app
        .history
        .selected_entry()
        .and_then(|e| e.finished())
        .is_some_and(|f| f.exchange.outcome.is_err());
    // (context, action, priority: lower survives longer)
    let mut hints: Vec<(KeyContext, Action, u8)> = vec![
        (KeyContext::Global, Action::Send, 0),
        (KeyContext::Global, Action::Cancel, 2),
    ];
    match app.focus {
        Pane::Composer if editing => hints.push((KeyContext::Editor, Action::ToggleLine, 4)),
        Pane::Composer => {
            hints.push((KeyContext::Composer, Action::StartEditing, 3));
            hints.push((KeyContext::Composer, Action::NextTab, 4));
        }
        Pane::Sidebar if app.sidebar_tab == SidebarTab::Catalog => {
            hints.push((KeyContext::Sidebar, Action::Select, 1));
            hints.push((KeyContext::Sidebar, Action::CycleInterface, 1));
            hints.push((KeyContext::Sidebar, Action::CycleRegion, 1));
            hints.push((KeyContext::Sidebar, Action::NextTab, 4));
        }
        Pane::Sidebar => {
            hints.push((KeyContext::Sidebar, Action::Down, 4));
            hints.push((KeyContext::Sidebar, Action::Select, 3));
            hints.push((KeyContext::Sidebar, Action::NextTab, 4));
        }
        Pane::Inspector => {
            if failed {
                hints.push((KeyContext::Inspector, Action::ShowErrorChain, 1));
            }
            hints.push((KeyContext::Inspector, Action::Down, 4));
            hints.push((KeyContext::Inspector, Action::NextTab, 3));
            hints.push((KeyContext::Inspector, Action::Right, 5));
        }
    }
    let field = app.composer.field;
    if app.focus == Pane::Composer && matches!(field, ComposerField::Body | ComposerField::Headers)
    {
        let context = if editing {
            KeyContext::Editor
        } else {
            KeyContext::Composer
        };
        hints.push((context, Action::EditInEditor, 3));
    }
    hints.push((KeyContext::Global, Action::NextPane, 3));
    let context = if editing {
        KeyContext::Global
    } else {
        KeyContext::Normal
    };
    hints.push((context, Action::Help, 0));
    hints.push((context, Action::Quit, 0));

    let mut shown: Vec<(String, &'static str, u8)> = hints
        .into_iter()
        .filter_map(|(context, action, priority)| {
            app.keymap
                .first_key(context, action)
                .map(|key| (key, short(action), priority))
        })
        .collect();
    let cost =
        |(key, label, _): &(String, &str, u8)| key.chars().count() + label.chars().count() + 3;
    while shown.iter().map(cost).sum::<usize>() > width {
        let Some(worst) = shown
            .iter()
            .enumerate()
            .max_by_key(|(i, h)| (h.2, *i))
            .map(|(i, _)| i)
        else {
            break;
        };
        shown.remove(worst);
    }
    let mut spans = Vec::new();
    for (key, label, _) in shown {
        spans.push(Span::styled(format!(" {key}"), theme::key()));
        spans.push(Span::styled(format!(" {label} "), theme::dim()));
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
        Action::ShowErrorChain => "error chain",
        Action::EditInEditor => "$EDITOR",
        Action::CycleInterface => "interface",
        Action::CycleRegion => "region",
        Action::NextPane => "pane",
        Action::Help => "help",
        Action::Quit => "quit",
        other => other.name(),
    }
}

/// Whose requests go out without certificate checks: every host's (`[http] insecure`), or the
/// cloud's (its `verify: false`, which reaches its own hosts only).
fn unverified(app: &App) -> Option<String> {
    if app.tls_unverified.is_some() {
        return Some("all hosts".to_owned());
    }
    app.cloud
        .as_ref()
        .filter(|c| c.tls_unverified)
        .map(|c| format!("{}'s hosts", sanitize(&c.name)))
}
