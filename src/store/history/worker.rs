//! The history thread: it owns the database connection, so `SQLite` never runs on the UI
//! thread. Exchanges queue up and are written in one transaction per burst; loads and
//! clears answer through a callback.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use super::codec::{Context, Keeping, from_row_noted, to_row};
use super::db::{HistoryDb, HistoryError, Retention, Summary};
use crate::http::Exchange;

/// Answers a load: the exchange (with why its stored request body is not the one sent, if
/// it is not), `None` if it is no longer kept, or why it failed.
pub type Loaded = Result<Option<(Exchange, Option<String>)>, String>;

/// Told where an exchange was written: its row id, and whether its bodies are whole there.
type Written = Box<dyn FnOnce(i64, bool) + Send>;

enum Job {
    Record {
        exchange: Arc<Exchange>,
        automatic: bool,
        written: Option<Written>,
    },
    Load {
        id: i64,
        reply: Box<dyn FnOnce(Loaded) + Send>,
    },
    Clear {
        reply: Box<dyn FnOnce(Result<usize, String>) + Send>,
    },
    Stop,
}

/// What the history keeps and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub retention: Retention,
    pub keeping: Keeping,
    /// The cloud of this run, written beside each exchange.
    pub cloud: Option<String>,
}

/// The running history thread.
pub struct HistoryStore {
    tx: Sender<Job>,
    thread: Option<JoinHandle<()>>,
    settings: Settings,
}

/// Hands exchanges to the history thread; cheap to clone.
#[derive(Clone)]
pub struct Recorder {
    tx: Sender<Job>,
    secrets_in_clear: bool,
}

impl Recorder {
    /// Queues `exchange` for writing. Never blocks; a history that could not open drops it.
    pub fn record(&self, exchange: Arc<Exchange>, automatic: bool) {
        let _ = self.tx.send(Job::Record {
            exchange,
            automatic,
            written: None,
        });
    }

    /// As `record`, then `written(row id, whole)` once it is in the database (`whole`: its
    /// bodies were not cut). Not called if the write fails.
    pub fn record_then(
        &self,
        exchange: Arc<Exchange>,
        automatic: bool,
        written: impl FnOnce(i64, bool) + Send + 'static,
    ) {
        let _ = self.tx.send(Job::Record {
            exchange,
            automatic,
            written: Some(Box::new(written)),
        });
    }

    /// Whether the user asked for secrets in clear: only then does the caller hand over an
    /// exchange with its token still in it.
    pub fn wants_secrets(&self) -> bool {
        self.secrets_in_clear
    }
}

impl HistoryStore {
    /// Starts the thread: it opens the database in `dir`, applies the retention, and calls
    /// `ready` with the kept exchanges, newest first (or why the history is off this run).
    pub fn start(
        dir: &Path,
        settings: Settings,
        ready: impl FnOnce(Result<Vec<Summary>, HistoryError>) + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let dir = dir.to_path_buf();
        let thread_settings = settings.clone();
        let thread = std::thread::Builder::new()
            .name("history".into())
            .spawn(move || match open(&dir, thread_settings.retention) {
                Ok((db, summaries)) => {
                    ready(Ok(summaries));
                    serve(db, &rx, &thread_settings);
                }
                Err(e) => {
                    tracing::warn!("{e}");
                    ready(Err(e));
                }
            })
            .ok();
        Self {
            tx,
            thread,
            settings,
        }
    }

    pub fn recorder(&self) -> Recorder {
        Recorder {
            tx: self.tx.clone(),
            secrets_in_clear: self.settings.keeping.secrets_in_clear,
        }
    }

    /// Reads exchange `id` and calls `reply` with it, on the history thread.
    pub fn load(&self, id: i64, reply: impl FnOnce(Loaded) + Send + 'static) {
        let reply: Box<dyn FnOnce(Loaded) + Send> = Box::new(reply);
        if let Err(mpsc::SendError(Job::Load { reply, .. })) = self.tx.send(Job::Load { id, reply })
        {
            reply(Err("the history is off for this run".to_owned()));
        }
    }

    /// Deletes every stored exchange.
    pub fn clear(&self, reply: impl FnOnce(Result<usize, String>) + Send + 'static) {
        let reply: Box<dyn FnOnce(Result<usize, String>) + Send> = Box::new(reply);
        if let Err(mpsc::SendError(Job::Clear { reply })) = self.tx.send(Job::Clear { reply }) {
            reply(Err("the history is off for this run".to_owned()));
        }
    }

    /// Writes what is queued and stops the thread; waits for it (blocking).
    pub fn finish(mut self) {
        let _ = self.tx.send(Job::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn open(dir: &Path, retention: Retention) -> Result<(HistoryDb, Vec<Summary>), HistoryError> {
    let mut db = HistoryDb::open(dir)?;
    let unusable = |e: rusqlite::Error| HistoryError {
        path: db_path(dir),
        problem: format!("cannot be read: {e}"),
    };
    db.prune(retention, SystemTime::now()).map_err(unusable)?;
    let summaries = db.summaries(retention.max_entries).map_err(unusable)?;
    Ok((db, summaries))
}

fn db_path(dir: &Path) -> String {
    dir.join(super::db::FILE_NAME).display().to_string()
}

/// Writes exchanges a burst at a time until told to stop (or every sender is gone).
fn serve(mut db: HistoryDb, rx: &Receiver<Job>, settings: &Settings) {
    /// Prune again after this many writes, so a long run keeps to the retention too.
    const PRUNE_EVERY: usize = 500;
    let mut written = 0usize;
    let mut rows = Pending::default();
    while let Ok(job) = rx.recv() {
        let mut next = Some(job);
        let mut stop = false;
        // Everything already queued goes into one transaction.
        while let Some(job) = next.take() {
            match job {
                Job::Record {
                    exchange,
                    automatic,
                    written: tell,
                } => {
                    let context = Context {
                        cloud: settings.cloud.clone(),
                        automatic,
                    };
                    let whole = kept_whole(&exchange, settings.keeping.max_body);
                    rows.rows
                        .push(to_row(&exchange, &context, settings.keeping));
                    rows.told.push(tell.map(|tell| (tell, whole)));
                }
                Job::Load { id, reply } => {
                    flush(&mut db, &mut rows);
                    reply(
                        db.load(id)
                            .map(|row| row.map(from_row_noted))
                            .map_err(|e| format!("the history could not be read: {e}")),
                    );
                }
                Job::Clear { reply } => {
                    rows.clear();
                    reply(
                        db.clear()
                            .map_err(|e| format!("the history could not be cleared: {e}")),
                    );
                }
                Job::Stop => stop = true,
            }
            next = rx.try_recv().ok();
        }
        written += rows.rows.len();
        flush(&mut db, &mut rows);
        if written >= PRUNE_EVERY {
            written = 0;
            if let Err(e) = db.prune(settings.retention, SystemTime::now()) {
                tracing::warn!("the history could not be pruned: {e}");
            }
        }
        if stop {
            break;
        }
    }
}

/// Whether the row of `exchange` holds its bodies as they came: none cut at `max_body`, the
/// response's not in a file.
fn kept_whole(exchange: &Exchange, max_body: usize) -> bool {
    exchange.request.body.len() <= max_body
        && exchange
            .outcome
            .as_ref()
            .map_or(true, |r| r.spilled.is_none() && r.body.len() <= max_body)
}

/// Rows to write, and for each whom to tell where it went.
#[derive(Default)]
struct Pending {
    rows: Vec<super::codec::Row>,
    told: Vec<Option<(Written, bool)>>,
}

impl Pending {
    fn clear(&mut self) {
        self.rows.clear();
        self.told.clear();
    }
}

fn flush(db: &mut HistoryDb, pending: &mut Pending) {
    if pending.rows.is_empty() {
        return;
    }
    // A locked database (another fiddlestack writing) gets a few more tries.
    for attempt in 0..3 {
        match db.insert(&pending.rows) {
            Ok(ids) => {
                for (id, told) in ids.into_iter().zip(pending.told.drain(..)) {
                    if let Some((written, whole)) = told {
                        written(id, whole);
                    }
                }
                break;
            }
            Err(e) if attempt < 2 => {
                tracing::debug!("history write retried: {e}");
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => tracing::warn!(
                "{} exchanges were not kept in the history: {e}",
                pending.rows.len()
            ),
        }
    }
    pending.clear();
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::mpsc;
    use std::time::{Duration, SystemTime};

    use bytes::Bytes;

    use super::{HistoryStore, Settings};
    use crate::http::{Exchange, Response, SentRequest, Timings};
    use crate::store::history::{Keeping, Retention};

    fn exchange(body: usize) -> Arc<Exchange> {
        Arc::new(Exchange {
            request: SentRequest {
                method: "GET".into(),
                url: "http://127.0.0.1:1/x".into(),
                headers: Vec::new(),
                body: Bytes::new(),
            },
            outcome: Ok(Response {
                status: 200,
                reason: "OK".into(),
                version: "HTTP/1.1".into(),
                headers: Vec::new(),
                body: Bytes::from(vec![b'x'; body]),
                wire_body_len: body,
                header_len: 20,
                final_url: "http://127.0.0.1:1/x".into(),
                remote_addr: None,
                incomplete: None,
                spilled: None,
                interrupted: false,
                redirects: Vec::new(),
            }),
            timings: Timings {
                started_at: SystemTime::now(),
                first_byte: None,
                total: Duration::from_millis(1),
                phases: None,
            },
        })
    }

    #[test]
    fn the_recorder_says_where_each_exchange_went_and_whether_it_is_whole() {
        let dir = std::env::temp_dir().join(format!("fiddlestack-worker-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let settings = Settings {
            retention: Retention::default(),
            keeping: Keeping {
                max_body: 100,
                secrets_in_clear: false,
            },
            cloud: None,
        };
        let store = HistoryStore::start(&dir, settings, |_| {});
        let (tx, rx) = mpsc::channel();
        for (name, size) in [("small", 10), ("large", 1000)] {
            let tx = tx.clone();
            store
                .recorder()
                .record_then(exchange(size), false, move |key, whole| {
                    let _ = tx.send((name, key, whole));
                });
        }
        let told: Vec<_> = (0..2)
            .map(|_| rx.recv_timeout(Duration::from_secs(10)).expect("told"))
            .collect();
        store.finish();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(told.len(), 2);
        let (small, large) = (told[0], told[1]);
        assert_eq!((small.0, small.2), ("small", true));
        assert_eq!((large.0, large.2), ("large", false), "cut at max_body");
        assert!(small.1 > 0 && large.1 > small.1, "{told:?}");
    }
}
