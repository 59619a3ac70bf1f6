//! Search in the inspector: `/` opens a line, Enter searches the JSON body off the loop (the
//! previous search is cancelled), `n`/`N` go to the next and previous hit — shown in the Tree,
//! its folds opened — with a count in the status line.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::history::RequestId;
use super::inspector::{InspectorTab, SearchState};
use super::{App, Command, Level};
use crate::json::index::JsonIndex;
use crate::json::search::{SearchHits, SearchQuery, search};

/// A search to run off the loop. Two jobs are equal when they search the same document for
/// the same text.
#[derive(Debug, Clone)]
pub struct SearchJob {
    index: Arc<JsonIndex>,
    query: SearchQuery,
    cancel: Arc<AtomicBool>,
}

impl PartialEq for SearchJob {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.index, &other.index) && self.query.text() == other.query.text()
    }
}

impl Eq for SearchJob {}

impl SearchJob {
    /// The hits, or `None` when a newer search cancelled this one.
    pub fn run(&self) -> Option<SearchHits> {
        search(&self.index, &self.query, &self.cancel).ok()
    }

    pub fn text(&self) -> &str {
        self.query.text()
    }
}

impl App {
    /// Keys while the search line is open: Enter searches, Esc closes, the rest is typed.
    pub(super) fn on_search_key(&mut self, key: KeyEvent) -> Option<Vec<Command>> {
        let input = self.inspector.search_input.as_mut()?;
        match key.code {
            KeyCode::Esc => self.inspector.search_input = None,
            KeyCode::Enter => {
                let text = input.lines().concat();
                self.inspector.search_input = None;
                return Some(self.start_search(text));
            }
            _ => {
                input.input(key);
            }
        }
        Some(Vec::new())
    }

    fn start_search(&mut self, text: String) -> Vec<Command> {
        if let Some(previous) = self.inspector.search.take() {
            previous.cancel.store(true, Ordering::Relaxed);
        }
        let query = match SearchQuery::parse(&text) {
            Ok(query) => query,
            Err(e) => {
                self.message = Some((Level::Error, format!("search: {e}")));
                return Vec::new();
            }
        };
        let Some(tree) = self.tree() else {
            self.message = Some((Level::Warning, "search works on JSON bodies".into()));
            return Vec::new();
        };
        let index = Arc::clone(tree.index_arc());
        let Some(id) = self.history.selected_entry().map(|e| e.id) else {
            return Vec::new();
        };
        let cancel = Arc::new(AtomicBool::new(false));
        self.inspector.search = Some(SearchState {
            text,
            hits: None,
            cancel: Arc::clone(&cancel),
        });
        self.message = Some((Level::Info, "searching…".into()));
        vec![Command::Search {
            id,
            job: SearchJob {
                index,
                query,
                cancel,
            },
        }]
    }

    pub(super) fn on_search_done(&mut self, id: RequestId, text: &str, hits: Option<SearchHits>) {
        let current = self.history.selected_entry().is_some_and(|e| e.id == id);
        let Some(search) = self
            .inspector
            .search
            .as_mut()
            .filter(|s| current && s.text == text)
        else {
            return;
        };
        let Some(hits) = hits else { return };
        let count = hits.nodes().len();
        let more = if hits.is_truncated() { "+" } else { "" };
        search.hits = Some(Arc::new(hits));
        if count == 0 {
            self.message = Some((Level::Warning, format!("no match for /{text}/")));
        } else {
            self.message = Some((Level::Info, format!("{count}{more} values match /{text}/")));
            self.search_step(true);
        }
    }

    /// `n`/`N`: the next or previous value with a hit, after or before the selected one,
    /// wrapping. Pretty moves its selected line there; Raw scrolls to the match; the Tree (and
    /// any other tab, which switches to it) selects the value, its folds opened.
    pub(super) fn search_step(&mut self, forward: bool) {
        let Some(hits) = self.inspector.search.as_ref().and_then(|s| s.hits.clone()) else {
            self.message = Some((Level::Warning, "no search yet: / searches".into()));
            return;
        };
        let tab = self.inspector.tab;
        let pretty_at = self.pretty_node();
        let height = self.tree_page();
        let Some(tree) = self.tree_mut() else { return };
        let at = match (tab, pretty_at) {
            (InspectorTab::Pretty, Some(node)) => node,
            _ => tree.cursor().unwrap_or(0),
        };
        let target = if forward {
            hits.next_after(at)
        } else {
            hits.prev_before(at)
        };
        let Some(node) = target else { return };
        tree.set_height(height);
        tree.reveal(node);
        let first_match = hits
            .in_range(tree.index().span(node).start, tree.index().span(node).end)
            .iter()
            .find(|hit| hit.node == node)
            .map(|hit| hit.start);
        match tab {
            InspectorTab::Pretty if pretty_at.is_some() => self.select_pretty_node(node),
            InspectorTab::Raw if !self.filter_applied() => {
                if let Some(offset) = first_match {
                    self.scroll_raw_to(offset);
                }
            }
            _ => self.inspector.tab = InspectorTab::Tree,
        }
        let ordinal = hits.node_ordinal(node).map_or(0, |o| o + 1);
        self.message = Some((
            Level::Info,
            format!("match {ordinal}/{}", hits.nodes().len()),
        ));
    }
}
