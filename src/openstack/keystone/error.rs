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
    #[error("Keystone at {auth_url} could not be reached: {cause}")]
    Unreachable { auth_url: String, cause: String },
    #[error("Keystone answered {status}: {message}")]
    Status { status: u16, message: String },
    #[error("Keystone's answer could not be used: {0}")]
    BadResponse(String),
}

impl KeystoneError {
    /// Whether the same credentials may succeed later: Keystone out of reach or failing (5xx),
    /// not a refusal or a wrong setting.
    pub fn is_transient(&self) -> bool {
        match self {
            KeystoneError::Unreachable { .. } => true,
            KeystoneError::Status { status, .. } => *status >= 500,
            _ => false,
        }
    }
}
