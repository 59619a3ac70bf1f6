//! Secrets in the composed request: which values must not be shown, and the URL as the
//! History, the inspector's title and the "Cancelled …" line show it — the cloud's token as
//! `{SHA256}<hex>`, as the exchange itself shows it once the client has scrubbed it.

use super::App;
use crate::http::redact;

impl App {
    /// The values a request may carry that are never shown in clear: the signed-in cloud's
    /// token (which `{{token}}` puts anywhere).
    pub(super) fn secret_values(&self) -> Vec<String> {
        let mut secrets = Vec::new();
        if let Some(token) = self
            .cloud
            .as_ref()
            .and_then(|c| c.signed_in.as_ref())
            .map(|s| s.token.expose())
            .filter(|t| !t.is_empty())
        {
            secrets.push(token.to_owned());
        }
        secrets
    }

    /// `url` as shown and kept for display: each of [`secret_values`](Self::secret_values)
    /// as `{SHA256}<hex>`.
    pub(super) fn shown_url(&self, url: &str) -> String {
        let secrets = self.secret_values();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        redact::scrub_text(url, &secrets)
    }
}
