//! Secrets in the composed request: which values must not be shown, and the URL as the
//! History, the inspector's title and the "Cancelled …" line show it — the cloud's token as
//! `{SHA256}<hex>`, as the exchange itself shows it once the client has scrubbed it; and what
//! the composer warns about before sending (the token bound for another host, a redacted
//! header that will be left out).

use super::{App, Level};
use crate::http::redact::{holds_redacted, is_secret_header};
use crate::http::template;
use crate::http::{Draft, mask, redact};
use crate::openstack::catalog::parse_relative;

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

impl App {
    /// The composer's warning, worked out again after every update: a redacted secret
    /// header first (it will be left out), else the cloud's token bound for another host.
    pub(super) fn check_secrets(&mut self) {
        let warning = self
            .redacted_header_warning()
            .or_else(|| self.token_destination_warning());
        if warning != self.composer.warning {
            self.composer.warning = warning;
        }
    }

    /// A header line (switched on) whose secret value is a redaction, `{SHA256}…` or
    /// `{SHA1}…`: sending it would only be refused, so it is left out.
    fn redacted_header_warning(&self) -> Option<String> {
        self.composer.headers.lines().iter().find_map(|line| {
            if line.trim_start().starts_with('#') {
                return None;
            }
            let (name, value) = line.split_once(':')?;
            let name = name.trim();
            (is_secret_header(name) && holds_redacted(value.trim())).then(|| {
                let instead = if name.eq_ignore_ascii_case("x-auth-token") && self.cloud.is_some() {
                    "; the cloud's token goes instead"
                } else {
                    ""
                };
                format!("{name} holds a redacted value ({{SHA…}}): it is not sent{instead}")
            })
        })
    }

    /// The signed-in cloud's token (through `{{token}}`, another variable, or pasted) in a
    /// request bound for a host that is not one of the catalog's: said, not refused — the
    /// user may mean it. Work is done only when the composer holds a placeholder or the
    /// token, and the request is expanded only when its URL leaves the cloud.
    fn token_destination_warning(&self) -> Option<String> {
        let signed_in = self.cloud.as_ref()?.signed_in.as_ref()?;
        let token = signed_in.token.expose();
        if token.is_empty() {
            return None;
        }
        let composer = &self.composer;
        let typed = composer.url_text();
        let holds = |needle: &str| {
            typed.contains(needle)
                || composer.headers.lines().iter().any(|l| l.contains(needle))
                || composer.body.lines().iter().any(|l| l.contains(needle))
        };
        if !holds("{{") && !holds(token) {
            return None;
        }
        let scope = self.scope();
        let url = template::expand(&typed, &scope).ok()?;
        let url = url.trim();
        if parse_relative(url).is_some() {
            return None;
        }
        let parsed = url::Url::parse(url).ok()?;
        let host = (
            parsed.host_str()?.to_owned(),
            parsed.port_or_known_default()?,
        );
        if signed_in.catalog.hosts().contains(&host) {
            return None;
        }
        let draft = template::expand_draft(&composer.draft(), &scope).ok()?;
        let carried = draft.url.contains(token)
            || draft
                .headers
                .iter()
                .any(|l| !l.trim_start().starts_with('#') && l.contains(token))
            || draft.body.contains(token);
        carried.then(|| {
            format!(
                "the cloud's token ({{{{token}}}}) goes to {}:{}, not one of the cloud's hosts",
                host.0, host.1
            )
        })
    }
}
