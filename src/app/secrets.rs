//! Secrets in the composed request: which values must not be shown, and the URL as the
//! History, the inspector's title and the "Cancelled …" line show it — the cloud's token as
//! `{SHA256}<hex>`, as the exchange itself shows it once the client has scrubbed it.

use super::{App, Level};
use crate::http::{Draft, mask, redact};

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

impl App {
    /// The last run's draft back in the composer; when its body's secrets rest masked, the
    /// status line says they must be typed again (nothing is lost silently).
    pub fn restore_draft(&mut self, draft: &Draft) {
        self.composer.restore(draft);
        if let Some(note) = masked_note(&draft.body) {
            self.message = Some((
                Level::Warning,
                format!("The draft is back, but {note}: type it before sending"),
            ));
        }
    }
}

/// Why a body kept on disk cannot be sent as it is: the secret fields it holds as `***`
/// (a draft or a saved request written with secrets masked).
pub(super) fn masked_note(body: &str) -> Option<String> {
    let names = mask::masked_fields(body.as_bytes());
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("its body's {one} was stored masked (***)")),
        many => Some(format!(
            "its body's {} were stored masked (***)",
            many.join(", ")
        )),
    }
}
