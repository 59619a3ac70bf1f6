//! The memory budget in the real loop, with the history database: an exchange dropped from
//! memory keeps its row, and Enter reads it back from the database and shows it again.

mod loop_support;
mod support;
mod ui_support;

use std::time::Duration;

use fiddlestack::app::App;
use fiddlestack::config::Keymap;
use fiddlestack::runtime::LoopOptions;
use fiddlestack::store::history::{Keeping, Retention, Settings};
use loop_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::binary::TempDir;
use support::server::{Body, Reply, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_exchange_is_read_back_from_the_history_with_enter() {
    let server = TestServer::start(|request| {
        let body = format!(
            r#"{{"asked":"{}","filler":"{}"}}"#,
            request.target,
            "z".repeat(20_000)
        );
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::Fixed(body.into_bytes()))
    })
    .await;
    let dir = TempDir::new("loop-memory");
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        history: Some((
            dir.0.clone(),
            Settings {
                retention: Retention::default(),
                keeping: Keeping::default(),
                cloud: None,
            },
        )),
        ..LoopOptions::default()
    };
    let mut app = App::new(Keymap::defaults());
    // Room for one such exchange, not two.
    app.memory_budget = 30_000;
    let harness = Harness::start_with(120, 40, app, options);
    harness.wait_for("Composer").await;
    harness.send_url(&server.url("/first"));
    harness.wait_for(r#""asked":"/first""#).await;
    harness.send_url(&server.url("/second"));
    harness.wait_for(r#""asked":"/second""#).await;
    // The first, dropped, is a row: Enter reads it back.
    harness.press(KeyCode::Char('s'), KeyModifiers::ALT);
    harness.press(KeyCode::Down, KeyModifiers::NONE);
    harness
        .wait_for("Dropped from memory to keep within [history] memory_budget_bytes: Enter")
        .await;
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    harness.wait_for(r#""asked":"/first""#).await;
    let app = harness.quit().await;
    assert_eq!(app.history.total(), 2);
    assert_eq!(server.requests().len(), 2, "read back, not sent again");
}

/// A start's automatic exchanges (the sign-in above all, the oldest) are the first to go past
/// the budget; the database holds them like the rest, so Enter reads the sign-in back (before,
/// their rows said the database did not hold them).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_sign_in_is_read_back_too() {
    use fiddlestack::app::cloud::CloudView;
    use fiddlestack::http::ClientOptions;
    use fiddlestack::openstack::catalog::Interface;
    use fiddlestack::openstack::clouds::{ProfileSource, profile_from_value};
    use fiddlestack::runtime::cloud::CloudSetup;
    use support::keystone_stub::{KeystoneStub, SignIn};

    let stub = KeystoneStub::start(vec![SignIn::Token {
        issued: 0,
        expires: 3600,
    }])
    .await;
    let yaml = KeystoneStub::clouds_yaml("stub", &stub.auth_url(), "");
    let clouds: serde_json::Value = serde_saphyr::from_str(&yaml).expect("clouds.yaml parses");
    let profile = profile_from_value("stub", ProfileSource::Config, &clouds["clouds"]["stub"])
        .expect("a usable profile");
    let dir = TempDir::new("loop-memory");
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        history: Some((
            dir.0.clone(),
            Settings {
                retention: Retention::default(),
                keeping: Keeping::default(),
                cloud: Some("stub".into()),
            },
        )),
        cloud: Some(CloudSetup {
            profile,
            renew_before: Duration::from_mins(2),
            client: ClientOptions::default(),
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
    // Room for nothing but the exchange on show.
    app.memory_budget = 1;
    let harness = Harness::start_with(120, 40, app, options);
    harness.wait_for("demo@demo").await;
    // The start's three automatic exchanges (the sign-in, two version documents) are in
    // before the request, so the request's row is the newest and the fold is below it.
    harness.wait_for("3 automatic").await;
    harness.send_url("compute:/servers");
    harness
        .wait_for(r#""target":"/compute/v2.1/servers""#)
        .await;
    // The start's fold, opened; its oldest row is the sign-in.
    harness.press(KeyCode::Char('s'), KeyModifiers::ALT);
    harness.press(KeyCode::Down, KeyModifiers::NONE);
    harness.wait_for("automatic").await;
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    harness.press(KeyCode::End, KeyModifiers::NONE);
    harness
        .wait_for("Dropped from memory to keep within [history] memory_budget_bytes: Enter")
        .await;
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    harness.wait_for("POST /v3/auth/tokens HTTP/1.1").await;
    harness.quit().await;
}
