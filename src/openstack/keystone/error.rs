//! Why signing in failed, as sentences that say what to change.

/// A failed Keystone sign-in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeystoneError {
    #[error("cloud {cloud} cannot sign in: {}", missing.join("; "))]
    Missing { cloud: String, missing: Vec<String> },
    #[error(
        "Keystone at {auth_url} refused the credentials of {who}: a wrong password, an unknown user, or no role on the requested scope ({detail})"
    )]
    Unauthorized {
        auth_url: String,
        who: String,
        detail: String,
    },
    #[error("Keystone needs the {which}'s domain: {hint} ({detail})")]
    MissingDomain {
        which: &'static str,
        hint: String,
        detail: String,
    },
    #[error(
        "{url} answered 404: is auth_url right? It should point at Keystone, e.g. https://host:5000/v3"
    )]
    NotFound { url: String },
    #[error(
        "Keystone at {auth_url} does not know the given token: it has expired or was revoked; get a new one (openstack token issue) and set it as auth.token"
    )]
    TokenNotFound { auth_url: String },
    #[error("Keystone at {auth_url} could not be reached: {cause}")]
    Unreachable { auth_url: String, cause: String },
    #[error("Keystone answered {status}: {message}")]
    Status {
        status: u16,
        message: String,
        /// Keystone's (or its proxy's) `Retry-After`, in seconds, with a 429 or 503.
        retry_after: Option<u64>,
    },
    #[error("Keystone's answer could not be used: {0}")]
    BadResponse(String),
}

impl KeystoneError {
    /// Whether the same credentials may succeed later: Keystone out of reach, failing (5xx) or
    /// asking us to slow down (429), not a refusal or a wrong setting.
    pub fn is_transient(&self) -> bool {
        match self {
            KeystoneError::Unreachable { .. } => true,
            KeystoneError::Status { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// How long Keystone asked us to wait before the next try.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            KeystoneError::Status {
                retry_after: Some(seconds),
                ..
            } => Some(std::time::Duration::from_secs(*seconds)),
            _ => None,
        }
    }
}
