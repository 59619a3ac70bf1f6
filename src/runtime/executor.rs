//! Carrying out commands: each request runs on its own task and reports back on the channel;
//! cancelling aborts the task, and the app drops any answer that still arrives.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use futures_util::FutureExt;

use crate::app::document::{Document, LineKind};
use crate::app::history::{JsonBody, Pretty, RequestId};
use crate::app::save::NotSaved;
use crate::app::{Command, Msg, Work, document};
use crate::http::error::Failure;
use crate::http::{
    Exchange, HttpClient, HttpError, Progress, RequestSpec, SentRequest, Timings, redact,
};
use crate::json::filter::{FilterError, FilterFailure};
use crate::store::export::BodySource;
use crate::store::history::Recorder;

/// Sends the request and builds its Raw and Headers views off the loop. Whatever happens, a
/// message comes back: a panic anywhere in here becomes a failed exchange, never a request
/// left spinning for ever. Once the history database has written it, `Recorded` says where.
async fn send_and_prepare(
    http: &HttpClient,
    id: RequestId,
    spec: RequestSpec,
    secrets: &[String],
    recorder: Option<&Recorder>,
    tx: &UnboundedSender<Msg>,
) -> Msg {
    let written = |tx: UnboundedSender<Msg>| {
        move |key, whole| {
            let _ = tx.send(Msg::Recorded { id, key, whole });
        }
    };
    let fallback = http.as_sent(&spec);
    let started_at = SystemTime::now();
    let started = Instant::now();
    // The token stays in the exchange only for a history the user asked to keep it in.
    let in_clear = recorder.filter(|r| r.wants_secrets());
    let send = async {
        if in_clear.is_some() {
            http.send_with_secrets(spec).await
        } else {
            http.send(spec).await
        }
    };
    let mut exchange = match AssertUnwindSafe(send).catch_unwind().await {
        Ok(exchange) => exchange,
        Err(panic) => crashed(fallback, started_at, started, &panic_text(&*panic)),
    };
    // Bodies are `Bytes`: these clones share them.
    if let Some(recorder) = in_clear {
        recorder.record_then(Arc::new(exchange.clone()), false, written(tx.clone()));
        http.redact(&mut exchange);
    }
    // Secret variables' values in its URLs, as the History's row shows them.
    redact::scrub_url_parts(&mut exchange, secrets);
    let exchange = Arc::new(exchange);
    if let Some(recorder) = recorder.filter(|r| !r.wants_secrets()) {
        recorder.record_then(Arc::clone(&exchange), false, written(tx.clone()));
    }
    let (raw, headers) = views_off_loop(&exchange).await;
    Msg::ExchangeDone {
        id,
        exchange,
        raw,
        headers,
    }
}

fn crashed(
    request: SentRequest,
    started_at: SystemTime,
    started: Instant,
    cause: &str,
) -> Exchange {
    tracing::error!("a request task panicked: {cause}");
    let failure = Failure {
        error: HttpError::Other(format!("an internal error stopped this request ({cause})")),
        chain: vec![cause.to_owned()],
    };
    Exchange {
        request,
        outcome: Err(failure),
        timings: Timings {
            started_at,
            first_byte: None,
            total: started.elapsed(),
            phases: None,
        },
    }
}

/// The message a panic carried.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// The Raw and Headers views of `exchange`, built on the blocking pool (indexing a body is
/// O(body)); a note in their place if building them panicked.
pub async fn views_off_loop(exchange: &Arc<Exchange>) -> (Document, Document) {
    let for_views = Arc::clone(exchange);
    tokio::task::spawn_blocking(move || {
        (
            document::raw(&for_views),
            document::headers_table(&for_views),
        )
    })
    .await
    .unwrap_or_else(|join| {
        let note = Document::from_lines(vec![(
            LineKind::Note,
            format!("── could not show this exchange: {join}"),
        )]);
        (note.clone(), note)
    })
}

/// Runs `work` on the blocking pool and sends its message; a panic in it sends `failed`
/// with what the panic said instead, so nothing waits for ever on work that stopped.
pub fn off_loop(
    tx: &UnboundedSender<Msg>,
    work: impl FnOnce() -> Msg + Send + 'static,
    failed: impl FnOnce(String) -> Msg + Send + 'static,
) {
    let tx = tx.clone();
    tokio::task::spawn_blocking(move || {
        let msg = std::panic::catch_unwind(AssertUnwindSafe(work))
            .unwrap_or_else(|panic| failed(panic_text(&*panic)));
        // The loop may have quit; nothing to tell then.
        let _ = tx.send(msg);
    });
}

/// Writes `body` to `path` (never over a file unless `overwrite`) and says how it went: the
/// `BodySaved` message, as the runtime sends it.
pub fn save_body(path: PathBuf, body: &BodySource, overwrite: bool) -> Msg {
    let result = match crate::store::export::write_body(&path, body, overwrite) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !overwrite => {
            Err(NotSaved::Exists(body.clone()))
        }
        Err(e) => Err(NotSaved::Failed(e.to_string())),
    };
    Msg::BodySaved { path, result }
}

/// Runs commands on spawned tasks.
pub struct Executor {
    http: HttpClient,
    tx: UnboundedSender<Msg>,
    running: HashMap<RequestId, AbortHandle>,
    /// The body bytes each request in flight has received.
    transfers: HashMap<RequestId, Progress>,
    /// The history database's writer, when there is one.
    recorder: Option<Recorder>,
}

impl Executor {
    pub fn new(http: HttpClient, tx: UnboundedSender<Msg>) -> Self {
        Self {
            http,
            tx,
            running: HashMap::new(),
            transfers: HashMap::new(),
            recorder: None,
        }
    }

    /// Every exchange sent from now on is also written to the history database.
    #[must_use]
    pub fn with_recorder(mut self, recorder: Option<Recorder>) -> Self {
        self.recorder = recorder;
        self
    }

    pub fn execute(&mut self, command: Command) {
        match command {
            Command::Send { id, spec, secrets } => {
                let progress = Progress::default();
                let http = self.http.watched(&progress);
                self.transfers.insert(id, progress);
                let tx = self.tx.clone();
                let recorder = self.recorder.clone();
                let task = tokio::spawn(async move {
                    let msg =
                        send_and_prepare(&http, id, spec, &secrets, recorder.as_ref(), &tx).await;
                    // The loop may have quit; nothing to tell then.
                    let _ = tx.send(msg);
                });
                self.running.insert(id, task.abort_handle());
            }
            Command::Cancel { id } => {
                self.transfers.remove(&id);
                if let Some(task) = self.running.remove(&id) {
                    task.abort();
                }
            }
            Command::RecordAutomatic { id, exchange } => {
                if let Some(recorder) = &self.recorder {
                    let tx = self.tx.clone();
                    recorder.record_then(exchange, true, move |key, whole| {
                        let _ = tx.send(Msg::Recorded { id, key, whole });
                    });
                }
            }
            Command::Prettify { id, exchange, rows } => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let (pretty, json) = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        document::body_views(&exchange, rows)
                    }))
                    .unwrap_or_else(|panic| {
                        let note =
                            format!("── could not format this body: {}", panic_text(&*panic));
                        (
                            Pretty::Ready(Document::from_lines(vec![(LineKind::Note, note)])),
                            JsonBody::NotJson,
                        )
                    });
                    let _ = tx.send(Msg::PrettyDone { id, pretty, json });
                });
            }
            Command::Search { id, job } => {
                let text = job.text().to_owned();
                off_loop(
                    &self.tx,
                    move || Msg::SearchDone {
                        id,
                        text: job.text().to_owned(),
                        hits: job.run(),
                    },
                    move |problem| Msg::WorkFailed {
                        work: Work::Search { id, text },
                        problem,
                    },
                );
            }
            Command::Filter { id, job } => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    // The pause lets the next keystroke cancel this filter before it runs.
                    tokio::time::sleep(job.delay).await;
                    if job.is_cancelled() {
                        return;
                    }
                    // Its own thread: jaq recurses once per nesting level of the body.
                    let code = job.code().to_owned();
                    let failed = tx.clone();
                    let started = std::thread::Builder::new()
                        .name("jq".into())
                        .stack_size(crate::json::filter::STACK_BYTES)
                        .spawn(move || {
                            let result = std::panic::catch_unwind(AssertUnwindSafe(|| job.run()))
                                .unwrap_or_else(|_| {
                                    let message = "the filter stopped on an internal error";
                                    Err(FilterFailure::Error(FilterError::new(message)))
                                });
                            let code = job.code().to_owned();
                            let _ = tx.send(Msg::FilterDone { id, code, result });
                        });
                    if let Err(error) = started {
                        let message = format!("cannot start the filter: {error}");
                        let _ = failed.send(Msg::FilterDone {
                            id,
                            code,
                            result: Err(FilterFailure::Error(FilterError::new(message))),
                        });
                    }
                });
            }
            Command::SaveBody {
                path,
                body,
                overwrite,
            } => {
                let failed = path.clone();
                off_loop(
                    &self.tx,
                    move || save_body(path, &body, overwrite),
                    move |problem| Msg::WorkFailed {
                        work: Work::SaveBody { path: failed },
                        problem,
                    },
                );
            }
            Command::SortTable { id, job } => off_loop(
                &self.tx,
                move || Msg::TableSorted {
                    id,
                    sorted: job.run(),
                },
                move |problem| Msg::WorkFailed {
                    work: Work::Sort { id },
                    problem,
                },
            ),
            Command::BuildTable { id, job } => {
                let from = job.from();
                off_loop(
                    &self.tx,
                    move || Msg::TableBuilt {
                        id,
                        from,
                        model: job.run(),
                    },
                    move |problem| Msg::WorkFailed {
                        work: Work::Table { id, from },
                        problem,
                    },
                );
            }
            Command::Saved { roots, op } => off_loop(
                &self.tx,
                move || Msg::SavedDone(super::saved::run(&roots, op)),
                |problem| Msg::WorkFailed {
                    work: Work::Saved,
                    problem,
                },
            ),
            // The runtime itself takes these (the cloud driver, the terminal).
            Command::SubmitSecret(_)
            | Command::Copy { .. }
            | Command::CopyFrom { .. }
            | Command::LoadStored { .. }
            | Command::Page { .. }
            | Command::Edit { .. } => {}
        }
    }

    /// Sends later requests with `http` (a client that now carries a cloud's token).
    pub fn set_http(&mut self, http: HttpClient) {
        self.http = http;
    }

    /// The task for `id` has reported; nothing left to abort.
    pub fn forget(&mut self, id: RequestId) {
        self.running.remove(&id);
        self.transfers.remove(&id);
    }

    /// Body bytes received by each request in flight that has begun receiving one.
    pub fn transfers(&self) -> Vec<(RequestId, u64)> {
        self.transfers
            .iter()
            .map(|(id, progress)| (*id, progress.received()))
            .filter(|(_, bytes)| *bytes > 0)
            .collect()
    }

    pub fn cancel_all(&mut self) {
        self.transfers.clear();
        for (_, task) in self.running.drain() {
            task.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::off_loop;
    use crate::app::{Msg, Work};

    #[tokio::test]
    async fn a_panic_off_the_loop_comes_back_as_a_message() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        off_loop(
            &tx,
            || panic!("the index was not what the search expected"),
            |problem| Msg::WorkFailed {
                work: Work::Search {
                    id: 7,
                    text: "x".into(),
                },
                problem,
            },
        );
        match rx.recv().await {
            Some(Msg::WorkFailed {
                work: Work::Search { id: 7, .. },
                problem,
            }) => assert_eq!(problem, "the index was not what the search expected"),
            other => panic!("expected the failure, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn work_that_finishes_sends_its_own_message() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        off_loop(&tx, || Msg::Tick, |_| panic!("no failure"));
        assert!(matches!(rx.recv().await, Some(Msg::Tick)));
    }
}
