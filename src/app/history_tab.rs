//! The History tab's own work: earlier runs' exchanges arriving from the database, the quick
//! filter (`/`), opening a stored exchange (`Enter`), loading a request into the composer
//! (`e`) and sending it again (`r`).

use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::curl::visible;
use super::history::{Entry, EntryState, RequestId, StoredRow};
use super::{App, Command, Level, Pane, SidebarTab};
use crate::http::redact::{holds_redacted, is_secret_header};
use crate::http::{RequestSpec, SentRequest};
use crate::store::history::Summary;

/// What to do with a stored exchange once it has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterLoad {
    Show,
    Edit,
    Resend,
}

/// Why a row of this run has nothing to show, open, edit or send.
pub const DROPPED: &str = "Dropped from memory to keep within [history] memory_budget_bytes, and the history database does not hold it";

/// Headers the client writes by itself: loading a request back leaves them to it.
const COMPUTED: [&str; 2] = ["content-length", "host"];

impl App {
    /// Earlier runs' exchanges, oldest first (made into entries off the loop), or why the
    /// history is off this run.
    pub(super) fn on_history_loaded(&mut self, loaded: Result<Vec<Entry>, String>) {
        match loaded {
            Ok(entries) => self.history.add_earlier(entries),
            Err(problem) => {
                self.history_off = Some(problem.clone());
                self.message = Some((
                    Level::Warning,
                    format!("History is off for this run: {problem} (the file is kept as it is)"),
                ));
            }
        }
    }
}

/// Stored exchanges' entries have ids from here on (plus their database id), so they can be
/// made off the loop without taking ids from the app; this run's count up from 1.
pub const STORED_IDS: RequestId = 1 << 48;

/// The History entry of a stored exchange (made off the loop: 100 000 of them take ~15 ms).
pub fn stored_entry(summary: Summary, now: std::time::Instant) -> Entry {
    let id = STORED_IDS + u64::try_from(summary.id).unwrap_or(0);
    let mut entry = Entry::new(
        id,
        summary.method,
        summary.url,
        (now, summary.started),
        EntryState::Stored(Box::new(StoredRow {
            key: summary.id,
            status: summary.status,
            size: summary.size,
            total: summary.total,
            cloud: summary.cloud.clone(),
            loading: false,
            origin: super::history::RowOrigin::EarlierRun,
        })),
        summary.automatic,
    );
    entry.cloud = summary.cloud;
    entry
}

impl App {
    /// `/` in the History tab: the quick filter line, live as it is typed.
    pub(super) fn open_history_filter(&mut self) {
        let mut input = TextArea::default();
        input.insert_str(self.history.filter_text());
        self.history_input = Some(input);
    }

    /// Keys while the quick filter line is open: every edit narrows the list at once (it is
    /// an in-memory scan); Enter keeps the filter, up and down move the selection.
    pub(super) fn on_history_filter_key(&mut self, key: KeyEvent) -> Option<Vec<Command>> {
        if self.focus != Pane::Sidebar || self.sidebar_tab != SidebarTab::History {
            // Focus went elsewhere (ctrl-l, Tab, a click): the line closes, the filter stays.
            self.history_input = None;
            return None;
        }
        let input = self.history_input.as_mut()?;
        match key.code {
            // Esc is a global key: `cancel` closes the line and drops the filter.
            KeyCode::Enter => self.history_input = None,
            KeyCode::Up | KeyCode::Down => {
                self.history
                    .move_selection(if key.code == KeyCode::Up { -1 } else { 1 });
                self.inspector.reset();
            }
            _ => {
                input.input(key);
                let text = input.lines().concat();
                let before = self.history.selected_entry().map(|e| e.id);
                self.history.set_filter(&text);
                if self.history.selected_entry().map(|e| e.id) != before {
                    self.inspector.reset();
                }
            }
        }
        Some(Vec::new())
    }

    /// Enter in the History tab: a fold of automatic exchanges opens or closes; a stored
    /// exchange is read from the database; one already here is shown in the inspector.
    pub(super) fn open_history_entry(&mut self) -> Vec<Command> {
        if self.history.is_empty() || self.history.toggle_fold() {
            return Vec::new();
        }
        self.load_selected(AfterLoad::Show).unwrap_or_else(|| {
            self.focus_pane(Pane::Inspector);
            Vec::new()
        })
    }

    /// `e`: the selected exchange's request into the composer.
    pub(super) fn edit_history_request(&mut self) -> Vec<Command> {
        if let Some(load) = self.load_selected(AfterLoad::Edit) {
            return load;
        }
        if let Some(request) = self.selected_request() {
            let note = self
                .history
                .selected_entry()
                .and_then(|e| e.request_note.clone());
            self.load_into_composer(&request, note);
        }
        Vec::new()
    }

    /// `r`: the selected exchange's request sent again, as a new exchange.
    pub(super) fn resend_history_request(&mut self) -> Vec<Command> {
        if let Some(load) = self.load_selected(AfterLoad::Resend) {
            return load;
        }
        let note = self
            .history
            .selected_entry()
            .and_then(|e| e.request_note.clone());
        match (self.selected_request(), note) {
            (Some(_), Some(note)) => {
                self.refuse_resend(&note);
                Vec::new()
            }
            (Some(request), None) => self.resend(&request),
            (None, _) => Vec::new(),
        }
    }

    fn refuse_resend(&mut self, note: &str) {
        self.message = Some((
            Level::Error,
            format!("Not sent again: {note}; e loads it into the composer to put it right"),
        ));
    }

    /// Asks for the selected stored exchange to be read, then `then`; `None` when the
    /// selected exchange is already here (or there is none).
    fn load_selected(&mut self, then: AfterLoad) -> Option<Vec<Command>> {
        let entry = self.history.selected_entry_mut()?;
        if matches!(entry.state, EntryState::Dropped(_)) {
            self.message = Some((Level::Warning, DROPPED.to_owned()));
            return Some(Vec::new());
        }
        let EntryState::Stored(row) = &mut entry.state else {
            return None;
        };
        self.after_load = Some((entry.id, then));
        if row.loading {
            // Already asked; the answer will do what was asked last.
            return Some(Vec::new());
        }
        row.loading = true;
        Some(vec![Command::LoadStored {
            id: entry.id,
            key: row.key,
        }])
    }

    /// A stored exchange has been read (it is now an ordinary finished entry): do what the
    /// key that asked for it wanted.
    pub(super) fn after_stored_loaded(&mut self, id: RequestId) -> Vec<Command> {
        let Some((waiting, then)) = self.after_load else {
            return Vec::new();
        };
        if waiting != id {
            return Vec::new();
        }
        self.after_load = None;
        let request = self
            .history
            .get(id)
            .and_then(Entry::finished)
            .map(|f| f.exchange.request.clone());
        match (then, request) {
            (AfterLoad::Show, _) => {
                if self.history.selected_entry().is_some_and(|e| e.id == id) {
                    self.focus_pane(Pane::Inspector);
                }
                Vec::new()
            }
            (AfterLoad::Edit, Some(request)) => {
                let note = self.history.get(id).and_then(|e| e.request_note.clone());
                self.load_into_composer(&request, note);
                Vec::new()
            }
            (AfterLoad::Resend, Some(request)) => {
                match self.history.get(id).and_then(|e| e.request_note.clone()) {
                    Some(note) => {
                        self.refuse_resend(&note);
                        Vec::new()
                    }
                    None => self.resend(&request),
                }
            }
            (_, None) => Vec::new(),
        }
    }

    /// A stored exchange could not be read: back to a plain stored row, and say why.
    pub(super) fn on_stored_failed(&mut self, id: RequestId, problem: String) {
        if let Some(Entry {
            state: EntryState::Stored(row),
            ..
        }) = self.history.get_mut(id)
        {
            row.loading = false;
        }
        if self.after_load.is_some_and(|(waiting, _)| waiting == id) {
            self.after_load = None;
        }
        self.message = Some((Level::Error, problem));
    }

    fn selected_request(&self) -> Option<SentRequest> {
        self.history
            .selected_entry()
            .and_then(Entry::finished)
            .map(|f| f.exchange.request.clone())
    }

    fn load_into_composer(&mut self, request: &SentRequest, note: Option<String>) {
        // Stored text goes in as the user could have typed it: control and invisible
        // characters as `\u{…}` escapes.
        let mut shown = Vec::new();
        let headers: Vec<(String, String)> = editable_headers(request)
            .iter()
            .map(|(n, v)| (visible(n, &mut shown), visible(v, &mut shown)))
            .collect();
        let (body, binary) = match std::str::from_utf8(&request.body) {
            Ok(text) => (visible(text, &mut shown), false),
            Err(_) => (String::new(), true),
        };
        let method = visible(&request.method, &mut shown);
        let url = visible(&request.url, &mut shown);
        self.composer.load(&method, &url, &headers, &body);
        self.focus = Pane::Composer;
        self.composer.focus(super::composer::ComposerField::Url);
        if let Some(note) = note {
            self.message = Some((
                Level::Warning,
                format!("Loaded {method} {url}, but {note}: check the body before sending"),
            ));
            return;
        }
        self.message = Some(if binary {
            (
                Level::Warning,
                format!(
                    "Loaded {} {} without its body: {} bytes that are not text",
                    request.method,
                    request.url,
                    request.body.len()
                ),
            )
        } else {
            (
                Level::Info,
                format!(
                    "Loaded {} {}: edit it, then send",
                    request.method, request.url
                ),
            )
        });
    }

    fn resend(&mut self, request: &SentRequest) -> Vec<Command> {
        let url = match url::Url::parse(&request.url) {
            Ok(url) => url,
            Err(e) => {
                self.message = Some((Level::Error, format!("Not sent: the URL is invalid: {e}")));
                return Vec::new();
            }
        };
        let spec = RequestSpec {
            method: request.method.clone(),
            url,
            headers: editable_headers(request),
            body: request.body.to_vec(),
            tls: None,
        };
        let commands = self.start_request(spec);
        self.sidebar_tab = SidebarTab::History;
        commands
    }
}

impl App {
    /// Adds a request the user sent; a filter that had to go (it would hide the request)
    /// takes its line with it.
    pub(super) fn push_entry(&mut self, entry: Entry) {
        self.history.push(entry);
        if self.history.filter_text().is_empty() {
            self.history_input = None;
        }
    }
}

/// The headers a user would have typed: without those the client computes (Host,
/// Content-Length), its defaults (a fiddlestack User-Agent, `Accept: */*`, its
/// Accept-Encoding) and redacted secrets (`{SHA256}…`: the cloud's token is added afresh
/// when sent).
pub fn editable_headers(request: &SentRequest) -> Vec<(String, String)> {
    request
        .headers
        .iter()
        .filter(|(name, value)| {
            let lower = name.to_ascii_lowercase();
            !(COMPUTED.contains(&lower.as_str())
                || (lower == "user-agent" && value.starts_with("fiddlestack/"))
                || (lower == "accept" && value == "*/*")
                || (lower == "accept-encoding" && value == crate::http::client::ACCEPT_ENCODING)
                || (is_secret_header(name) && holds_redacted(value)))
        })
        .cloned()
        .collect()
}

/// `3s`, `5m`, `2h`, `4d`: how long ago, in one unit.
pub fn age(elapsed: Duration) -> String {
    let secs = elapsed.as_secs();
    match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m", secs / 60),
        3600..86_400 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86_400),
    }
}

#[cfg(test)]
#[path = "history_tab_tests.rs"]
mod tests;
