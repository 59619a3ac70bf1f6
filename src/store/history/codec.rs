//! An exchange as one row of the history database, and back: header blocks as `name: value`
//! lines, the response's particulars as a small JSON document, the body cut at the configured
//! size. Secrets are taken out here, before anything reaches the file, unless the user asked
//! for them in clear.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::http::error::{Failure, HttpError};
use crate::http::{Exchange, Phases, Response, SentRequest, Timings};
use crate::http::{mask, redact};

/// What the history keeps of an exchange besides the exchange itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The cloud this run was signed in to, if any.
    pub cloud: Option<String>,
    /// Made by the app itself (a Keystone sign-in, a version document), not by the user.
    pub automatic: bool,
}

/// How the history treats secrets and bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keeping {
    /// Bodies longer than this are stored cut, and marked so.
    pub max_body: usize,
    /// Tokens, passwords and secrets stored as they were sent: only when the user says so.
    pub secrets_in_clear: bool,
}

impl Default for Keeping {
    fn default() -> Self {
        Self {
            max_body: 1024 * 1024,
            secrets_in_clear: false,
        }
    }
}

/// One row, ready to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub started_ms: i64,
    pub method: String,
    pub url: String,
    pub status: Option<u16>,
    pub cloud: Option<String>,
    pub automatic: bool,
    pub total_us: i64,
    /// The whole response body's length, even when the stored body is cut.
    pub size: i64,
    pub request_headers: Vec<u8>,
    pub request_body: Vec<u8>,
    /// `Particulars` as JSON.
    pub particulars: String,
    pub response_headers: Vec<u8>,
    pub response_body: Vec<u8>,
}

/// The parts of an exchange that are neither headers nor bodies.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Particulars {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    first_byte_us: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    final_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    remote_addr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    incomplete: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    redirects: Vec<String>,
    #[serde(default)]
    wire_body_len: usize,
    #[serde(default)]
    header_len: usize,
    /// Why no response came, as it was shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    failure: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    chain: Vec<String>,
    /// Why the stored request body is not the one sent (cut, secrets masked): it must not
    /// be sent again as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    request_note: Option<String>,
    /// Where the time went; rows stored before it was measured have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phases_us: Option<StoredPhases>,
}

/// [`Phases`] in microseconds (`phases_us`).
#[derive(Debug, Default, Serialize, Deserialize)]
struct StoredPhases {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dns: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    connect: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tls: Option<u64>,
    #[serde(default)]
    first_byte: u64,
    #[serde(default)]
    body: u64,
}

impl From<&Phases> for StoredPhases {
    fn from(phases: &Phases) -> Self {
        let us = |d: Duration| micros(d).unsigned_abs();
        Self {
            dns: phases.dns.map(us),
            connect: phases.connect.map(us),
            tls: phases.tls.map(us),
            first_byte: us(phases.first_byte),
            body: us(phases.body),
        }
    }
}

impl From<StoredPhases> for Phases {
    fn from(stored: StoredPhases) -> Self {
        Self {
            dns: stored.dns.map(Duration::from_micros),
            connect: stored.connect.map(Duration::from_micros),
            tls: stored.tls.map(Duration::from_micros),
            first_byte: Duration::from_micros(stored.first_byte),
            body: Duration::from_micros(stored.body),
        }
    }
}

/// The row for `exchange`, secrets taken out unless `keeping` says otherwise.
pub fn to_row(exchange: &Exchange, context: &Context, keeping: Keeping) -> Row {
    // Cheap: the bodies are `Bytes`, shared, until a secret in one is masked.
    let mut exchange = exchange.clone();
    let sent_body = exchange.request.body.clone();
    if !keeping.secrets_in_clear {
        redact_at_rest(&mut exchange);
    }
    let masked = exchange.request.body != sent_body;
    let request = &exchange.request;
    let mut particulars = Particulars {
        first_byte_us: exchange.timings.first_byte.map(|d| micros(d) as u64),
        phases_us: exchange.timings.phases.as_ref().map(StoredPhases::from),
        ..Particulars::default()
    };
    let (status, size, response_headers, response_body) = match &exchange.outcome {
        Ok(response) => {
            particulars.reason = Some(response.reason.clone());
            particulars.version = Some(response.version.clone());
            particulars.final_url =
                (response.final_url != request.url).then(|| response.final_url.clone());
            particulars.remote_addr = response.remote_addr.map(|a| a.to_string());
            particulars.redirects.clone_from(&response.redirects);
            particulars.wire_body_len = response.wire_body_len;
            particulars.header_len = response.header_len;
            let (body, cut) = cut(&response.body, keeping.max_body);
            let notes: Vec<String> = [
                response.incomplete.clone(),
                cut.then(|| cut_note(keeping.max_body)),
            ]
            .into_iter()
            .flatten()
            .collect();
            particulars.incomplete = (!notes.is_empty()).then(|| notes.join("; "));
            (
                Some(response.status),
                i64::try_from(response.body.len()).unwrap_or(i64::MAX),
                header_block(response.headers.iter().map(|(n, v)| (n.as_str(), &v[..]))),
                body.to_vec(),
            )
        }
        Err(failure) => {
            particulars.failure = Some(failure.error.to_string());
            particulars.chain.clone_from(&failure.chain);
            (None, 0, Vec::new(), Vec::new())
        }
    };
    let (request_body, request_cut) = cut(&request.body, keeping.max_body);
    particulars.request_note = if request_cut {
        Some(format!(
            "the history kept only the first {} of its {} request body bytes",
            keeping.max_body,
            request.body.len()
        ))
    } else if masked {
        Some("its request body had secrets, stored masked (***)".to_owned())
    } else {
        None
    };
    Row {
        started_ms: millis_since_epoch(exchange.timings.started_at),
        method: request.method.clone(),
        url: request.url.clone(),
        status,
        cloud: context.cloud.clone(),
        automatic: context.automatic,
        total_us: micros(exchange.timings.total),
        size,
        request_headers: header_block(
            request
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_bytes())),
        ),
        request_body: request_body.to_vec(),
        particulars: serde_json::to_string(&particulars).unwrap_or_default(),
        response_headers,
        response_body,
    }
}

/// The exchange a row was made from (its body as stored, perhaps cut).
pub fn from_row(row: Row) -> Exchange {
    from_row_noted(row).0
}

/// As [`from_row`], with why the stored request body differs from the one sent, if it does.
pub fn from_row_noted(row: Row) -> (Exchange, Option<String>) {
    let particulars: Particulars = serde_json::from_str(&row.particulars).unwrap_or_default();
    let note = particulars.request_note.clone();
    let request = SentRequest {
        method: row.method,
        url: row.url.clone(),
        headers: parse_header_block(&row.request_headers)
            .map(|(n, v)| (n, String::from_utf8_lossy(&v).into_owned()))
            .collect(),
        body: Bytes::from(row.request_body),
    };
    let outcome = match (row.status, particulars.failure) {
        (Some(status), _) => Ok(Response {
            status,
            reason: particulars.reason.unwrap_or_default(),
            version: particulars.version.unwrap_or_default(),
            headers: parse_header_block(&row.response_headers).collect(),
            body: Bytes::from(row.response_body),
            wire_body_len: particulars.wire_body_len,
            header_len: particulars.header_len,
            final_url: particulars.final_url.unwrap_or(row.url),
            remote_addr: particulars
                .remote_addr
                .and_then(|a| a.parse::<SocketAddr>().ok()),
            incomplete: particulars.incomplete,
            redirects: particulars.redirects,
            spilled: None,
            interrupted: false,
        }),
        (None, failure) => Err(Failure {
            error: HttpError::Recorded(
                failure.unwrap_or_else(|| "no response was recorded".to_owned()),
            ),
            chain: particulars.chain,
        }),
    };
    let exchange = Exchange {
        request,
        outcome,
        timings: Timings {
            started_at: time_of_millis(row.started_ms),
            first_byte: particulars.first_byte_us.map(Duration::from_micros),
            total: Duration::from_micros(u64::try_from(row.total_us).unwrap_or(0)),
            phases: particulars.phases_us.map(Phases::from),
        },
    };
    (exchange, note)
}

/// Takes the secrets out: secret headers become `{SHA256}<hex>` (they already are in every
/// exchange the app keeps; this is the last guard before the disk), and the secret fields of
/// JSON and form bodies (`password`, `secret`, `adminPass`, a token's `id`: Keystone's
/// requests, a v2.0 token, a new application credential's secret) become `***` — by the same
/// byte scan as every export (`http::mask`), which keeps the rest of the body as it was and
/// costs one pass however large the body.
pub fn redact_at_rest(exchange: &mut Exchange) {
    redact::exchange(exchange);
    mask_secret_fields(&mut exchange.request.body);
    if let Ok(response) = &mut exchange.outcome {
        mask_secret_fields(&mut response.body);
    }
}

fn mask_secret_fields(body: &mut Bytes) {
    if let Some(masked) = mask::mask_body(body, mask::Values::Sent) {
        *body = Bytes::from(masked);
    }
}

fn cut(body: &[u8], max: usize) -> (&[u8], bool) {
    if body.len() > max {
        (&body[..max], true)
    } else {
        (body, false)
    }
}

fn cut_note(max: usize) -> String {
    format!("the history keeps the first {max} bytes of a body")
}

/// `name: value` lines. Header values cannot hold a line break (HTTP forbids it, and hyper
/// refuses it), so the lines split back exactly.
fn header_block<'a>(headers: impl Iterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let mut block = Vec::new();
    for (name, value) in headers {
        block.extend_from_slice(name.as_bytes());
        block.extend_from_slice(b": ");
        block.extend(value.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
        block.push(b'\n');
    }
    block
}

fn parse_header_block(block: &[u8]) -> impl Iterator<Item = (String, Vec<u8>)> + '_ {
    block
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let colon = memchr::memchr(b':', line).unwrap_or(line.len());
            let name = String::from_utf8_lossy(&line[..colon]).into_owned();
            let value = line.get(colon + 2..).unwrap_or_default().to_vec();
            (name, value)
        })
}

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

pub fn millis_since_epoch(at: SystemTime) -> i64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub fn time_of_millis(ms: i64) -> SystemTime {
    UNIX_EPOCH
        .checked_add(Duration::from_millis(u64::try_from(ms).unwrap_or(0)))
        .unwrap_or(UNIX_EPOCH)
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;
