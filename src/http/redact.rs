//! Secrets in headers never reach history, views or logs in clear: tokens and credentials are
//! replaced by `{SHA256}<hex>` (keystoneauth's format, so two can still be told apart); a
//! cookie keeps its name (`session={SHA256}<hex>`) and a `Set-Cookie` its attributes.

use super::model::Exchange;
use crate::redaction::redact;

/// Headers whose values are secrets: Keystone's tokens, HTTP credentials, Swift's v1 auth
/// (`X-Auth-Key`, `X-Storage-Pass` sent, `X-Storage-Token` returned) and cookies.
const SECRET_HEADERS: [&str; 10] = [
    "x-auth-token",
    "x-subject-token",
    "x-service-token",
    "authorization",
    "proxy-authorization",
    "x-storage-token",
    "x-auth-key",
    "x-storage-pass",
    "cookie",
    "set-cookie",
];

/// Whether `value` is a redacted secret already: `{SHA256}<hex>` as keystoneauth writes it,
/// or `{SHA1}<hex>` as novaclient and keystoneclient wrote it before — any `{SHAnnn}` mark.
/// No token starts so; sent, such a value only earns a 401.
pub fn is_redacted(value: &str) -> bool {
    let Some(rest) = value.trim_start().strip_prefix("{SHA") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && rest.as_bytes().get(digits) == Some(&b'}')
}

/// Whether a secret header's value holds a redacted secret (a cookie's may hold several): it
/// cannot be sent again as it is.
pub fn holds_redacted(value: &str) -> bool {
    is_redacted(value)
        || value
            .split(';')
            .filter_map(|pair| pair.split_once('=').map(|(_, v)| v))
            .any(is_redacted)
}

/// Takes out of `headers` the secret ones holding a redaction (`X-Auth-Token: {SHA256}…` from
/// a draft file or a pasted debug log): sent, they would only be refused, and the cloud's
/// token goes in their place. Returns the names of those left out.
pub fn drop_redacted_secrets(headers: &mut Vec<(String, String)>) -> Vec<String> {
    let mut dropped = Vec::new();
    headers.retain(|(name, value)| {
        let redacted = is_secret_header(name) && holds_redacted(value);
        if redacted {
            dropped.push(name.clone());
        }
        !redacted
    });
    dropped
}

/// The value of secret header `name` as kept and shown: `{SHA256}<hex>` of it; for `Cookie`
/// each cookie's value (`a={SHA256}…; b={SHA256}…`), for `Set-Cookie` the cookie's value with
/// its name and attributes (`Path`, `HttpOnly`…) kept. Values redacted already stay.
pub fn hidden_header_value(name: &str, value: &str) -> String {
    let hide = |v: &str| {
        if is_redacted(v) {
            v.to_owned()
        } else {
            redact(v)
        }
    };
    let cookie = |pair: &str| match pair.split_once('=') {
        Some((name, v)) => format!("{name}={}", hide(v.trim())),
        None => hide(pair),
    };
    if name.eq_ignore_ascii_case("cookie") {
        let pairs: Vec<String> = value
            .split(';')
            .map(str::trim)
            .filter(|pair| !pair.is_empty())
            .map(cookie)
            .collect();
        if pairs.is_empty() {
            hide(value)
        } else {
            pairs.join("; ")
        }
    } else if name.eq_ignore_ascii_case("set-cookie") {
        let (first, attributes) = value.split_once(';').unwrap_or((value, ""));
        let first = cookie(first.trim());
        if attributes.is_empty() {
            first
        } else {
            format!("{first};{attributes}")
        }
    } else {
        hide(value)
    }
}

/// `url` with the password of its user info (`http://user:pass@proxy`) as `***`, for
/// messages and logs; text that is not a URL as it is.
pub fn url_for_display(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Whether header `name` carries a secret.
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// Replaces each of `secrets` (a live token) wherever it appears in the exchange — the URL,
/// any header value, either body, the redirect hops, a failure's message — by its
/// `{SHA256}<hex>` form. Secrets shorter than 16 characters are left alone: they could match
/// ordinary text.
pub fn scrub(exchange: &mut Exchange, secrets: &[String]) {
    for secret in secrets.iter().filter(|s| s.len() >= 16) {
        let hidden = redact(secret);
        let text = |value: &mut String| {
            if value.contains(secret.as_str()) {
                *value = value.replace(secret.as_str(), &hidden);
            }
        };
        let bytes = |value: &[u8]| replaced(value, secret.as_bytes(), hidden.as_bytes());
        let request = &mut exchange.request;
        text(&mut request.url);
        request
            .headers
            .iter_mut()
            .for_each(|(_, value)| text(value));
        if let Some(body) = bytes(&request.body) {
            request.body = body.into();
        }
        match &mut exchange.outcome {
            Ok(response) => {
                text(&mut response.final_url);
                response.redirects.iter_mut().for_each(text);
                if let Some(why) = &mut response.incomplete {
                    text(why);
                }
                for (_, value) in &mut response.headers {
                    if let Some(new) = bytes(value) {
                        *value = new;
                    }
                }
                if let Some(body) = bytes(&response.body) {
                    response.body = body.into();
                }
            }
            Err(failure) => {
                failure.chain.iter_mut().for_each(text);
                let mut shown = failure.error.to_string();
                if shown.contains(secret.as_str()) {
                    text(&mut shown);
                    failure.error = super::HttpError::Recorded(shown);
                }
            }
        }
    }
}

/// `text` (a URL, a message) with each of `secrets` replaced by its `{SHA256}<hex>` form,
/// written as it is or percent-encoded as a URL's query or path writes it. Empty secrets are
/// skipped; the caller decides which are long enough to look for.
pub fn scrub_text(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let hidden = redact(secret);
        for form in url_forms(secret) {
            if out.contains(&form) {
                out = out.replace(&form, &hidden);
            }
        }
    }
    out
}

/// `url` with each of `secrets` replaced by its `{SHA256}<hex>` form where it stands as a
/// whole part of the URL — between the start or end and a delimiter (`/ ? # & = : @ ; , +`
/// or whitespace),
/// as a query value or a path segment does — written as it is or percent-encoded. Fit for
/// short secrets, which could also turn up inside other words of the URL.
pub fn scrub_parts(url: &str, secrets: &[&str]) -> String {
    // Whitespace too: a URL never holds it, and a redirect reads `302 URL → URL`.
    let delimiter =
        |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "/?#&=:@;,+".contains(c));
    let mut out = url.to_owned();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let hidden = redact(secret);
        for form in url_forms(secret) {
            let mut kept = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(at) = rest.find(&form) {
                let before = if at > 0 {
                    rest[..at].chars().next_back()
                } else {
                    kept.chars().next_back()
                };
                let after = rest[at + form.len()..].chars().next();
                kept.push_str(&rest[..at]);
                if delimiter(before) && delimiter(after) {
                    kept.push_str(&hidden);
                } else {
                    kept.push_str(&form);
                }
                rest = &rest[at + form.len()..];
            }
            kept.push_str(rest);
            out = kept;
        }
    }
    out
}

/// The exchange's URLs — the request's, the redirects' and the last hop's, a failure's chain —
/// with each of `secrets` hidden where it stands as a whole part (see [`scrub_parts`]): the
/// values of secret `{{variables}}` the user put in a URL, before the exchange is kept.
pub fn scrub_url_parts(exchange: &mut Exchange, secrets: &[String]) {
    if secrets.is_empty() {
        return;
    }
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let hide = |url: &mut String| {
        let scrubbed = scrub_parts(url, &secrets);
        if scrubbed != *url {
            *url = scrubbed;
        }
    };
    hide(&mut exchange.request.url);
    match &mut exchange.outcome {
        Ok(response) => {
            hide(&mut response.final_url);
            response.redirects.iter_mut().for_each(hide);
        }
        Err(failure) => failure.chain.iter_mut().for_each(hide),
    }
}

/// `secret` as it is, and as a URL's query and path write it (`a b` → `a%20b`).
fn url_forms(secret: &str) -> Vec<String> {
    let mut forms = vec![secret.to_owned()];
    if !secret.contains(['#', '?', '/', '&', '=']) {
        let encoded = [
            url::Url::parse(&format!("http://h/?{secret}"))
                .ok()
                .and_then(|u| u.query().map(str::to_owned)),
            url::Url::parse(&format!("http://h/{secret}"))
                .ok()
                .and_then(|u| u.path().strip_prefix('/').map(str::to_owned)),
        ];
        for form in encoded.into_iter().flatten() {
            if !form.is_empty() && !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// `text` with every `secret` replaced by `hidden`; `None` (nothing copied) when absent.
fn replaced(text: &[u8], secret: &[u8], hidden: &[u8]) -> Option<Vec<u8>> {
    let finder = memchr::memmem::Finder::new(secret);
    finder.find(text)?;
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    for found in finder.find_iter(text) {
        out.extend_from_slice(&text[at..found]);
        out.extend_from_slice(hidden);
        at = found + secret.len();
    }
    out.extend_from_slice(&text[at..]);
    Some(out)
}

/// Redacts the secret headers of the request as sent and of the response.
pub fn exchange(exchange: &mut Exchange) {
    for (name, value) in &mut exchange.request.headers {
        if is_secret_header(name) {
            let hidden = hidden_header_value(name, value);
            if hidden != *value {
                *value = hidden;
            }
        }
    }
    if let Ok(response) = &mut exchange.outcome {
        for (name, value) in &mut response.headers {
            if is_secret_header(name) {
                let hidden = hidden_header_value(name, &String::from_utf8_lossy(value));
                if hidden.as_bytes() != value.as_slice() {
                    *value = hidden.into_bytes();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use bytes::Bytes;

    use super::*;
    use crate::http::{Response, SentRequest, Timings};

    const TOKEN: &str = "gAAAAABlive-token-value-0123456789";

    #[test]
    fn a_urls_password_is_not_shown() {
        assert_eq!(
            url_for_display("http://ann:s3cret@127.0.0.1:3128/"),
            "http://ann:***@127.0.0.1:3128/"
        );
        assert_eq!(
            url_for_display("http://127.0.0.1:3128"),
            "http://127.0.0.1:3128"
        );
        assert_eq!(url_for_display("not a url"), "not a url");
    }

    fn sample() -> Exchange {
        Exchange {
            request: SentRequest {
                method: "GET".into(),
                url: format!("http://127.0.0.1:9/v1?token={TOKEN}"),
                headers: vec![
                    ("X-Auth-Token".into(), TOKEN.into()),
                    ("X-Other".into(), format!("Bearer {TOKEN}")),
                ],
                body: Bytes::from(format!("{{\"t\":\"{TOKEN}\",\"u\":\"{TOKEN}\"}}")),
            },
            outcome: Ok(Response {
                status: 200,
                reason: "OK".into(),
                version: "HTTP/1.1".into(),
                headers: vec![("x-echo".into(), TOKEN.as_bytes().to_vec())],
                body: Bytes::from_static(b"nothing secret here"),
                wire_body_len: 19,
                header_len: 10,
                final_url: format!("http://127.0.0.1:9/v1?token={TOKEN}"),
                remote_addr: None,
                incomplete: None,
                spilled: None,
                interrupted: false,
                redirects: Vec::new(),
            }),
            timings: Timings {
                started_at: SystemTime::UNIX_EPOCH,
                first_byte: None,
                total: Duration::ZERO,
                phases: None,
            },
        }
    }

    #[test]
    fn a_live_token_is_scrubbed_wherever_it_went() {
        let mut seen = sample();
        exchange(&mut seen);
        scrub(&mut seen, &[TOKEN.to_owned()]);
        let all = format!("{seen:?}");
        assert!(!all.contains(TOKEN), "{all}");
        let hidden = redact(TOKEN);
        assert_eq!(
            seen.request.url,
            format!("http://127.0.0.1:9/v1?token={hidden}")
        );
        assert_eq!(seen.request.headers[1].1, format!("Bearer {hidden}"));
        assert_eq!(
            seen.request.body,
            Bytes::from(format!("{{\"t\":\"{hidden}\",\"u\":\"{hidden}\"}}"))
        );
        let Ok(response) = &seen.outcome else {
            panic!("a response")
        };
        assert_eq!(response.body, Bytes::from_static(b"nothing secret here"));
    }

    #[test]
    fn redirect_hops_and_failures_are_scrubbed_too() {
        let mut redirected = sample();
        if let Ok(response) = &mut redirected.outcome {
            response.redirects = vec![format!("302 http://a/?t={TOKEN} → http://b/?t={TOKEN}")];
        }
        scrub(&mut redirected, &[TOKEN.to_owned()]);
        assert!(!format!("{redirected:?}").contains(TOKEN));
        let mut failed = sample();
        failed.outcome = Err(crate::http::Failure {
            error: crate::http::HttpError::Other(format!(
                "error sending request for url (http://x/?t={TOKEN})"
            )),
            chain: vec![format!("http://x/?t={TOKEN}")],
        });
        scrub(&mut failed, &[TOKEN.to_owned()]);
        let all = format!("{failed:?}");
        assert!(!all.contains(TOKEN), "{all}");
        assert!(all.contains("{SHA256}"), "{all}");
    }

    #[test]
    fn swift_credentials_and_cookies_are_secrets_too() {
        let mut seen = sample();
        seen.request.headers = vec![
            ("X-Auth-Key".into(), "swift-key-1".into()),
            ("X-Storage-Pass".into(), "swift-pass-2".into()),
            ("Cookie".into(), "session=abc123; theme=dark".into()),
        ];
        if let Ok(response) = &mut seen.outcome {
            response.headers = vec![
                ("X-Storage-Token".into(), b"AUTH_tk0123".to_vec()),
                (
                    "Set-Cookie".into(),
                    b"session=abc123; Path=/; HttpOnly".to_vec(),
                ),
            ];
        }
        exchange(&mut seen);
        let once = format!("{seen:?}");
        for secret in [
            "swift-key-1",
            "swift-pass-2",
            "abc123",
            "dark",
            "AUTH_tk0123",
        ] {
            assert!(!once.contains(secret), "{secret} in {once}");
        }
        assert_eq!(seen.request.headers[0].1, redact("swift-key-1"));
        assert_eq!(
            seen.request.headers[2].1,
            format!("session={}; theme={}", redact("abc123"), redact("dark"))
        );
        let Ok(response) = &seen.outcome else {
            panic!("a response")
        };
        assert_eq!(response.headers[0].1, redact("AUTH_tk0123").into_bytes());
        assert_eq!(
            String::from_utf8_lossy(&response.headers[1].1),
            format!("session={}; Path=/; HttpOnly", redact("abc123"))
        );
        // Redacting again changes nothing.
        exchange(&mut seen);
        assert_eq!(format!("{seen:?}"), once);
        assert!(holds_redacted(&seen.request.headers[2].1));
        assert!(!holds_redacted("session=abc123"));
    }

    #[test]
    fn scrub_text_hides_a_secret_as_written_and_as_a_url_encodes_it() {
        let secret = "pa ss\"word";
        let hidden = redact(secret);
        assert_eq!(
            scrub_text("http://h/pa%20ss%22word?p=pa%20ss%22word&q=1", &[secret]),
            format!("http://h/{hidden}?p={hidden}&q=1")
        );
        assert_eq!(
            scrub_text(&format!("Cancelled GET http://h/?t={TOKEN}"), &[TOKEN, ""]),
            format!("Cancelled GET http://h/?t={}", redact(TOKEN))
        );
        assert_eq!(scrub_text("http://h/", &[""]), "http://h/");
    }

    #[test]
    fn scrub_parts_hides_whole_parts_only() {
        let hidden = redact("abc");
        assert_eq!(
            scrub_parts("http://ann:abc@h/abc/xabc/abcx?k=abc&j=abc#abc", &["abc"]),
            format!("http://ann:{hidden}@h/{hidden}/xabc/abcx?k={hidden}&j={hidden}#{hidden}")
        );
        assert_eq!(
            scrub_parts("http://127.0.0.1:8080/v1?key=1", &["1"]),
            format!("http://127.0.0.1:8080/v1?key={}", redact("1"))
        );
        let spaced = redact("a b");
        assert_eq!(
            scrub_parts("http://h/?p=a%20b", &["a b"]),
            format!("http://h/?p={spaced}")
        );
        // A redirect's line: the URLs end at a space.
        assert_eq!(
            scrub_parts("302 http://h/x?pw=abc → http://h/y", &["abc"]),
            format!("302 http://h/x?pw={hidden} → http://h/y")
        );
    }

    #[test]
    fn short_secrets_are_not_scrubbed_from_ordinary_text() {
        let mut seen = sample();
        scrub(&mut seen, &["v1".to_owned()]);
        assert!(seen.request.url.contains("/v1?"));
    }
}
