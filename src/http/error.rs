//! Why no response arrived, in words a user can act on, with the underlying chain kept for
//! those who ask for it.

mod tls_words;

use std::error::Error as StdError;
use std::time::Duration;

/// The cause of a failed exchange.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("{0}")]
    InvalidRequest(String),
    #[error("connection refused by {host}: is the server running and listening on that port?")]
    Refused { host: String },
    #[error("could not resolve the host name in {host}")]
    Dns { host: String },
    #[error("no connection to {host} within {:.1} s (connect timeout)", after.as_secs_f64())]
    ConnectTimeout { host: String, after: Duration },
    #[error("no complete response within {:.1} s (request timeout)", after.as_secs_f64())]
    Timeout { after: Duration },
    #[error("TLS failure with {host}: {detail}")]
    Tls { host: String, detail: String },
    #[error("could not connect to {host}: {detail}")]
    Connect { host: String, detail: String },
    #[error("redirect failed: {0}")]
    Redirect(String),
    #[error("{0}")]
    Auth(String),
    #[error("the request failed: {0}")]
    Other(String),
    /// A failure read back from the history: its message as it was shown then.
    #[error("{0}")]
    Recorded(String),
}

/// Whose TLS settings reached the host of a hop, so a TLS failure's hint names the ones that
/// would change something there (a cloud's never reach a host that is not the cloud's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum TlsSource {
    /// `[http]`'s in config.toml, and `send`'s flags: every host's.
    #[default]
    Http,
    /// A cloud's (clouds.yaml), over `[http]`'s: its auth URL's and its catalog's hosts only.
    Cloud,
}

/// A failed exchange: the cause, and every message of the error chain beneath it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct Failure {
    pub error: HttpError,
    pub chain: Vec<String>,
}

impl From<HttpError> for Failure {
    fn from(error: HttpError) -> Self {
        Self {
            error,
            chain: Vec::new(),
        }
    }
}

/// Every message from `err` down its `source()` chain.
pub fn chain_of(err: &(dyn StdError + 'static)) -> Vec<String> {
    let mut chain = Vec::new();
    let mut current = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if chain.last() != Some(&text) {
            chain.push(text);
        }
        current = e.source();
    }
    chain
}

/// The most header lines an HTTP/1 response may have (hyper's own limit).
pub const MAX_HEADERS: usize = 100;

/// Turns a reqwest error into the cause a user can act on; `tls` says whose TLS settings
/// reached `host`, for the hint of a TLS failure.
pub fn classify(
    err: &reqwest::Error,
    host: &str,
    connect_timeout: Duration,
    tls: TlsSource,
) -> Failure {
    let chain = chain_of(err);
    let joined = chain.join(": ").to_ascii_lowercase();
    let host = host.to_owned();
    let io_kind = io_kind_in_chain(err);
    let error = if err.is_redirect() {
        HttpError::Redirect(chain.last().cloned().unwrap_or_default())
    } else if joined.contains("message head is too large") {
        // hyper's limits for HTTP/1, which reqwest does not let us change.
        HttpError::Other(format!(
            "{host} sent too many headers (more than {MAX_HEADERS}, or over 400 KiB of them): \
             the response was refused"
        ))
    } else if io_kind == Some(std::io::ErrorKind::ConnectionRefused)
        || joined.contains("connection refused")
    {
        HttpError::Refused { host }
    } else if joined.contains("dns error") || joined.contains("failed to lookup address") {
        HttpError::Dns { host }
    } else if err.is_connect() && (err.is_timeout() || joined.contains("timed out")) {
        HttpError::ConnectTimeout {
            host,
            after: connect_timeout,
        }
    } else if let Some((words, with_rustls_text)) = tls_words::sentence(err, tls) {
        let last = chain.last().cloned().unwrap_or_default();
        HttpError::Tls {
            host,
            detail: if with_rustls_text {
                format!("{words} ({last})")
            } else {
                words
            },
        }
    } else if joined.contains("certificate")
        || joined.contains("tls")
        || joined.contains("handshake")
    {
        HttpError::Tls {
            host,
            detail: tls_words::from_text(&joined, chain.last().cloned().unwrap_or_default(), tls),
        }
    } else if err.is_connect() {
        HttpError::Connect {
            host,
            detail: chain.last().cloned().unwrap_or_default(),
        }
    } else {
        HttpError::Other(chain.last().cloned().unwrap_or_else(|| err.to_string()))
    };
    Failure { error, chain }
}

fn io_kind_in_chain(err: &(dyn StdError + 'static)) -> Option<std::io::ErrorKind> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        current = e.source();
    }
    None
}
