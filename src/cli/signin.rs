//! Signing in for a subcommand: one shared path for `token`, `catalog` and `send --cloud`.

use std::sync::Arc;

use super::ExitStatus;
use super::tui::client_options;
use std::path::Path;

use super::cloud::{Need, choose};
use crate::config::{self, Config};
use crate::http::{ClientOptions, HttpClient};
use crate::openstack::clouds::CloudProfile;
use crate::openstack::keystone::{KeystoneError, Token};
use crate::openstack::session::CloudSession;
use crate::openstack::token_cache::TokenCache;
use crate::text::sanitize;

/// A session for `profile` on a plain client (Keystone's calls carry no token of ours), with
/// the renewal margin, microversions and token cache the config asks for.
pub fn session(config: &Config, profile: CloudProfile) -> Result<Arc<CloudSession>, String> {
    let options = crate::http::ClientOptions {
        tls: profile.tls.over(&config.http.tls),
        tls_source: crate::http::error::TlsSource::Cloud,
        ..client_options(config)
    };
    let http = HttpClient::new(keystone_options(options)).map_err(|e| e.to_string())?;
    let session = CloudSession::new(profile, http)
        .renew_before(config.openstack.renew_before)
        .microversions(&config.openstack.microversions);
    Ok(Arc::new(match token_cache(config) {
        Some(cache) => session.cached_in(cache),
        None => session,
    }))
}

/// Options for Keystone's own calls: no redirects, so a password never follows one to another
/// origin or down from https to http.
pub fn keystone_options(options: ClientOptions) -> ClientOptions {
    ClientOptions {
        max_redirects: 0,
        ..options
    }
}

/// The on-disk token cache, when `[openstack] cache_tokens` asks for it.
pub fn token_cache(config: &Config) -> Option<TokenCache> {
    config
        .openstack
        .cache_tokens
        .then(config::data_dir)
        .flatten()
        .map(|dir| TokenCache::new(&dir))
}

/// A signed-in cloud: what `token` and `catalog` print from.
pub struct Signed {
    pub session: Arc<CloudSession>,
    pub token: Arc<Token>,
}

/// Loads the config, picks the cloud (`--cloud` or the usual rules) and signs in; every
/// failure is reported on stderr and comes back as its exit status.
pub fn sign_in(config_path: Option<&Path>, cloud: Option<&str>) -> Result<Signed, ExitStatus> {
    let config = config::load(config_path).map_err(|e| {
        eprintln!("fiddlestack: {e}");
        ExitStatus::NotSent
    })?;
    let profile = match choose(&config.config, cloud, Need::Required) {
        Ok(Some(profile)) => profile,
        Ok(None) => return Err(ExitStatus::NotSent),
        Err(message) => {
            eprintln!("fiddlestack: {message}");
            return Err(ExitStatus::NotSent);
        }
    };
    let session = session(&config.config, profile).map_err(|message| {
        eprintln!("fiddlestack: {message}");
        ExitStatus::NotSent
    })?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            eprintln!("fiddlestack: could not start the async runtime: {e}");
            ExitStatus::NotSent
        })?;
    let token = runtime.block_on(token(&session))?;
    Ok(Signed { session, token })
}

/// Signs in, or says why not with the exit status that fits.
pub async fn token(session: &CloudSession) -> Result<Arc<Token>, ExitStatus> {
    session.token().await.map_err(|error| {
        eprintln!("fiddlestack: {}", sanitize(&error.to_string()));
        status_of(&error)
    })
}

/// Exit status for a failed sign-in.
pub fn status_of(error: &KeystoneError) -> ExitStatus {
    match error {
        KeystoneError::Unreachable { .. } => ExitStatus::NoResponse,
        // Keystone failing or asking to slow down: no answer to use, not a refusal.
        KeystoneError::Status { status, .. } if *status >= 500 || *status == 429 => {
            ExitStatus::NoResponse
        }
        KeystoneError::Missing { .. } => ExitStatus::NotSent,
        _ => ExitStatus::AuthFailed,
    }
}
