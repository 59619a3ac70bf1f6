//! The tmux proof that copies reach the terminal's clipboard whole and the cap holds: with
//! tmux's `set-clipboard on`, `yy` on a small value fills a paste buffer with it; a value over
//! `[ui] clipboard_max_bytes` is refused, saying so, and no buffer appears.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod support;

use e2e::Session;
use support::server::{Body, Reply, TestServer};

const BODY: &str = r#"{"servers":[{"id":"a1","name":"web-1"},{"id":"b2","name":"db-1"}]}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_fills_the_clipboard_and_one_over_the_cap_is_refused() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    session.allow_clipboard();
    // The root's pretty text is over 100 bytes, the first server's under.
    session.write_config("[ui]\nclipboard_max_bytes = 100\n");
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::Fixed(BODY.as_bytes().to_vec()))
    })
    .await;
    let before = session.buffers();
    session.start_app();
    session.type_text(&server.url("/servers"));
    session.press("Enter");
    session.wait_for("200 OK");
    session.press("M-3");
    session.press("M-i");
    session.wait_for("servers: [");
    session.type_text("yy");
    session.wait_for("Not copied: the value is");
    assert_eq!(session.buffers(), before, "nothing reached the clipboard");
    session.type_text("jjyy");
    // The message comes once the sequence is written: tmux has read it by then.
    session.wait_for("Copied the value (");
    let buffers = session.buffers();
    assert_ne!(buffers, before);
    assert!(
        buffers.contains("\"id\": \"a1\""),
        "the first server, pretty: {buffers}"
    );
    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}
