//! jq filters over a response body, evaluated by jaq (a real jq implementation). The body is
//! parsed into jaq's values once per exchange and kept for the filters typed after it; each
//! filter's outputs come back as JSON Lines, which the views index like any other body. In
//! the binary, filters run in a child process (`worker`), so one that recurses without end
//! takes down only that child. No ratatui here.

mod error;
pub mod worker;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use bytes::Bytes;
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

pub use error::FilterError;

/// Outputs past this many are dropped (`range(1e9)` must not eat the machine).
pub const MAX_OUTPUTS: usize = 100_000;
/// Output text past this size is dropped.
pub const MAX_OUTPUT_BYTES: usize = 256 << 20;
/// Stack for the threads that parse, filter and free jaq's values: they recurse once per
/// nesting level (a 100 000-deep body needs some 100 MB). Only the pages used are committed.
pub const STACK_BYTES: usize = 512 << 20;

/// A body a filter runs on: its bytes and, once the first filter needed them, its values
/// (here, or in the worker child that holds them).
#[derive(Default)]
pub struct FilterSource {
    body: Bytes,
    values: OnceLock<Result<Vec<Val>, String>>,
    /// Filters run in a child process when the binary said so (`worker::use_worker`).
    in_worker: bool,
    worker: Mutex<Option<worker::Worker>>,
}

impl std::fmt::Debug for FilterSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilterSource")
            .field("body", &self.body.len())
            .field("in_worker", &self.in_worker)
            .finish_non_exhaustive()
    }
}

impl FilterSource {
    /// A source whose filters run in a worker child if the binary set one up.
    pub fn new(body: Bytes) -> Self {
        Self {
            body,
            values: OnceLock::new(),
            in_worker: worker::worker_exe().is_some(),
            worker: Mutex::new(None),
        }
    }

    /// A source whose filters run in this process (the worker child's own).
    pub fn in_process(body: Bytes) -> Self {
        Self {
            body,
            values: OnceLock::new(),
            in_worker: false,
            worker: Mutex::new(None),
        }
    }

    /// The body's values: one for a JSON document, one per line for JSON Lines. Parsed on
    /// first use (O(body)); later filters reuse them.
    fn values(&self) -> Result<&[Val], FilterError> {
        let parsed = self.values.get_or_init(|| {
            jaq_json::read::parse_many(&self.body)
                .collect::<Result<Vec<Val>, _>>()
                .map_err(|e| format!("the body is not JSON jq can read ({e})"))
        });
        match parsed {
            Ok(values) => Ok(values),
            Err(message) => Err(FilterError::new(message.clone())),
        }
    }

    /// Whether the body has been parsed already (the next filter starts at once).
    pub fn is_parsed(&self) -> bool {
        self.values.get().is_some() || self.worker.lock().is_ok_and(|w| w.is_some())
    }
}

impl Drop for FilterSource {
    /// Freeing the values recurses as deep as they nest: never on the UI thread's stack, and
    /// never costing the loop the time a 100 MB body's values take to free.
    fn drop(&mut self) {
        if let Some(worker) = self.worker.get_mut().ok().and_then(Option::take) {
            worker.stop();
        }
        let Some(Ok(values)) = self.values.take() else {
            return;
        };
        let freed = std::thread::Builder::new()
            .name("jq-free".into())
            .stack_size(STACK_BYTES)
            .spawn(move || drop(values));
        if let Err(error) = freed {
            tracing::warn!("could not start a thread to free a filter's values: {error}");
        }
    }
}

/// What a filter gave: its outputs as JSON Lines (one compact value a line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterOutput {
    pub text: Bytes,
    pub count: usize,
    /// More outputs came than [`MAX_OUTPUTS`] or [`MAX_OUTPUT_BYTES`] allow; the rest was dropped.
    pub truncated: bool,
}

/// Why an evaluation gave nothing: an error to show, or a newer filter took over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterFailure {
    Error(FilterError),
    Cancelled,
}

impl From<FilterError> for FilterFailure {
    fn from(error: FilterError) -> Self {
        FilterFailure::Error(error)
    }
}

/// Compiles `code` and runs it on every value of `source`, stopping when `cancel` is set:
/// in the source's worker child when it has one (started, or started again after a crash or
/// a cancel, as needed), else here, between outputs.
pub fn evaluate(
    source: &FilterSource,
    code: &str,
    cancel: &AtomicBool,
) -> Result<FilterOutput, FilterFailure> {
    match worker::worker_exe().filter(|_| source.in_worker) {
        Some(exe) => evaluate_in_worker(source, exe, code, cancel),
        None => evaluate_here(source, code, cancel),
    }
}

fn evaluate_in_worker(
    source: &FilterSource,
    exe: &std::path::Path,
    code: &str,
    cancel: &AtomicBool,
) -> Result<FilterOutput, FilterFailure> {
    let mut slot = source
        .worker
        .lock()
        .map_err(|_| FilterError::new("the jq worker is unusable after an earlier failure"))?;
    if cancel.load(Ordering::Relaxed) {
        return Err(FilterFailure::Cancelled);
    }
    let mut running = match slot.take() {
        Some(running) => running,
        None => worker::Worker::start(exe, &source.body)
            .map_err(|e| FilterError::new(format!("jq could not start: {e}")))?,
    };
    let Ok(result) = running.run(code, cancel) else {
        running.stop();
        return Err(FilterFailure::Error(FilterError::new(
            "jq stopped on this filter: it recursed without end or ran out of memory",
        )));
    };
    // A cancelled run killed the child; anything else leaves it ready for the next.
    if matches!(result, Err(FilterFailure::Cancelled)) {
        running.stop();
    } else {
        *slot = Some(running);
    }
    result
}

/// [`evaluate`] in this process.
pub(crate) fn evaluate_here(
    source: &FilterSource,
    code: &str,
    cancel: &AtomicBool,
) -> Result<FilterOutput, FilterFailure> {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs())
        .chain(formats());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let modules = loader
        .load(&arena, File { code, path: () })
        .map_err(|errors| error::load(code, errors))?;
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errors| error::compile(code, errors))?;
    if cancel.load(Ordering::Relaxed) {
        return Err(FilterFailure::Cancelled);
    }
    let values = source.values()?;
    let mut text = Vec::new();
    let mut count = 0;
    for value in values {
        let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
        for output in filter.id.run((ctx, value.clone())).map(unwrap_valr) {
            if cancel.load(Ordering::Relaxed) {
                return Err(FilterFailure::Cancelled);
            }
            let output = output.map_err(|e| FilterError::new(format!("jq: {e}")))?;
            if count == MAX_OUTPUTS || text.len() >= MAX_OUTPUT_BYTES {
                return Ok(FilterOutput {
                    text: Bytes::from(text),
                    count,
                    truncated: true,
                });
            }
            write_line(&mut text, &output);
            count += 1;
        }
    }
    Ok(FilterOutput {
        text: Bytes::from(text),
        count,
        truncated: false,
    })
}

/// `@csv` and `@tsv`, which jaq's library leaves to its command-line program.
fn formats() -> impl Iterator<Item = jaq_core::load::parse::Def<&'static str>> {
    jaq_core::load::parse(include_str!("defs.jq"), |p| p.defs())
        .unwrap_or_default()
        .into_iter()
}

/// One output as a compact JSON line. jaq writes NaN and infinities as bare words (not JSON);
/// they become `null`, as jq prints them.
fn write_line(text: &mut Vec<u8>, value: &Val) {
    let start = text.len();
    let pp = jaq_json::write::Pp::default();
    if jaq_json::write::write(text, &pp, 0, value).is_err() {
        text.truncate(start);
        text.extend_from_slice(b"null");
    }
    if crate::json::validate(&text[start..]).is_err() {
        text.truncate(start);
        text.extend_from_slice(b"null");
    }
    text.push(b'\n');
}

#[cfg(test)]
mod tests;
