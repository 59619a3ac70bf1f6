//! The sidebar: its tabs and the history, newest first (this run's, then earlier runs').

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
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
    if app.sidebar_tab == SidebarTab::Saved {
        super::saved::render(app, frame, list, focused);
        return;
    }
    let (rows_area, filter_line) =
        crate::app::layout::history_areas(list, app.history_filter_shown());
    if let Some(line) = filter_line {
        render_filter_line(app, frame, line);
    }
    if app.history.is_empty() {
        let hint = if app.history.total() > 0 {
            "No exchange matches the filter (Esc clears it)."
        } else {
            "No requests yet: type a URL and press Enter."
        };
        let hint = Paragraph::new(Span::styled(hint, theme::dim()))
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(hint, rows_area);
        return;
    }
    let height = usize::from(rows_area.height);
    let first = app.history.first_visible(height);
    let width = usize::from(rows_area.width);
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
    frame.render_widget(Paragraph::new(lines), rows_area);
}

/// `/filter` while typed (with the cursor), or the filter in force and how many rows it keeps.
fn render_filter_line(app: &App, frame: &mut Frame, area: Rect) {
    let [slash, field] =
        Layout::horizontal([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled("/", theme::key())), slash);
    if let Some(input) = &app.history_input {
        frame.render_widget(input, field);
        return;
    }
    let count = format!(" {}/{}", app.history.len(), app.history.total());
    let room = usize::from(field.width).saturating_sub(count.len());
    let text = app.history.filter_text();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(visible_bytes(text.as_bytes(), 0, room)),
            Span::styled(count, theme::dim()),
        ])),
        field,
    );
}

fn row(app: &App, entry: &Entry, width: usize) -> Line<'static> {
    let (badge, style) = match &entry.state {
        EntryState::InFlight => (format!("{:>3}", spinner(app.spinner)), theme::warning()),
        EntryState::Cancelled { .. } => ("  ✕".to_owned(), theme::warning()),
        EntryState::Stored(row) if row.loading => {
            (format!("{:>3}", spinner(app.spinner)), theme::warning())
        }
        EntryState::Done(_) | EntryState::Stored(_) | EntryState::Dropped(_) => {
            match entry.status() {
                Some(status) => (format!("{status:>3}"), theme::status(status)),
                None => ("ERR".to_owned(), theme::error()),
            }
        }
    };
    let target = url_tail(&entry.url);
    // `*` marks what the app sent by itself: Keystone sign-ins, a request refused with 401.
    let mark = if entry.automatic { '*' } else { ' ' };
    let method = format!(
        "{mark}{:<6} ",
        entry.method.chars().take(6).collect::<String>()
    );
    // Size and age on the right when the column is wide enough to spare them.
    let tail = if width >= 44 {
        let size = entry.size().map_or_else(String::new, short_size);
        let age =
            crate::app::history_tab::age(app.wall.duration_since(entry.wall).unwrap_or_default());
        format!(" {size:>5} {age:>3}")
    } else {
        String::new()
    };
    let rest = width.saturating_sub(3 + method.chars().count() + tail.chars().count());
    let shown = visible_bytes(target.as_bytes(), 0, rest);
    let pad = rest.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
    Line::from(vec![
        Span::styled(badge, style),
        Span::styled(
            visible_bytes(method.as_bytes(), 0, 8),
            theme::method(&entry.method),
        ),
        Span::raw(shown),
        Span::raw(" ".repeat(pad)),
        Span::styled(tail, theme::dim()),
    ])
}

/// `512B`, `12K`, `3.4M`: a body size in five columns at most.
fn short_size(bytes: u64) -> String {
    const K: u64 = 1024;
    match bytes {
        0..K => format!("{bytes}B"),
        K..1_000_000 => format!("{}K", bytes / K),
        _ if bytes < 10 * K * K => format!("{:.1}M", bytes as f64 / (K * K) as f64),
        _ if bytes < K * K * K => format!("{}M", bytes / (K * K)),
        _ => format!("{}G", bytes / (K * K * K)),
    }
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
