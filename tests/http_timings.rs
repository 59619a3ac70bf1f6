//! Where the time went, against real servers on 127.0.0.1: a name is looked up and an IP
//! address is not, TLS has a handshake, a connection kept alive is reused (no connect, no
//! TLS), and the parts add up to the total. Presence, order and sums only: no speeds.

mod support;

use std::time::Duration;

use fiddlestack::app::document::{self, LineKind};
use fiddlestack::http::{ClientOptions, Draft, Exchange, HttpClient, Phases, TlsOptions};
use support::server::{Body, Reply, TestServer};
use support::tls::{ClientAuth, Pki};

/// What the parts leave out: copying the request and choosing its client before the first
/// hop, and the bookkeeping between hops — a few microseconds, and a scheduler's slice on a
/// loaded machine.
const OUTSIDE_THE_PARTS: Duration = Duration::from_millis(25);

fn client(tls: TlsOptions) -> HttpClient {
    HttpClient::new(ClientOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        tls,
        ..ClientOptions::default()
    })
    .expect("the HTTP client starts")
}

async fn get(client: &HttpClient, url: &str) -> Exchange {
    let spec = Draft {
        method: "GET".into(),
        url: url.into(),
        headers: Vec::new(),
        body: String::new(),
    }
    .build()
    .expect("a valid draft");
    client.send(spec).await
}

fn ok() -> Reply {
    Reply::new(200, "OK").body(Body::Fixed(b"{\"a\": 1}".to_vec()))
}

/// The parts, after checking they add up to the total but for what is outside them.
fn phases(exchange: &Exchange) -> Phases {
    if let Err(failure) = &exchange.outcome {
        panic!("expected a response, got: {failure} ({:?})", failure.chain);
    }
    let timings = exchange.timings;
    let phases = timings.phases.expect("a response has its parts");
    let sum = phases.sum();
    assert!(
        sum <= timings.total,
        "the parts ({sum:?}) are more than the total ({:?}): {phases:?}",
        timings.total
    );
    assert!(
        timings.total.saturating_sub(sum) <= OUTSIDE_THE_PARTS,
        "the parts ({sum:?}) miss much of the total ({:?}): {phases:?}",
        timings.total
    );
    let first_byte = timings.first_byte.expect("the head's arrival");
    assert!(
        phases.sum().saturating_sub(phases.body) <= first_byte,
        "everything before the body happened before the head arrived: {phases:?} {first_byte:?}"
    );
    phases
}

#[tokio::test]
async fn an_ip_address_is_not_looked_up_a_name_is() {
    let server = TestServer::start(|_| ok()).await;
    let by_address = phases(&get(&client(TlsOptions::default()), &server.url("/")).await);
    assert_eq!(
        by_address.dns, None,
        "127.0.0.1 needs no lookup: {by_address:?}"
    );
    assert!(by_address.connect.is_some(), "{by_address:?}");
    assert_eq!(by_address.tls, None, "plain HTTP: {by_address:?}");

    let url = format!("http://localhost:{}/", server.addr().port());
    let by_name = phases(&get(&client(TlsOptions::default()), &url).await);
    assert!(by_name.dns.is_some(), "localhost is looked up: {by_name:?}");
    assert!(by_name.connect.is_some(), "{by_name:?}");
    assert_eq!(by_name.tls, None, "{by_name:?}");
    assert_eq!(server.connections(), 2, "two clients, two connections");
}

#[tokio::test]
async fn a_connection_kept_alive_is_reused_without_a_setup() {
    let server = TestServer::start(|_| ok()).await;
    let client = client(TlsOptions::default());
    let url = format!("http://localhost:{}/", server.addr().port());
    let first = phases(&get(&client, &url).await);
    assert!(!first.reused() && first.dns.is_some(), "{first:?}");
    let second = phases(&get(&client, &url).await);
    assert_eq!(server.connections(), 1, "the connection was kept");
    assert!(second.reused(), "{second:?}");
    assert_eq!((second.dns, second.connect, second.tls), (None, None, None));
}

#[tokio::test]
async fn tls_has_its_handshake_and_a_reused_connection_none() {
    let pki = Pki::new("timings");
    let server = TestServer::start(|_| ok()).await;
    let front = pki.front(server.addr(), ClientAuth::None).await;
    let client = client(TlsOptions {
        cacert: Some(pki.path("ca.pem")),
        ..TlsOptions::default()
    });
    let first = phases(&get(&client, &front.url("/")).await);
    let tls = first.tls.expect("a new TLS connection has a handshake");
    assert!(tls > Duration::ZERO, "{first:?}");
    assert!(first.connect.is_some(), "{first:?}");
    assert_eq!(first.dns, None, "{first:?}");

    let again = phases(&get(&client, &front.url("/")).await);
    assert!(again.reused(), "{again:?}");
    assert_eq!(
        again.tls, None,
        "no handshake on a connection kept: {again:?}"
    );
    assert_eq!(front.handshakes().len(), 1);

    // Verification off is another client, with its own connection and handshake; a name is
    // looked up there too.
    let insecure = client_insecure();
    let url = format!("https://localhost:{}/", front.addr.port());
    let by_name = phases(&get(&insecure, &url).await);
    assert!(
        by_name.dns.is_some() && by_name.tls.is_some(),
        "{by_name:?}"
    );
    assert_eq!(front.handshakes().len(), 2);
}

fn client_insecure() -> HttpClient {
    client(TlsOptions {
        verify: false,
        ..TlsOptions::default()
    })
}

#[tokio::test]
async fn the_hops_of_a_redirect_add_up() {
    let target = TestServer::start(|_| ok()).await;
    let to = target.url("/there");
    let redirecting = TestServer::start(move |_| {
        Reply::new(302, "Found")
            .header("Location", &to)
            .body(Body::Fixed(b"moved".to_vec()))
    })
    .await;
    let exchange = get(&client(TlsOptions::default()), &redirecting.url("/here")).await;
    let parts = phases(&exchange);
    assert!(!parts.reused(), "{parts:?}");
    let response = exchange.outcome.as_ref().expect("answered");
    assert_eq!((response.status, response.redirects.len()), (200, 1));
    assert_eq!(
        (redirecting.connections(), target.connections()),
        (1, 1),
        "two connections made, both counted"
    );
}

#[tokio::test]
async fn no_response_has_no_parts() {
    let port = support::server::refused_port();
    let exchange = get(
        &client(TlsOptions::default()),
        &format!("http://127.0.0.1:{port}/"),
    )
    .await;
    assert!(exchange.outcome.is_err());
    assert_eq!(exchange.timings.phases, None);
}

#[tokio::test]
async fn the_headers_view_says_where_the_time_went() {
    let server = TestServer::start(|_| ok()).await;
    let client = client(TlsOptions::default());
    let first = get(&client, &server.url("/")).await;
    let second = get(&client, &server.url("/")).await;
    let time_line = |exchange: &Exchange| {
        let doc = document::headers_table(exchange);
        (0..doc.len())
            .filter_map(|n| doc.line(n))
            .filter(|line| line.kind == LineKind::Body)
            .map(|line| String::from_utf8_lossy(&line.bytes).into_owned())
            .find(|text| text.starts_with("Time: "))
            .expect("a Time line")
    };
    let new = time_line(&first);
    assert!(
        new.starts_with("Time: connect ")
            && new.contains(" · first byte ")
            && new.contains(" · body ")
            && new.contains(" · total "),
        "{new}"
    );
    assert!(!new.contains("DNS") && !new.contains("TLS"), "{new}");
    let reused = time_line(&second);
    assert!(
        reused.starts_with("Time: connection reused · first byte "),
        "{reused}"
    );
}
