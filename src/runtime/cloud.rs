//! The TUI's cloud: the session behind the HTTP client, a task that keeps it signed in (and
//! tells the app about every new token), and a task that turns its Keystone exchanges into
//! History entries.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::task::AbortHandle;

use super::Executor;
use crate::app::cloud::SignedIn;
use crate::app::{Msg, document};
use crate::http::{AuthProvider, ClientOptions, Exchange, HttpClient};
use crate::openstack::Secret;
use crate::openstack::clouds::{AuthType, CloudProfile};
use crate::openstack::keystone::Token;
use crate::openstack::session::CloudSession;

/// How long to wait before trying again after a failed sign-in.
const RETRY_AFTER: Duration = Duration::from_secs(30);

/// What the TUI needs to use a cloud.
#[derive(Debug, Clone)]
pub struct CloudSetup {
    pub profile: CloudProfile,
    pub renew_before: Duration,
    pub client: ClientOptions,
}

/// Owns the cloud's background tasks for the loop.
pub struct CloudDriver {
    setup: CloudSetup,
    tx: UnboundedSender<Msg>,
    tasks: Vec<AbortHandle>,
}

impl CloudDriver {
    pub fn new(setup: CloudSetup, tx: UnboundedSender<Msg>) -> Self {
        Self {
            setup,
            tx,
            tasks: Vec::new(),
        }
    }

    /// The prompt's title when the profile lacks the password or secret it needs.
    pub fn secret_prompt(&self) -> Option<String> {
        let profile = &self.setup.profile;
        let missing = profile.missing();
        let who = profile
            .auth
            .username
            .as_deref()
            .or(profile.auth.user_id.as_deref())
            .unwrap_or("you");
        if missing.contains(&"password") {
            Some(format!("Password for {who} on cloud {}", profile.name))
        } else if missing.contains(&"application_credential_secret") {
            Some(format!(
                "Application credential secret for cloud {}",
                profile.name
            ))
        } else {
            None
        }
    }

    /// Fills in what the user typed at the prompt, then starts.
    pub fn submit(&mut self, secret: Secret, executor: &mut Executor) {
        let profile = &mut self.setup.profile;
        if profile.auth_type == AuthType::ApplicationCredential {
            profile.auth.application_credential_secret = Some(secret);
        } else {
            profile.auth.password = Some(secret);
        }
        self.start(executor);
    }

    /// Builds the session, hands the executor a client that uses it, and starts the tasks.
    pub fn start(&mut self, executor: &mut Executor) {
        let plain = match HttpClient::new(self.setup.client.clone()) {
            Ok(plain) => plain,
            Err(e) => {
                let _ = self.tx.send(Msg::CloudFailed(e.to_string()));
                return;
            }
        };
        let (observer, exchanges) = mpsc::unbounded_channel();
        let session = Arc::new(
            CloudSession::new(self.setup.profile.clone(), plain)
                .renew_before(self.setup.renew_before)
                .observed_by(observer),
        );
        match HttpClient::with_auth(
            self.setup.client.clone(),
            Arc::clone(&session) as Arc<dyn AuthProvider>,
        ) {
            Ok(http) => executor.set_http(http),
            Err(e) => {
                let _ = self.tx.send(Msg::CloudFailed(e.to_string()));
                return;
            }
        }
        self.tasks
            .push(tokio::spawn(keep_signed_in(session, self.tx.clone())).abort_handle());
        self.tasks
            .push(tokio::spawn(forward_exchanges(exchanges, self.tx.clone())).abort_handle());
    }

    pub fn stop(&mut self) {
        for task in self.tasks.drain(..) {
            task.abort();
        }
    }
}

/// Signs in now, and again before each token expires; tells the app every time. A sign-in
/// caused by a request (a 401, a lazy first use) is reported too.
async fn keep_signed_in(session: Arc<CloudSession>, tx: UnboundedSender<Msg>) {
    let mut changes = session.subscribe();
    loop {
        let wait = match session.token().await {
            Ok(token) => {
                if tx.send(Msg::CloudSignedIn(signed_in(&token))).is_err() {
                    return;
                }
                session
                    .renewal_due(&token)
                    .duration_since(SystemTime::now())
                    .unwrap_or_default()
            }
            Err(error) => {
                if tx.send(Msg::CloudFailed(error.to_string())).is_err() {
                    return;
                }
                RETRY_AFTER
            }
        };
        changes.borrow_and_update();
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            outcome = changes.changed() => if outcome.is_err() { return },
        }
    }
}

fn signed_in(token: &Token) -> SignedIn {
    SignedIn {
        user: token.user.name.clone(),
        project: token.project.as_ref().map(|p| p.name.clone()),
        expires_at: token.expires_at,
        catalog: token.catalog.clone(),
    }
}

/// Keystone's exchanges (already redacted) become History entries, views built off the loop.
async fn forward_exchanges(
    mut exchanges: mpsc::UnboundedReceiver<Exchange>,
    tx: UnboundedSender<Msg>,
) {
    while let Some(exchange) = exchanges.recv().await {
        let exchange = Arc::new(exchange);
        let for_views = Arc::clone(&exchange);
        let views = tokio::task::spawn_blocking(move || {
            (
                document::raw(&for_views),
                document::headers_table(&for_views),
            )
        })
        .await;
        if let Ok((raw, headers)) = views
            && tx
                .send(Msg::AutoExchange {
                    exchange,
                    raw,
                    headers,
                })
                .is_err()
        {
            return;
        }
    }
}
