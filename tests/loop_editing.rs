//! Readline's keys in the URL field, through the real loop against a server on 127.0.0.1:
//! ctrl-u clears to the start of the line (before, it was the text field's undo: the previous
//! URL came back and the next was appended to it), ctrl-k to the end, ctrl-w the word before
//! the cursor, ctrl-a/ctrl-e the ends; undo and redo have keys of their own (ctrl-z, ctrl-r).

mod loop_support;
mod support;
mod ui_support;

use loop_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::server::{Reply, TestServer};

fn ctrl(harness: &Harness, c: char) {
    harness.press(KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// Waits until `text` is no longer on the screen.
async fn gone(harness: &Harness, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while harness.screen().contains(text) {
        assert!(
            std::time::Instant::now() < deadline,
            "{text:?} stayed:\n{}",
            harness.screen()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Waits until the server has seen `count` requests, and returns their targets.
async fn targets(server: &TestServer, count: usize) -> Vec<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let seen: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
        if seen.len() >= count {
            return seen;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "only {seen:?} arrived"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_u_clears_the_url_and_the_next_one_is_sent_alone() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let harness = Harness::start(120, 40);
    harness.wait_for("Composer").await;
    // The URL field has focus at start: type one URL, clear it, type another, send.
    ctrl(&harness, 'l');
    harness.type_text(&server.url("/hostile/escape"));
    ctrl(&harness, 'u');
    harness.type_text(&server.url("/hostile/binary"));
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(targets(&server, 1).await, ["/hostile/binary"]);
    harness.wait_for("200 OK").await;
    harness.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_k_ctrl_w_ctrl_a_and_undo_redo_edit_the_url_as_a_shell_does() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let harness = Harness::start(120, 40);
    harness.wait_for("Composer").await;
    ctrl(&harness, 'l');
    let base = server.url("");
    // ctrl-w takes the word before the cursor ("extra"), ctrl-a goes to the start, ctrl-k
    // then deletes everything: the field is empty, and the new URL is all there is.
    harness.type_text(&format!("{base}/a/extra"));
    ctrl(&harness, 'w');
    harness.type_text("b");
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(targets(&server, 1).await, ["/a/b"]);
    ctrl(&harness, 'l');
    ctrl(&harness, 'a');
    ctrl(&harness, 'k');
    let typed = format!("{base}/c");
    harness.type_text(&typed);
    harness.wait_for(&typed).await;
    // Undo takes back the last edit (the typed "c"), redo puts it back.
    ctrl(&harness, 'z');
    gone(&harness, &typed).await;
    ctrl(&harness, 'r');
    harness.wait_for(&typed).await;
    harness.press(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(targets(&server, 2).await, ["/a/b", "/c"]);
    harness.quit().await;
}
