//! An exchange as `openstack --debug` (keystoneauth) logs one: a `REQ: curl -g -i …` line, a
//! `RESP: [status] Name: value …` line and a `RESP BODY:` line — the form people paste into
//! bug reports. Secret headers are `{SHA256}<hex>`, secret body fields `***` (both ways: the
//! answer's `adminPass` or application credential `secret` too); only text bodies are
//! written, cut at [`MAX_BODY`].

use std::fmt::Write as _;

use super::export::{Secrets, export, quote};
use crate::http::content::{BodyKind, classify};
use crate::http::mask::{Values, mask_body};
use crate::http::redact::{hidden_header_value, is_secret_header};
use crate::http::{Exchange, Failure};

/// Body bytes written before the rest is left out (clipboards and issue trackers have
/// limits too).
pub const MAX_BODY: usize = 64 * 1024;

pub fn debug_log(exchange: &Exchange) -> String {
    let request = &exchange.request;
    let body = safe_request_body(&request.body);
    let curl = export(
        &request.method,
        &request.url,
        &request.headers,
        &body,
        Secrets::Redacted,
    );
    // keystoneauth's form: `curl -g -i -X METHOD URL …`.
    let rest = curl.strip_prefix("curl").unwrap_or(&curl);
    let method = if rest.starts_with(" -X ") {
        String::new()
    } else {
        format!(" -X {}", quote(request.method.as_bytes()))
    };
    let mut out = format!("REQ: curl -g -i{method}{rest}\n");
    match &exchange.outcome {
        Ok(response) => {
            let _ = write!(out, "RESP: [{}]", response.status);
            for (name, value) in &response.headers {
                let value = String::from_utf8_lossy(value);
                let value = if is_secret_header(name) {
                    hidden_header_value(name, &value)
                } else {
                    value.into_owned()
                };
                let _ = write!(out, " {name}: {}", one_line(&value));
            }
            out.push('\n');
            let content_type = response.header("content-type");
            match classify(content_type.as_deref(), &response.body) {
                BodyKind::Binary => {
                    let _ = writeln!(
                        out,
                        "RESP BODY: Omitted, {} bytes of binary content.",
                        response.body.len()
                    );
                }
                _ if response.body.is_empty() => out.push_str("RESP BODY: \n"),
                _ => {
                    // Masked whole, then cut: a secret the cut halves is masked all the same.
                    let masked = mask_body(&response.body, Values::Sent);
                    let body = masked.as_deref().unwrap_or(&response.body);
                    let shown = &body[..body.len().min(MAX_BODY)];
                    let _ = write!(
                        out,
                        "RESP BODY: {}",
                        one_line(&String::from_utf8_lossy(shown))
                    );
                    if shown.len() < body.len() {
                        let _ = write!(out, " … ({} bytes more)", body.len() - shown.len());
                    }
                    out.push('\n');
                }
            }
        }
        Err(failure) => {
            let _ = writeln!(
                out,
                "RESP: no response: {}",
                one_line(&Failure::to_string(failure))
            );
        }
    }
    out
}

/// A request body fit to share: the passwords, secrets and tokens of a JSON or form body
/// masked (a Keystone sign-in typed by hand), a binary one left out, a long one cut.
pub fn safe_request_body(body: &[u8]) -> Vec<u8> {
    if body.is_empty() {
        return Vec::new();
    }
    if let Some(masked) = mask_body(body, Values::Sent) {
        return masked;
    }
    if classify(None, body) == BodyKind::Binary {
        return format!("(omitted: {} bytes of binary content)", body.len()).into_bytes();
    }
    if body.len() > MAX_BODY {
        let mut cut = body[..MAX_BODY].to_vec();
        cut.extend_from_slice(format!(" … ({} bytes more)", body.len() - MAX_BODY).as_bytes());
        return cut;
    }
    body.to_vec()
}

/// Text on one log line: line breaks as `\n`, control characters as escapes.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || crate::text::sanitize::is_invisible_format(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
