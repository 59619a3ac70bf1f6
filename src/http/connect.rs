//! How a reqwest client is built for a set of options: the proxy (the configured one, or the
//! environment's), TLS (extra CAs, verification off, a client certificate), and the timing of
//! each connection's set-up (DNS, connect, TLS; see `setup`).

mod pinned;
pub mod setup;

use std::sync::Arc;

pub use setup::{Setup, SetupLog};

use super::client::ClientOptions;
use super::error::HttpError;
use super::redact;

/// TLS for one client: a cloud's `cacert`, `verify`/`insecure`, `cert` and `key`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TlsOptions {
    /// `false`: any certificate is accepted (the status line says so while it is in effect).
    pub verify: bool,
    /// A PEM bundle of CAs trusted besides the system's.
    pub cacert: Option<std::path::PathBuf>,
    /// A PEM client certificate, and its key when not in the same file.
    pub cert: Option<std::path::PathBuf>,
    pub key: Option<std::path::PathBuf>,
}

impl Default for TlsOptions {
    fn default() -> Self {
        Self {
            verify: true,
            cacert: None,
            cert: None,
            key: None,
        }
    }
}

/// A reqwest client and the set-ups of the connections it makes.
#[derive(Debug, Clone)]
pub(super) struct Transport {
    pub client: reqwest::Client,
    pub setups: SetupLog,
}

/// A reqwest client for `options` with `tls`. Redirects are followed in `follow`, where
/// credentials can be kept from other origins.
pub(super) fn build_client(
    options: &ClientOptions,
    tls: &TlsOptions,
) -> Result<Transport, HttpError> {
    let setups = SetupLog::default();
    let builder = reqwest::Client::builder()
        .connect_timeout(options.connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .http1_title_case_headers()
        .dns_resolver(Arc::new(setup::TimedResolver))
        .connector_layer(setup::TimingLayer::new(setups.clone()));
    let client = with_tls(with_proxy(builder, options)?, tls)?
        .build()
        .map_err(|e| HttpError::Other(format!("the HTTP client could not start: {e}")))?;
    Ok(Transport { client, setups })
}

/// The configured proxy in place of the environment's; `no_proxy` (else `NO_PROXY`) exempts
/// hosts from it. `no_proxy` alone applies to the environment's proxies.
fn with_proxy(
    mut builder: reqwest::ClientBuilder,
    options: &ClientOptions,
) -> Result<reqwest::ClientBuilder, HttpError> {
    let exempt = || match &options.no_proxy {
        Some(hosts) => reqwest::NoProxy::from_string(hosts),
        None => reqwest::NoProxy::from_env(),
    };
    // A password in the URL is never repeated.
    let unusable = |url: &str, e: reqwest::Error| {
        let url = redact::url_for_display(url);
        let e = e.without_url();
        HttpError::InvalidRequest(format!("the proxy {url} is not usable: {e}"))
    };
    if let Some(url) = &options.proxy {
        let proxy = reqwest::Proxy::all(url).map_err(|e| unusable(url, e))?;
        return Ok(builder.proxy(proxy.no_proxy(exempt())));
    }
    if options.no_proxy.is_none() {
        // reqwest reads the environment's proxies itself.
        return Ok(builder);
    }
    let from_env = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    };
    let all = from_env(&["ALL_PROXY", "all_proxy"]);
    // The order reqwest reads them in, so `no_proxy` changes nothing else.
    let http = from_env(&["HTTP_PROXY", "http_proxy"]).or_else(|| all.clone());
    let https = from_env(&["HTTPS_PROXY", "https_proxy"]).or(all);
    // Adding any proxy turns reqwest's own reading of the environment off.
    builder = builder.no_proxy();
    if let Some(url) = http {
        let proxy = reqwest::Proxy::http(&url).map_err(|e| unusable(&url, e))?;
        builder = builder.proxy(proxy.no_proxy(exempt()));
    }
    if let Some(url) = https {
        let proxy = reqwest::Proxy::https(&url).map_err(|e| unusable(&url, e))?;
        builder = builder.proxy(proxy.no_proxy(exempt()));
    }
    Ok(builder)
}

/// A PEM file: a regular file of at most 4 MiB (a pasted `--cacert /dev/zero` or a FIFO
/// must not hang or fill memory).
fn read_pem(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    const MAX: u64 = 4 << 20;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    if metadata.len() > MAX {
        return Err(std::io::Error::other("it is larger than 4 MiB"));
    }
    let mut bytes = Vec::new();
    file.take(MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The client builder with `tls` applied: extra CAs from `cacert` (a certificate of it that is
/// the server's own trusted as it is, see `pinned`), verification off, the client
/// certificate. A file that cannot be read or holds no usable PEM is an error that names it.
/// The rustls configuration is always ours (see `pinned::client_config`), its session cache
/// marking when each handshake starts.
fn with_tls(
    builder: reqwest::ClientBuilder,
    tls: &TlsOptions,
) -> Result<reqwest::ClientBuilder, HttpError> {
    let bundle = match (&tls.cacert, tls.verify) {
        (Some(path), true) => {
            let pem = read("CA bundle (cacert)", path)?;
            let trusted = pinned::bundle(&pem).map_err(|why| {
                HttpError::InvalidRequest(format!(
                    "the CA bundle (cacert) {} {why}",
                    path.display()
                ))
            })?;
            Some((path, trusted))
        }
        _ => None,
    };
    let identity = match client_pem(tls)? {
        Some((path, pem)) => {
            Some(pinned::ClientIdentity::from_pem(&pem).map_err(|why| unusable(&path, &why))?)
        }
        None => None,
    };
    let (check, cacert) = match bundle {
        Some((path, trusted)) => (pinned::Check::Verify(trusted), Some(path)),
        None if tls.verify => (pinned::Check::Verify(Vec::new()), None),
        None => (pinned::Check::Off, None),
    };
    let mut config = pinned::client_config(check, identity).map_err(|why| {
        HttpError::InvalidRequest(match cacert {
            Some(path) => format!(
                "TLS with the CA bundle (cacert) {} cannot be set up: {why}",
                path.display()
            ),
            None => format!("TLS cannot be set up: {why}"),
        })
    })?;
    config.resumption =
        rustls::client::Resumption::store(Arc::new(setup::MarkingSessions::default()));
    Ok(builder.use_preconfigured_tls(config))
}

fn read(what: &str, path: &std::path::Path) -> Result<Vec<u8>, HttpError> {
    read_pem(path).map_err(|e| {
        HttpError::InvalidRequest(format!("the {what} {} cannot be read: {e}", path.display()))
    })
}

/// The client certificate's PEM, with its key appended when that is another file.
fn client_pem(tls: &TlsOptions) -> Result<Option<(std::path::PathBuf, Vec<u8>)>, HttpError> {
    let Some(path) = &tls.cert else {
        return Ok(None);
    };
    let mut pem = read("client certificate (cert)", path)?;
    if let Some(key) = &tls.key {
        pem.push(b'\n');
        pem.extend(read("client key (key)", key)?);
    }
    Ok(Some((path.clone(), pem)))
}

fn unusable(path: &std::path::Path, why: &str) -> HttpError {
    HttpError::InvalidRequest(format!(
        "the client certificate {} (with its key) is not usable: {why}",
        path.display()
    ))
}
