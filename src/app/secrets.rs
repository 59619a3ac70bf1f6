//! Secrets in the composed request: which values must not be shown, and the URL as the
//! History, the inspector's title and the "Cancelled …" line show it — the cloud's token as
//! `{SHA256}<hex>`, as the exchange itself shows it once the client has scrubbed it; and what
//! the composer warns about before sending (the token bound for another host, a redacted
//! header that will be left out).

use memchr::memmem;

use super::{App, Level};
use crate::http::redact::{holds_redacted, is_secret_header};
use crate::http::template;
use crate::http::{Draft, mask, redact};
use crate::openstack::catalog::{bound_for_cloud, parse_relative};

impl App {
    /// The signed-in cloud's token, when there is one: the one place the app looks it up.
    pub(super) fn cloud_token(&self) -> Option<&str> {
        self.cloud
            .as_ref()
            .and_then(|c| c.signed_in.as_ref())
            .map(|s| s.token.expose())
            .filter(|t| !t.is_empty())
    }

    /// Whether `url` is bound for the cloud (its auth URL's host or a catalog endpoint's), by
    /// the rule the session injects the token by.
    pub(super) fn bound_for_cloud(&self, url: &url::Url) -> bool {
        self.cloud.as_ref().is_some_and(|cloud| {
            bound_for_cloud(
                url,
                cloud.auth_url.as_deref(),
                cloud.signed_in.as_ref().map(|s| &s.catalog),
            )
        })
    }

    /// The values of the variables whose names say they are secrets (see
    /// [`is_secret_variable`]), as they expand now: the request's own, the environment's, the
    /// cloud's (`token`), and `{{env.NAME}}` where the URL or a variable names one.
    pub(super) fn named_secret_values(&self) -> Vec<String> {
        let scope = self.scope();
        let mut names: Vec<String> = Vec::new();
        let url = self.composer.url_text();
        for layer in scope.layers() {
            names.extend(layer.values.keys().cloned());
        }
        let texts = std::iter::once(url.as_str()).chain(
            scope
                .layers()
                .iter()
                .flat_map(|l| l.values.values().map(String::as_str)),
        );
        for text in texts {
            names.extend(
                template::placeholders(text)
                    .into_iter()
                    .map(|p| p.name)
                    .filter(|n| n.starts_with(template::ENV_PREFIX)),
            );
        }
        names.sort_unstable();
        names.dedup();
        names
            .into_iter()
            .filter(|name| is_secret_variable(name))
            .filter_map(|name| {
                let placeholder = format!("{{{{{name}}}}}");
                template::expand(&placeholder, &scope)
                    .ok()
                    .filter(|value| !value.is_empty() && *value != placeholder)
            })
            .collect()
    }

    /// `url` as shown and kept for display: the cloud's token as `{SHA256}<hex>` wherever it
    /// is, and the value of each variable whose name says it is a secret where it stands as a
    /// whole part of the URL (a query value, a path segment, the user info).
    /// `named` are [`named_secret_values`](Self::named_secret_values), found once per request.
    pub(super) fn shown_url(&self, url: &str, named: &[String]) -> String {
        let tokens: Vec<&str> = self.cloud_token().into_iter().collect();
        let url = redact::scrub_text(url, &tokens);
        if named.is_empty() {
            return url;
        }
        let named: Vec<&str> = named.iter().map(String::as_str).collect();
        redact::scrub_parts(&url, &named)
    }
}

/// Whether `lines`, their `{{placeholders}}` expanded, hold `token`: a search of each line,
/// and one expansion per distinct name met (a large body is never copied or expanded whole).
fn carries_token<'a>(
    lines: impl Iterator<Item = &'a String> + Clone,
    token: &str,
    scope: &template::Scope,
) -> bool {
    let finder = memmem::Finder::new(token.as_bytes());
    if lines
        .clone()
        .any(|line| finder.find(line.as_bytes()).is_some())
    {
        return true;
    }
    let names = template::names_in(lines.map(String::as_str));
    names.iter().any(|name| {
        template::expand(&format!("{{{{{name}}}}}"), scope).is_ok_and(|v| v.contains(token))
    })
}

/// Whether a variable's value is a secret by its name — the rule for what the History, the
/// inspector's title and the "Cancelled …" line hide: the name, split into words at `_`, `-`,
/// `.` and where lower case turns upper (`OS_PASSWORD`, `api-key`, `apiKey`,
/// `env.OS_PASSWORD`), has a word `password`, `passwd`, `pwd`, `pass`, `passphrase`,
/// `secret(s)`, `token(s)`, `key(s)`, `credential(s)` or `creds`, or a word ending in
/// `password`, `passwd`, `secret`, `token` or `apikey` (`ospassword`, `clientsecret`,
/// `authtoken`). So `keystone_url` and `monkey` are not, `token_url` is (better hidden than
/// shown). The cloud's own `{{token}}` is a secret by this rule too, and its value is hidden
/// wherever it appears.
pub fn is_secret_variable(name: &str) -> bool {
    const WORDS: [&str; 15] = [
        "password",
        "passwd",
        "pwd",
        "pass",
        "passphrase",
        "secret",
        "secrets",
        "token",
        "tokens",
        "key",
        "keys",
        "credential",
        "credentials",
        "cred",
        "creds",
    ];
    const ENDINGS: [&str; 5] = ["password", "passwd", "secret", "token", "apikey"];
    words(name)
        .iter()
        .any(|word| WORDS.contains(&word.as_str()) || ENDINGS.iter().any(|end| word.ends_with(end)))
}

/// `name` in lower-case words: split at non-alphanumerics and where lower case turns upper.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            words.push(std::mem::take(&mut word));
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    words.push(word);
    words.retain(|w| !w.is_empty());
    words
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

/// What the composer's secrets warning depends on: its text (by revision), the token held
/// (a new sign-in has a new expiry) and the environment the variables come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CheckedFor {
    revision: u64,
    token: Option<std::time::SystemTime>,
    environment: Option<String>,
}

impl App {
    /// The composer's warning, worked out again after an update that changed what it depends
    /// on (never on a tick alone: the body may be large): a redacted secret header first (it
    /// will be left out), else the cloud's token bound for another host.
    pub(super) fn check_secrets(&mut self) {
        let now = CheckedFor {
            revision: self.composer.revision(),
            token: self
                .cloud
                .as_ref()
                .and_then(|c| c.signed_in.as_ref())
                .map(|s| s.expires_at),
            environment: self.variables.environment().map(str::to_owned),
        };
        if self.secrets_checked.as_ref() == Some(&now) {
            return;
        }
        let warning = self
            .redacted_header_warning()
            .or_else(|| self.token_destination_warning());
        if warning != self.composer.warning {
            self.composer.warning = warning;
        }
        self.secrets_checked = Some(now);
    }

    /// A header line (switched on) whose secret value is a redaction, `{SHA256}…` or
    /// `{SHA1}…`: sending it would only be refused, so it is left out.
    fn redacted_header_warning(&self) -> Option<String> {
        self.composer.header_lines().iter().find_map(|line| {
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
    /// request bound for a host that is not the cloud's: said, not refused — the user may
    /// mean it. Cheap while the URL goes to the cloud (the usual case): only the URL is
    /// expanded; the headers and the body are searched only for another host.
    fn token_destination_warning(&self) -> Option<String> {
        let token = self.cloud_token()?;
        let composer = &self.composer;
        let scope = self.scope();
        let url = template::expand(&composer.url_text(), &scope).ok()?;
        let url = url.trim();
        if parse_relative(url).is_some() {
            return None;
        }
        let parsed = url::Url::parse(url).ok()?;
        let host = (
            parsed.host_str()?.to_owned(),
            parsed.port_or_known_default()?,
        );
        if self.bound_for_cloud(&parsed) {
            return None;
        }
        let headers = composer
            .header_lines()
            .iter()
            .filter(|l| !l.trim_start().starts_with('#'));
        let carried = url.contains(token)
            || carries_token(headers, token, &scope)
            || carries_token(composer.body_lines().iter(), token, &scope);
        carried.then(|| {
            format!(
                "the cloud's token ({{{{token}}}}) goes to {}:{}, not one of the cloud's hosts",
                host.0, host.1
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::is_secret_variable;

    #[test]
    fn secret_names_by_their_words() {
        for name in [
            "password",
            "OS_PASSWORD",
            "env.OS_PASSWORD",
            "api_key",
            "apiKey",
            "api-key",
            "APIKEY",
            "client_secret",
            "clientSecret",
            "token",
            "x-auth-token",
            "authtoken",
            "db_pass",
            "app_credential",
            "s3Keys",
        ] {
            assert!(is_secret_variable(name), "{name} is a secret's name");
        }
        for name in [
            "keystone_url",
            "monkey",
            "user",
            "host",
            "project_id",
            "compute",
            "passenger",
            "tokenizer",
            "region",
        ] {
            assert!(!is_secret_variable(name), "{name} is not");
        }
    }
}
