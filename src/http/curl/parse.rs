//! A `curl` command line read into a request: the options people and tools write (`-X`, `-H`,
//! the `-d` family, `--json`, `-u`, `-G`, `-I`, `-A`, `-e`, `-b`, `--url`, combined short
//! flags), and the `REQ: curl -g -i …` lines keystoneauth logs with `--debug`. What is not
//! imported is said by name; the rest still is.

use std::fmt;

use base64::Engine as _;

use super::words::{Unbalanced, split};
use crate::http::redact::{holds_redacted, is_redacted, is_secret_header};

/// The request a curl line describes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Imported {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Things said about the import: flags not imported, a redacted token dropped.
    pub notes: Vec<String>,
    /// A `{SHA256}…` token was dropped: the cloud's own token goes instead.
    pub redacted_token: bool,
    /// `-k`, `--cacert`, `--cert`, `--key`: TLS settings for this request alone.
    pub tls: Option<crate::http::TlsOptions>,
}

/// Why a text is not a curl command at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    NotCurl,
    Unbalanced(Unbalanced),
    NoUrl,
    MissingValue(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotCurl => f.write_str("not a curl command (it starts with `curl`)"),
            ImportError::Unbalanced(e) => write!(f, "unbalanced quotes: {e}"),
            ImportError::NoUrl => f.write_str("the curl command has no URL"),
            ImportError::MissingValue(flag) => write!(f, "{flag} needs a value"),
        }
    }
}

/// Whether `text` looks like a curl command (a paste to import rather than type).
pub fn looks_like_curl(text: &str) -> bool {
    let text = text.trim_start();
    let text = text.strip_prefix("REQ:").map_or(text, str::trim_start);
    text.strip_prefix("curl")
        .is_some_and(|rest| rest.starts_with(char::is_whitespace))
}

/// Flags that take a value and are imported, or skipped with their value.
const SKIPPED_WITH_VALUE: &[&str] = &[
    "-o",
    "--output",
    "-m",
    "--max-time",
    "--connect-timeout",
    "--retry",
    "-w",
    "--write-out",
    "-c",
    "--cookie-jar",
    "--resolve",
    "-x",
    "--proxy",
    "--limit-rate",
];

/// Flags without a value that change nothing here (the client always follows redirects,
/// decompresses, and shows everything).
const HARMLESS: &[&str] = &[
    "-g",
    "--globoff",
    "-i",
    "--include",
    "-s",
    "--silent",
    "-S",
    "--show-error",
    "-v",
    "--verbose",
    "-L",
    "--location",
    "--compressed",
    "-f",
    "--fail",
    "--fail-with-body",
    "-#",
    "--progress-bar",
    "-N",
    "--no-buffer",
    "--http1.1",
    "--http2",
];

/// Reads a curl command line.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let text = text.trim_start();
    let text = text.strip_prefix("REQ:").map_or(text, str::trim_start);
    // Words stay bytes: `--data-binary $'\xff'` is a byte, not U+FFFD.
    let words = split(text).map_err(ImportError::Unbalanced)?;
    let mut words = words.into_iter();
    if words.next().as_deref() != Some(b"curl".as_slice()) {
        return Err(ImportError::NotCurl);
    }
    let mut out = Imported::default();
    let mut method = None;
    let mut data: Vec<Vec<u8>> = Vec::new();
    let mut get = false;
    let mut head = false;
    let mut json = false;
    let mut tls = crate::http::TlsOptions::default();
    let mut options_done = false;
    let mut words = words.peekable();
    while let Some(raw) = words.next() {
        let word = String::from_utf8_lossy(&raw).into_owned();
        if options_done || !word.starts_with('-') || word == "-" {
            if out.url.is_empty() {
                out.url = word;
            } else {
                out.notes
                    .push(format!("a second URL ({word}) is not imported"));
            }
            continue;
        }
        if word == "--" {
            options_done = true;
            continue;
        }
        // `--name=value`, `-Xvalue`, `-sSL`: one flag and its value, or several flags.
        let (flag, attached) = split_flag(&raw);
        let mut bytes_value = |flag: &str| -> Result<Vec<u8>, ImportError> {
            match &attached {
                Some(v) => Ok(v.clone()),
                None => words
                    .next()
                    .ok_or_else(|| ImportError::MissingValue(flag.to_owned())),
            }
        };
        let mut value = |flag: &str| -> Result<String, ImportError> {
            bytes_value(flag).map(|v| String::from_utf8_lossy(&v).into_owned())
        };
        match flag.as_str() {
            "-X" | "--request" => method = Some(value(&flag)?),
            "-H" | "--header" => header(&mut out, &value(&flag)?),
            "-d" | "--data" | "--data-ascii" | "--data-binary" | "--data-raw" => {
                let v = bytes_value(&flag)?;
                if v.starts_with(b"@") && flag != "--data-raw" {
                    let file = String::from_utf8_lossy(&v);
                    out.notes
                        .push(format!("{flag} {file}: reading a file is not imported"));
                } else {
                    data.push(v);
                }
            }
            "--data-urlencode" => data.push(urlencode_data(&value(&flag)?).into_bytes()),
            "--json" => {
                data.push(bytes_value(&flag)?);
                json = true;
            }
            "-u" | "--user" => {
                let credentials = value(&flag)?;
                let encoded = base64::engine::general_purpose::STANDARD.encode(credentials);
                out.headers
                    .push(("Authorization".into(), format!("Basic {encoded}")));
            }
            "-A" | "--user-agent" => out.headers.push(("User-Agent".into(), value(&flag)?)),
            "-e" | "--referer" => out.headers.push(("Referer".into(), value(&flag)?)),
            "-b" | "--cookie" => out.headers.push(("Cookie".into(), value(&flag)?)),
            "--url" => out.url = value(&flag)?,
            "-G" | "--get" => get = true,
            "-I" | "--head" => head = true,
            "-k" | "--insecure" => tls.verify = false,
            "--cacert" => tls.cacert = Some(value(&flag)?.into()),
            "--cert" => {
                // curl's `FILE:PASSPHRASE`: encrypted keys are not supported, and the
                // passphrase is never kept or repeated.
                let given = value(&flag)?;
                let file = match given.split_once(':') {
                    Some((file, _)) => {
                        out.notes
                            .push("--cert: the key's passphrase is not used".to_owned());
                        file.to_owned()
                    }
                    None => given,
                };
                tls.cert = Some(file.into());
            }
            "--key" => tls.key = Some(value(&flag)?.into()),
            f if HARMLESS.contains(&f) => {}
            f if SKIPPED_WITH_VALUE.contains(&f) => {
                let v = value(f)?;
                out.notes.push(format!("{f} {v} is not imported"));
            }
            f if is_flag_cluster(f) => {
                for c in f[1..].chars() {
                    match c {
                        'G' => get = true,
                        'I' => head = true,
                        'k' => tls.verify = false,
                        c if HARMLESS.contains(&format!("-{c}").as_str()) => {}
                        c => out.notes.push(format!("unknown flag -{c} is not imported")),
                    }
                }
            }
            f => out.notes.push(format!("unknown flag {f} is not imported")),
        }
    }
    if out.url.is_empty() {
        return Err(ImportError::NoUrl);
    }
    let body = join_data(data);
    if get && !body.is_empty() {
        let separator = if out.url.contains('?') { '&' } else { '?' };
        out.url = format!("{}{separator}{}", out.url, String::from_utf8_lossy(&body));
    } else {
        out.body = body;
    }
    if json {
        add_default(&mut out.headers, "Content-Type", "application/json");
        add_default(&mut out.headers, "Accept", "application/json");
    }
    out.method = method.unwrap_or_else(|| {
        if head {
            "HEAD"
        } else if !out.body.is_empty() {
            "POST"
        } else {
            "GET"
        }
        .to_owned()
    });
    if tls != crate::http::TlsOptions::default() {
        out.tls = Some(tls);
    }
    Ok(out)
}

/// `--name=value` → (`--name`, `value`); `-Xvalue` → (`-X`, `value`) for the short flags
/// that take a value; anything else whole. The value keeps its bytes.
fn split_flag(word: &[u8]) -> (String, Option<Vec<u8>>) {
    if word.starts_with(b"--") {
        return match word.iter().position(|&b| b == b'=') {
            Some(at) => (
                String::from_utf8_lossy(&word[..at]).into_owned(),
                Some(word[at + 1..].to_vec()),
            ),
            None => (String::from_utf8_lossy(word).into_owned(), None),
        };
    }
    match word.get(1) {
        Some(
            &c
            @ (b'X' | b'H' | b'd' | b'u' | b'A' | b'e' | b'b' | b'o' | b'm' | b'w' | b'c' | b'x'),
        ) if word.len() > 2 => (format!("-{}", c as char), Some(word[2..].to_vec())),
        _ => (String::from_utf8_lossy(word).into_owned(), None),
    }
}

/// `-sSL`: several value-less short flags in one word.
fn is_flag_cluster(flag: &str) -> bool {
    flag.len() > 2 && !flag.starts_with("--") && flag[1..].chars().all(|c| c.is_ascii_alphabetic())
}

/// What curl skips around a header's name and value: HTTP's blanks, not Unicode's
/// whitespace (a value ending in U+00A0 or U+2002 keeps it).
const BLANKS: [char; 2] = [' ', '\t'];

/// `-H 'Name: value'`; `-H 'Name;'` sends an empty header; a keystoneauth token shown as
/// `{SHA256}…` is dropped for the cloud's own.
fn header(out: &mut Imported, line: &str) {
    if let Some(name) = line.strip_suffix(';').filter(|n| !n.contains(':')) {
        out.headers
            .push((name.trim_matches(BLANKS).to_owned(), String::new()));
        return;
    }
    let Some((name, value)) = line.split_once(':') else {
        out.notes
            .push(format!("header {line:?} has no colon and is not imported"));
        return;
    };
    let (name, value) = (name.trim_matches(BLANKS), value.trim_matches(BLANKS));
    if value.is_empty() {
        // curl removes a header given as `Name:`; there is nothing to remove here.
        return;
    }
    if is_redacted(value) || (is_secret_header(name) && holds_redacted(value)) {
        out.redacted_token = true;
        out.notes
            .push(if name.eq_ignore_ascii_case("x-auth-token") {
                format!("{name}: the redacted token is left out; the cloud's token goes instead")
            } else {
                format!("{name}: its redacted value is left out")
            });
        return;
    }
    out.headers.push((name.to_owned(), value.to_owned()));
}

/// Several `-d` are joined with `&`, as curl joins them.
fn join_data(data: Vec<Vec<u8>>) -> Vec<u8> {
    let mut body = Vec::new();
    for (i, part) in data.into_iter().enumerate() {
        if i > 0 {
            body.push(b'&');
        }
        body.extend(part);
    }
    body
}

/// `--data-urlencode 'name=value'` → `name=<value percent-encoded>`; without `=`, all of it.
fn urlencode_data(spec: &str) -> String {
    let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    match spec.split_once('=') {
        Some((name, value)) if !name.is_empty() => format!("{name}={}", encode(value)),
        Some((_, value)) => encode(value),
        None => encode(spec),
    }
}

fn add_default(headers: &mut Vec<(String, String)>, name: &str, value: &str) {
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
        headers.push((name.to_owned(), value.to_owned()));
    }
}
