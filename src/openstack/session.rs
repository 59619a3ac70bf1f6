//! One cloud's token for the whole run: obtained on first need, renewed before it expires with
//! the stored credentials, shared by every request (at most one sign-in in flight; the others
//! wait for it), and added as `X-Auth-Token` only to the cloud's own hosts.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use tokio::sync::{Mutex, mpsc, watch};

use super::keystone::{KeystoneError, Token, authenticate};
use crate::http::auth::{AuthError, AuthFuture, AuthProvider, RetryFuture};
use crate::http::{Exchange, HttpClient, RequestSpec, TlsOptions};
use crate::openstack::catalog::bound_for_cloud;
use crate::openstack::clouds::CloudProfile;
use crate::openstack::token_cache::{CacheKey, TokenCache};
use crate::openstack::{service_types, versions};

/// keystoneauth's margin: a token with less than this left is renewed before use.
pub const DEFAULT_RENEW_BEFORE: Duration = Duration::from_mins(2);

/// A token is never renewed sooner than this after it arrived, whatever its times say: a
/// token that looks due on arrival must not turn the renewal into a loop of sign-ins.
pub const RENEW_FLOOR: Duration = Duration::from_secs(2);

/// After a sign-in that failed for a reason that may pass (Keystone unreachable, 429, 5xx),
/// the next try waits this long, doubled after each further failure up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(5);
const MAX_BACKOFF: Duration = Duration::from_mins(5);

/// A signed-in (or signing-in) cloud.
pub struct CloudSession {
    profile: CloudProfile,
    /// For Keystone's own calls: no auth provider of its own.
    http: HttpClient,
    renew_before: Duration,
    /// Held across a sign-in, so concurrent requests wait for the one in flight.
    signing_in: Mutex<()>,
    token: RwLock<Option<Arc<Token>>>,
    /// Where the automatic Keystone exchanges go (the History), if anywhere.
    observer: Option<mpsc::UnboundedSender<Exchange>>,
    /// Bumped whenever the held token changes (signed in, renewed, dropped).
    generation: watch::Sender<u64>,
    /// Default microversion per official service type, asked for unless a request sets one.
    microversions: BTreeMap<String, String>,
    /// Where tokens outlive the run, when the user asked for that.
    cache: Option<(TokenCache, CacheKey)>,
    /// The last sign-in failure, when it happened, and how many came in a row.
    failure: std::sync::Mutex<Option<Failure>>,
    /// The first back-off after a transient failure ([`FIRST_BACKOFF`] unless a test says).
    first_backoff: Duration,
    /// The last token ever held (kept when the current one is dropped): its catalog still
    /// says which hosts are the cloud's.
    known: RwLock<Option<Arc<Token>>>,
    /// Tokens held before the last one, still scrubbed from what is kept and shown.
    retired: std::sync::Mutex<Vec<String>>,
    /// Tokens in a row that came with almost no life (see `note_life`).
    short_lived: AtomicU32,
}

/// A failed sign-in, remembered so requests queued behind it do not each try again.
#[derive(Debug, Clone)]
struct Failure {
    at: std::time::Instant,
    error: KeystoneError,
    /// Failures in a row, this one included.
    count: u32,
    /// The wait after the first of them.
    first_backoff: Duration,
}

impl Failure {
    /// How long after `at` the next sign-in may go: for good after a refusal, doubling with
    /// each transient failure in a row, and never sooner than Keystone's `Retry-After`.
    fn wait(&self) -> Option<Duration> {
        if !self.error.is_transient() {
            return None;
        }
        let doubled = self
            .first_backoff
            .saturating_mul(1 << self.count.saturating_sub(1).min(16));
        let asked = self.error.retry_after().unwrap_or_default();
        Some(doubled.max(asked).min(MAX_BACKOFF))
    }

    /// Whether the sign-in is still to be answered with this failure.
    fn holds(&self) -> bool {
        self.wait().is_none_or(|wait| self.at.elapsed() < wait)
    }
}

impl std::fmt::Debug for CloudSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CloudSession")
            .field("cloud", &self.profile.name)
            .finish_non_exhaustive()
    }
}

impl CloudSession {
    pub fn new(profile: CloudProfile, http: HttpClient) -> Self {
        Self {
            profile,
            http,
            renew_before: DEFAULT_RENEW_BEFORE,
            signing_in: Mutex::new(()),
            token: RwLock::new(None),
            observer: None,
            generation: watch::Sender::new(0),
            microversions: BTreeMap::new(),
            cache: None,
            failure: std::sync::Mutex::new(None),
            first_backoff: FIRST_BACKOFF,
            known: RwLock::new(None),
            retired: std::sync::Mutex::new(Vec::new()),
            short_lived: AtomicU32::new(0),
        }
    }

    /// Renew tokens with less than `margin` left (clamped to half a token's life).
    #[must_use]
    pub fn renew_before(mut self, margin: Duration) -> Self {
        self.renew_before = margin;
        self
    }

    /// Waits `first` after a first transient sign-in failure (doubling after each further
    /// one) instead of [`FIRST_BACKOFF`].
    #[must_use]
    pub fn backoff(mut self, first: Duration) -> Self {
        self.first_backoff = first;
        self
    }

    /// Asks each service for a microversion by default (`compute` → `2.79`); aliases are
    /// accepted (`volumev3` means block-storage).
    #[must_use]
    pub fn microversions(mut self, defaults: &BTreeMap<String, String>) -> Self {
        self.microversions = defaults
            .iter()
            .map(|(service, version)| {
                (service_types::official(service).to_owned(), version.clone())
            })
            .collect();
        self
    }

    /// Keeps tokens in `cache` between runs (`[openstack] cache_tokens`).
    #[must_use]
    pub fn cached_in(mut self, cache: TokenCache) -> Self {
        let key = CacheKey::for_profile(&self.profile);
        self.cache = Some((cache, key));
        self
    }

    /// Sends every Keystone exchange this session makes to `observer`.
    #[must_use]
    pub fn observed_by(mut self, observer: mpsc::UnboundedSender<Exchange>) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Wakes whenever the held token changes, so a status line can follow renewals.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }

    pub fn profile(&self) -> &CloudProfile {
        &self.profile
    }

    /// The token held now, fresh or not.
    pub fn current(&self) -> Option<Arc<Token>> {
        self.token.read().ok().and_then(|t| t.clone())
    }

    /// A token good for at least the renewal margin: the one held, or a new one.
    pub async fn token(&self) -> Result<Arc<Token>, KeystoneError> {
        if let Some(token) = self.current().filter(|t| !self.expiring(t)) {
            return Ok(token);
        }
        let _one_at_a_time = self.signing_in.lock().await;
        // Someone else may have signed in while we waited.
        if let Some(token) = self.current().filter(|t| !self.expiring(t)) {
            return Ok(token);
        }
        // A token kept from an earlier run, still good: no sign-in needed.
        if let Some((cache, key)) = &self.cache
            && let Some(token) = cache.load(key).filter(|t| !self.expiring(t))
        {
            let token = Arc::new(token);
            self.hold(Arc::clone(&token));
            return Ok(token);
        }
        // A refusal is final for these credentials (trying again only counts towards Keystone's
        // lockout); an outage, a 429 or a 5xx is remembered for a back-off that grows with
        // each failure in a row, so requests queued behind a failed sign-in do not each wait
        // for their own and Keystone is not hammered.
        if let Ok(failure) = self.failure.lock()
            && let Some(failure) = failure.as_ref()
            && failure.holds()
        {
            return Err(failure.error.clone());
        }
        let result = self.sign_in().await;
        if let Ok(mut failure) = self.failure.lock() {
            *failure = match &result {
                Ok(_) => None,
                Err(error) => Some(Failure {
                    at: std::time::Instant::now(),
                    error: error.clone(),
                    count: failure.as_ref().map_or(0, |f| f.count) + 1,
                    first_backoff: self.first_backoff,
                }),
            };
        }
        result
    }

    /// How long until a sign-in may be tried again after the last one failed: `None` when
    /// none failed or the failure is final (a refusal), zero when the back-off is over.
    pub fn retry_in(&self) -> Option<Duration> {
        let failure = self.failure.lock().ok()?;
        let failure = failure.as_ref()?;
        let wait = failure.wait()?;
        Some(wait.saturating_sub(failure.at.elapsed()))
    }

    async fn sign_in(&self) -> Result<Arc<Token>, KeystoneError> {
        let outcome = authenticate(&self.http, &self.profile).await;
        if let Some(observer) = &self.observer {
            for exchange in outcome.exchanges {
                let _ = observer.send(exchange);
            }
        }
        let token = Arc::new(outcome.result?);
        self.note_life(&token);
        if let Some((cache, key)) = &self.cache
            && let Err(e) = cache.store(key, &token)
        {
            tracing::warn!("could not keep the token on disk: {e}");
        }
        self.hold(Arc::clone(&token));
        tracing::info!(cloud = %self.profile.name, expires = %token.expires_at_text, "signed in");
        Ok(token)
    }

    fn hold(&self, token: Arc<Token>) {
        if let Ok(mut known) = self.known.write()
            && let Some(previous) = known.replace(Arc::clone(&token))
        {
            self.retire(&previous);
        }
        if let Ok(mut held) = self.token.write() {
            *held = Some(token);
        }
        self.generation.send_modify(|g| *g += 1);
    }

    /// Keeps a token this session no longer holds among the secrets to scrub: a request made
    /// with it (a `{{token}}` in its URL, retried after a 401 with the next token) may come
    /// back after the token is replaced. The last few are enough.
    fn retire(&self, token: &Token) {
        const KEPT: usize = 8;
        if let Ok(mut retired) = self.retired.lock() {
            let value = token.value.expose().to_owned();
            if !retired.contains(&value) {
                if retired.len() == KEPT {
                    retired.remove(0);
                }
                retired.push(value);
            }
        }
    }

    /// Forgets the held token if it is still `value` (a service said 401 to it).
    pub fn invalidate(&self, redacted: &str) {
        if let Ok(mut held) = self.token.write()
            && held
                .as_ref()
                .is_some_and(|t| t.value.redacted() == redacted)
        {
            *held = None;
            if let Some((cache, key)) = &self.cache {
                cache.remove(key);
            }
            self.generation.send_modify(|g| *g += 1);
        }
    }

    /// Counts tokens in a row that come with almost no life (Keystone's clock or settings
    /// are off): each is renewed later than the one before, as a failure backs off.
    fn note_life(&self, token: &Token) {
        let life = token
            .expires_at
            .duration_since(token.issued_at)
            .unwrap_or_default();
        let short = life < RENEW_FLOOR * 2;
        let in_a_row = if short {
            self.short_lived.fetch_add(1, Ordering::SeqCst) + 1
        } else {
            self.short_lived.store(0, Ordering::SeqCst);
            0
        };
        if short {
            tracing::warn!(
                cloud = %self.profile.name,
                life_ms = life.as_millis(),
                in_a_row,
                "Keystone issued a token that expires almost at once"
            );
        }
    }

    /// How soon after its arrival a token may be renewed: [`RENEW_FLOOR`], doubled for each
    /// token in a row before it that came with almost no life, up to [`MAX_BACKOFF`].
    fn floor(&self) -> Duration {
        let in_a_row = self.short_lived.load(Ordering::SeqCst);
        RENEW_FLOOR
            .saturating_mul(1 << in_a_row.saturating_sub(1).min(16))
            .min(MAX_BACKOFF)
    }

    /// When the held token should be renewed: `renew_before` ahead of expiry, or half-way
    /// through its life when it is shorter than twice that (the test Keystone's 8 s tokens);
    /// never sooner than the floor after it arrived ([`RENEW_FLOOR`], longer after tokens
    /// with almost no life). Both times are on the local clock (the token's life as Keystone
    /// wrote it, from its arrival).
    pub fn renewal_due(&self, token: &Token) -> SystemTime {
        let life = token
            .expires_at
            .duration_since(token.issued_at)
            .unwrap_or_default();
        let margin = self.renew_before.min(life / 2);
        let due = token
            .expires_at
            .checked_sub(margin)
            .unwrap_or(token.expires_at);
        let floor = token
            .issued_at
            .checked_add(self.floor())
            .unwrap_or(token.issued_at);
        due.max(floor)
    }

    fn expiring(&self, token: &Token) -> bool {
        SystemTime::now() >= self.renewal_due(token)
    }

    /// Adds the default microversion headers for the service `request` is bound for, unless
    /// the request asks for one itself.
    fn ask_microversion(&self, request: &mut RequestSpec, token: &Token) {
        let own = request
            .headers
            .iter()
            .any(|(name, _)| versions::is_microversion_header(name));
        if self.microversions.is_empty() || own {
            return;
        }
        let Some(service) = service_of(token, &request.url) else {
            return;
        };
        if let Some(version) = self.microversions.get(service) {
            request.headers.extend(versions::headers(service, version));
        }
    }

    /// Whether `url` is the cloud's: the auth URL's host and port, or any endpoint's of
    /// `token`'s catalog.
    pub fn owns(&self, url: &url::Url, token: Option<&Token>) -> bool {
        bound_for_cloud(
            url,
            self.profile.auth.auth_url.as_deref(),
            token.map(|t| &t.catalog),
        )
    }

    fn last_known(&self) -> Option<Arc<Token>> {
        self.known.read().ok().and_then(|t| t.clone())
    }
}

/// The official type of the service whose endpoint `url` is under (the longest match wins).
fn service_of<'t>(token: &'t Token, url: &url::Url) -> Option<&'t str> {
    let target = url.as_str();
    token
        .catalog
        .services
        .iter()
        .flat_map(|service| {
            service
                .endpoints
                .iter()
                .map(move |e| (service, e.url.trim_end_matches('/')))
        })
        .filter(|(_, base)| {
            target
                .strip_prefix(base)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
        })
        .max_by_key(|(_, base)| base.len())
        .map(|(service, _)| service.official_type())
}

impl AuthProvider for CloudSession {
    /// Adds `X-Auth-Token` to requests bound for the cloud, signing in first when needed. A
    /// token the user typed wins. A request elsewhere that finds the cloud unreachable is sent
    /// as it is; one bound for the cloud fails with Keystone's reason.
    fn live_secrets(&self) -> Vec<String> {
        let mut secrets: Vec<String> = [self.current(), self.last_known()]
            .into_iter()
            .flatten()
            .map(|token| token.value.expose().to_owned())
            .collect();
        if let Ok(retired) = self.retired.lock() {
            secrets.extend(retired.iter().cloned());
        }
        secrets.sort();
        secrets.dedup();
        secrets
    }

    /// The cloud's `cacert`, `verify`/`insecure` and `cert`/`key`, for its own hosts only: the
    /// auth URL's before a catalog is known, every endpoint's after.
    fn tls_for(&self, url: &url::Url) -> Option<TlsOptions> {
        self.owns(url, self.last_known().as_deref())
            .then(|| self.profile.tls.clone())
    }

    fn authorize<'a>(&'a self, request: &'a mut RequestSpec) -> AuthFuture<'a> {
        Box::pin(async move {
            if request.header("X-Auth-Token").is_some() {
                return Ok(());
            }
            // Once a catalog is known, requests to other hosts never wait for Keystone.
            let known = self.last_known();
            let bound_for_cloud = self.owns(&request.url, known.as_deref());
            if known.is_some() && !bound_for_cloud {
                return Ok(());
            }
            match self.token().await {
                Ok(token) => {
                    if self.owns(&request.url, Some(&token)) {
                        request
                            .headers
                            .push(("X-Auth-Token".to_owned(), token.value.expose().to_owned()));
                        self.ask_microversion(request, &token);
                    }
                    Ok(())
                }
                // Elsewhere the request goes as it is; to the cloud, Keystone's reason is the answer.
                Err(error) if bound_for_cloud => Err(AuthError(error.to_string())),
                Err(_) => Ok(()),
            }
        })
    }

    /// A service refused our token: forget it so the retry signs in again. Once only: the
    /// client retries a single time.
    fn unauthorized(&self, rejected: Exchange) -> RetryFuture<'_> {
        Box::pin(async move {
            let sent = rejected
                .request
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("x-auth-token"))
                .map(|(_, v)| v.clone());
            let Some(redacted) = sent else { return false };
            // The client returns the refused exchange itself when it does not retry; the
            // History gets it from here only when a retry takes its place.
            if let Some(observer) = &self.observer {
                let _ = observer.send(rejected);
            }
            self.invalidate(&redacted);
            true
        })
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
