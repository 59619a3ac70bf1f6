//! How long a connection took to set up, measured where each step happens: the name looked
//! up (our resolver), TCP connected, TLS negotiated (rustls asks its session store for a
//! ticket as it writes the `ClientHello`: the handshake starts there), all inside reqwest's
//! connector, which a layer of ours wraps. The steps of one connection find each other
//! through a task-local `Probe` the layer sets while the connector runs; the finished
//! `Setup` is logged under the connection's addresses, where the first response on that
//! connection takes it. A response that finds none came on a connection already open.

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use hyper_util::client::legacy::connect::{Connection, HttpInfo};
use rustls::client::Tls13ClientSessionValue;
use rustls::client::{ClientSessionMemoryCache, ClientSessionStore, Tls12ClientSessionValue};
use rustls::pki_types::ServerName;

/// How one connection was set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setup {
    /// When the connector was asked for the connection.
    pub started: Instant,
    /// Looking the name up; `None` for an IP address (no lookup).
    pub dns: Option<Duration>,
    /// TCP (and, through a proxy, the proxy's tunnel), from the name known to the socket open.
    pub connect: Duration,
    /// The TLS handshake; `None` for plain HTTP.
    pub tls: Option<Duration>,
    /// When the connection was ready to carry the request.
    pub ready: Instant,
}

/// What the steps of one connection report while the connector runs.
#[derive(Debug, Default)]
struct Probe {
    dns: OnceLock<(Instant, Instant)>,
    tls_started: OnceLock<Instant>,
}

tokio::task_local! {
    static PROBE: Arc<Probe>;
}

/// Connections set up by one client and not yet claimed by a response, by their
/// `(local, remote)` addresses, which name one open TCP connection.
#[derive(Debug, Clone, Default)]
pub struct SetupLog {
    setups: Arc<Mutex<HashMap<(SocketAddr, SocketAddr), Setup>>>,
}

/// Set-ups a response never claimed (a connection that failed before answering, one made
/// in the background and closed idle) are dropped past this many.
const MOST_UNCLAIMED: usize = 256;

impl SetupLog {
    fn record(&self, addresses: (SocketAddr, SocketAddr), setup: Setup) {
        let mut setups = self.setups.lock().unwrap_or_else(PoisonError::into_inner);
        if setups.len() >= MOST_UNCLAIMED {
            setups.clear();
        }
        setups.insert(addresses, setup);
    }

    /// The set-up of the connection `response` came on, when it was made for a request sent
    /// at or after `since` and no response claimed it before. `None`: the connection was
    /// open already (reused).
    pub fn claim(&self, response: &reqwest::Response, since: Instant) -> Option<Setup> {
        let info = response.extensions().get::<HttpInfo>()?;
        let mut setups = self.setups.lock().unwrap_or_else(PoisonError::into_inner);
        let setup = setups.remove(&(info.local_addr(), info.remote_addr()))?;
        (setup.started >= since).then_some(setup)
    }
}

/// The layer reqwest's connector is wrapped in (`ClientBuilder::connector_layer`).
#[derive(Debug, Clone)]
pub struct TimingLayer {
    log: SetupLog,
}

impl TimingLayer {
    pub fn new(log: SetupLog) -> Self {
        Self { log }
    }
}

impl<S> tower_layer::Layer<S> for TimingLayer {
    type Service = Timed<S>;

    fn layer(&self, inner: S) -> Timed<S> {
        Timed {
            inner,
            log: self.log.clone(),
        }
    }
}

/// reqwest's connector, timed.
#[derive(Debug, Clone)]
pub struct Timed<S> {
    inner: S,
    log: SetupLog,
}

type Boxed<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S, R> tower_service::Service<R> for Timed<S>
where
    S: tower_service::Service<R>,
    S::Response: Connection + Send + 'static,
    S::Error: Send + 'static,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Boxed<S::Response, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        let probe = Arc::new(Probe::default());
        let started = Instant::now();
        let connecting = PROBE.sync_scope(Arc::clone(&probe), || self.inner.call(request));
        let log = self.log.clone();
        Box::pin(PROBE.scope(Arc::clone(&probe), async move {
            let connection = connecting.await?;
            let ready = Instant::now();
            let mut extras = http::Extensions::new();
            connection.connected().get_extras(&mut extras);
            if let Some(info) = extras.get::<HttpInfo>() {
                let setup = probe.setup(started, ready);
                log.record((info.local_addr(), info.remote_addr()), setup);
            }
            Ok(connection)
        }))
    }
}

impl Probe {
    /// The steps between `started` and `ready`: what comes before TLS (or the end) after
    /// the name is known is the connect.
    fn setup(&self, started: Instant, ready: Instant) -> Setup {
        let dns = self.dns.get().copied();
        let tls_started = self.tls_started.get().copied();
        let connect_from = dns.map_or(started, |(_, done)| done);
        let connect_to = tls_started.unwrap_or(ready);
        Setup {
            started,
            dns: dns.map(|(from, to)| to.saturating_duration_since(from)),
            connect: connect_to.saturating_duration_since(connect_from),
            tls: tls_started.map(|from| ready.saturating_duration_since(from)),
            ready,
        }
    }
}

/// Reports a step to the connection being set up on this task, if there is one.
fn report(step: impl FnOnce(&Probe)) {
    let _ = PROBE.try_with(|probe| step(probe));
}

/// reqwest's resolver is `getaddrinfo` on a blocking thread; so is this one, timed.
#[derive(Debug, Default)]
pub struct TimedResolver;

impl reqwest::dns::Resolve for TimedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        let probe = PROBE.try_with(Arc::clone).ok();
        Box::pin(async move {
            let started = Instant::now();
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let addresses: Vec<SocketAddr> = found.collect();
            if let Some(probe) = probe {
                let _ = probe.dns.set((started, Instant::now()));
            }
            Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// rustls's own in-memory session cache (as reqwest's default), noting when the handshake
/// starts: rustls looks for a session to resume as it writes the `ClientHello`.
#[derive(Debug)]
pub struct MarkingSessions {
    inner: ClientSessionMemoryCache,
}

impl Default for MarkingSessions {
    /// Room for as many sessions as rustls's default resumption keeps.
    fn default() -> Self {
        Self {
            inner: ClientSessionMemoryCache::new(256),
        }
    }
}

impl MarkingSessions {
    fn mark() {
        let now = Instant::now();
        report(|probe| {
            let _ = probe.tls_started.set(now);
        });
    }
}

impl ClientSessionStore for MarkingSessions {
    fn set_kx_hint(&self, server_name: ServerName<'static>, group: rustls::NamedGroup) {
        self.inner.set_kx_hint(server_name, group);
    }

    fn kx_hint(&self, server_name: &ServerName<'_>) -> Option<rustls::NamedGroup> {
        Self::mark();
        self.inner.kx_hint(server_name)
    }

    fn set_tls12_session(&self, server_name: ServerName<'static>, value: Tls12ClientSessionValue) {
        self.inner.set_tls12_session(server_name, value);
    }

    fn tls12_session(&self, server_name: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        Self::mark();
        self.inner.tls12_session(server_name)
    }

    fn remove_tls12_session(&self, server_name: &ServerName<'static>) {
        self.inner.remove_tls12_session(server_name);
    }

    fn insert_tls13_ticket(
        &self,
        server_name: ServerName<'static>,
        value: Tls13ClientSessionValue,
    ) {
        self.inner.insert_tls13_ticket(server_name, value);
    }

    fn take_tls13_ticket(
        &self,
        server_name: &ServerName<'static>,
    ) -> Option<Tls13ClientSessionValue> {
        Self::mark();
        self.inner.take_tls13_ticket(server_name)
    }
}
