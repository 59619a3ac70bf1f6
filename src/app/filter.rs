//! The jq filter line: `:` or `|` opens it over the JSON body on show. Each change asks for an
//! evaluation after a short pause (the one before is cancelled), run off the loop by jaq; the
//! result replaces the Tree, Pretty and Table views — a document of its own — until Esc returns
//! to the whole body. Errors show under the line with their column.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::document::json_text_views;
use super::history::{EntryState, JsonBody, Pretty, RequestId};
use super::inspector::InspectorTab;
use super::{App, Command, Level};
use crate::json::filter::{FilterError, FilterFailure, FilterSource, evaluate};

/// The pause after a keystroke before the filter runs: typing `.servers` does not run `.s`,
/// `.se`, … on a 100 MB body.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// A filter over one exchange's body: the line, the last result and the last error.
#[derive(Debug, Clone)]
pub struct FilterState {
    /// The filter line while it is open.
    pub input: Option<TextArea<'static>>,
    /// The filter text of the latest evaluation asked for.
    pub code: String,
    /// The latest result that came back; kept while the next is typed or when it fails.
    pub shown: Option<FilterView>,
    pub error: Option<FilterError>,
    /// An evaluation is pending or running.
    pub running: bool,
    id: RequestId,
    source: Arc<FilterSource>,
    cancel: Arc<AtomicBool>,
}

impl FilterState {
    /// Stops the evaluation in progress, if any.
    fn stop(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Drop for FilterState {
    /// A filter dropped (another exchange shown, a request sent) stops its evaluation.
    fn drop(&mut self) {
        self.stop();
    }
}

/// A filter's outputs, indexed like a body: their own Tree, Pretty and Table.
#[derive(Debug, Clone)]
pub struct FilterView {
    pub code: String,
    pub count: usize,
    pub truncated: bool,
    pub pretty: Pretty,
    pub json: JsonBody,
}

/// A filter to evaluate off the loop after `delay`. Two jobs are equal when they run the same
/// filter on the same body.
#[derive(Debug, Clone)]
pub struct FilterJob {
    source: Arc<FilterSource>,
    code: String,
    cancel: Arc<AtomicBool>,
    pub delay: Duration,
    rows: usize,
}

impl PartialEq for FilterJob {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.source, &other.source) && self.code == other.code
    }
}

impl Eq for FilterJob {}

impl FilterJob {
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Whether a newer filter (or Esc) took over while this one waited.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Evaluates the filter and indexes its outputs. O(body) the first time (jaq parses it),
    /// O(output) after.
    pub fn run(&self) -> Result<FilterView, FilterFailure> {
        let output = evaluate(&self.source, &self.code, &self.cancel)?;
        let (pretty, json) = json_text_views(output.text, self.rows);
        Ok(FilterView {
            code: self.code.clone(),
            count: output.count,
            truncated: output.truncated,
            pretty,
            json,
        })
    }
}

impl App {
    /// `:` or `|`: opens the filter line (with the filter applied now, to edit it).
    pub(super) fn open_filter(&mut self) {
        if let Some(filter) = &mut self.inspector.filter {
            let mut input = TextArea::from([filter.code.clone()]);
            input.move_cursor(ratatui_textarea::CursorMove::End);
            filter.input = Some(input);
            return;
        }
        let Some(entry) = self.history.selected_entry() else {
            return;
        };
        let problem = match &entry.state {
            EntryState::Done(finished) => match (&finished.json, &finished.exchange.outcome) {
                (JsonBody::Ready(_), Ok(response)) => {
                    self.inspector.filter = Some(FilterState {
                        input: Some(TextArea::default()),
                        code: String::new(),
                        shown: None,
                        error: None,
                        running: false,
                        id: entry.id,
                        source: Arc::new(FilterSource::new(response.body.clone())),
                        cancel: Arc::new(AtomicBool::new(false)),
                    });
                    if matches!(
                        self.inspector.tab,
                        InspectorTab::Raw | InspectorTab::Headers
                    ) {
                        self.inspector.tab = InspectorTab::Tree;
                    }
                    return;
                }
                (JsonBody::Pending, _) => "the body is still being indexed",
                (JsonBody::Invalid { .. }, _) => "filters need a valid JSON body",
                _ => "filters work on JSON bodies",
            },
            _ => "filters work on a finished exchange's JSON body",
        };
        self.message = Some((Level::Warning, problem.to_owned()));
    }

    /// Keys while the filter line is open: Enter closes it keeping the result, Esc drops the
    /// filter, the rest edits it (and runs it after a pause).
    pub(super) fn on_filter_key(&mut self, key: KeyEvent) -> Option<Vec<Command>> {
        let filter = self.inspector.filter.as_mut()?;
        let input = filter.input.as_mut()?;
        match key.code {
            KeyCode::Enter => {
                let code = input.lines().concat();
                filter.input = None;
                // Typed faster than the pause: run it now.
                if code != filter.code || filter.running {
                    return Some(self.run_filter(code, Duration::ZERO));
                }
            }
            _ => {
                if input.input(key) {
                    let code = input.lines().concat();
                    return Some(self.run_filter(code, DEBOUNCE));
                }
            }
        }
        Some(Vec::new())
    }

    /// Asks for `code` to be evaluated after `delay`, cancelling the evaluation before it. An
    /// empty filter shows the whole body again.
    pub(super) fn run_filter(&mut self, code: String, delay: Duration) -> Vec<Command> {
        let rows = self.tree_page();
        let Some(filter) = &mut self.inspector.filter else {
            return Vec::new();
        };
        filter.stop();
        filter.cancel = Arc::new(AtomicBool::new(false));
        filter.error = None;
        filter.code.clone_from(&code);
        if code.trim().is_empty() {
            filter.shown = None;
            filter.running = false;
            return Vec::new();
        }
        filter.running = true;
        vec![Command::Filter {
            id: filter.id,
            job: FilterJob {
                source: Arc::clone(&filter.source),
                code,
                cancel: Arc::clone(&filter.cancel),
                delay,
                rows,
            },
        }]
    }

    /// Esc with a filter applied: back to the whole body. `false` when there was none.
    pub(super) fn clear_filter(&mut self) -> bool {
        let Some(filter) = self.inspector.filter.take() else {
            return false;
        };
        filter.stop();
        self.inspector.drop_search();
        self.inspector.reset_pretty();
        true
    }

    /// A filter's result arrives; shown if it is still the filter asked for.
    pub(super) fn on_filter_done(
        &mut self,
        id: RequestId,
        code: &str,
        result: Result<FilterView, FilterFailure>,
    ) {
        let Some(filter) = self
            .inspector
            .filter
            .as_mut()
            .filter(|f| f.id == id && f.code == code)
        else {
            self.changed = false;
            return;
        };
        match result {
            Ok(view) => {
                filter.running = false;
                let more = if view.truncated { " (truncated)" } else { "" };
                let count = view.count;
                let noun = if count == 1 { "result" } else { "results" };
                filter.shown = Some(view);
                // The search's hits and the Pretty line were of the document shown before.
                self.inspector.drop_search();
                self.inspector.reset_pretty();
                if self
                    .inspector
                    .filter
                    .as_ref()
                    .is_some_and(|f| f.input.is_none())
                {
                    self.message = Some((Level::Info, format!("{count} {noun}{more}")));
                }
            }
            Err(FilterFailure::Error(error)) => {
                filter.running = false;
                filter.error = Some(error);
            }
            // A newer filter is on its way.
            Err(FilterFailure::Cancelled) => self.changed = false,
        }
    }

    /// The JSON views on show: the filter's result while one is applied, else the body's.
    pub fn shown_json(&self) -> Option<&JsonBody> {
        let entry = self.history.selected_entry()?;
        if let Some(view) = self.filter_view(entry.id) {
            return Some(&view.json);
        }
        match &entry.state {
            EntryState::Done(finished) => Some(&finished.json),
            _ => None,
        }
    }

    pub(super) fn shown_json_mut(&mut self) -> Option<(RequestId, &mut JsonBody)> {
        let entry = self.history.selected_entry_mut()?;
        let id = entry.id;
        if let Some(view) = self
            .inspector
            .filter
            .as_mut()
            .filter(|f| f.id == id)
            .and_then(|f| f.shown.as_mut())
        {
            return Some((id, &mut view.json));
        }
        match &mut entry.state {
            EntryState::Done(finished) => Some((id, &mut finished.json)),
            _ => None,
        }
    }

    /// Whether a filter's result stands in for the body on show.
    pub fn filter_applied(&self) -> bool {
        self.history
            .selected_entry()
            .is_some_and(|e| self.filter_view(e.id).is_some())
    }

    /// Rows the filter takes above the view: its line, and its error under it.
    pub fn filter_rows(&self) -> u16 {
        match &self.inspector.filter {
            None => 0,
            Some(filter) if filter.error.is_some() => 2,
            Some(_) => 1,
        }
    }

    /// The filter's result for exchange `id`, while one is applied.
    pub fn filter_view(&self, id: RequestId) -> Option<&FilterView> {
        self.inspector
            .filter
            .as_ref()
            .filter(|f| f.id == id)
            .and_then(|f| f.shown.as_ref())
    }
}
