//! Sending: the composed request (variables expanded, a catalog-relative URL resolved), its
//! History entry, Esc's cancel, and a finished exchange taking its place in the History.

use std::sync::Arc;

use super::document::Document;
use super::history::{Entry, EntryState, Finished, JsonBody, Pretty, RequestId};
use super::{App, Command, Level, Pane, SidebarTab, seconds};
use crate::http::redact;
use crate::http::{Exchange, RequestSpec};

impl App {
    pub(super) fn send(&mut self) -> Vec<Command> {
        match self.composed("Not sent") {
            Some(spec) => self.start_request(spec),
            None => Vec::new(),
        }
    }

    /// A new History entry in flight for `spec`, selected, and the command that sends it.
    pub(super) fn start_request(&mut self, spec: RequestSpec) -> Vec<Command> {
        let id = self.next_id();
        // What the list, the inspector's title and a cancel show: secrets as `{SHA256}…`.
        let secrets = self.named_secret_values();
        let shown = self.shown_url(spec.url.as_str(), &secrets);
        let mut entry = Entry::new(
            id,
            spec.method.clone(),
            shown,
            (self.now, self.wall),
            EntryState::InFlight,
            false,
        );
        entry.cloud = self.cloud.as_ref().map(|c| c.name.clone());
        self.push_entry(entry);
        self.inspector.reset();
        self.message = None;
        vec![Command::Send { id, spec, secrets }]
    }

    /// The composed request, ready to send (or to copy as curl). `{{variables}}` are
    /// expanded, then a catalog-relative URL (`compute:/flavors`) is resolved through the
    /// cloud's catalog; the composer keeps what was typed. `None`, with the first problem in the status line after `refused`, when it
    /// cannot be built.
    pub(super) fn composed(&mut self, refused: &str) -> Option<RequestSpec> {
        let expanded = self.expand_composer().and_then(|mut draft| {
            if let Some(url) = self.resolve_relative(&draft.url)? {
                draft.url = url;
            }
            Ok(draft)
        });
        let draft = match expanded {
            Ok(draft) => draft,
            Err(message) => {
                self.message = Some((Level::Error, format!("{refused}: {message}")));
                return None;
            }
        };
        match self.composer.build_draft(&draft) {
            Ok(mut spec) => {
                // The composer says so as it is typed.
                redact::drop_redacted_secrets(&mut spec.headers);
                Some(spec)
            }
            Err(count) => {
                let first = self
                    .composer
                    .problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let more = if count > 1 {
                    format!(" (and {} more)", count - 1)
                } else {
                    String::new()
                };
                self.message = Some((Level::Error, format!("{refused}: {first}{more}")));
                None
            }
        }
    }

    pub(super) fn next_id(&mut self) -> RequestId {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Esc: close what is open (search line, History filter, column picker, save prompt, jq
    /// filter, password prompt), else cancel the request in flight, else leave the text
    /// field (the help overlay and the popup handle their own Esc).
    pub(super) fn cancel(&mut self) -> Vec<Command> {
        if self.inspector.search_input.take().is_some() {
            return Vec::new();
        }
        // The History filter: Esc drops it (while typed, or while it narrows the list).
        if self.history_input.take().is_some()
            || (self.focus == Pane::Sidebar
                && self.sidebar_tab == SidebarTab::History
                && !self.history.filter_text().is_empty())
        {
            self.history.set_filter("");
            return Vec::new();
        }
        if self.inspector.column_picker.take().is_some() || self.save_prompt.take().is_some() {
            return Vec::new();
        }
        if self.focus == Pane::Inspector && self.clear_filter() {
            return Vec::new();
        }
        if self.prompt.take().is_some() {
            self.on_cloud_failed(
                "no password given; the cloud's requests go without a token".to_owned(),
            );
            return Vec::new();
        }
        if let Some(id) = self.history.cancellable() {
            if let Some(entry) = self.history.get_mut(id) {
                let after = self.now.saturating_duration_since(entry.started);
                entry.state = EntryState::Cancelled { after };
                self.message = Some((
                    Level::Warning,
                    format!(
                        "Cancelled {} {} after {}",
                        entry.method,
                        entry.url,
                        seconds(after)
                    ),
                ));
            }
            return vec![Command::Cancel { id }];
        }
        if self.focus == Pane::Composer && self.composer.editing {
            self.composer.editing = false;
        } else if self.inspector.show_chain {
            self.inspector.show_chain = false;
        }
        Vec::new()
    }

    pub(super) fn on_exchange_done(
        &mut self,
        id: RequestId,
        exchange: Arc<Exchange>,
        raw: Document,
        headers: Document,
    ) -> Vec<Command> {
        let Some(entry) = self.history.get_mut(id) else {
            return Vec::new();
        };
        if !entry.is_awaited() {
            // Cancelled meanwhile: the late answer is dropped.
            return Vec::new();
        }
        let stored = match &entry.state {
            EntryState::Stored(row) => Some(super::history::Kept {
                key: row.key,
                origin: row.origin,
            }),
            _ => None,
        };
        entry.state = EntryState::Done(Box::new(Finished {
            exchange: Arc::clone(&exchange),
            raw,
            pretty: Pretty::Pending,
            headers,
            json: JsonBody::Pending,
        }));
        if let Err(failure) = &exchange.outcome
            && stored.is_none()
        {
            self.message = Some((Level::Error, failure.to_string()));
        }
        let mut commands = vec![Command::Prettify {
            id,
            exchange,
            rows: self.tree_page(),
        }];
        if let Some(kept) = stored {
            // Read back from the database: dropped again, it is read back again.
            self.history.note_kept(id, kept);
            commands.extend(self.after_stored_loaded(id));
        }
        commands
    }
}
