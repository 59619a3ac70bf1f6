//! A request as the handlers see it: read in full (the demo's bodies are small), with the
//! request id it will be answered under.

use bytes::Bytes;
use hyper::http::request::Parts;
use hyper::{HeaderMap, Method};

pub(super) struct Req {
    pub method: Method,
    /// The path, percent-encoding left as sent.
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// `req-<uuid>`, echoed as `x-openstack-request-id`.
    pub request_id: String,
}

impl Req {
    pub(super) fn new(parts: Parts, body: Bytes, request_id: String) -> Self {
        Self {
            method: parts.method,
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            headers: parts.headers,
            body,
            request_id,
        }
    }

    /// A header's value, if present and readable as text, trimmed.
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    }

    /// The first value of a query parameter, percent-decoded; a bare key (`?nocatalog`) has
    /// the empty value.
    pub(super) fn query_param(&self, key: &str) -> Option<String> {
        let query = self.query.as_deref()?;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.into_owned())
    }

    pub(super) fn is_read(&self) -> bool {
        self.method == Method::GET || self.method == Method::HEAD
    }
}

/// `/a/b/` → `["a", "b"]`: the non-empty segments of a path.
pub(super) fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The rest of `path` after the segment `prefix` (`/compute`), starting with `/` or empty;
/// `None` when the path is not under it (`/computer` is not under `/compute`).
pub(super) fn under<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(prefix)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_match_whole_segments() {
        assert_eq!(under("/compute/v2.1", "/compute"), Some("/v2.1"));
        assert_eq!(under("/compute", "/compute"), Some(""));
        assert_eq!(under("/computer", "/compute"), None);
        assert_eq!(segments("/v2.1//flavors/"), vec!["v2.1", "flavors"]);
    }
}
