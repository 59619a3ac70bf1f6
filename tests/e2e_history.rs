//! History that lasts, as a user meets it: a curl line pasted into the release binary in
//! tmux, sent, found in the History tab after a restart with the quick filter, and sent again.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod support;

use std::time::{Duration, Instant};

use e2e::Session;
use support::server::{Body, Reply, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_curl_line_is_sent_found_after_a_restart_and_sent_again() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let server = TestServer::start(|request| {
        Reply::new(201, "Created")
            .header("Content-Type", "application/json")
            .body(Body::Fixed(
                format!(r#"{{"echo":{:?}}}"#, String::from_utf8_lossy(&request.body)).into_bytes(),
            ))
    })
    .await;
    let url = server.url("/v2.1/servers");
    session.start_app();
    session.paste(&format!(
        "curl -X POST '{url}' \\\n  -H 'Content-Type: application/json' \\\n  -d '{{\"server\":{{\"name\":\"vm1\"}}}}'"
    ));
    session.wait_for("Imported POST");
    session.press("C-j");
    session.wait_for("201 Created");
    session.press("C-c");
    session.wait_for("EXITED:0");

    session.start_app();
    session.press("M-s");
    session.wait_for("/v2.1/servers");
    session.type_text("/=201");
    session.press("Enter");
    session.wait_for("=201 1/1");
    session.press("r");
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.requests().len() < 2 {
        assert!(Instant::now() < deadline, "never sent again");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let requests = server.requests();
    assert_eq!(requests[1].method, "POST");
    assert_eq!(requests[1].target, "/v2.1/servers");
    assert_eq!(requests[1].body, requests[0].body);
    assert_eq!(requests[1].body, br#"{"server":{"name":"vm1"}}"#);
    assert_eq!(requests[1].header("Content-Type"), Some("application/json"));
    let screen = session.wait_for("=201 2/2");
    assert!(screen.contains("201 POST"), "{screen}");
    session.press("C-c");
    session.wait_for("EXITED:0");
}
