//! The TUI's cloud: the session behind the HTTP client, a task that keeps it signed in (and
//! tells the app about every new token), and a task that turns its Keystone exchanges into
//! History entries.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::task::AbortHandle;

use super::Executor;
use super::executor::views_off_loop;
use crate::app::Msg;
use crate::app::cloud::SignedIn;
use crate::http::{AuthProvider, ClientOptions, Exchange, HttpClient, RequestSpec};
use crate::openstack::Secret;
use crate::openstack::catalog::Interface;
use crate::openstack::clouds::{AuthType, CloudProfile};
use crate::openstack::keystone::{KeystoneError, Token};
use crate::openstack::session::CloudSession;
use crate::openstack::token_cache::TokenCache;
use crate::openstack::versions;

/// How long to wait before trying again after a failed sign-in whose back-off the session
/// does not know (it always does for a transient failure; this is a fallback).
const RETRY_AFTER: Duration = Duration::from_secs(30);

/// Added to every wait, so the due time has surely passed when the loop wakes.
const PAST_DUE: Duration = Duration::from_millis(50);

/// What the TUI needs to use a cloud.
#[derive(Debug, Clone)]
pub struct CloudSetup {
    pub profile: CloudProfile,
    pub renew_before: Duration,
    /// `[http]`'s options; the profile's TLS goes over them for the cloud's hosts only.
    pub client: ClientOptions,
    /// Default microversion per service type (`[openstack.microversions]`).
    pub microversions: BTreeMap<String, String>,
    /// Where tokens outlive the run (`[openstack] cache_tokens`).
    pub cache: Option<TokenCache>,
}

/// Owns the cloud's background tasks for the loop.
pub struct CloudDriver {
    setup: CloudSetup,
    tx: UnboundedSender<Msg>,
    tasks: Vec<AbortHandle>,
    /// Whether the secret was typed at the prompt (so a refusal asks for it again).
    prompted: bool,
}

impl CloudDriver {
    pub fn new(setup: CloudSetup, tx: UnboundedSender<Msg>) -> Self {
        Self {
            setup,
            tx,
            tasks: Vec::new(),
            prompted: false,
        }
    }

    /// The prompt's title when the profile lacks the password or secret it needs.
    pub fn secret_prompt(&self) -> Option<String> {
        self.setup.profile.missing_secret().map(|(_, title)| title)
    }

    /// How the prompt asks for this cloud's secret.
    fn secret_title(&self) -> String {
        self.setup
            .profile
            .secret_prompt()
            .map_or_else(|| "Secret".to_owned(), |(_, title)| title)
    }

    /// Fills in what the user typed at the prompt, then starts.
    pub fn submit(&mut self, secret: Secret, executor: &mut Executor) {
        // A second try after a refusal replaces the first session and its tasks.
        self.stop();
        self.prompted = true;
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
        // Keystone's calls follow no redirect: a password must not follow one elsewhere. They
        // and the version discovery go to the cloud's hosts only, so the cloud's TLS is theirs.
        let keystone_client = match HttpClient::new(ClientOptions {
            max_redirects: 0,
            tls: self.setup.profile.tls.over(&self.setup.client.tls),
            tls_source: crate::http::error::TlsSource::Cloud,
            ..self.setup.client.clone()
        }) {
            Ok(keystone_client) => keystone_client,
            Err(e) => {
                let _ = self.tx.send(Msg::CloudFailed(e.to_string()));
                return;
            }
        };
        let (observer, exchanges) = mpsc::unbounded_channel();
        let mut session = CloudSession::new(self.setup.profile.clone(), keystone_client.clone())
            .renew_before(self.setup.renew_before)
            .microversions(&self.setup.microversions)
            .observed_by(observer.clone());
        if let Some(cache) = self.setup.cache.clone() {
            session = session.cached_in(cache);
        }
        let session = Arc::new(session);
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
        let discovery = Discovery {
            http: keystone_client,
            observer,
            tx: self.tx.clone(),
        };
        let reprompt = self.prompted.then(|| self.secret_title());
        self.tasks.push(
            tokio::spawn(keep_signed_in(
                session,
                self.tx.clone(),
                discovery,
                reprompt,
            ))
            .abort_handle(),
        );
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
async fn keep_signed_in(
    session: Arc<CloudSession>,
    tx: UnboundedSender<Msg>,
    discovery: Discovery,
    reprompt: Option<String>,
) {
    let mut changes = session.subscribe();
    let mut discovery = Some(discovery);
    // Aborted with this task (switching clouds, quitting): a slow service's version document
    // must not report into the next cloud's session.
    let mut _discovering = None;
    loop {
        // Changes from here on wake the loop; one made while signing in is then not lost.
        changes.borrow_and_update();
        let wait = match session.token().await {
            Ok(token) => {
                if tx.send(Msg::CloudSignedIn(signed_in(&token))).is_err() {
                    return;
                }
                // Once a catalog is known, ask each service for its versions (once a run).
                if let Some(discovery) = discovery.take() {
                    let interface = session.profile().interface;
                    let task = tokio::spawn(discovery.run(Arc::clone(&token), interface));
                    _discovering = Some(AbortOnDrop(task.abort_handle()));
                }
                // A little past the due time, so the token is surely due when it is asked for.
                session
                    .renewal_due(&token)
                    .duration_since(SystemTime::now())
                    .unwrap_or_default()
                    + PAST_DUE
            }
            Err(error) => {
                if tx.send(Msg::CloudFailed(error.to_string())).is_err() {
                    return;
                }
                if !error.is_transient() {
                    // Sending the same refused password again would only count towards
                    // Keystone's lockout: ask again if it was typed, else stop here.
                    if let (Some(title), KeystoneError::Unauthorized { .. }) = (&reprompt, &error) {
                        let _ = tx.send(Msg::SecretNeeded {
                            title: format!("{title} (refused; try again)"),
                        });
                    }
                    return;
                }
                // Keystone out of reach, 429 or 5xx: the session's back-off says when.
                session.retry_in().unwrap_or(RETRY_AFTER) + PAST_DUE
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            outcome = changes.changed() => if outcome.is_err() { return },
        }
    }
}

/// Aborts a task when dropped.
struct AbortOnDrop(tokio::task::AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Asks every service of the catalog for its version document, unauthenticated as
/// keystoneauth does, and reports the microversion ranges.
struct Discovery {
    http: HttpClient,
    observer: UnboundedSender<Exchange>,
    tx: UnboundedSender<Msg>,
}

impl Discovery {
    async fn run(self, token: Arc<Token>, interface: Interface) {
        let mut asked = BTreeMap::new();
        for service in &token.catalog.services {
            let official = service.official_type().to_owned();
            let endpoint = service
                .endpoints
                .iter()
                .find(|e| e.interface == interface)
                .or(service.endpoints.first());
            if let Some(endpoint) = endpoint {
                asked
                    .entry(official)
                    .or_insert_with(|| versions::unversioned_root(&endpoint.url));
            }
        }
        let lookups = asked
            .into_iter()
            .map(|(service_type, root)| self.ask(service_type, root));
        futures_util::future::join_all(lookups).await;
    }

    async fn ask(&self, service_type: String, root: String) {
        let Ok(url) = crate::http::spec::parse_url(&root) else {
            return;
        };
        let spec = RequestSpec {
            method: "GET".to_owned(),
            url,
            headers: vec![("Accept".to_owned(), "application/json".to_owned())],
            body: Vec::new(),
            tls: None,
        };
        let exchange = self.http.send(spec).await;
        let range = exchange
            .outcome
            .as_ref()
            .ok()
            .filter(|r| r.status < 400)
            .and_then(|r| serde_json::from_slice::<serde_json::Value>(&r.body).ok())
            .and_then(|doc| versions::range(&doc));
        let _ = self.observer.send(exchange);
        if let Some(range) = range {
            let _ = self.tx.send(Msg::ServiceVersions {
                service_type,
                range,
            });
        }
    }
}

fn signed_in(token: &Token) -> SignedIn {
    SignedIn {
        token: token.value.clone(),
        user: token.user.name.clone(),
        user_id: token.user.id.clone(),
        project: token.project.as_ref().map(|p| p.name.clone()),
        project_id: token.project.as_ref().map(|p| p.id.clone()),
        expires_at: token.expires_at,
        catalog: token.catalog.clone(),
    }
}

/// Keystone's exchanges (already redacted) become History entries, views built off the loop.
/// The app has them written to the history database once it has given each its id (so a row
/// whose memory goes can be read back).
async fn forward_exchanges(
    mut exchanges: mpsc::UnboundedReceiver<Exchange>,
    tx: UnboundedSender<Msg>,
) {
    while let Some(exchange) = exchanges.recv().await {
        let exchange = Arc::new(exchange);
        let (raw, headers) = views_off_loop(&exchange).await;
        if tx
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
