//! The sidebar: its tabs and the history of this run, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{spinner, tab_bar, theme};
use crate::app::history::{Entry, EntryState};
use crate::app::{App, Pane, SidebarTab};
use crate::text::window::visible_bytes;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Sidebar;
    let block = Block::bordered()
        .border_style(theme::border(focused))
        .title(Span::styled(" Sidebar ", theme::title(focused)));
    frame.render_widget(block, area);
    let (tabs, list) = crate::app::layout::sidebar_areas(area);
    let active = SidebarTab::ALL
        .iter()
        .position(|t| *t == app.sidebar_tab)
        .unwrap_or(0);
    frame.render_widget(
        Paragraph::new(tab_bar(SidebarTab::ALL.iter().map(|t| t.title()), active)),
        tabs,
    );
    if app.sidebar_tab == SidebarTab::Catalog {
        super::catalog::render(app, frame, list, focused);
        return;
    }
    if app.history.is_empty() {
        let hint = Paragraph::new(Span::styled(
            "No requests yet: type a URL and press Enter.",
            theme::dim(),
        ))
        .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(hint, list);
        return;
    }
    let height = usize::from(list.height);
    let first = app.history.first_visible(height);
    let width = usize::from(list.width);
    let lines: Vec<Line> = app
        .history
        .newest_first()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, entry)| {
            let line = row(app, entry, width);
            if i == app.history.selected {
                line.style(theme::selected(focused))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn row(app: &App, entry: &Entry, width: usize) -> Line<'static> {
    let (badge, style) = match &entry.state {
        EntryState::InFlight => (format!("{:>3}", spinner(app.spinner)), theme::warning()),
        EntryState::Cancelled { .. } => ("  ✕".to_owned(), theme::warning()),
        EntryState::Done(finished) => match &finished.exchange.outcome {
            Ok(response) => (
                format!("{:>3}", response.status),
                theme::status(response.status),
            ),
            Err(_) => ("ERR".to_owned(), theme::error()),
        },
    };
    let target = url_tail(&entry.url);
    // `*` marks what the app sent by itself: Keystone sign-ins, a request refused with 401.
    let mark = if entry.automatic { '*' } else { ' ' };
    let method = format!(
        "{mark}{:<6} ",
        entry.method.chars().take(6).collect::<String>()
    );
    let rest = width.saturating_sub(3 + method.chars().count());
    Line::from(vec![
        Span::styled(badge, style),
        Span::styled(
            visible_bytes(method.as_bytes(), 0, 8),
            theme::method(&entry.method),
        ),
        Span::raw(visible_bytes(target.as_bytes(), 0, rest)),
    ])
}

/// The path and query: what tells requests apart in a narrow column (the host is in the
/// inspector). A bare host shows as itself.
fn url_tail(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    match rest.find('/') {
        Some(at) if at + 1 < rest.len() => &rest[at..],
        _ => rest,
    }
}
