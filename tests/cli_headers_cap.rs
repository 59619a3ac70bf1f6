//! A response with more headers than anyone sends (2 000): a clear sentence and exit 3, not a
//! hang or a crash; up to hyper's limit (100 lines) they are read.

mod support;

use std::time::Duration;

use support::binary::{self, TempDir};
use support::server::{Body, Reply, TestServer};

fn many_headers(count: usize) -> Reply {
    let mut reply = Reply::new(200, "OK");
    for i in 0..count {
        reply = reply.header(&format!("X-Header-{i}"), "v");
    }
    reply.body(Body::Fixed(b"ok".to_vec()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_headers_is_refused_with_a_sentence() {
    let flood = TestServer::start(|_| many_headers(2000)).await;
    let dir = TempDir::new("cli-headers");
    let run = tokio::task::block_in_place(|| {
        let mut command = binary::command(&dir.0, "");
        command.args(["send", "GET", &flood.url("/")]);
        binary::run(command, Duration::from_secs(20))
    });
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert!(
        run.stderr.contains("sent too many headers"),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ninety_headers_are_read() {
    let many = TestServer::start(|_| many_headers(90)).await;
    let dir = TempDir::new("cli-headers-ok");
    let run = tokio::task::block_in_place(|| {
        let mut command = binary::command(&dir.0, "");
        command.args(["send", "GET", &many.url("/"), "--view", "headers"]);
        binary::run(command, Duration::from_secs(20))
    });
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(String::from_utf8_lossy(&run.stdout).contains("x-header-89"));
}
