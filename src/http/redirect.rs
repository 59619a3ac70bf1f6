//! Following redirects ourselves (reqwest's policy is off): the hop list is kept for the Raw
//! view, and credentials never follow a request to another origin — reqwest strips
//! `Authorization` and cookies there, but it knows nothing of `X-Auth-Token`.

use super::model::Response;
use super::spec::RequestSpec;

/// Whether a header carries credentials, dropped when a redirect leaves the origin: the secret
/// headers redaction knows, and cookies.
fn is_credential(name: &str) -> bool {
    super::redact::is_secret_header(name) || name.eq_ignore_ascii_case("cookie")
}

/// Whether `status` is a redirect with a `Location` worth following.
pub fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// The request to send after `response` redirected `spec`, or `None` without a usable Location.
pub fn next(spec: &RequestSpec, response: &Response) -> Option<RequestSpec> {
    let location = response.header("location")?;
    let url = spec.url.join(location.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let mut next = spec.clone();
    // 303 always, and 301/302 after a POST, become a GET without a body, as browsers and curl -L do.
    let to_get =
        response.status == 303 || (matches!(response.status, 301 | 302) && spec.method == "POST");
    if to_get {
        if next.method != "HEAD" {
            "GET".clone_into(&mut next.method);
        }
        next.body.clear();
        next.headers.retain(|(n, _)| !is_body_header(n));
    }
    if !same_origin(&spec.url, &url) {
        next.headers
            .retain(|(n, _)| !is_credential(n) && !n.eq_ignore_ascii_case("host"));
    }
    next.url = url;
    Some(next)
}

fn is_body_header(name: &str) -> bool {
    [
        "content-type",
        "content-length",
        "content-encoding",
        "transfer-encoding",
    ]
    .iter()
    .any(|h| name.eq_ignore_ascii_case(h))
}

fn same_origin(a: &url::Url, b: &url::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;

    fn response(status: u16, location: &str) -> Response {
        Response {
            status,
            reason: String::new(),
            version: "HTTP/1.1".into(),
            headers: vec![("location".into(), location.as_bytes().to_vec())],
            body: Bytes::new(),
            wire_body_len: 0,
            header_len: 0,
            final_url: String::new(),
            remote_addr: None,
            incomplete: None,
            spilled: None,
            interrupted: false,
            redirects: Vec::new(),
        }
    }

    fn spec(method: &str, url: &str) -> RequestSpec {
        RequestSpec {
            method: method.into(),
            url: url::Url::parse(url).expect("test url"),
            headers: vec![
                ("X-Auth-Token".into(), "secret".into()),
                ("Content-Type".into(), "application/json".into()),
                ("X-Trace".into(), "1".into()),
            ],
            body: b"{}".to_vec(),
            tls: None,
        }
    }

    #[test]
    fn same_origin_keeps_the_token_and_a_relative_location_resolves() {
        let next = next(
            &spec("GET", "http://127.0.0.1:1/a/b"),
            &response(307, "../c"),
        )
        .expect("followed");
        assert_eq!(next.url.as_str(), "http://127.0.0.1:1/c");
        assert_eq!(next.header("x-auth-token"), Some("secret"));
    }

    #[test]
    fn another_origin_never_gets_the_token() {
        for target in [
            "http://127.0.0.2:1/x",
            "http://127.0.0.1:2/x",
            "https://127.0.0.1:1/x",
        ] {
            let next = next(&spec("GET", "http://127.0.0.1:1/a"), &response(302, target))
                .expect("followed");
            assert_eq!(next.header("x-auth-token"), None, "{target}");
            assert_eq!(next.header("x-trace"), Some("1"));
        }
    }

    #[test]
    fn see_other_and_post_found_become_get() {
        let next303 = next(&spec("PUT", "http://h/a"), &response(303, "/b")).expect("followed");
        assert_eq!((next303.method.as_str(), next303.body.len()), ("GET", 0));
        assert_eq!(next303.header("content-type"), None);
        let next302 = next(&spec("POST", "http://h/a"), &response(302, "/b")).expect("followed");
        assert_eq!(next302.method, "GET");
        let next307 = next(&spec("POST", "http://h/a"), &response(307, "/b")).expect("followed");
        assert_eq!(
            (next307.method.as_str(), next307.body.as_slice()),
            ("POST", &b"{}"[..])
        );
    }

    #[test]
    fn no_or_odd_location_is_not_followed() {
        let mut no_location = response(302, "");
        no_location.headers.clear();
        assert!(next(&spec("GET", "http://h/a"), &no_location).is_none());
        assert!(next(&spec("GET", "http://h/a"), &response(302, "ftp://h/x")).is_none());
    }
}
