//! Copies in the real loop, in-process on `TestBackend`: the value's text is made and written
//! to the terminal off the loop (a terminal slow to take an OSC 52 sequence never stops keys
//! being handled), and a value above the clipboard's cap is refused with what to do instead.

mod loop_support;
mod support;
mod ui_support;

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use loop_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::server::{Body, Reply, TestServer};

const BODY: &str = r#"{"servers":[{"id":"a1","name":"web-1"},{"id":"b2","name":"db-1"}]}"#;

async fn json_server(body: &'static str) -> TestServer {
    TestServer::start(move |_| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::Fixed(body.as_bytes().to_vec()))
    })
    .await
}

/// Sends a GET for `url`, waits for its answer, and selects the Tree's root.
async fn showing_tree(harness: &Harness, url: &str) {
    harness.wait_for("Composer").await;
    harness.type_text(url);
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    harness.wait_for("200 OK").await;
    harness.press(KeyCode::Char('3'), KeyModifiers::ALT);
    harness.press(KeyCode::Char('i'), KeyModifiers::ALT);
    harness.wait_for("▾ {").await;
}

/// A terminal that does not take the sequence until the test lets it: (texts written, open).
static STUCK: (Mutex<(Vec<String>, bool)>, Condvar) =
    (Mutex::new((Vec::new(), false)), Condvar::new());

#[allow(clippy::unnecessary_wraps)] // a clipboard writer's signature
fn stuck_terminal(text: &str) -> std::io::Result<()> {
    let (state, opened) = &STUCK;
    let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
    state.0.push(text.to_owned());
    while !state.1 {
        state = opened.wait(state).unwrap_or_else(PoisonError::into_inner);
    }
    Ok(())
}

fn open_stuck_terminal() {
    let (state, opened) = &STUCK;
    state.lock().unwrap_or_else(PoisonError::into_inner).1 = true;
    opened.notify_all();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_slow_to_take_a_copy_never_stops_the_loop() {
    let server = json_server(BODY).await;
    let options = fiddlestack::runtime::LoopOptions {
        tick: Duration::from_millis(20),
        clipboard: Some(stuck_terminal),
        ..fiddlestack::runtime::LoopOptions::default()
    };
    let harness = Harness::start_with(
        120,
        40,
        fiddlestack::app::App::new(fiddlestack::config::Keymap::defaults()),
        options,
    );
    showing_tree(&harness, &server.url("/servers")).await;
    harness.type_text("yy");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while STUCK
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .0
        .is_empty()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the copy never reached the terminal"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The terminal holds the copy; the loop still takes keys: ctrl-c ends it.
    harness.press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let ended = tokio::time::timeout(Duration::from_secs(5), harness.task).await;
    open_stuck_terminal();
    let app = ended
        .expect("the loop ended while the copy was still being written")
        .expect("loop task")
        .expect("loop ends cleanly");
    assert!(app.quit);
    let written = STUCK
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .0
        .clone();
    assert_eq!(written.len(), 1, "one copy");
    assert!(
        written[0].contains("\"name\": \"web-1\""),
        "pretty: {}",
        written[0]
    );
}

/// A terminal that takes every copy at once: the texts it was given.
static TAKEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[allow(clippy::unnecessary_wraps)] // a clipboard writer's signature
fn taking_terminal(text: &str) -> std::io::Result<()> {
    TAKEN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(text.to_owned());
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_the_cap_a_copy_is_written_over_it_it_is_refused_and_never_written() {
    let server = json_server(BODY).await;
    let options = fiddlestack::runtime::LoopOptions {
        tick: Duration::from_millis(20),
        clipboard: Some(taking_terminal),
        ..fiddlestack::runtime::LoopOptions::default()
    };
    let root = fiddlestack::json::pretty(BODY.as_bytes()).expect("valid");
    let first = fiddlestack::json::pretty(br#"{"id":"a1","name":"web-1"}"#).expect("valid");
    let mut app = fiddlestack::app::App::new(fiddlestack::config::Keymap::defaults());
    app.clipboard_max = 100;
    assert!(root.len() > 100 && first.len() < 100);
    let harness = Harness::start_with(120, 40, app, options);
    showing_tree(&harness, &server.url("/servers")).await;
    harness.type_text("yy");
    harness
        .wait_for(&format!(
            "Not copied: the value is {} B, over the 100 B clipboard cap: W saves the body, o pages it",
            root.len()
        ))
        .await;
    harness.type_text("jjyy");
    harness
        .wait_for(&format!(
            "Copied the value ({} B) to the clipboard",
            first.len()
        ))
        .await;
    let app = harness.quit().await;
    assert!(app.quit);
    let taken = TAKEN.lock().unwrap_or_else(PoisonError::into_inner).clone();
    assert_eq!(
        taken,
        [first],
        "only the copy under the cap reached the terminal"
    );
}
