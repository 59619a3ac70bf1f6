//! The sidebar: its tabs and the history, newest first (this run's, then earlier runs').

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{spinner, tab_bar, theme};
use crate::app::history::{Entry, EntryState, Shown};
use crate::app::{App, Pane, SidebarTab};
use crate::text::sanitize;
use crate::text::shorten::{fit_label, shorten_ids};
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
    // The method column as wide as the longest method on screen (GET and POST: 4), so a
    // narrow sidebar keeps its columns for the request.
    let method_width = app
        .history
        .newest_first()
        .skip(first)
        .take(height)
        .filter_map(|shown| match shown {
            Shown::Entry { entry, .. } => Some(entry.method.chars().count()),
            Shown::Fold { .. } => None,
        })
        .max()
        .unwrap_or(3)
        .clamp(3, 6);
    let lines: Vec<Line> = app
        .history
        .newest_first()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, shown)| {
            let line = match shown {
                Shown::Entry { entry, in_fold } => row(app, entry, in_fold, (method_width, width)),
                Shown::Fold { entries, open } => fold_row(app, entries, open, width),
            };
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

/// One entry's row: status, method in `widths.0` columns, the request, size and age, in
/// `widths.1` columns.
fn row(app: &App, entry: &Entry, in_fold: bool, widths: (usize, usize)) -> Line<'static> {
    let (method_width, width) = widths;
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
    let target = label(app, &entry.url);
    // `*` marks what the app sent by itself: Keystone sign-ins, a request refused with 401;
    // `·` the members of an open fold.
    let mark = match (in_fold, entry.automatic) {
        (true, _) => '·',
        (false, true) => '*',
        (false, false) => ' ',
    };
    let method = format!(
        "{mark}{:<method_width$} ",
        entry.method.chars().take(method_width).collect::<String>()
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
    let shown = fit_label(&target, rest);
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

/// A run of automatic exchanges as one row: the worst status among them, how many and what
/// they were (`▸ 8 automatic: sign-in, 7 versions`); `▾` while open.
fn fold_row(app: &App, entries: &[Entry], open: bool, width: usize) -> Line<'static> {
    let failed = entries
        .iter()
        .any(|e| e.status().is_none() && !e.is_awaited());
    let worst = entries.iter().filter_map(Entry::status).max();
    let newest = entries.last().and_then(Entry::status);
    let (badge, style) = match (failed, worst, newest) {
        (true, ..) => ("ERR".to_owned(), theme::error()),
        (false, Some(worst), _) if worst >= 400 => (format!("{worst:>3}"), theme::status(worst)),
        (false, _, Some(newest)) => (format!("{newest:>3}"), theme::status(newest)),
        _ => (format!("{:>3}", spinner(app.spinner)), theme::warning()),
    };
    let arrow = if open { '▾' } else { '▸' };
    let text = format!(
        "*{arrow} {} automatic: {}",
        entries.len(),
        kinds(entries).join(", ")
    );
    // A summary: cut at the right, where the detail is.
    let shown = visible_bytes(text.as_bytes(), 0, width.saturating_sub(3));
    Line::from(vec![
        Span::styled(badge, style),
        Span::styled(shown, theme::dim()),
    ])
}

/// What a fold's exchanges were, in order of first appearance with their counts.
fn kinds(entries: &[Entry]) -> Vec<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for entry in entries {
        let kind = if entry.url.contains("/auth/tokens") || entry.url.ends_with("/tokens") {
            "sign-in"
        } else if entry.status() == Some(401) {
            "refused"
        } else if entry.method == "GET" {
            "version"
        } else {
            "other"
        };
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts
        .into_iter()
        .map(|(kind, n)| match n {
            1 => kind.to_owned(),
            n => format!("{n} {kind}s"),
        })
        .collect()
}

/// The request as the user writes it: catalog-relative (`compute:/flavors/detail`) when the
/// cloud's catalog holds its endpoint, else its path and query; ids shortened in the middle.
fn label(app: &App, url: &str) -> String {
    let relative = app
        .cloud
        .as_ref()
        .and_then(|c| c.signed_in.as_ref())
        .and_then(|s| s.catalog.relative_form(url));
    let text = relative.unwrap_or_else(|| url_tail(url).to_owned());
    shorten_ids(&sanitize(&text))
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
