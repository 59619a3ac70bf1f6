//! Building responses: the body type, JSON and text replies, and the error bodies each
//! service writes (Keystone's `{"error": …}`, nova's `{"itemNotFound": …}` and kin).

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use hyper::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::{Response, StatusCode};
use serde_json::{Value, json};

/// A whole body in one frame (or none).
#[derive(Debug, Default)]
pub(super) struct DemoBody(Option<Bytes>);

impl Body for DemoBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(self.0.take().map(|data| Ok(Frame::data(data))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.0.as_ref().map_or(0, |data| data.len() as u64))
    }
}

pub(super) type Reply = Response<DemoBody>;

/// The answer a check refuses a request with, boxed to keep `Result`s small (`?` boxes a
/// `Reply` on its own).
pub(super) type Refusal = Box<Reply>;

/// A reply with this status, body and content type.
pub(super) fn bytes(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Reply {
    let mut reply = Response::new(DemoBody(Some(Bytes::from(body))));
    *reply.status_mut() = status;
    reply
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    reply
}

pub(super) fn json(status: StatusCode, value: &Value) -> Reply {
    // Serialising a `Value` cannot fail: its map keys are strings.
    let body = serde_json::to_vec(value).unwrap_or_default();
    bytes(status, "application/json", body)
}

pub(super) fn text(status: StatusCode, body: &str) -> Reply {
    bytes(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

/// No body at all (204, HEAD).
pub(super) fn empty(status: StatusCode) -> Reply {
    let mut reply = Response::new(DemoBody(None));
    *reply.status_mut() = status;
    reply
}

/// Adds a header; a value that is not a valid header value is skipped (every caller passes
/// ASCII it built itself).
pub(super) fn with_header(mut reply: Reply, name: &'static str, value: &str) -> Reply {
    if let Ok(value) = HeaderValue::from_str(value) {
        reply
            .headers_mut()
            .append(HeaderName::from_static(name), value);
    }
    reply
}

/// Keystone's error body: `{"error": {"code", "title", "message"}}`.
pub(super) fn keystone_error(status: StatusCode, message: &str) -> Reply {
    let title = status.canonical_reason().unwrap_or("Error");
    json(
        status,
        &json!({"error": {"code": status.as_u16(), "title": title, "message": message}}),
    )
}

pub(super) const AUTH_REQUIRED: &str = "The request you have made requires authentication.";
pub(super) const MALFORMED: &str = "The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";

/// 401 as Keystone and keystonemiddleware answer it, with the `WWW-Authenticate` header that
/// names the identity endpoint.
pub(super) fn unauthorized(base: &str, message: &str) -> Reply {
    with_header(
        keystone_error(StatusCode::UNAUTHORIZED, message),
        "www-authenticate",
        &format!("Keystone uri=\"{base}/v3\""),
    )
}

/// 400 with Keystone's "Expecting to find …" sentence followed by its stock explanation.
pub(super) fn bad_request(detail: &str) -> Reply {
    let message = if detail.is_empty() {
        MALFORMED.to_owned()
    } else {
        format!("{detail} {MALFORMED}")
    };
    keystone_error(StatusCode::BAD_REQUEST, &message)
}

/// Nova's (and cinder's) fault body: `{"<name>": {"code", "message"}}`, the name chosen by
/// the status as nova's `wsgi.Fault` does.
pub(super) fn nova_fault(status: StatusCode, message: &str) -> Reply {
    let name = match status.as_u16() {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 | 429 => "overLimit",
        415 => "badMediaType",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    };
    json(
        status,
        &json!({ name: {"code": status.as_u16(), "message": message} }),
    )
}

/// 405 for a path that exists but not with this method; `allow` lists the methods that do.
pub(super) fn method_not_allowed(allow: &'static str) -> Reply {
    let reply = keystone_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "The method is not allowed for the requested URL.",
    );
    with_header(reply, "allow", allow)
}
