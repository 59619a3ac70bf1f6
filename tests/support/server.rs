//! A tiny raw HTTP/1.1 server on 127.0.0.1 for tests: each request is parsed and recorded (head
//! bytes too), a handler picks a canned `Reply`, and the reply is written byte for byte as
//! described, so tests control exactly what goes over the wire. Dropping the server stops it
//! and every connection it holds.

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// Requests with a head larger than this are dropped: no test sends one.
const MAX_HEAD: usize = 64 * 1024;

/// A request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// Path and query, as on the request line.
    pub target: String,
    /// Names and values as they came, in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The request line and headers, up to and including the blank line.
    pub head: Vec<u8>,
    /// Which accepted connection it came on, counting from 0.
    pub connection: usize,
}

impl Request {
    /// The first value of header `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How the body of a reply goes out.
#[derive(Debug, Clone)]
pub enum Body {
    /// With `Content-Length` (added unless given, and not for 1xx/204/304).
    Fixed(Vec<u8>),
    /// With `Transfer-Encoding: chunked`, one chunk per element.
    Chunked(Vec<Vec<u8>>),
    /// Gzip-compressed, with `Content-Encoding: gzip` and the compressed length.
    Gzip(Vec<u8>),
    /// `Content-Length: declared`, then only `sent`, then the connection is closed.
    CutShort { declared: usize, sent: Vec<u8> },
    /// Nothing at all, not even a status line: the connection stays open until the server drops.
    Silent,
    /// `len` bytes of `unit` repeated, with `Content-Length`, written as the peer reads them
    /// (a body far larger than memory should hold).
    Repeat { len: u64, unit: Vec<u8> },
    /// Chunked, `chunk` every `every`, for ever (until the peer goes away).
    Endless { chunk: Vec<u8>, every: Duration },
}

/// What the server answers. Headers are written verbatim, in order, before the framing
/// headers the body needs.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Reply {
    pub fn new(status: u16, reason: &str) -> Self {
        Self {
            status,
            reason: reason.to_owned(),
            headers: Vec::new(),
            body: Body::Fixed(Vec::new()),
        }
    }

    /// A reply that never comes.
    pub fn silent() -> Self {
        Self {
            body: Body::Silent,
            ..Self::new(0, "")
        }
    }

    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    #[must_use]
    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    /// The bytes to write, and whether to close the connection after them.
    fn encode(&self) -> (Vec<u8>, bool) {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (name, value) in &self.headers {
            let _ = write!(head, "{name}: {value}\r\n");
        }
        let has_length = self
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
        let (framing, payload, close) = match &self.body {
            Body::Fixed(bytes) => {
                let bodiless = self.status < 200 || matches!(self.status, 204 | 304);
                let framing = if has_length || bodiless {
                    String::new()
                } else {
                    format!("Content-Length: {}\r\n", bytes.len())
                };
                (framing, bytes.clone(), false)
            }
            Body::Chunked(chunks) => {
                let mut payload = Vec::new();
                for chunk in chunks.iter().filter(|c| !c.is_empty()) {
                    payload.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                    payload.extend_from_slice(chunk);
                    payload.extend_from_slice(b"\r\n");
                }
                payload.extend_from_slice(b"0\r\n\r\n");
                ("Transfer-Encoding: chunked\r\n".to_owned(), payload, false)
            }
            Body::Gzip(plain) => {
                let gz = gzip(plain);
                let framing = format!("Content-Encoding: gzip\r\nContent-Length: {}\r\n", gz.len());
                (framing, gz, false)
            }
            Body::CutShort { declared, sent } => (
                format!("Content-Length: {declared}\r\n"),
                sent.clone(),
                true,
            ),
            Body::Repeat { len, .. } => (format!("Content-Length: {len}\r\n"), Vec::new(), false),
            Body::Endless { .. } => (
                "Transfer-Encoding: chunked\r\n".to_owned(),
                Vec::new(),
                false,
            ),
            Body::Silent => return (Vec::new(), false),
        };
        head.push_str(&framing);
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&payload);
        (bytes, close)
    }
}

/// Gzip in memory.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("gzip into memory");
    encoder.finish().expect("finish gzip in memory")
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

struct Shared {
    handler: Box<Handler>,
    requests: Mutex<Vec<Request>>,
    connections: AtomicUsize,
}

/// A running server; it stops, connections included, when dropped.
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: JoinHandle<()>,
}

impl TestServer {
    /// Starts a server on 127.0.0.1 on a free port; must run inside a tokio runtime.
    pub async fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        Self::start_on("127.0.0.1:0", handler).await
    }

    /// Starts a server on `addr`, a loopback address (127.0.0.2 plays "another host").
    pub async fn start_on(
        addr: &str,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind(addr)
            .await
            .unwrap_or_else(|e| panic!("bind a test server on {addr}: {e}"));
        let addr = listener.local_addr().expect("the test server's address");
        let shared = Arc::new(Shared {
            handler: Box::new(handler),
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
        });
        let for_task = Arc::clone(&shared);
        let accept = tokio::spawn(async move {
            // Owned by this task: aborting it drops the set, which aborts every connection.
            let mut conns = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let n = for_task.connections.fetch_add(1, Ordering::SeqCst);
                conns.spawn(serve(stream, n, Arc::clone(&for_task)));
                while conns.try_join_next().is_some() {}
            }
        });
        Self {
            addr,
            shared,
            accept,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.shared
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How many TCP connections were accepted.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Serves one connection: requests one after another (keep-alive) until the peer closes.
async fn serve(mut stream: TcpStream, connection: usize, shared: Arc<Shared>) {
    let mut buf = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buf, connection).await {
        let reply = (shared.handler)(&request);
        shared
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        if matches!(reply.body, Body::Silent) {
            std::future::pending::<()>().await;
        }
        let (bytes, close) = reply.encode();
        if stream.write_all(&bytes).await.is_err() || stream.flush().await.is_err() {
            return;
        }
        if stream_body(&mut stream, &reply.body).await.is_err() {
            return;
        }
        if close {
            let _ = stream.shutdown().await;
            return;
        }
    }
}

/// The bodies written as they go: `Repeat` a megabyte at a time, `Endless` a chunk per tick.
async fn stream_body(stream: &mut TcpStream, body: &Body) -> std::io::Result<()> {
    match body {
        Body::Repeat { len, unit } => {
            let block: Vec<u8> = unit.iter().copied().cycle().take(1 << 20).collect();
            let mut left = *len;
            while left > 0 {
                let n = usize::try_from(left.min(block.len() as u64)).unwrap_or(block.len());
                stream.write_all(&block[..n]).await?;
                left -= n as u64;
            }
            stream.flush().await
        }
        Body::Endless { chunk, every } => loop {
            let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
            stream.write_all(&framed).await?;
            stream.flush().await?;
            tokio::time::sleep(*every).await;
        },
        _ => Ok(()),
    }
}

/// Reads one request; `None` when the peer closed or sent something unreadable. Bytes past
/// the request stay in `buf` for the next one.
async fn read_request(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    connection: usize,
) -> Option<Request> {
    let head_len = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        if buf.len() > MAX_HEAD || !read_more(stream, buf).await {
            return None;
        }
    };
    let head = buf[..head_len].to_vec();
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map_or(Some(0), |(_, v)| v.parse().ok())?;
    while buf.len() < head_len + length {
        if !read_more(stream, buf).await {
            return None;
        }
    }
    let body = buf[head_len..head_len + length].to_vec();
    buf.drain(..head_len + length);
    Some(Request {
        method,
        target,
        headers,
        body,
        head,
        connection,
    })
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            true
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on: bound, read, released.
pub fn refused_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind to find a free port");
    listener.local_addr().expect("the free port").port()
}
