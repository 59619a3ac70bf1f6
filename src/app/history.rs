//! Every exchange, newest first: this run's, each with its state (in flight, done,
//! cancelled), then earlier runs' from the history database, opened on demand. A quick filter
//! narrows the list; the selection moves among the rows it keeps. What the finished ones hold
//! in memory is kept within a budget: past it the oldest drop their exchange and views, their
//! rows staying (read back from the database where it holds them).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use super::document::Document;
use super::history_filter::{Fields, HistoryFilter};
use crate::http::Exchange;
use crate::json::JsonError;
use crate::json::index::JsonIndex;
use crate::json::table::TableModel;
use crate::json::tree::TreeState;

/// Identifies one request for its whole life; late answers to cancelled ids are dropped.
pub type RequestId = u64;

/// The Pretty view of a finished exchange.
#[derive(Debug, Clone)]
pub enum Pretty {
    /// Being built off the loop.
    Pending,
    Ready(Document),
    /// The body claims or looks like JSON but is not; the text is shown as it is.
    Invalid {
        error: JsonError,
        text: Document,
    },
}

/// The Tree and the Table of one JSON body.
#[derive(Debug, Clone)]
pub struct JsonViews {
    pub tree: TreeState,
    /// The table of the first array of objects (or the one chosen with `t`), if there is one.
    pub table: Option<TableView>,
}

/// The Table view: the model and where the user is in it.
#[derive(Debug, Clone)]
pub struct TableView {
    pub model: TableModel,
    /// Selected row, as a display position (after sorting).
    pub row: usize,
    /// First row on screen.
    pub first_row: usize,
    /// Selected column, by id (`None`: the first shown), so a width that shows the columns in
    /// another order keeps the same one selected.
    column: Option<usize>,
    /// First scrolling (unpinned) column on screen.
    pub first_column: usize,
}

impl TableView {
    pub fn new(model: TableModel) -> Self {
        Self {
            model,
            row: 0,
            first_row: 0,
            column: None,
            first_column: 0,
        }
    }

    /// The selected column's position in `shown` (the columns in the order drawn); the first
    /// when it is not among them.
    pub fn column_at(&self, shown: &[usize]) -> usize {
        self.column
            .and_then(|id| shown.iter().position(|&c| c == id))
            .unwrap_or(0)
    }

    /// The selected column's id, if any is shown.
    pub fn selected_column(&self, shown: &[usize]) -> Option<usize> {
        shown.get(self.column_at(shown)).copied()
    }

    /// Whether the selected column is among `shown` (not hidden since it was selected).
    pub fn column_shown(&self, shown: &[usize]) -> bool {
        self.column.is_some_and(|id| shown.contains(&id))
    }

    /// Selects the column at position `at` of `shown` (clamped).
    pub fn select_column(&mut self, shown: &[usize], at: usize) {
        self.column = shown.get(at.min(shown.len().saturating_sub(1))).copied();
    }
}

/// The response body as an indexed JSON document, for the Tree and Table views.
#[derive(Debug, Clone)]
pub enum JsonBody {
    /// Being indexed off the loop.
    Pending,
    /// Not JSON (or no response): Tree and Table have nothing to show.
    NotJson,
    /// Indexed, with the Tree and Table views' states built off the loop too.
    Ready(Box<JsonViews>),
    /// Invalid JSON: where parsing stopped, and what was valid before it (if anything).
    Invalid {
        message: String,
        partial: Option<Arc<JsonIndex>>,
    },
}

/// A finished exchange and its views.
#[derive(Debug, Clone)]
pub struct Finished {
    pub exchange: Arc<Exchange>,
    pub raw: Document,
    pub pretty: Pretty,
    pub headers: Document,
    pub json: JsonBody,
}

/// Where a request stands.
#[derive(Debug, Clone)]
pub enum EntryState {
    InFlight,
    Done(Box<Finished>),
    Cancelled {
        after: Duration,
    },
    /// In the history database: the list row only, until it is opened.
    Stored(Box<StoredRow>),
    /// This run's, dropped from memory (the memory budget), and not in the database.
    Dropped(Box<DroppedRow>),
}

/// Where a row without its exchange came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowOrigin {
    /// An earlier run's, listed from the database.
    #[default]
    EarlierRun,
    /// This run's, dropped from memory to keep within the budget; `whole` when the database
    /// holds it as it came (else its bodies cut at `[history] max_body_bytes`).
    Dropped { whole: bool },
}

/// What the list shows of an exchange dropped from memory that the database does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedRow {
    /// `None` when no response came.
    pub status: Option<u16>,
    pub size: u64,
    pub total: Duration,
}

/// Where the history database keeps an exchange of this run (or one read back from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub key: i64,
    pub origin: RowOrigin,
}

/// What the list shows of an exchange kept in the history database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRow {
    /// Its id in the database.
    pub key: i64,
    /// `None` when no response came.
    pub status: Option<u16>,
    pub size: u64,
    pub total: Duration,
    pub cloud: Option<String>,
    /// Being read from the database.
    pub loading: bool,
    pub origin: RowOrigin,
}

/// One row of the history.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: RequestId,
    pub method: String,
    pub url: String,
    pub started: Instant,
    /// When it started, by the wall clock (the list's age column).
    pub wall: SystemTime,
    pub state: EntryState,
    /// Made by the app itself (a Keystone sign-in, a 401 that was retried), not by the user.
    pub automatic: bool,
    /// The cloud it was sent to, when there was one.
    pub cloud: Option<String>,
    /// Why the request body kept for it is not the one sent (cut, or secrets masked): such a
    /// request is not sent again as it is.
    pub request_note: Option<String>,
    /// The response body arriving, while the request is in flight.
    pub transfer: Option<super::transfer::Transfer>,
    /// The URL in ASCII lower case, made once for the filter.
    url_lower: Box<str>,
}

impl Entry {
    pub fn new(
        id: RequestId,
        method: String,
        url: String,
        started: (Instant, SystemTime),
        state: EntryState,
        automatic: bool,
    ) -> Self {
        let url_lower = url.to_ascii_lowercase().into_boxed_str();
        Self {
            id,
            method,
            url,
            started: started.0,
            wall: started.1,
            state,
            automatic,
            cloud: None,
            request_note: None,
            transfer: None,
            url_lower,
        }
    }

    pub fn is_in_flight(&self) -> bool {
        matches!(self.state, EntryState::InFlight)
    }

    /// In flight, or being read from the database: an answer is awaited.
    pub fn is_awaited(&self) -> bool {
        matches!(&self.state, EntryState::InFlight)
            || matches!(&self.state, EntryState::Stored(row) if row.loading)
    }

    /// The status, when a response came.
    pub fn status(&self) -> Option<u16> {
        match &self.state {
            EntryState::Done(finished) => finished.exchange.outcome.as_ref().ok().map(|r| r.status),
            EntryState::Stored(row) => row.status,
            EntryState::Dropped(row) => row.status,
            EntryState::InFlight | EntryState::Cancelled { .. } => None,
        }
    }

    /// The response body's size, when there is one.
    pub fn size(&self) -> Option<u64> {
        match &self.state {
            EntryState::Done(finished) => finished
                .exchange
                .outcome
                .as_ref()
                .ok()
                .map(|r| r.body.len() as u64),
            EntryState::Stored(row) => row.status.map(|_| row.size),
            EntryState::Dropped(row) => row.status.map(|_| row.size),
            EntryState::InFlight | EntryState::Cancelled { .. } => None,
        }
    }

    fn fields(&self) -> Fields<'_> {
        Fields {
            method: &self.method,
            url_lower: &self.url_lower,
            status: self.status(),
            cloud: self.cloud.as_deref(),
            automatic: self.automatic,
        }
    }

    /// Whether the filter keeps it. A request in flight has no status yet: status words do
    /// not hide it. A cancelled one has none at all: they do.
    fn kept_by(&self, filter: &HistoryFilter) -> bool {
        filter.is_empty()
            || if self.is_in_flight() {
                filter.matches_in_flight(&self.fields())
            } else {
                filter.matches(&self.fields())
            }
    }

    pub fn finished(&self) -> Option<&Finished> {
        match &self.state {
            EntryState::Done(finished) => Some(finished),
            _ => None,
        }
    }
}

/// The history list, its filter and its selection.
#[derive(Debug, Default)]
pub struct History {
    /// Oldest first (earlier runs' entries before this run's); shown reversed.
    entries: Vec<Entry>,
    /// The rows shown, oldest first: the entries the filter keeps, runs of automatic ones
    /// folded while no filter is set (`history_rows`).
    rows: Vec<rows::Row>,
    /// Folds opened with Enter.
    open_folds: rows::OpenFolds,
    filter: HistoryFilter,
    /// How many of `entries` come from earlier runs (they are first).
    earlier: usize,
    /// Index into the shown (newest first, filtered) rows.
    pub selected: usize,
    /// Where the database keeps this run's exchanges (as it reports them written) and those
    /// read back from it: a dropped one becomes a row that can be read back.
    in_database: HashMap<RequestId, Kept>,
}

impl History {
    /// Rows shown (those the filter keeps; a fold is one row).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every entry, kept by the filter or not.
    pub fn total(&self) -> usize {
        self.entries.len()
    }

    /// Every entry, newest first, shown or not (folded, or hidden by the filter).
    pub fn entries_newest_first(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.iter().rev()
    }

    /// The position in `entries` of the `i`-th shown row (a fold's newest entry).
    fn position(&self, i: usize) -> Option<usize> {
        let from_oldest = self.len().checked_sub(i + 1)?;
        self.rows.get(from_oldest).map(|&row| Self::row_entry(row))
    }

    /// The `i`-th shown row's entry (a fold's newest), newest first.
    pub fn nth(&self, i: usize) -> Option<&Entry> {
        self.position(i).and_then(|at| self.entries.get(at))
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.nth(self.selected)
    }

    pub fn selected_entry_mut(&mut self) -> Option<&mut Entry> {
        let at = self.position(self.selected)?;
        self.entries.get_mut(at)
    }

    /// Adds an entry and selects it (a filter that would hide it is cleared: the user just
    /// sent it and wants to see it).
    pub fn push(&mut self, entry: Entry) {
        if !entry.kept_by(&self.filter) {
            self.set_filter("");
        }
        let at = self.entries.len();
        self.entries.push(entry);
        self.add_row(at);
        self.selected = 0;
    }

    /// Adds an entry without moving the selection off the entry it is on.
    pub fn push_quietly(&mut self, entry: Entry) {
        let had_any = !self.is_empty();
        let at = self.entries.len();
        self.entries.push(entry);
        // A row above the selection moves it down one; an entry that joined a fold adds none.
        if self.add_row(at) && had_any {
            self.selected += 1;
        }
    }

    /// Puts earlier runs' entries (oldest first) below this run's. The selected row stays
    /// selected. Only this run's few entries move: 100 000 earlier ones cost no copy.
    pub fn add_earlier(&mut self, oldest_first: Vec<Entry>) {
        let selected = self.position(self.selected);
        let added = oldest_first.len();
        let mut entries = oldest_first;
        entries.append(&mut self.entries);
        self.entries = entries;
        self.earlier += added;
        let filter = std::mem::take(&mut self.filter);
        self.apply_filter(filter);
        if let Some(at) = selected {
            self.select_position(at + added);
        }
    }

    /// The quick filter's text.
    pub fn filter_text(&self) -> &str {
        self.filter.text()
    }

    /// Narrows the rows to those `text` keeps; the selection stays on its entry if it is
    /// still shown, else goes to the newest row.
    pub fn set_filter(&mut self, text: &str) {
        if text == self.filter.text() {
            return;
        }
        let selected = self.position(self.selected);
        self.apply_filter(HistoryFilter::parse(text));
        self.selected = 0;
        if let Some(at) = selected {
            self.select_position(at);
        }
    }

    fn apply_filter(&mut self, filter: HistoryFilter) {
        self.filter = filter;
        self.rebuild_rows();
    }

    /// Selects the row of `entries[at]` (its own, or its fold's), if it is shown.
    fn select_position(&mut self, at: usize) {
        if let Some(row) = self.row_of(at) {
            self.selected = row;
        }
    }

    pub fn get(&self, id: RequestId) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.id == id)
    }

    pub fn get_mut(&mut self, id: RequestId) -> Option<&mut Entry> {
        self.entries.iter_mut().rev().find(|e| e.id == id)
    }

    /// The request to cancel on Esc: the selected one if it is in flight, else the newest in
    /// flight (shown or not: Esc must reach a request the filter hides).
    pub fn cancellable(&self) -> Option<RequestId> {
        self.selected_entry()
            .filter(|e| e.is_in_flight())
            .or_else(|| self.this_run().iter().rev().find(|e| e.is_in_flight()))
            .map(|e| e.id)
    }

    pub fn any_in_flight(&self) -> bool {
        self.this_run().iter().any(Entry::is_in_flight)
    }

    /// This run's entries: only they can be in flight (there may be 100 000 earlier ones).
    fn this_run(&self) -> &[Entry] {
        &self.entries[self.earlier.min(self.entries.len())..]
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_selection(&mut self, delta: isize) {
        let last = self.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// The first row shown in a list `height` rows tall: the selection stays in view. Drawing
    /// and mouse clicks both use it, so a click lands on the row drawn under it.
    pub fn first_visible(&self, height: usize) -> usize {
        self.selected.saturating_sub(height.saturating_sub(1))
    }

    pub fn select(&mut self, i: usize) {
        self.selected = i.min(self.len().saturating_sub(1));
    }
}

#[path = "history_budget.rs"]
mod budget;

#[path = "history_rows.rs"]
mod rows;

pub use rows::Shown;

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
