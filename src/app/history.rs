//! Every exchange of this run, newest first, each with its state: in flight, done, cancelled.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::document::Document;
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
    /// Selected column, as a position among the visible columns.
    pub column: usize,
    /// First scrolling (unpinned) column on screen.
    pub first_column: usize,
}

impl TableView {
    pub fn new(model: TableModel) -> Self {
        Self {
            model,
            row: 0,
            first_row: 0,
            column: 0,
            first_column: 0,
        }
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
    Cancelled { after: Duration },
}

/// One row of the history.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: RequestId,
    pub method: String,
    pub url: String,
    pub started: Instant,
    pub state: EntryState,
    /// Made by the app itself (a Keystone sign-in, a 401 that was retried), not by the user.
    pub automatic: bool,
}

impl Entry {
    pub fn is_in_flight(&self) -> bool {
        matches!(self.state, EntryState::InFlight)
    }

    pub fn finished(&self) -> Option<&Finished> {
        match &self.state {
            EntryState::Done(finished) => Some(finished),
            _ => None,
        }
    }
}

/// The history list and its selection.
#[derive(Debug, Default)]
pub struct History {
    /// Oldest first; shown reversed.
    entries: Vec<Entry>,
    /// Index into the newest-first order.
    pub selected: usize,
}

impl History {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().rev()
    }

    /// The `i`-th entry, newest first.
    pub fn nth(&self, i: usize) -> Option<&Entry> {
        self.entries
            .len()
            .checked_sub(i + 1)
            .and_then(|at| self.entries.get(at))
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.nth(self.selected)
    }

    pub fn selected_entry_mut(&mut self) -> Option<&mut Entry> {
        let at = self.entries.len().checked_sub(self.selected + 1)?;
        self.entries.get_mut(at)
    }

    /// Adds an entry and selects it.
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
        self.selected = 0;
    }

    /// Adds an entry without moving the selection off the entry it is on.
    pub fn push_quietly(&mut self, entry: Entry) {
        let had_any = !self.entries.is_empty();
        self.entries.push(entry);
        if had_any {
            self.selected += 1;
        }
    }

    pub fn get_mut(&mut self, id: RequestId) -> Option<&mut Entry> {
        self.entries.iter_mut().rev().find(|e| e.id == id)
    }

    /// The request to cancel on Esc: the selected one if it is in flight, else the newest in flight.
    pub fn cancellable(&self) -> Option<RequestId> {
        self.selected_entry()
            .filter(|e| e.is_in_flight())
            .or_else(|| self.newest_first().find(|e| e.is_in_flight()))
            .map(|e| e.id)
    }

    pub fn any_in_flight(&self) -> bool {
        self.entries.iter().any(Entry::is_in_flight)
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_selection(&mut self, delta: isize) {
        let last = self.entries.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// The first row shown in a list `height` rows tall: the selection stays in view. Drawing
    /// and mouse clicks both use it, so a click lands on the row drawn under it.
    pub fn first_visible(&self, height: usize) -> usize {
        self.selected.saturating_sub(height.saturating_sub(1))
    }

    pub fn select(&mut self, i: usize) {
        self.selected = i.min(self.entries.len().saturating_sub(1));
    }
}
