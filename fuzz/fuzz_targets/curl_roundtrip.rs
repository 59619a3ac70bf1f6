//! export → import is the identity on requests: any method token, any non-empty URL, headers
//! as HTTP allows them (a token name; a value of visible and non-ASCII characters, blanks
//! only inside), any body bytes.
//! With secrets in clear every header comes back; redacted, the secret ones are dropped, the
//! import says so, the rest come back, and the body comes back with its secret fields masked.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use fiddlestack::http::curl::{Secrets, export, import};
use fiddlestack::http::mask::{Values, mask_body};
use fiddlestack::http::redact::is_secret_header;
use libfuzzer_sys::fuzz_target;

/// RFC 9110 `tchar`: what a method or header name is made of.
const TCHAR: &[u8] =
    b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn token(u: &mut Unstructured<'_>, max: usize) -> arbitrary::Result<String> {
    let len = u.int_in_range(1..=max)?;
    (0..len)
        .map(|_| u.choose(TCHAR).map(|&b| char::from(b)))
        .collect()
}

#[derive(Debug)]
struct Request {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl<'a> Arbitrary<'a> for Request {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let method = token(u, 10)?;
        let url = String::arbitrary(u)?;
        let mut headers = Vec::new();
        for _ in 0..u.int_in_range(0..=4)? {
            let name = token(u, 16)?;
            // A field value (RFC 9110 §5.5): visible ASCII, non-ASCII, and blanks only between
            // them; `{SHA256}…` is how a redacted token is written, which import drops by
            // design.
            let value: String = String::arbitrary(u)?
                .chars()
                .filter(|&c| c == ' ' || c == '\t' || !c.is_ascii_control())
                .collect();
            let value = value.trim_matches([' ', '\t']).to_owned();
            if value.starts_with("{SHA256}") {
                continue;
            }
            headers.push((name, value));
        }
        let body = Vec::<u8>::arbitrary(u)?;
        Ok(Request {
            method,
            url,
            headers,
            body,
        })
    }
}

fuzz_target!(|request: Request| {
    if request.url.is_empty() {
        return;
    }
    let Request {
        method,
        url,
        headers,
        body,
    } = &request;
    let line = export(method, url, headers, body, Secrets::InClear);
    let back = import(&line).unwrap_or_else(|e| panic!("{line:?} does not import: {e}"));
    assert_eq!(&back.method, method, "{line}");
    assert_eq!(&back.url, url, "{line}");
    assert_eq!(&back.headers, headers, "{line}");
    assert_eq!(&back.body, body, "{line}");

    let line = export(method, url, headers, body, Secrets::Redacted);
    let back = import(&line).unwrap_or_else(|e| panic!("{line:?} does not import: {e}"));
    let public: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| !is_secret_header(name))
        .cloned()
        .collect();
    assert_eq!(back.headers, public, "{line}");
    assert_eq!(back.redacted_token, public.len() < headers.len(), "{line}");
    assert_eq!(&back.url, url, "{line}");
    let masked = mask_body(body, Values::Sent).unwrap_or_else(|| body.clone());
    assert_eq!(back.body, masked, "{line}");
});
