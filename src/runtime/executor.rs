//! Carrying out commands: each request runs on its own task and reports back on the channel;
//! cancelling aborts the task, and the app drops any answer that still arrives.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::app::history::{Pretty, RequestId};
use crate::app::{Command, Msg, document};
use crate::http::HttpClient;

/// Runs commands on spawned tasks.
pub struct Executor {
    http: HttpClient,
    tx: UnboundedSender<Msg>,
    running: HashMap<RequestId, AbortHandle>,
}

impl Executor {
    pub fn new(http: HttpClient, tx: UnboundedSender<Msg>) -> Self {
        Self {
            http,
            tx,
            running: HashMap::new(),
        }
    }

    pub fn execute(&mut self, command: Command) {
        match command {
            Command::Send { id, spec } => {
                let http = self.http.clone();
                let tx = self.tx.clone();
                let task = tokio::spawn(async move {
                    let exchange = Arc::new(http.send(spec).await);
                    // Indexing the body is O(body): keep it off the loop.
                    let for_views = Arc::clone(&exchange);
                    let views = tokio::task::spawn_blocking(move || {
                        (
                            document::raw(&for_views),
                            document::headers_table(&for_views),
                        )
                    })
                    .await;
                    if let Ok((raw, headers)) = views {
                        // The loop may have quit; nothing to tell then.
                        let _ = tx.send(Msg::ExchangeDone {
                            id,
                            exchange,
                            raw,
                            headers,
                        });
                    }
                });
                self.running.insert(id, task.abort_handle());
            }
            Command::Cancel { id } => {
                if let Some(task) = self.running.remove(&id) {
                    task.abort();
                }
            }
            Command::Prettify { id, exchange } => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let pretty: Pretty = document::pretty(&exchange);
                    let _ = tx.send(Msg::PrettyDone { id, pretty });
                });
            }
        }
    }

    /// The task for `id` has reported; nothing left to abort.
    pub fn forget(&mut self, id: RequestId) {
        self.running.remove(&id);
    }

    pub fn cancel_all(&mut self) {
        for (_, task) in self.running.drain() {
            task.abort();
        }
    }
}
