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
