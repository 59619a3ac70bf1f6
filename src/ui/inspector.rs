//! The inspector pane: view tabs, a summary of the exchange, and the visible window of the view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{size, spinner, tab_bar, theme, view};
use crate::app::history::{Entry, EntryState, Finished, JsonBody, Pretty, RowOrigin};
use crate::app::inspector::InspectorTab;
use crate::app::layout::inspector_areas;
use crate::app::{App, Pane, seconds};
use crate::http::Response;
use crate::text::sanitize;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Inspector;
    let block = Block::bordered()
        .border_style(theme::border(focused))
        .title(Span::styled(" Inspector ", theme::title(focused)));
    frame.render_widget(block, area);
    let areas = inspector_areas(area, app.filter_rows());
    let active = InspectorTab::ALL
        .iter()
        .position(|t| *t == app.inspector.tab)
        .unwrap_or(0);
    frame.render_widget(
        Paragraph::new(tab_bar(InspectorTab::ALL.iter().map(|t| t.title()), active)),
        areas.tabs,
    );

    let Some(entry) = app.history.selected_entry() else {
        let hint = "Send a request (ctrl-j, alt-enter, F5 or Enter in the URL) to see it here.";
        frame.render_widget(
            Paragraph::new(Span::styled(hint, theme::dim())).wrap(Wrap { trim: true }),
            areas.view,
        );
        return;
    };
    match &app.inspector.search_input {
        // The search line takes the summary's row while it is typed.
        Some(input) => {
            let [slash, field] = ratatui::layout::Layout::horizontal([
                ratatui::layout::Constraint::Length(1),
                ratatui::layout::Constraint::Min(0),
            ])
            .areas(areas.summary);
            frame.render_widget(Paragraph::new(Span::styled("/", theme::key())), slash);
            frame.render_widget(input, field);
        }
        None => frame.render_widget(Paragraph::new(summary(app, entry)), areas.summary),
    }
    if let Some(filter) = &app.inspector.filter {
        super::filter::render(filter, frame, areas.filter);
    }
    match &entry.state {
        EntryState::InFlight => {}
        EntryState::Cancelled { .. } => {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "The request was cancelled; nothing was received.",
                    theme::dim(),
                )),
                areas.view,
            );
        }
        EntryState::Done(finished) => render_view(app, entry, finished, frame, areas.view),
        EntryState::Stored(row) => {
            let text = match row.origin {
                _ if row.loading => "Reading it from the history…",
                RowOrigin::EarlierRun => {
                    "From an earlier run: Enter opens it, e edits its request, r sends it again."
                }
                RowOrigin::Dropped { whole: true } => {
                    "Dropped from memory to keep within [history] memory_budget_bytes: Enter reads it back from the history, e edits its request, r sends it again."
                }
                RowOrigin::Dropped { whole: false } => {
                    "Dropped from memory to keep within [history] memory_budget_bytes, and too large to keep whole: Enter reads back what the history kept (bodies cut at [history] max_body_bytes)."
                }
            };
            frame.render_widget(
                Paragraph::new(Span::styled(text, theme::dim())).wrap(Wrap { trim: true }),
                areas.view,
            );
        }
        EntryState::Dropped(_) => {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!("{}.", crate::app::history_tab::DROPPED),
                    theme::dim(),
                ))
                .wrap(Wrap { trim: true }),
                areas.view,
            );
        }
    }
}

fn render_view(app: &App, entry: &Entry, finished: &Finished, frame: &mut Frame, area: Rect) {
    if app.inspector.show_chain
        && let Err(failure) = &finished.exchange.outcome
    {
        let mut lines = vec![Line::from(Span::styled(
            "Error chain (e or Esc hides it):",
            theme::error(),
        ))];
        lines.extend(
            failure
                .chain
                .iter()
                .enumerate()
                .map(|(i, cause)| Line::from(format!("{:>2}. {}", i + 1, sanitize(cause)))),
        );
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return;
    }
    let scroll = app.inspector.scroll();
    // With a jq filter applied, its result stands in for the body in Tree, Pretty and Table.
    let (json, pretty) = match app.filter_view(entry.id) {
        Some(view) => (&view.json, &view.pretty),
        None => (&finished.json, &finished.pretty),
    };
    let hits = app
        .inspector
        .search
        .as_ref()
        .and_then(|s| s.hits.as_deref());
    match (app.inspector.tab, pretty) {
        (InspectorTab::Tree, _) => {
            let look = super::tree::TreeLook {
                hits,
                focused: app.focus == Pane::Inspector,
                wrap_selected: app.inspector.wrap_selected,
            };
            super::tree::render(json, &look, frame, area);
        }
        (InspectorTab::Table, _) => {
            super::table::render(json, frame, area, app.focus == Pane::Inspector);
            if let (Some(cursor), JsonBody::Ready(views)) = (app.inspector.column_picker, json)
                && let Some(table) = &views.table
            {
                super::columns::render(&table.model, cursor, frame, area);
            }
        }
        (InspectorTab::Raw, _) => {
            let marks = view::Marks {
                selection: app.inspector.highlight.as_ref(),
                // A filter's hits are in its own output, not in the body Raw shows.
                hits: hits.filter(|_| !app.filter_applied()),
            };
            if app.raw_wrapped() {
                view::render_wrapped(&finished.raw, scroll.row, &marks, frame, area);
            } else {
                view::render(&finished.raw, scroll, &marks, None, frame, area);
            }
        }
        (InspectorTab::Headers, _) => {
            view::render(
                &finished.headers,
                scroll,
                &view::Marks::default(),
                None,
                frame,
                area,
            );
        }
        (InspectorTab::Pretty, Pretty::Pending) => {
            frame.render_widget(
                Paragraph::new(Span::styled("Formatting…", theme::dim())),
                area,
            );
        }
        (InspectorTab::Pretty, Pretty::Ready(doc)) => {
            let cursor = (app.inspector.pretty_cursor, app.focus == Pane::Inspector);
            let marks = view::Marks {
                selection: None,
                hits,
            };
            view::render(doc, scroll, &marks, Some(cursor), frame, area);
        }
        (InspectorTab::Pretty, Pretty::Invalid { error, text }) => {
            let [banner, rest] = ratatui::layout::Layout::vertical([
                ratatui::layout::Constraint::Length(1),
                ratatui::layout::Constraint::Min(0),
            ])
            .areas(area);
            let note = format!("Not formatted: {error}. The body is shown as received.");
            frame.render_widget(Paragraph::new(Span::styled(note, theme::warning())), banner);
            view::render(text, scroll, &view::Marks::default(), None, frame, rest);
        }
    }
}

/// ` · 12.4 MB at 3.1 MB/s` while a body arrives; nothing before its first byte.
fn received(entry: &Entry) -> String {
    let Some(transfer) = entry.transfer.filter(|t| t.bytes > 0) else {
        return String::new();
    };
    let shown = |bytes: u64| size(usize::try_from(bytes).unwrap_or(usize::MAX));
    match transfer.rate {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a rate ≥ 0, shown
        Some(rate) => format!(" · {} at {}/s", shown(transfer.bytes), shown(rate as u64)),
        None => format!(" · {}", shown(transfer.bytes)),
    }
}

/// The summary of a row without its exchange: status, time, size, cloud, request.
fn row_summary(
    entry: &Entry,
    status: Option<u16>,
    total: std::time::Duration,
    size: u64,
    cloud: Option<&str>,
) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            status.map_or_else(|| "✕ no response".to_owned(), |s| s.to_string()),
            status.map_or_else(theme::error, theme::status),
        ),
        Span::styled(
            format!(
                " · {} · {size} bytes · {} ",
                seconds(total),
                sanitize(cloud.unwrap_or(""))
            ),
            theme::dim(),
        ),
        Span::raw(format!(
            "{} {}",
            sanitize(&entry.method),
            sanitize(&entry.url)
        )),
    ])
}

/// One line about the exchange: status, time, size, type — or what is happening instead.
fn summary(app: &App, entry: &Entry) -> Line<'static> {
    match &entry.state {
        EntryState::InFlight => Line::from(vec![
            Span::styled(format!("{} ", spinner(app.spinner)), theme::warning()),
            Span::styled(
                seconds(app.now.saturating_duration_since(entry.started)),
                theme::warning(),
            ),
            Span::styled(received(entry), theme::warning()),
            Span::styled(" · Esc cancels · ", theme::dim()),
            Span::raw(format!(
                "{} {}",
                sanitize(&entry.method),
                sanitize(&entry.url)
            )),
        ]),
        EntryState::Cancelled { after } => Line::from(Span::styled(
            format!(
                "✕ cancelled after {} · {} {}",
                seconds(*after),
                sanitize(&entry.method),
                sanitize(&entry.url)
            ),
            theme::warning(),
        )),
        EntryState::Stored(row) => {
            row_summary(entry, row.status, row.total, row.size, row.cloud.as_deref())
        }
        EntryState::Dropped(row) => row_summary(
            entry,
            row.status,
            row.total,
            row.size,
            entry.cloud.as_deref(),
        ),
        EntryState::Done(finished) => match &finished.exchange.outcome {
            Ok(response) => response_summary(response, finished),
            Err(failure) => Line::from(vec![Span::styled(
                format!("✕ {}", sanitize(&failure.to_string())),
                theme::error(),
            )]),
        },
    }
}

fn response_summary(response: &Response, finished: &Finished) -> Line<'static> {
    let timings = finished.exchange.timings;
    let mut spans = vec![
        Span::styled(
            format!("{} {}", response.status, sanitize(&response.reason)),
            theme::status(response.status),
        ),
        Span::raw(format!(" · {}", seconds(timings.total))),
    ];
    if let Some(first_byte) = timings.first_byte {
        spans.push(Span::styled(
            format!(" (first byte {})", seconds(first_byte)),
            theme::dim(),
        ));
    }
    let mut body_size = size(response.body.len());
    if let Some(spilled) = &response.spilled {
        let whole = size(usize::try_from(spilled.bytes).unwrap_or(usize::MAX));
        body_size = format!("{whole} in a file ({body_size} shown)");
    } else if response.wire_body_len != response.body.len() {
        body_size = format!("{body_size} ({} on the wire)", size(response.wire_body_len));
    }
    spans.push(Span::raw(format!(" · {body_size}")));
    if let Some(content_type) = response.header("content-type") {
        spans.push(Span::raw(format!(" · {}", sanitize(&content_type))));
    }
    spans.push(Span::styled(
        format!(" · {}", sanitize(&response.version)),
        theme::dim(),
    ));
    if let Some(addr) = response.remote_addr {
        spans.push(Span::styled(format!(" · {addr}"), theme::dim()));
    }
    let request_id = [
        "x-openstack-request-id",
        "x-compute-request-id",
        "x-trans-id",
    ]
    .iter()
    .find_map(|name| response.header(name));
    if let Some(id) = request_id {
        spans.push(Span::styled(format!(" · {}", sanitize(&id)), theme::dim()));
    }
    match &response.spilled {
        Some(file) if file.complete && !response.interrupted => {
            spans.push(Span::styled(" · o pages it, W saves it", theme::warning()));
        }
        _ if response.incomplete.is_some() => {
            spans.push(Span::styled(" · incomplete", theme::warning()));
        }
        _ => {}
    }
    Line::from(spans)
}
