//! The session against the demo cloud started in the test: default microversions asked for
//! (and a request's own left alone), and tokens kept on disk between sessions when asked to.

use std::sync::Arc;

use fiddlestack::http::{AuthProvider, ClientOptions, Draft, Exchange, HttpClient};
use fiddlestack::openstack::demo::{DemoCloud, DemoOptions};
use fiddlestack::openstack::session::CloudSession;
use fiddlestack::openstack::token_cache::TokenCache;
use tokio::sync::mpsc;

fn plain() -> HttpClient {
    HttpClient::new(ClientOptions::default()).expect("client")
}

async fn get(http: &HttpClient, url: &str, headers: &[&str]) -> Exchange {
    let spec = Draft {
        method: "GET".into(),
        url: url.into(),
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        body: String::new(),
    }
    .build()
    .expect("valid request");
    http.send(spec).await
}

fn header(exchange: &Exchange, name: &str) -> Option<String> {
    exchange.outcome.as_ref().ok().and_then(|r| r.header(name))
}

#[tokio::test]
async fn default_microversions_are_asked_for_unless_the_request_sets_one() {
    let demo = DemoCloud::start(DemoOptions::default())
        .await
        .expect("demo cloud");
    let profile = demo.profile().expect("demo profile");
    let defaults = [
        ("compute".to_owned(), "2.60".to_owned()),
        ("volumev3".to_owned(), "3.40".to_owned()),
    ]
    .into();
    let session = Arc::new(CloudSession::new(profile, plain()).microversions(&defaults));
    let http = HttpClient::with_auth(ClientOptions::default(), session as Arc<dyn AuthProvider>)
        .expect("client");
    let flavors = format!("{}/compute/v2.1/flavors", demo.base_url());

    let exchange = get(&http, &flavors, &[]).await;
    assert_eq!(
        header(&exchange, "openstack-api-version").as_deref(),
        Some("compute 2.60")
    );
    let sent: Vec<&(String, String)> = exchange
        .request
        .headers
        .iter()
        .filter(|(n, _)| n.contains("API-Version"))
        .collect();
    assert_eq!(
        sent.len(),
        2,
        "OpenStack-API-Version and X-OpenStack-Nova-API-Version: {sent:?}"
    );

    let own = get(&http, &flavors, &["OpenStack-API-Version: compute 2.10"]).await;
    assert_eq!(
        header(&own, "openstack-api-version").as_deref(),
        Some("compute 2.10")
    );

    // Keystone is not asked for a compute microversion.
    let keystone = get(&http, &format!("{}/v3/auth/projects", demo.base_url()), &[]).await;
    assert!(
        keystone
            .request
            .headers
            .iter()
            .all(|(n, _)| !n.contains("API-Version"))
    );
}

#[tokio::test]
async fn a_cached_token_spares_the_next_run_a_sign_in() {
    let demo = DemoCloud::start(DemoOptions::default())
        .await
        .expect("demo cloud");
    let dir = std::env::temp_dir().join(format!("fiddlestack-cache-test-{}", std::process::id()));
    let run = |observer| {
        let profile = demo.profile().expect("demo profile");
        Arc::new(
            CloudSession::new(profile, plain())
                .cached_in(TokenCache::new(&dir))
                .observed_by(observer),
        )
    };
    let (first_seen, mut first_calls) = mpsc::unbounded_channel();
    let first = run(first_seen).token().await.expect("first run signs in");
    assert_eq!(
        first_calls
            .try_recv()
            .map(|e| e.request.method)
            .ok()
            .as_deref(),
        Some("POST")
    );

    let (second_seen, mut second_calls) = mpsc::unbounded_channel();
    let second_session = run(second_seen);
    let second = second_session
        .token()
        .await
        .expect("second run has a token");
    assert!(
        second_calls.try_recv().is_err(),
        "no Keystone call the second time"
    );
    assert_eq!(second.value.redacted(), first.value.redacted());

    // A token the cloud refuses is dropped from the cache too.
    second_session.invalidate(&second.value.redacted());
    let (third_seen, mut third_calls) = mpsc::unbounded_channel();
    run(third_seen)
        .token()
        .await
        .expect("third run signs in again");
    assert!(
        third_calls.try_recv().is_ok(),
        "the dropped token was not reused"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
