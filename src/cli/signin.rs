//! Signing in for a subcommand: one shared path for `token`, `catalog` and `send --cloud`.

use std::sync::Arc;

use super::ExitStatus;
use super::tui::client_options;
use crate::config::Config;
use crate::http::HttpClient;
use crate::openstack::clouds::CloudProfile;
use crate::openstack::keystone::{KeystoneError, Token};
use crate::openstack::session::CloudSession;
use crate::text::sanitize;

/// A session for `profile` on a plain client (Keystone's calls carry no token of ours).
pub fn session(config: &Config, profile: CloudProfile) -> Result<Arc<CloudSession>, String> {
    let http = HttpClient::new(client_options(config)).map_err(|e| e.to_string())?;
    Ok(Arc::new(
        CloudSession::new(profile, http).renew_before(config.openstack.renew_before),
    ))
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
        KeystoneError::Missing { .. } => ExitStatus::NotSent,
        _ => ExitStatus::AuthFailed,
    }
}
