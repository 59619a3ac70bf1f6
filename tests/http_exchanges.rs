//! The HTTP layer against real servers on 127.0.0.1: what comes back, what went out, and how
//! failures are named.

mod support;

use std::time::{Duration, Instant};

use fiddlestack::app::document::{self, Document, LineKind};
use fiddlestack::http::{ClientOptions, Draft, Exchange, HttpClient, HttpError, Response};
use support::server::{Body, Reply, Request, TestServer, gzip, refused_port};

/// Short enough that a broken test fails fast, long enough for a slow CI machine.
fn options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    }
}

async fn send_with(
    options: ClientOptions,
    method: &str,
    url: &str,
    headers: &[&str],
    body: &str,
) -> Exchange {
    let spec = Draft {
        method: method.into(),
        url: url.into(),
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        body: body.into(),
    }
    .build()
    .expect("a valid draft");
    let client = HttpClient::new(options).expect("the HTTP client starts");
    client.send(spec).await
}

async fn get(url: &str) -> Exchange {
    send_with(options(), "GET", url, &[], "").await
}

fn response(exchange: &Exchange) -> &Response {
    match &exchange.outcome {
        Ok(response) => response,
        Err(failure) => panic!("expected a response, got: {failure} ({:?})", failure.chain),
    }
}

fn lines(doc: &Document) -> Vec<(LineKind, String)> {
    (0..doc.len())
        .filter_map(|n| doc.line(n))
        .map(|l| (l.kind, String::from_utf8_lossy(&l.bytes).into_owned()))
        .collect()
}

fn names(headers: &[(String, Vec<u8>)]) -> Vec<&str> {
    headers.iter().map(|(n, _)| n.as_str()).collect()
}

/// Header names lower-cased with their values, for comparing what was sent with what arrived.
fn lowered<'a>(headers: impl IntoIterator<Item = &'a (String, String)>) -> Vec<(String, String)> {
    headers
        .into_iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect()
}

fn only_request(server: &TestServer) -> Request {
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests.remove(0)
}

#[tokio::test]
async fn json_200_comes_back_whole_with_headers_in_order() {
    let body = br#"{"servers": [{"id": 1}, {"id": 2}]}"#;
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .header("X-Zeta", "last-alphabetically")
            .header("X-Alpha", "first-alphabetically")
            .body(Body::Fixed(body.to_vec()))
    })
    .await;
    let exchange = get(&server.url("/servers")).await;
    let r = response(&exchange);
    assert_eq!((r.status, r.reason.as_str()), (200, "OK"));
    assert_eq!(r.version, "HTTP/1.1");
    assert_eq!(
        names(&r.headers),
        ["content-type", "x-zeta", "x-alpha", "content-length"]
    );
    assert_eq!(r.header("X-Zeta").as_deref(), Some("last-alphabetically"));
    assert_eq!(r.header("content-length"), Some(body.len().to_string()));
    assert_eq!(&r.body[..], body);
    assert_eq!(r.wire_body_len, body.len());
    assert_eq!(r.incomplete, None);
    assert_eq!(r.final_url, server.url("/servers"));
    assert_eq!(r.remote_addr, Some(server.addr()));
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Zeta: last-alphabetically\r\n\
         X-Alpha: first-alphabetically\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    assert_eq!(r.header_len, head.len());
    let first_byte = exchange.timings.first_byte.expect("a first byte time");
    assert!(
        first_byte <= exchange.timings.total,
        "{first_byte:?} > {:?}",
        exchange.timings.total
    );
    assert_eq!(only_request(&server).target, "/servers");
}

#[tokio::test]
async fn text_body_is_kept_and_shown_line_by_line() {
    let body = "héllo\nwörld\n";
    let server = TestServer::start(move |_| {
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain; charset=utf-8")
            .body(Body::Fixed(body.as_bytes().to_vec()))
    })
    .await;
    let exchange = get(&server.url("/t")).await;
    let r = response(&exchange);
    assert_eq!(&r.body[..], body.as_bytes());
    let raw = lines(&document::raw(&exchange));
    assert_eq!(raw[0], (LineKind::RequestLine, "GET /t HTTP/1.1".into()));
    assert!(raw.contains(&(LineKind::StatusLine, "HTTP/1.1 200 OK".into())));
    let tail: Vec<_> = raw.iter().rev().take(2).rev().cloned().collect();
    assert_eq!(
        tail,
        [
            (LineKind::Body, "héllo".to_owned()),
            (LineKind::Body, "wörld".to_owned())
        ]
    );
}

#[tokio::test]
async fn binary_body_is_intact_and_shown_as_hex() {
    let bytes: Vec<u8> = (0..=255).collect();
    let sent = bytes.clone();
    let server = TestServer::start(move |_| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/octet-stream")
            .body(Body::Fixed(sent.clone()))
    })
    .await;
    let exchange = get(&server.url("/blob")).await;
    assert_eq!(&response(&exchange).body[..], &bytes[..]);
    let hex: Vec<String> = lines(&document::raw(&exchange))
        .into_iter()
        .filter(|(kind, _)| *kind == LineKind::Hex)
        .map(|(_, text)| text)
        .collect();
    assert_eq!(hex.len(), 16, "{hex:#?}");
    assert_eq!(
        hex[0],
        "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|"
    );
    assert!(hex[15].starts_with("000000f0  f0 f1"), "{}", hex[15]);
}

#[tokio::test]
async fn gzip_body_is_decoded_and_wire_size_kept() {
    let plain = r#"{"flavor": "m1.small", "ram": 2048}, "#.repeat(200).into_bytes();
    let for_server = plain.clone();
    let server = TestServer::start(move |_| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::Gzip(for_server.clone()))
    })
    .await;
    let exchange = get(&server.url("/gz")).await;
    let r = response(&exchange);
    assert_eq!(r.header("content-encoding").as_deref(), Some("gzip"));
    assert_eq!(&r.body[..], &plain[..]);
    assert_eq!(r.wire_body_len, gzip(&plain).len());
    assert!(r.wire_body_len < r.body.len());
    assert_eq!(r.incomplete, None);
    let request = only_request(&server);
    assert_eq!(request.header("accept-encoding"), Some("gzip, deflate, br"));
}

#[tokio::test]
async fn gzip_bomb_stops_at_the_body_cap() {
    let server =
        TestServer::start(|_| Reply::new(200, "OK").body(Body::Gzip(vec![b'0'; 1 << 20]))).await;
    let options = ClientOptions {
        max_body_bytes: 10_000,
        ..options()
    };
    let exchange = send_with(options, "GET", &server.url("/bomb"), &[], "").await;
    let r = response(&exchange);
    assert_eq!(r.body.len(), 10_000);
    assert!(r.body.iter().all(|&b| b == b'0'));
    let note = r.incomplete.as_deref().expect("the cut is noted");
    assert!(note.contains("decoded body is larger"), "{note}");
}

#[tokio::test]
async fn chunked_body_is_joined() {
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Chunked(vec![
                b"hello ".to_vec(),
                b"chunked".to_vec(),
                b" world".to_vec(),
            ]))
    })
    .await;
    let exchange = get(&server.url("/c")).await;
    let r = response(&exchange);
    assert_eq!(r.header("transfer-encoding").as_deref(), Some("chunked"));
    assert_eq!(&r.body[..], b"hello chunked world");
    assert_eq!(r.wire_body_len, 19);
    assert_eq!(r.incomplete, None);
}

#[tokio::test]
async fn no_content_has_no_body() {
    let server = TestServer::start(|_| Reply::new(204, "No Content").header("X-Done", "yes")).await;
    let exchange = send_with(options(), "DELETE", &server.url("/item/7"), &[], "").await;
    let r = response(&exchange);
    assert_eq!((r.status, r.reason.as_str()), (204, "No Content"));
    assert!(r.body.is_empty());
    assert_eq!(r.wire_body_len, 0);
    assert_eq!(r.incomplete, None);
    assert_eq!(names(&r.headers), ["x-done"]);
    assert_eq!(only_request(&server).method, "DELETE");
}

#[tokio::test]
async fn not_found_is_an_exchange_not_a_failure() {
    let server = TestServer::start(|_| {
        Reply::new(404, "Not Found")
            .header("Content-Type", "application/json")
            .body(Body::Fixed(br#"{"error": "no such thing"}"#.to_vec()))
    })
    .await;
    let exchange = get(&server.url("/missing")).await;
    let r = response(&exchange);
    assert_eq!((r.status, r.reason.as_str()), (404, "Not Found"));
    assert_eq!(&r.body[..], br#"{"error": "no such thing"}"#);
}

#[tokio::test]
async fn server_error_is_an_exchange_not_a_failure() {
    let server = TestServer::start(|_| {
        Reply::new(500, "Internal Server Error").body(Body::Fixed(b"something broke".to_vec()))
    })
    .await;
    let exchange = get(&server.url("/boom")).await;
    let r = response(&exchange);
    assert_eq!(
        (r.status, r.reason.as_str()),
        (500, "Internal Server Error")
    );
    assert_eq!(&r.body[..], b"something broke");
}

#[tokio::test]
async fn a_non_standard_reason_phrase_is_kept() {
    let server =
        TestServer::start(|_| Reply::new(200, "Fine Thanks").body(Body::Fixed(b"ok".to_vec())))
            .await;
    let exchange = get(&server.url("/how-are-you")).await;
    assert_eq!(response(&exchange).reason, "Fine Thanks");
    let raw = lines(&document::raw(&exchange));
    assert!(
        raw.contains(&(LineKind::StatusLine, "HTTP/1.1 200 Fine Thanks".into())),
        "{raw:#?}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = TestServer::start(|_| Reply::silent()).await;
    let timeout = Duration::from_millis(300);
    let options = ClientOptions {
        timeout,
        ..options()
    };
    let start = Instant::now();
    let exchange = send_with(options, "GET", &server.url("/sleepy"), &[], "").await;
    let elapsed = start.elapsed();
    let failure = exchange.outcome.as_ref().expect_err("no response");
    assert_eq!(failure.error, HttpError::Timeout { after: timeout });
    assert!(elapsed >= timeout, "gave up early: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert_eq!(exchange.timings.first_byte, None);
    // The request did go out: it is the answer that never came.
    assert_eq!(only_request(&server).target, "/sleepy");
}

#[tokio::test]
async fn a_refused_connection_is_named() {
    let port = refused_port();
    let url = format!("http://127.0.0.1:{port}/x");
    let exchange = get(&url).await;
    let failure = exchange.outcome.as_ref().expect_err("nothing listens");
    assert_eq!(
        failure.error,
        HttpError::Refused {
            host: format!("127.0.0.1:{port}")
        }
    );
    assert!(failure.to_string().contains("refused"), "{failure}");
    let raw = lines(&document::raw(&exchange));
    let last = raw.last().expect("a note");
    assert_eq!(last.0, LineKind::Note);
    assert!(
        last.1.contains("no response: connection refused"),
        "{}",
        last.1
    );
}

#[tokio::test]
async fn a_body_cut_short_keeps_what_arrived() {
    let server = TestServer::start(|_| {
        Reply::new(200, "OK").body(Body::CutShort {
            declared: 100,
            sent: b"0123456789".to_vec(),
        })
    })
    .await;
    let exchange = get(&server.url("/cut")).await;
    let r = response(&exchange);
    assert_eq!(&r.body[..], b"0123456789");
    assert_eq!(r.wire_body_len, 10);
    let note = r.incomplete.as_deref().expect("the cut is noted");
    assert!(note.contains("after 10 bytes"), "{note}");
    let raw = lines(&document::raw(&exchange));
    assert!(
        raw.iter()
            .any(|(k, t)| *k == LineKind::Note && t.starts_with("── incomplete:")),
        "{raw:#?}"
    );
}

#[tokio::test]
async fn a_post_arrives_with_exactly_the_headers_the_exchange_shows() {
    let server = TestServer::start(|_| Reply::new(201, "Created")).await;
    let body = r#"{"a": 1}"#;
    let exchange = send_with(
        options(),
        "POST",
        &server.url("/submit?q=1&r=two"),
        &["X-Trace: abc-123", "x-lower: kept", "# X-Off: not sent"],
        body,
    )
    .await;
    assert_eq!(response(&exchange).status, 201);
    let received = only_request(&server);
    assert_eq!(received.method, "POST");
    assert_eq!(received.target, "/submit?q=1&r=two");
    assert_eq!(received.body, body.as_bytes());
    let shown = lowered(&exchange.request.headers);
    let mut wire = lowered(&received.headers);
    let mut shown_sorted = shown.clone();
    wire.sort();
    shown_sorted.sort();
    assert_eq!(
        wire,
        shown_sorted,
        "head on the wire:\n{}",
        String::from_utf8_lossy(&received.head)
    );
    for (name, value) in [
        (
            "user-agent",
            concat!("fiddlestack/", env!("CARGO_PKG_VERSION")),
        ),
        ("accept", "*/*"),
        ("accept-encoding", "gzip, deflate, br"),
        ("x-trace", "abc-123"),
        ("x-lower", "kept"),
        ("content-type", "application/json"),
        ("content-length", "8"),
    ] {
        assert_eq!(received.header(name), Some(value), "{name}");
    }
    assert_eq!(received.header("x-off"), None);
    assert_eq!(
        received.header("host"),
        Some(server.addr().to_string().as_str())
    );
}

#[tokio::test]
async fn a_get_arrives_with_exactly_the_headers_the_exchange_shows() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let exchange = send_with(
        options(),
        "GET",
        &server.url("/q"),
        &["Accept: application/json"],
        "",
    )
    .await;
    response(&exchange);
    let received = only_request(&server);
    let mut wire = lowered(&received.headers);
    let mut shown = lowered(&exchange.request.headers);
    wire.sort();
    shown.sort();
    assert_eq!(
        wire,
        shown,
        "head on the wire:\n{}",
        String::from_utf8_lossy(&received.head)
    );
    // The user's Accept replaces the default one, and a GET has no Content-Length.
    assert_eq!(
        received
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("accept"))
            .count(),
        1
    );
    assert_eq!(received.header("accept"), Some("application/json"));
    assert_eq!(received.header("content-length"), None);
    assert!(received.body.is_empty());
}

#[tokio::test]
async fn one_client_reuses_one_connection() {
    let server = TestServer::start(|request| {
        Reply::new(200, "OK").body(Body::Fixed(request.target.clone().into_bytes()))
    })
    .await;
    let client = HttpClient::new(options()).expect("the HTTP client starts");
    for path in ["/one", "/two"] {
        let spec = Draft {
            method: "GET".into(),
            url: server.url(path),
            ..Draft::default()
        }
        .build()
        .expect("a valid draft");
        let exchange = client.send(spec).await;
        assert_eq!(&response(&exchange).body[..], path.as_bytes());
    }
    let requests = server.requests();
    let seen: Vec<(&str, usize)> = requests
        .iter()
        .map(|r| (r.target.as_str(), r.connection))
        .collect();
    assert_eq!(seen, [("/one", 0), ("/two", 0)]);
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn a_body_over_the_cap_is_cut_at_the_cap() {
    let server =
        TestServer::start(|_| Reply::new(200, "OK").body(Body::Fixed(vec![b'x'; 5000]))).await;
    let options = ClientOptions {
        max_body_bytes: 1000,
        ..options()
    };
    let exchange = send_with(options, "GET", &server.url("/big"), &[], "").await;
    let r = response(&exchange);
    assert_eq!(r.body.len(), 1000);
    assert_eq!(r.wire_body_len, 1000);
    let note = r.incomplete.as_deref().expect("the cut is noted");
    assert!(note.contains("1000-byte cap"), "{note}");
}

fn redirecting(request: &Request) -> Reply {
    match request.target.as_str() {
        "/from" => Reply::new(302, "Found")
            .header("Location", "/to")
            .body(Body::Fixed(b"moved".to_vec())),
        "/to" => Reply::new(200, "OK").body(Body::Fixed(b"arrived".to_vec())),
        _ => Reply::new(404, "Not Found"),
    }
}

#[tokio::test]
async fn a_redirect_is_followed_and_the_final_url_named() {
    let server = TestServer::start(redirecting).await;
    let exchange = get(&server.url("/from")).await;
    let r = response(&exchange);
    assert_eq!(r.status, 200);
    assert_eq!(&r.body[..], b"arrived");
    assert_eq!(r.final_url, server.url("/to"));
    // The exchange is the last hop's; the hops before it are listed.
    assert_eq!(exchange.request.url, server.url("/to"));
    let hop = format!("302 {} → {}", server.url("/from"), server.url("/to"));
    assert_eq!(r.redirects, std::slice::from_ref(&hop));
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/from", "/to"]);
    let raw = lines(&document::raw(&exchange));
    assert!(
        raw.contains(&(LineKind::Note, format!("── redirected: {hop}"))),
        "{raw:#?}"
    );
}

#[tokio::test]
async fn with_no_redirects_allowed_the_redirect_itself_is_shown() {
    let server = TestServer::start(redirecting).await;
    let options = ClientOptions {
        max_redirects: 0,
        ..options()
    };
    let exchange = send_with(options, "GET", &server.url("/from"), &[], "").await;
    let r = response(&exchange);
    assert_eq!((r.status, r.reason.as_str()), (302, "Found"));
    assert_eq!(r.header("location").as_deref(), Some("/to"));
    assert_eq!(&r.body[..], b"moved");
    assert_eq!(r.final_url, server.url("/from"));
    assert_eq!(only_request(&server).target, "/from");
}

#[tokio::test]
async fn a_host_header_the_user_typed_is_the_one_sent() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let exchange = send_with(
        options(),
        "GET",
        &server.url("/vhost"),
        &["Host: api.example.test"],
        "",
    )
    .await;
    response(&exchange);
    let shown: Vec<&(String, String)> = exchange
        .request
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
        .collect();
    assert_eq!(shown, [&("Host".to_owned(), "api.example.test".to_owned())]);
    let received = only_request(&server);
    let hosts: Vec<&str> = received
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(
        hosts,
        ["api.example.test"],
        "{}",
        String::from_utf8_lossy(&received.head)
    );
}

#[tokio::test]
async fn a_head_response_has_no_body_whatever_its_length() {
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .header("Content-Length", "100")
    })
    .await;
    let exchange = send_with(options(), "HEAD", &server.url("/h"), &[], "").await;
    let r = response(&exchange);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-length").as_deref(), Some("100"));
    assert!(r.body.is_empty());
    assert_eq!(r.incomplete, None);
    assert_eq!(only_request(&server).method, "HEAD");
}

#[tokio::test]
async fn a_body_exactly_at_the_cap_is_whole() {
    let server =
        TestServer::start(|_| Reply::new(200, "OK").body(Body::Fixed(vec![b'y'; 1000]))).await;
    let options = ClientOptions {
        max_body_bytes: 1000,
        ..options()
    };
    let exchange = send_with(options, "GET", &server.url("/exact"), &[], "").await;
    let r = response(&exchange);
    assert_eq!(r.body.len(), 1000);
    assert_eq!(r.incomplete, None);
}

#[tokio::test]
async fn too_many_redirects_is_a_redirect_failure() {
    let server = TestServer::start(|request| {
        let hop: u32 = request
            .target
            .trim_start_matches("/hop/")
            .parse()
            .unwrap_or(0);
        Reply::new(302, "Found").header("Location", &format!("/hop/{}", hop + 1))
    })
    .await;
    let options = ClientOptions {
        max_redirects: 3,
        ..options()
    };
    let exchange = send_with(options, "GET", &server.url("/hop/0"), &[], "").await;
    let failure = exchange.outcome.as_ref().expect_err("the chain never ends");
    assert!(
        matches!(failure.error, HttpError::Redirect(_)),
        "{:?}",
        failure.error
    );
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/hop/0", "/hop/1", "/hop/2", "/hop/3"]);
}
