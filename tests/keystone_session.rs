//! The token's life against the real Keystone: shared, renewed across expiry, replaced after a
//! 401, and never sent to a host that is not the cloud's — directly or through a redirect.

mod keystone_support;
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use fiddlestack::http::{AuthProvider, ClientOptions, Draft, Exchange, HttpClient, HttpError};
use fiddlestack::openstack::Secret;
use fiddlestack::openstack::session::CloudSession;
use keystone_support::{Harness, client};
use support::server::{Body, Reply, TestServer};
use tokio::sync::mpsc;

struct Cloud {
    session: Arc<CloudSession>,
    http: HttpClient,
    keystone_calls: mpsc::UnboundedReceiver<Exchange>,
}

fn cloud(harness: &Harness, name: &str, renew_before: Duration) -> Cloud {
    let (tx, keystone_calls) = mpsc::unbounded_channel();
    let session = Arc::new(
        CloudSession::new(harness.profile(name), client())
            .renew_before(renew_before)
            .observed_by(tx),
    );
    let http = HttpClient::with_auth(
        ClientOptions::default(),
        Arc::clone(&session) as Arc<dyn AuthProvider>,
    )
    .expect("client");
    Cloud {
        session,
        http,
        keystone_calls,
    }
}

async fn get(http: &HttpClient, url: &str) -> Exchange {
    let spec = Draft {
        method: "GET".into(),
        url: url.into(),
        ..Draft::default()
    }
    .build()
    .expect("valid request");
    http.send(spec).await
}

fn status(exchange: &Exchange) -> u16 {
    exchange.outcome.as_ref().map_or(0, |r| r.status)
}

fn token_requests(calls: &mut mpsc::UnboundedReceiver<Exchange>) -> Vec<Exchange> {
    let mut seen = Vec::new();
    while let Ok(exchange) = calls.try_recv() {
        seen.push(exchange);
    }
    seen
}

#[tokio::test]
async fn concurrent_requests_share_one_sign_in() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let mut cloud = cloud(&harness, "keystone-demo", Duration::from_mins(2));
    let url = format!("{}/v3/auth/projects", harness.root_url);
    let requests = (0..5).map(|_| get(&cloud.http, &url));
    let exchanges = futures_util::future::join_all(requests).await;
    assert!(
        exchanges.iter().all(|e| status(e) == 200),
        "{:?}",
        exchanges.iter().map(status).collect::<Vec<_>>()
    );
    let posts = token_requests(&mut cloud.keystone_calls);
    assert_eq!(posts.len(), 1, "one sign-in for five requests");
    // The token is sent, but the exchange kept shows it redacted.
    let sent = exchanges[0]
        .request
        .headers
        .iter()
        .find(|(n, _)| n == "X-Auth-Token")
        .map(|(_, v)| v.clone());
    let token = cloud.session.current().expect("signed in");
    assert_eq!(sent, Some(token.value.redacted()));
}

#[tokio::test]
async fn a_revoked_token_is_replaced_once_and_the_request_succeeds() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let mut cloud = cloud(&harness, "keystone-demo", Duration::from_mins(2));
    let token = cloud.session.token().await.expect("signed in");
    let revoke = reqwest::Client::new()
        .delete(format!("{}/v3/auth/tokens", harness.root_url))
        .header("X-Auth-Token", token.value.expose())
        .header("X-Subject-Token", token.value.expose())
        .send()
        .await
        .expect("revoke");
    assert_eq!(revoke.status().as_u16(), 204);
    // Keystone's revocations have one-second granularity.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let exchange = get(
        &cloud.http,
        &format!("{}/v3/auth/projects", harness.root_url),
    )
    .await;
    assert_eq!(status(&exchange), 200, "{exchange:?}");
    let seen = token_requests(&mut cloud.keystone_calls);
    let statuses: Vec<u16> = seen.iter().map(status).collect();
    assert_eq!(
        statuses,
        [201, 401, 201],
        "sign in, the rejected request, sign in again"
    );
    assert_ne!(
        cloud.session.current().map(|t| t.value.redacted()),
        Some(token.value.redacted())
    );
}

#[tokio::test]
async fn requests_keep_working_across_token_expiry() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let lifetime: u64 = std::env::var("KEYSTONE_TOKEN_EXPIRATION")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3600);
    if lifetime > 20 {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must run Keystone with short tokens"
        );
        eprintln!(
            "skipped: Keystone's tokens live {lifetime} s; start it with KEYSTONE_TOKEN_EXPIRATION=8"
        );
        return;
    }
    let mut cloud = cloud(&harness, "keystone-demo", Duration::from_mins(2));
    let url = format!("{}/v3/auth/projects", harness.root_url);
    let first = cloud.session.token().await.expect("signed in");
    let deadline = Instant::now() + Duration::from_secs(lifetime + 3);
    let mut sent = 0;
    while Instant::now() < deadline {
        let exchange = get(&cloud.http, &url).await;
        assert_eq!(
            status(&exchange),
            200,
            "request {sent} failed: {exchange:?}"
        );
        sent += 1;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    let signed_in = token_requests(&mut cloud.keystone_calls)
        .iter()
        .filter(|e| e.request.method == "POST")
        .count();
    assert!(
        signed_in >= 2,
        "the token was renewed ({signed_in} sign-ins for {sent} requests)"
    );
    assert_ne!(
        cloud.session.current().map(|t| t.value.redacted()),
        Some(first.value.redacted())
    );
}

#[tokio::test]
async fn the_token_goes_only_to_the_cloud_not_elsewhere_nor_through_a_redirect() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let elsewhere = TestServer::start_on("127.0.0.2:0", |_| {
        Reply::new(200, "OK").body(Body::Fixed(b"landed".to_vec()))
    })
    .await;
    let landing = elsewhere.url("/landing");
    // 127.0.0.1:28774 is the compute admin endpoint of the harness's catalog: the cloud's own.
    let compute = TestServer::start_on("127.0.0.1:28774", move |_| {
        Reply::new(302, "Found")
            .header("Location", &landing)
            .body(Body::Fixed(Vec::new()))
    })
    .await;
    let cloud = cloud(&harness, "keystone-demo", Duration::from_mins(2));
    let exchange = get(&cloud.http, &compute.url("/v2.1/servers")).await;
    assert_eq!(status(&exchange), 200);
    let at_compute = compute.requests();
    assert!(
        at_compute[0].header("x-auth-token").is_some(),
        "the cloud's endpoint gets the token"
    );
    let at_elsewhere = elsewhere.requests();
    assert_eq!(at_elsewhere.len(), 1, "the redirect was followed");
    assert_eq!(
        at_elsewhere[0].header("x-auth-token"),
        None,
        "but without the token"
    );
    get(&cloud.http, &elsewhere.url("/direct")).await;
    assert!(
        elsewhere
            .requests()
            .iter()
            .all(|r| r.header("x-auth-token").is_none())
    );
}

#[tokio::test]
async fn a_typed_token_wins_and_a_refused_sign_in_is_explained() {
    let Some(harness) = Harness::find() else {
        return;
    };
    let seen = TestServer::start_on("127.0.0.1:28775", |_| Reply::new(200, "OK")).await;
    let mut profile = harness.profile("keystone-demo");
    profile.auth.password = Some(Secret::new("wrong"));
    let session = Arc::new(CloudSession::new(profile, client()));
    let http = HttpClient::with_auth(ClientOptions::default(), session as Arc<dyn AuthProvider>)
        .expect("client");
    // Bound for Keystone: the sign-in failure is the answer.
    let exchange = get(&http, &format!("{}/v3/auth/projects", harness.root_url)).await;
    let failure = exchange.outcome.expect_err("not sent");
    assert!(matches!(failure.error, HttpError::Auth(_)), "{failure}");
    assert!(
        failure
            .to_string()
            .contains("refused the credentials of user demo"),
        "{failure}"
    );
    // Elsewhere: sent as it is, and a token typed by hand goes as typed.
    let spec = Draft {
        method: "GET".into(),
        url: seen.url("/x"),
        headers: vec!["X-Auth-Token: typed-by-hand".into()],
        ..Draft::default()
    }
    .build()
    .expect("valid");
    assert_eq!(status(&http.send(spec).await), 200);
    assert_eq!(
        seen.requests()[0].header("x-auth-token"),
        Some("typed-by-hand")
    );
}
