//! A request as a `curl` command line that bash reads back to the same request: every word in
//! single quotes, or `$'…'` with escapes when it holds control characters or bytes that are
//! not UTF-8. Secret headers (tokens, credentials, cookies) are shown as `{SHA256}<hex>`, and
//! the secret fields of the body (passwords…) as `***`, unless the caller asks for them in
//! clear.

use std::fmt::Write as _;

use crate::http::mask::{self, Values};
use crate::http::redact::{hidden_header_value, is_secret_header};
use crate::text::sanitize::is_invisible_format;

/// Whether secret header values are written in clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secrets {
    Redacted,
    InClear,
}

/// `curl [-X METHOD] 'URL' [-H 'Name: value']… [--data-raw 'BODY']`, secrets as the module
/// says unless `secrets` is [`Secrets::InClear`]. `-X` is left out
/// where curl's own default is the method (GET without a body, POST with one); a URL that
/// starts with `-` goes after `--url`.
pub fn export(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
    secrets: Secrets,
) -> String {
    let mut out = String::from("curl");
    let default = if body.is_empty() { "GET" } else { "POST" };
    if method != default {
        out.push_str(" -X ");
        out.push_str(&quote(method.as_bytes()));
    }
    // A URL starting with `-` would be read back (by curl too) as an option.
    out.push_str(if url.starts_with('-') { " --url " } else { " " });
    out.push_str(&quote(url.as_bytes()));
    for (name, value) in headers {
        let value = if secrets == Secrets::Redacted && is_secret_header(name) {
            hidden_header_value(name, value)
        } else {
            value.clone()
        };
        // `Name;` is how curl sends a header with an empty value.
        let header = if value.is_empty() {
            format!("{name};")
        } else {
            format!("{name}: {value}")
        };
        out.push_str(" -H ");
        out.push_str(&quote(header.as_bytes()));
    }
    if !body.is_empty() {
        let masked = match secrets {
            Secrets::Redacted => mask::mask_body(body, Values::Sent),
            Secrets::InClear => None,
        };
        // `--data-raw`: the bytes as they are, even a body starting with `@` (which
        // `--data-binary` would read as a file name).
        out.push_str(" --data-raw ");
        out.push_str(&quote(masked.as_deref().unwrap_or(body)));
    }
    out
}

/// One word for bash: `'…'` (a `'` inside as `'\''`), or `$'…'` when the word has control
/// characters, invisible or bidirectional formatting characters, or is not UTF-8 — so the
/// line never drives a terminal and shows what it holds.
pub fn quote(word: &[u8]) -> String {
    let plain = |c: char| !(c.is_control() && c != '\n' || is_invisible_format(c));
    match std::str::from_utf8(word) {
        Ok(text) if text.chars().all(plain) => {
            format!("'{}'", text.replace('\'', r"'\''"))
        }
        _ => {
            let mut out = String::from("$'");
            for chunk in word.utf8_chunks() {
                for c in chunk.valid().chars() {
                    match c {
                        '\\' => out.push_str(r"\\"),
                        '\'' => out.push_str(r"\'"),
                        '\n' => out.push_str(r"\n"),
                        '\t' => out.push_str(r"\t"),
                        '\r' => out.push_str(r"\r"),
                        c if c.is_control() && (c as u32) < 0x80 => {
                            let _ = write!(out, "\\x{:02x}", c as u32);
                        }
                        c if c.is_control() || is_invisible_format(c) => {
                            let _ = write!(out, "\\u{:04x}", c as u32);
                        }
                        c => out.push(c),
                    }
                }
                for byte in chunk.invalid() {
                    let _ = write!(out, "\\x{byte:02x}");
                }
            }
            out.push('\'');
            out
        }
    }
}
