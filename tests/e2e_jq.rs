//! A jq filter that recurses without end, typed into the release binary in tmux: the filter's
//! child dies, the TUI says why and keeps going, the next filter works, and quitting restores
//! the terminal.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod support;

use e2e::Session;
use support::server::{Body, Reply, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_filter_costs_only_its_child() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::Fixed(
                br#"{"servers":[{"name":"alpha"},{"name":"beta"}]}"#.to_vec(),
            ))
    })
    .await;
    session.start_app();
    session.type_text(&server.url("/servers"));
    session.press("Enter");
    session.wait_for("200 OK");
    session.press("M-i");
    session.press(":");
    session.type_text("def f: f + 1; f");
    session.wait_for("recursed without end");
    // Still alive, still answering: another filter over the same body.
    session.press("Home");
    session.press("C-k");
    session.type_text(".servers[1].name");
    session.wait_for("\"beta\"");
    session.press("Escape");
    session.press("Escape");
    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}
