//! From what the user typed to a request that can be sent: every problem is found and named by
//! field and line, and nothing is sent until there are none.

use reqwest::header::{HeaderName, HeaderValue};
use url::Url;

use super::content::{is_json_type, media_type};
use crate::json;

/// Methods offered in the composer; any other token may be typed.
pub const STANDARD_METHODS: [&str; 7] =
    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// A part of the composer a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Method,
    Url,
    Headers,
    Params,
    Body,
}

impl Field {
    /// How messages name the field.
    pub fn name(self) -> &'static str {
        match self {
            Field::Method => "method",
            Field::Url => "URL",
            Field::Headers => "headers",
            Field::Params => "params",
            Field::Body => "body",
        }
    }
}

/// Something that keeps a draft from being sent, shown where the user typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    /// 1-based line within a multi-line field.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The composer's text, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub method: String,
    pub url: String,
    /// One `Name: value` per line; a line starting with `#` is switched off.
    pub headers: Vec<String>,
    pub body: String,
}

/// A request ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSpec {
    pub method: String,
    pub url: Url,
    /// In the order given; names as typed.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// TLS settings of this request's own (`send -k`, an imported curl's `--cacert`), over
    /// the client's; `None`: the client's.
    pub tls: Option<super::TlsOptions>,
}

impl RequestSpec {
    /// The first value of header `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Draft {
    /// Validates the draft; on success the request to send, else every problem found.
    pub fn build(&self) -> Result<RequestSpec, Vec<Problem>> {
        let mut problems = Vec::new();
        let method = check_method(&self.method)
            .map_err(|m| problems.push(problem(Field::Method, None, m)))
            .ok();
        let url = parse_url(&self.url)
            .map_err(|m| problems.push(problem(Field::Url, None, m)))
            .ok();
        let mut headers = parse_headers(&self.headers, &mut problems);
        let body = self.body.as_bytes().to_vec();
        if !self.body.trim().is_empty() {
            check_body(&self.body, &mut headers, &mut problems);
        }
        match (method, url) {
            (Some(method), Some(url)) if problems.is_empty() => Ok(RequestSpec {
                method,
                url,
                headers,
                body,
                tls: None,
            }),
            _ => Err(problems),
        }
    }
}

fn problem(field: Field, line: Option<usize>, message: impl Into<String>) -> Problem {
    Problem {
        field,
        line,
        message: message.into(),
    }
}

fn check_method(method: &str) -> Result<String, String> {
    let method = method.trim();
    if method.is_empty() {
        return Err("type a method, e.g. GET".into());
    }
    if let Some(standard) = STANDARD_METHODS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(method))
    {
        return Ok((*standard).to_owned());
    }
    if reqwest::Method::from_bytes(method.as_bytes()).is_err() {
        return Err(format!(
            "\"{method}\" is not a valid method token (letters, digits, !#$%&'*+-.^_`|~)"
        ));
    }
    Ok(method.to_owned())
}

/// Parses an absolute http(s) URL, offering a scheme when one is missing.
pub fn parse_url(text: &str) -> Result<Url, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("type a URL, e.g. https://example.com/".into());
    }
    if !text.contains("://") {
        return Err(format!(
            "the URL has no scheme: add http:// or https:// (http://{text} or https://{text})"
        ));
    }
    let url = Url::parse(text).map_err(|e| format!("not a valid URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "unsupported scheme \"{}\": use http:// or https://",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the URL has no host".into());
    }
    Ok(url)
}

/// Whether a header or param line is switched off.
pub fn is_disabled(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

fn parse_headers(lines: &[String], problems: &mut Vec<Problem>) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let line_no = Some(n + 1);
        if line.trim().is_empty() || is_disabled(line) {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            problems.push(problem(
                Field::Headers,
                line_no,
                format!("no colon in \"{}\": write Name: value", line.trim()),
            ));
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        if HeaderName::from_bytes(name.as_bytes()).is_err() {
            problems.push(problem(
                Field::Headers,
                line_no,
                format!("\"{name}\" is not a valid header name"),
            ));
        } else if HeaderValue::from_str(value).is_err() {
            problems.push(problem(
                Field::Headers,
                line_no,
                format!("the value of {name} has characters a header cannot carry"),
            ));
        } else {
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    headers
}

fn check_body(body: &str, headers: &mut Vec<(String, String)>, problems: &mut Vec<Problem>) {
    let content_type = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| media_type(v));
    match content_type {
        Some(media) if is_json_type(&media) => {
            if let Err(e) = json::validate(body.as_bytes()) {
                problems.push(problem(
                    Field::Body,
                    Some(e.line),
                    format!("{e} (Content-Type is {media})"),
                ));
            }
        }
        Some(_) => {}
        None => {
            if json::validate(body.as_bytes()).is_ok() {
                headers.push(("Content-Type".into(), "application/json".into()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(method: &str, url: &str, headers: &[&str], body: &str) -> Draft {
        Draft {
            method: method.into(),
            url: url.into(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            body: body.into(),
        }
    }

    #[test]
    fn a_good_draft_builds() {
        let spec = draft(
            "post",
            " http://127.0.0.1:8080/a?q=1 ",
            &["X-Trace: 1", "# X-Off: 2", ""],
            "{\"a\": 1}",
        )
        .build()
        .expect("valid");
        assert_eq!(spec.method, "POST");
        assert_eq!(spec.url.as_str(), "http://127.0.0.1:8080/a?q=1");
        assert_eq!(
            spec.headers,
            vec![
                ("X-Trace".into(), "1".into()),
                ("Content-Type".into(), "application/json".into())
            ]
        );
        assert_eq!(spec.header("content-type"), Some("application/json"));
    }

    #[test]
    fn custom_methods_are_kept_and_bad_ones_named() {
        assert_eq!(
            draft("PROPFIND", "http://h/", &[], "")
                .build()
                .map(|s| s.method),
            Ok("PROPFIND".into())
        );
        let problems = draft("GE T", "http://h/", &[], "")
            .build()
            .expect_err("space in method");
        assert_eq!(problems[0].field, Field::Method);
    }

    #[test]
    fn missing_scheme_offers_both() {
        let problems = draft("GET", "localhost:8080/x", &[], "")
            .build()
            .expect_err("no scheme");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, Field::Url);
        assert!(
            problems[0].message.contains("http://localhost:8080/x"),
            "{}",
            problems[0].message
        );
        assert!(problems[0].message.contains("https://localhost:8080/x"));
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let problems = draft(
            "GET",
            "http://[::1",
            &["Good: 1", "NoColonHere", "Bad Name: x"],
            "",
        )
        .build()
        .expect_err("bad");
        let summary: Vec<(Field, Option<usize>)> =
            problems.iter().map(|p| (p.field, p.line)).collect();
        assert_eq!(
            summary,
            vec![
                (Field::Url, None),
                (Field::Headers, Some(2)),
                (Field::Headers, Some(3))
            ]
        );
    }

    #[test]
    fn json_content_type_requires_json_body() {
        let problems = draft(
            "POST",
            "http://h/",
            &["Content-Type: application/json"],
            "{\n\"a\": }",
        )
        .build()
        .expect_err("invalid");
        assert_eq!(
            (problems[0].field, problems[0].line),
            (Field::Body, Some(2))
        );
        let spec = draft(
            "POST",
            "http://h/",
            &["Content-Type: text/plain"],
            "{ not json",
        )
        .build()
        .expect("any text");
        assert_eq!(spec.header("Content-Type"), Some("text/plain"));
    }

    #[test]
    fn other_schemes_are_refused() {
        let problems = draft("GET", "ftp://h/", &[], "").build().expect_err("ftp");
        assert!(problems[0].message.contains("ftp"));
    }
}
