//! Renewal against clocks and failures the real Keystone cannot be made to show (a scripted
//! stand-in): a token whose times make it look due on arrival is not renewed in a loop, and a
//! 429 or 5xx from Keystone is tried again after a growing back-off instead of being final.

mod loop_support;
mod support;
mod ui_support;

use std::sync::Arc;
use std::time::Duration;

use fiddlestack::app::App;
use fiddlestack::app::cloud::CloudView;
use fiddlestack::config::Keymap;
use fiddlestack::http::{ClientOptions, HttpClient};
use fiddlestack::openstack::catalog::Interface;
use fiddlestack::openstack::clouds::{CloudProfile, ProfileSource, profile_from_value};
use fiddlestack::openstack::session::CloudSession;
use fiddlestack::runtime::LoopOptions;
use fiddlestack::runtime::cloud::CloudSetup;
use loop_support::Harness;
use support::keystone_stub::{KeystoneStub, SignIn};

fn profile(stub: &KeystoneStub) -> CloudProfile {
    let yaml = KeystoneStub::clouds_yaml("stub", &stub.auth_url(), "");
    let clouds: serde_json::Value = serde_saphyr::from_str(&yaml).expect("clouds.yaml parses");
    profile_from_value("stub", ProfileSource::Config, &clouds["clouds"]["stub"])
        .expect("a usable profile")
}

fn client() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    }
}

/// Keystone's clock an hour behind ours: the token it issues "an hour ago" expires, by its
/// clock, in ten seconds — an hour and ten seconds of life. Before the fix the driver found
/// it due on arrival and signed in again, forever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_looks_due_on_arrival_is_not_renewed_in_a_loop() {
    let stub = KeystoneStub::start(vec![SignIn::Token {
        issued: -3600,
        expires: 10,
    }])
    .await;
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        cloud: Some(CloudSetup {
            profile: profile(&stub),
            renew_before: Duration::from_mins(2),
            client: client(),
            microversions: std::collections::BTreeMap::new(),
            cache: None,
        }),
        ..LoopOptions::default()
    };
    let mut app = App::new(Keymap::defaults());
    app.cloud = Some(CloudView::new(
        "stub".into(),
        Some("RegionOne".into()),
        Interface::Public,
    ));
    let harness = Harness::start_with_client(120, 40, app, options, client());
    // Signed in; the countdown reads the token's real life, on our clock.
    let screen = harness.wait_for("demo@demo").await;
    assert!(screen.contains("⏱ 1:00:"), "{screen}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let sign_ins = stub.sign_ins();
    assert!((1..=2).contains(&sign_ins), "{sign_ins} sign-ins in 2 s");
    harness.quit().await;
}

/// A token Keystone says expired before it was issued still waits the floor before the next
/// sign-in, and each such token in a row waits twice as long as the one before (before, one
/// sign-in every 2 s for good); a token with a life puts the floor back.
#[tokio::test]
async fn tokens_without_life_are_renewed_later_and_later() {
    let no_life = SignIn::Token {
        issued: 0,
        expires: -5,
    };
    let stub = KeystoneStub::start(vec![
        no_life.clone(),
        no_life.clone(),
        no_life,
        SignIn::Token {
            issued: 0,
            expires: 3600,
        },
    ])
    .await;
    let session = CloudSession::new(profile(&stub), HttpClient::new(client()).expect("client"));
    let floor = fiddlestack::openstack::session::RENEW_FLOOR;
    let mut waits = Vec::new();
    for _ in 0..3 {
        let token = session.token().await.expect("a token");
        let due = session.renewal_due(&token);
        waits.push(
            due.duration_since(token.issued_at)
                .expect("due after arrival"),
        );
        // Asked again at once, the session keeps the token it has.
        session.token().await.expect("the same token");
        // A service refused it: the next request signs in again.
        session.invalidate(&token.value.redacted());
    }
    assert_eq!(waits, [floor, floor * 2, floor * 4]);
    assert_eq!(stub.sign_ins(), 3);
    let good = session.token().await.expect("a token with a life");
    let due = session.renewal_due(&good);
    let wait = due
        .duration_since(good.issued_at)
        .expect("due after arrival");
    assert!(
        wait > fiddlestack::openstack::session::RENEW_FLOOR * 100,
        "{wait:?}"
    );
}

#[tokio::test]
async fn a_429_or_5xx_is_tried_again_after_a_growing_back_off() {
    let stub = KeystoneStub::start(vec![
        SignIn::Status(429),
        SignIn::Status(503),
        SignIn::Token {
            issued: 0,
            expires: 3600,
        },
    ])
    .await;
    let first = Duration::from_millis(300);
    let session = Arc::new(
        CloudSession::new(profile(&stub), HttpClient::new(client()).expect("client"))
            .backoff(first),
    );
    let refused = session.token().await.expect_err("429");
    assert!(refused.to_string().contains("429"), "{refused}");
    assert!(refused.is_transient(), "{refused:?}");
    // Within the back-off, the failure is the answer: Keystone is not asked again.
    session.token().await.expect_err("still backing off");
    assert_eq!(stub.sign_ins(), 1);
    let wait = session.retry_in().expect("a back-off, not a final failure");
    assert!(wait <= first, "{wait:?}");
    tokio::time::sleep(first + Duration::from_millis(50)).await;
    let failing = session.token().await.expect_err("503");
    assert!(failing.to_string().contains("503"), "{failing}");
    assert_eq!(stub.sign_ins(), 2);
    // The second failure in a row doubles the wait.
    let doubled = session.retry_in().expect("a back-off");
    assert!(doubled > first && doubled <= first * 2, "{doubled:?}");
    tokio::time::sleep(doubled + Duration::from_millis(50)).await;
    session.token().await.expect("signed in after backing off");
    assert_eq!(stub.sign_ins(), 3);
    assert_eq!(session.retry_in(), None);
}

/// A request that carries the token in its URL (`{{token}}` put it there) is refused, the
/// session signs in again and the retry succeeds with the next token: the old one, still in
/// the URL, is scrubbed from the exchange like the new one.
#[tokio::test]
async fn a_token_replaced_after_a_401_is_still_scrubbed_from_the_retried_exchange() {
    let stub = KeystoneStub::start(vec![SignIn::Token {
        issued: 0,
        expires: 3600,
    }])
    .await;
    let (old, new) = (KeystoneStub::token(0), KeystoneStub::token(1));
    stub.refuse_token(&old);
    let session = Arc::new(CloudSession::new(
        profile(&stub),
        HttpClient::new(client()).expect("client"),
    ));
    let http = HttpClient::with_auth(
        client(),
        Arc::clone(&session) as Arc<dyn fiddlestack::http::AuthProvider>,
    )
    .expect("client");
    let first = session.token().await.expect("signed in");
    assert_eq!(first.value.expose(), old);
    let spec = fiddlestack::http::Draft {
        method: "GET".into(),
        url: stub.server.url(&format!("/compute/v2.1/servers?t={old}")),
        headers: Vec::new(),
        body: String::new(),
    }
    .build()
    .expect("a valid request");
    let exchange = http.send(spec).await;
    assert_eq!(exchange.outcome.as_ref().map(|r| r.status).ok(), Some(200));
    assert_eq!(stub.sign_ins(), 2, "signed in again after the 401");
    let shown = format!("{:?} {:?}", exchange.request, exchange.outcome);
    assert!(!shown.contains(&old), "{shown}");
    assert!(!shown.contains(&new), "{shown}");
}
