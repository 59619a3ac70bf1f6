//! A string that must not leak: its `Debug` and `Display` never show it.

/// A password, token or application credential secret.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that needs it (a request body or header).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `{SHA256}<hex>`: how keystoneauth prints a token in logs, so two redacted tokens can
    /// still be told apart.
    pub fn redacted(&self) -> String {
        redact(&self.0)
    }
}

pub use crate::redaction::redact;

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shown_by_debug_or_display() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret:?} {secret}"), "Secret(***) ***");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn redacts_like_keystoneauth() {
        // sha256("abc"), the FIPS 180-2 test vector.
        assert_eq!(
            redact("abc"),
            "{SHA256}ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
