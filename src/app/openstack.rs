//! The cloud's side of `update`: sign-in reports, the automatic exchanges they bring, the
//! catalog browser, the password prompt, and catalog-relative URLs.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::cloud::{CatalogRow, CloudState, SignedIn};
use super::composer::ComposerField;
use super::document::Document;
use super::history::{Entry, EntryState, Finished, JsonBody, Pretty};
use super::{Action, App, Command, Level, Pane, SidebarTab};
use crate::http::Exchange;
use crate::openstack::Secret;
use crate::openstack::catalog::parse_relative;

impl App {
    pub(super) fn on_auto_exchange(
        &mut self,
        exchange: Arc<Exchange>,
        raw: Document,
        headers: Document,
    ) -> Vec<Command> {
        let id = self.next_id();
        let (method, url) = (
            exchange.request.method.clone(),
            exchange.request.url.clone(),
        );
        let finished = Finished {
            exchange: Arc::clone(&exchange),
            raw,
            pretty: Pretty::Pending,
            headers,
            json: JsonBody::Pending,
        };
        let mut entry = Entry::new(
            id,
            method,
            url,
            (self.now, self.wall),
            EntryState::Done(Box::new(finished)),
            true,
        );
        entry.cloud = self.cloud.as_ref().map(|c| c.name.clone());
        self.history.push_quietly(entry);
        vec![
            Command::RecordAutomatic {
                id,
                exchange: Arc::clone(&exchange),
            },
            Command::Prettify {
                id,
                exchange,
                rows: self.tree_page(),
            },
        ]
    }

    pub(super) fn on_signed_in(&mut self, signed_in: SignedIn) {
        if let Some(cloud) = &mut self.cloud {
            cloud.state = CloudState::Ready;
            cloud.signed_in = Some(signed_in);
            let rows = cloud.rows().len();
            cloud.selected = cloud.selected.min(rows.saturating_sub(1));
        }
    }

    pub(super) fn on_cloud_failed(&mut self, message: String) {
        if let Some(cloud) = &mut self.cloud {
            cloud.state = CloudState::Failed(message.clone());
        }
        self.message = Some((Level::Error, message));
    }

    /// The absolute URL for a catalog-relative one (`None` when `url` is not relative).
    pub(super) fn resolve_relative(&self, url: &str) -> Result<Option<String>, String> {
        let url = url.trim();
        if parse_relative(url).is_none() {
            return Ok(None);
        }
        let Some(cloud) = &self.cloud else {
            return Err(format!(
                "{url} is catalog-relative, but no cloud is selected (start with --cloud NAME)"
            ));
        };
        let Some(signed_in) = &cloud.signed_in else {
            return Err(match &cloud.state {
                CloudState::Failed(why) => format!("cloud {} is not signed in: {why}", cloud.name),
                _ => format!(
                    "still signing in to cloud {}; send again in a moment",
                    cloud.name
                ),
            });
        };
        signed_in
            .catalog
            .resolve(
                url,
                cloud.profile_region.as_deref(),
                cloud.profile_interface,
            )
            .map(Some)
            .map_err(|e| e.to_string())
    }

    /// Enter in the Catalog tab: an endpoint (or a service's first endpoint) becomes the
    /// composer's URL. (Enter in the History tab is `open_history_entry`.)
    pub(super) fn select(&mut self) {
        if self.focus != Pane::Sidebar {
            return;
        }
        match self.sidebar_tab {
            SidebarTab::History | SidebarTab::Saved => {}
            SidebarTab::Catalog => {
                let Some(cloud) = &self.cloud else { return };
                let rows = cloud.rows();
                let url = rows.iter().skip(cloud.selected).find_map(|row| match row {
                    CatalogRow::Endpoint { url, .. } => Some(url.clone()),
                    CatalogRow::Service { .. } => None,
                });
                if let Some(url) = url {
                    self.composer.set_url(&url);
                    self.focus = Pane::Composer;
                    self.composer.focus(ComposerField::Url);
                    self.message = Some((
                        Level::Info,
                        format!("URL set to {url}: add the path and send"),
                    ));
                }
            }
        }
    }

    /// Shows the cloud's token in the status line until the next key: the one explicit way to
    /// see it in clear.
    pub(super) fn reveal_token(&mut self) -> Vec<Command> {
        let Some((name, token)) = self.cloud.as_ref().and_then(|cloud| {
            Some((
                cloud.name.clone(),
                cloud.signed_in.as_ref()?.token.expose().to_owned(),
            ))
        }) else {
            self.message = Some((Level::Warning, "no cloud token to show".to_owned()));
            return Vec::new();
        };
        // A Fernet token is longer than the status line: the whole of it goes to the clipboard.
        self.message = Some((
            Level::Info,
            format!("X-Auth-Token of cloud {name} (copied to the clipboard): {token}"),
        ));
        vec![Command::Copy { text: token }]
    }

    pub(super) fn navigate_catalog(&mut self, action: Action) {
        let page = isize::try_from(self.sidebar_page()).unwrap_or(isize::MAX);
        let Some(cloud) = &mut self.cloud else { return };
        let last = cloud.rows().len().saturating_sub(1);
        let delta = action.rows(page).unwrap_or(0);
        cloud.selected = cloud.selected.saturating_add_signed(delta).min(last);
    }

    /// Keys while the password prompt is open: Enter submits, Esc gives up, the rest is typed.
    pub(super) fn on_prompt_key(&mut self, key: KeyEvent) -> Vec<Command> {
        match key.code {
            KeyCode::Enter => {
                let Some(prompt) = self.prompt.take() else {
                    return Vec::new();
                };
                if let Some(cloud) = &mut self.cloud {
                    cloud.state = CloudState::SigningIn;
                }
                vec![Command::SubmitSecret(Secret::new(prompt.text()))]
            }
            KeyCode::Esc => self.perform(Action::Cancel),
            _ => {
                if let Some(prompt) = &mut self.prompt {
                    prompt.input.input(key);
                }
                Vec::new()
            }
        }
    }
}
