//! One exchange: the request exactly as sent, the response as received, and how long it took.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use bytes::Bytes;

use super::error::Failure;
use super::spill::SpilledBody;

/// The request as it went on the wire: the headers we and the client library add are included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl SentRequest {
    /// `GET /path?query` — the origin form used on the request line.
    pub fn target(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(url) => match url.query() {
                Some(q) => format!("{}?{q}", url.path()),
                None => url.path().to_owned(),
            },
            Err(_) => self.url.clone(),
        }
    }
}

/// A response as received; the body is decoded (Content-Encoding undone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// The reason phrase the server sent, or the standard one when it sent the standard one.
    pub reason: String,
    /// `HTTP/1.1`, `HTTP/2`, …
    pub version: String,
    /// In received order. Values are bytes: servers may send non-UTF-8.
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Bytes,
    /// Bytes of the body as they came over the wire, before decoding.
    pub wire_body_len: usize,
    /// Bytes of the status line and headers.
    pub header_len: usize,
    /// The URL that answered, after redirects.
    pub final_url: String,
    pub remote_addr: Option<SocketAddr>,
    /// Why the body is not whole (cut at the size cap, connection reset), when it is not.
    pub incomplete: Option<String>,
    /// The redirects followed to get here, as `302 URL → URL`.
    pub redirects: Vec<String>,
    /// The whole body in a temporary file, when it was larger than the memory cap (`body`
    /// then holds its first part).
    pub spilled: Option<SpilledBody>,
    /// The body stopped because the connection broke or the timeout struck, not at a cap.
    pub interrupted: bool,
}

impl Response {
    /// The first value of header `name`, compared case-insensitively, lossily decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
    }
}

/// When the exchange started and how long its parts took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    pub started_at: SystemTime,
    /// Until the response head arrived (connection set-up included).
    pub first_byte: Option<Duration>,
    pub total: Duration,
    /// Where the time went, part by part; `None` when no response came, or for a History row
    /// stored before the parts were measured.
    pub phases: Option<Phases>,
}

/// Where an exchange's time went, each part measured where it happens (the connection's
/// set-up in the connector), summed over the hops of the redirects it followed. The parts
/// add up to the total but for the little spent choosing a client and between hops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Phases {
    /// Looking the host's name up; `None` when no name was (an IP address, or no new
    /// connection).
    pub dns: Option<Duration>,
    /// Opening the TCP connection (to the proxy, and its tunnel, when there is one); `None`
    /// when every hop went on a connection already open: it was reused.
    pub connect: Option<Duration>,
    /// The TLS handshake; `None` for plain HTTP or no new connection.
    pub tls: Option<Duration>,
    /// From the connection ready (the request then written on it) to the response's head.
    pub first_byte: Duration,
    /// Reading the body.
    pub body: Duration,
}

impl Phases {
    /// Whether every hop went on a connection already open (no DNS, connect or TLS).
    pub fn reused(&self) -> bool {
        self.connect.is_none()
    }

    /// The parts added up.
    pub fn sum(&self) -> Duration {
        [self.dns, self.connect, self.tls]
            .into_iter()
            .flatten()
            .fold(self.first_byte + self.body, |sum, part| sum + part)
    }
}

/// A request and what came of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub request: SentRequest,
    pub outcome: Result<Response, Failure>,
    pub timings: Timings,
}
