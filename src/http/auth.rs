//! The seam where credentials enter requests. The `OpenStack` layer implements `AuthProvider`
//! to inject `X-Auth-Token` into requests bound for its cloud; plain requests use `NoAuth`.

use std::future::Future;
use std::pin::Pin;

use super::connect::TlsOptions;
use super::model::Exchange;
use super::spec::RequestSpec;

/// A future an auth provider returns; boxed so the trait stays object safe.
pub type AuthFuture<'a> = Pin<Box<dyn Future<Output = Result<(), AuthError>> + Send + 'a>>;

/// Why credentials could not be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("authentication failed: {0}")]
pub struct AuthError(pub String);

/// Adds credentials to requests just before they are sent.
pub trait AuthProvider: Send + Sync {
    /// Adds headers to `request` if it is bound for this provider's hosts; leaves it alone otherwise.
    fn authorize<'a>(&'a self, request: &'a mut RequestSpec) -> AuthFuture<'a>;

    /// A request this provider added a token to was answered 401 (`rejected`, secrets
    /// redacted). Returns whether the token was dropped and one more try makes sense.
    fn unauthorized(&self, rejected: Exchange) -> RetryFuture<'_> {
        drop(rejected);
        Box::pin(async { false })
    }

    /// The secrets this provider holds now (a cloud's token): wherever else they turn up in
    /// an exchange — a URL, another header, a body (`{{token}}` put them there) — they are
    /// redacted too before the exchange is kept or shown.
    fn live_secrets(&self) -> Vec<String> {
        Vec::new()
    }

    /// TLS settings of this provider's own for a request to `url` (a cloud's `cacert`,
    /// `verify`, `cert`/`key` for its hosts), laid over the client's; `None` everywhere else,
    /// so a lab cloud's `verify: false` or its client certificate never reaches another host.
    fn tls_for(&self, url: &url::Url) -> Option<TlsOptions> {
        let _ = url;
        None
    }
}

/// Whether to retry, decided asynchronously.
pub type RetryFuture<'a> = Pin<Box<dyn Future<Output = bool> + Send + 'a>>;

/// Adds nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoAuth;

impl AuthProvider for NoAuth {
    fn authorize<'a>(&'a self, _request: &'a mut RequestSpec) -> AuthFuture<'a> {
        Box::pin(async { Ok(()) })
    }
}
