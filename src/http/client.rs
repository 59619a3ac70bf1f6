//! Sending: one shared reqwest client (connections are reused), the request's headers made
//! explicit so the Raw view shows what really went out, and the response read with a size cap.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::auth::{AuthProvider, NoAuth};
pub use super::connect::TlsOptions;
use super::connect::{Transport, build_client};
use super::error::{Failure, HttpError, TlsSource, classify};
use super::model::{Exchange, Phases, Response, SentRequest, Timings};
use super::phases::HopClock;
use super::receive::{self, Progress};
use super::spec::RequestSpec;
use super::{redact, redirect};

/// How requests are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    /// For the whole exchange, body included.
    pub timeout: Duration,
    /// 0 means redirects are shown, not followed.
    pub max_redirects: usize,
    /// Bodies are kept in memory up to this many bytes, on the wire and after decoding.
    pub max_body_bytes: u64,
    /// Where a body above `max_body_bytes` is written whole (a temporary folder); `None`: it
    /// is cut at the cap.
    pub spill_dir: Option<std::path::PathBuf>,
    /// The most a body written to its file may take.
    pub max_download_bytes: u64,
    pub user_agent: String,
    /// A proxy for every request (its URL); `None`: `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`
    /// and `NO_PROXY` from the environment.
    pub proxy: Option<String>,
    /// Hosts the proxy is not used for (`NO_PROXY`'s syntax); `None`: the environment's.
    pub no_proxy: Option<String>,
    /// How servers' certificates are checked, and the client certificate to present.
    pub tls: TlsOptions,
    /// Whose `tls` is: a cloud's for Keystone's own client, built with the cloud's settings
    /// (a TLS failure's hint names the settings that reached the host).
    pub tls_source: TlsSource,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 10,
            max_body_bytes: 256 << 20,
            spill_dir: None,
            max_download_bytes: 4 << 30,
            user_agent: concat!("fiddlestack/", env!("CARGO_PKG_VERSION")).to_owned(),
            proxy: None,
            no_proxy: None,
            tls: TlsOptions::default(),
            tls_source: TlsSource::Http,
        }
    }
}

/// Encodings we can decode, announced on every request that does not set its own.
pub const ACCEPT_ENCODING: &str = "gzip, deflate, br";

/// Sends requests. Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct HttpClient {
    client: Transport,
    options: ClientOptions,
    auth: Arc<dyn AuthProvider>,
    /// Clients for requests with TLS settings of their own (`send -k`, curl's `--cacert`, a
    /// cloud's hosts), made on first use and kept for their connections.
    per_request_tls: Arc<std::sync::Mutex<std::collections::HashMap<TlsOptions, Transport>>>,
    /// Counts the body's bytes as they arrive, for one request's in-flight display.
    progress: Option<Progress>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut options = self.options.clone();
        options.proxy = options.proxy.as_deref().map(redact::url_for_display);
        f.debug_struct("HttpClient")
            .field("options", &options)
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    /// A client with no authentication.
    pub fn new(options: ClientOptions) -> Result<Self, HttpError> {
        Self::with_auth(options, Arc::new(NoAuth))
    }

    /// A client that lets `auth` add credentials to each request.
    pub fn with_auth(
        options: ClientOptions,
        auth: Arc<dyn AuthProvider>,
    ) -> Result<Self, HttpError> {
        let client = build_client(&options, &options.tls)?;
        Ok(Self {
            client,
            options,
            auth,
            per_request_tls: Arc::default(),
            progress: None,
        })
    }

    /// The client for one hop of `spec`: the request's own TLS settings (`send -k`, curl's
    /// `--cacert`) over the auth provider's for that host (a cloud's, for its hosts only) over
    /// this client's. Also whose settings reached the host, for a failure's hint.
    fn client_for(&self, spec: &RequestSpec) -> Result<(Transport, TlsSource), HttpError> {
        let (base, source) = match self.auth.tls_for(&spec.url) {
            Some(provider) => (provider.over(&self.options.tls), TlsSource::Cloud),
            None => (self.options.tls.clone(), self.options.tls_source),
        };
        let tls = match &spec.tls {
            Some(own) => own.over(&base),
            None => base,
        };
        if tls == self.options.tls {
            return Ok((self.client.clone(), source));
        }
        let cached = |clients: &Self| {
            clients
                .per_request_tls
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .get(&tls)
                .cloned()
        };
        if let Some(client) = cached(self) {
            return Ok((client, source));
        }
        // Built outside the lock: it reads PEM files.
        let client = build_client(&self.options, &tls)?;
        self.per_request_tls
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(tls, client.clone());
        Ok((client, source))
    }

    /// This client (same connections), counting the response body's bytes into `progress`.
    #[must_use]
    pub fn watched(&self, progress: &Progress) -> Self {
        Self {
            progress: Some(progress.clone()),
            ..self.clone()
        }
    }

    /// Sends `spec` and reports what happened; never panics, never returns early without an
    /// `Exchange` to show. Credentials come from the auth provider; a 401 on a token it added
    /// makes it forget that token, and the request is sent once more — never more. Secret
    /// headers are redacted in what comes back.
    pub async fn send(&self, spec: RequestSpec) -> Exchange {
        let mut exchange = self.send_with_secrets(spec).await;
        self.redact(&mut exchange);
        exchange
    }

    /// Takes the secrets out of an exchange `send_with_secrets` made: secret headers, and the
    /// auth provider's live token wherever else it went.
    pub fn redact(&self, exchange: &mut Exchange) {
        redact::exchange(exchange);
        redact::scrub(exchange, &self.auth.live_secrets());
    }

    /// As [`send`](Self::send), but the secret headers are left in clear: for Keystone's own
    /// calls, which must read the token it returns. The caller redacts before keeping it.
    pub async fn send_with_secrets(&self, spec: RequestSpec) -> Exchange {
        let (first, injected) = self.send_authorized(spec.clone()).await;
        let rejected = matches!(&first.outcome, Ok(response) if response.status == 401);
        if injected
            && rejected
            && self
                .auth
                .unauthorized(redacted(&first, &self.auth.live_secrets()))
                .await
        {
            return self.send_authorized(spec).await.0;
        }
        first
    }

    /// One attempt: credentials added, redirects followed. Also says whether the provider
    /// added a token (a token the user typed is the user's business).
    async fn send_authorized(&self, mut spec: RequestSpec) -> (Exchange, bool) {
        let typed = spec.header("X-Auth-Token").is_some();
        if let Err(e) = self.auth.authorize(&mut spec).await {
            let exchange = failed(self.as_sent(&spec), HttpError::Auth(e.to_string()).into());
            return (exchange, false);
        }
        let injected = !typed && spec.header("X-Auth-Token").is_some();
        (self.follow(spec).await, injected)
    }

    /// Sends `spec`, following up to `max_redirects` redirects; the exchange returned is the last
    /// hop's, with the hops before it listed in its response.
    async fn follow(&self, mut spec: RequestSpec) -> Exchange {
        let started_at = SystemTime::now();
        let start = Instant::now();
        // One deadline for the whole exchange; a body still arriving at it keeps what came.
        // A timeout too large to add (a config typo) means no deadline worth having: a day.
        let now = tokio::time::Instant::now();
        let deadline = now
            .checked_add(self.options.timeout)
            .unwrap_or_else(|| now + Duration::from_hours(24));
        let mut hops = Vec::new();
        let mut phases = Phases::default();
        loop {
            let request = self.as_sent(&spec);
            // Per hop: a redirect from the cloud to another host leaves the cloud's TLS behind.
            let (client, tls) = match self.client_for(&spec) {
                Ok(chosen) => chosen,
                Err(error) => {
                    let mut exchange = failed(request, error.into());
                    exchange.timings.started_at = started_at;
                    return exchange;
                }
            };
            let host = match spec.url.port_or_known_default() {
                Some(port) => format!("{}:{port}", spec.url.host_str().unwrap_or_default()),
                None => spec.url.host_str().unwrap_or_default().to_owned(),
            };
            let hop = Hop {
                transport: &client,
                host: &host,
                tls,
            };
            let mut clock = HopClock::start();
            let mut outcome = self.exchange(&hop, &request, deadline, &mut clock).await;
            clock.add_to(&mut phases);
            let next = match &outcome {
                Ok(response)
                    if self.options.max_redirects > 0 && redirect::is_redirect(response.status) =>
                {
                    redirect::next(&spec, response)
                }
                _ => None,
            };
            if let (Some(next), Ok(response)) = (next, &outcome) {
                let hop = format!("{} {} → {}", response.status, request.url, next.url);
                if hops.len() >= self.options.max_redirects {
                    hops.push(hop);
                    let error = HttpError::Redirect(format!(
                        "more than {} redirects: {}",
                        self.options.max_redirects,
                        hops.join(", ")
                    ));
                    outcome = Err(error.into());
                } else {
                    hops.push(hop);
                    spec = next;
                    continue;
                }
            }
            let total = start.elapsed();
            if let Ok(response) = &mut outcome {
                response.redirects = hops;
            }
            let got_response = outcome.is_ok();
            return Exchange {
                request,
                outcome,
                timings: Timings {
                    started_at,
                    first_byte: clock.head.map(|head| head.saturating_duration_since(start)),
                    total,
                    phases: got_response.then_some(phases),
                },
            };
        }
    }

    /// The request as it goes on the wire: User-Agent, Accept and Accept-Encoding unless the
    /// user set them, the user's headers in order, Content-Length when there is a body (or the
    /// method expects one), and Host last, where hyper writes it, unless the user typed one.
    /// Names go out Title-Cased on HTTP/1 (`http1_title_case_headers`); the Raw view shows them so.
    pub fn as_sent(&self, spec: &RequestSpec) -> SentRequest {
        let mut headers = Vec::with_capacity(spec.headers.len() + 5);
        let defaults = [
            ("User-Agent", self.options.user_agent.as_str()),
            ("Accept", "*/*"),
            ("Accept-Encoding", ACCEPT_ENCODING),
        ];
        for (name, value) in defaults {
            if spec.header(name).is_none() {
                headers.push((name.to_owned(), value.to_owned()));
            }
        }
        headers.extend(spec.headers.iter().cloned());
        let needs_length =
            !spec.body.is_empty() || matches!(spec.method.as_str(), "POST" | "PUT" | "PATCH");
        if needs_length && spec.header("Content-Length").is_none() {
            headers.push(("Content-Length".to_owned(), spec.body.len().to_string()));
        }
        if spec.header("Host").is_none() {
            headers.push(("Host".to_owned(), host_header(&spec.url)));
        }
        SentRequest {
            method: spec.method.clone(),
            url: spec.url.to_string(),
            headers,
            body: Bytes::from(spec.body.clone()),
        }
    }

    async fn exchange(
        &self,
        hop: &Hop<'_>,
        request: &SentRequest,
        deadline: tokio::time::Instant,
        clock: &mut HopClock,
    ) -> Result<Response, Failure> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|e| HttpError::InvalidRequest(format!("invalid method: {e}")))?;
        let mut headers = HeaderMap::new();
        // A Host equal to the URL's is left to hyper, which writes it for HTTP/1 and turns it
        // into :authority for HTTP/2. One the user typed that differs goes out as shown.
        let url_host = url::Url::parse(&request.url)
            .map(|url| host_header(&url))
            .unwrap_or_default();
        let to_send = request
            .headers
            .iter()
            .filter(|(name, value)| !(name.eq_ignore_ascii_case("host") && *value == url_host));
        for (name, value) in to_send {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| {
                HttpError::InvalidRequest(format!("invalid header name {name}: {e}"))
            })?;
            let value = HeaderValue::from_str(value).map_err(|e| {
                HttpError::InvalidRequest(format!("invalid value for header {name}: {e}"))
            })?;
            headers.append(name, value);
        }
        clock.started = Instant::now();
        let sending = hop
            .transport
            .client
            .request(method, &request.url)
            .headers(headers)
            .body(request.body.clone())
            .send();
        let response = tokio::time::timeout_at(deadline, sending)
            .await
            .map_err(|_elapsed| HttpError::Timeout {
                after: self.options.timeout,
            })?
            .map_err(|e| classify(&e, hop.host, self.options.connect_timeout, hop.tls))?;
        clock.head = Some(Instant::now());
        clock.setup = hop.transport.setups.claim(&response, clock.started);
        let response = self.read_response(response, deadline).await;
        clock.done = Some(Instant::now());
        response
    }

    async fn read_response(
        &self,
        mut response: reqwest::Response,
        deadline: tokio::time::Instant,
    ) -> Result<Response, Failure> {
        let status = response.status();
        let reason = response
            .extensions()
            .get::<hyper::ext::ReasonPhrase>()
            .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned())
            .or_else(|| status.canonical_reason().map(str::to_owned))
            .unwrap_or_default();
        let version = format!("{:?}", response.version());
        let headers: Vec<(String, Vec<u8>)> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.as_bytes().to_vec()))
            .collect();
        let header_len = version.len()
            + reason.len()
            + 7
            + headers
                .iter()
                .map(|(n, v)| n.len() + v.len() + 4)
                .sum::<usize>()
            + 2;
        let final_url = response.url().to_string();
        let remote_addr = response.remote_addr();
        let encoding = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-encoding"))
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned());
        let limits = receive::Limits {
            cap: self.options.max_body_bytes,
            spill_dir: self.options.spill_dir.clone(),
            max_download: self.options.max_download_bytes,
            timeout: self.options.timeout,
        };
        let body = receive::read(
            &mut response,
            deadline,
            &limits,
            self.progress.as_ref(),
            encoding,
        )
        .await;
        Ok(Response {
            status: status.as_u16(),
            reason,
            version,
            headers,
            body: Bytes::from(body.bytes),
            wire_body_len: body.wire_len,
            header_len,
            final_url,
            redirects: Vec::new(),
            remote_addr,
            incomplete: body.incomplete,
            spilled: body.spilled,
            interrupted: body.interrupted,
        })
    }
}

/// Where one hop goes: its client, `host:port`, and whose TLS settings reached that host.
struct Hop<'a> {
    transport: &'a Transport,
    host: &'a str,
    tls: TlsSource,
}

/// A copy of `exchange` fit to keep: secret headers redacted and `secrets` (the live token,
/// which `{{token}}` may have put in the URL or the body) scrubbed wherever they went.
fn redacted(exchange: &Exchange, secrets: &[String]) -> Exchange {
    let mut copy = exchange.clone();
    redact::exchange(&mut copy);
    redact::scrub(&mut copy, secrets);
    copy
}

fn failed(request: SentRequest, failure: Failure) -> Exchange {
    Exchange {
        request,
        outcome: Err(failure),
        timings: Timings {
            started_at: SystemTime::now(),
            first_byte: None,
            total: Duration::ZERO,
            phases: None,
        },
    }
}

/// `host[:port]` as hyper writes it: the port only when it is not the scheme's default.
fn host_header(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::spec::Draft;

    fn spec(method: &str, headers: &[&str], body: &str) -> RequestSpec {
        Draft {
            method: method.into(),
            url: "http://127.0.0.1:9/x?y=1".into(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            body: body.into(),
        }
        .build()
        .expect("valid draft")
    }

    #[test]
    fn as_sent_adds_defaults_the_user_did_not_set() {
        let client = HttpClient::new(ClientOptions::default()).expect("client");
        let sent = client.as_sent(&spec("POST", &["Accept: application/json", "X-A: 1"], "{}"));
        let names: Vec<&str> = sent.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "User-Agent",
                "Accept-Encoding",
                "Accept",
                "X-A",
                "Content-Type",
                "Content-Length",
                "Host"
            ]
        );
        assert_eq!(sent.headers[5].1, "2");
        assert_eq!(sent.headers[6].1, "127.0.0.1:9");
        assert_eq!(sent.target(), "/x?y=1");
    }

    #[test]
    fn get_without_body_has_no_content_length() {
        let client = HttpClient::new(ClientOptions::default()).expect("client");
        let sent = client.as_sent(&spec("GET", &[], ""));
        assert!(sent.headers.iter().all(|(n, _)| n != "Content-Length"));
    }
}
