//! `send --cloud` signs in before anything else, so its exit status says what happened to the
//! sign-in whatever the URL (6 refused, 3 Keystone out of reach), and `--curl` prints the
//! line that would go out: the cloud's token as `{SHA256}<hex>`, or in clear with
//! `--show-secrets`. Against the scripted Keystone stand-in and plain servers on 127.0.0.1.

mod support;

use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};
use support::binary::{Output, TempDir, command, run};
use support::keystone_stub::{KeystoneStub, SignIn};
use support::server::{Reply, TestServer, refused_port};

fn send(dir: &TempDir, clouds: &Path, args: &[&str]) -> Output {
    let mut command = command(&dir.0, "");
    command
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .arg("send")
        .args(args);
    tokio::task::block_in_place(|| run(command, Duration::from_secs(20)))
}

fn token() -> SignIn {
    SignIn::Token {
        issued: 0,
        expires: 3600,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_sign_in_exits_6_even_for_a_url_outside_the_catalog() {
    let stub = KeystoneStub::start(vec![SignIn::Status(401)]).await;
    // A service that says 401 to a request without a token: before, the request went out
    // without one and `send` exited 0 with the 401.
    let service = TestServer::start(|_| Reply::new(401, "Unauthorized")).await;
    let dir = TempDir::new("send-cloud");
    let clouds = dir.write_private(
        "clouds.yaml",
        &KeystoneStub::clouds_yaml("wrong", &stub.auth_url(), ""),
    );
    let url = service.url("/v2.1/servers");
    let refused = send(&dir, &clouds, &["--cloud", "wrong", "GET", &url]);
    assert_eq!(refused.code, Some(6), "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("refused the credentials of user demo"),
        "{}",
        refused.stderr
    );
    assert!(service.requests().is_empty(), "nothing is sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keystone_asking_to_slow_down_exits_3_not_6() {
    let stub = KeystoneStub::start(vec![SignIn::Status(429)]).await;
    let dir = TempDir::new("send-cloud");
    let clouds = dir.write_private(
        "clouds.yaml",
        &KeystoneStub::clouds_yaml("busy", &stub.auth_url(), ""),
    );
    let busy = send(
        &dir,
        &clouds,
        &["--cloud", "busy", "GET", "compute:/servers"],
    );
    assert_eq!(busy.code, Some(3), "{}", busy.stderr);
    assert!(busy.stderr.contains("429"), "{}", busy.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keystone_out_of_reach_exits_3_even_for_the_auth_host() {
    let port = refused_port();
    let dir = TempDir::new("send-cloud");
    let auth_url = format!("http://127.0.0.1:{port}/v3");
    let clouds = dir.write_private(
        "clouds.yaml",
        &KeystoneStub::clouds_yaml("dead", &auth_url, ""),
    );
    let url = format!("http://127.0.0.1:{port}/v3/projects");
    let unreachable = send(&dir, &clouds, &["--cloud", "dead", "GET", &url]);
    assert_eq!(unreachable.code, Some(3), "{}", unreachable.stderr);
    assert!(
        unreachable.stderr.contains("could not be reached"),
        "{}",
        unreachable.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn curl_prints_the_clouds_token_redacted_or_in_clear_when_asked() {
    let stub = KeystoneStub::start(vec![token()]).await;
    let dir = TempDir::new("send-cloud");
    let clouds = dir.write_private(
        "clouds.yaml",
        &KeystoneStub::clouds_yaml("lab", &stub.auth_url(), ""),
    );
    let first = KeystoneStub::token(0);
    let hex = format!("{:x}", Sha256::digest(first.as_bytes()));
    let redacted = send(
        &dir,
        &clouds,
        &["--cloud", "lab", "--curl", "GET", "compute:/servers"],
    );
    assert_eq!(redacted.code, Some(0), "{}", redacted.stderr);
    let line = String::from_utf8_lossy(&redacted.stdout);
    assert!(
        line.starts_with("curl ")
            && line.contains("/compute/v2.1/servers")
            && line.contains(&format!("X-Auth-Token: {{SHA256}}{hex}")),
        "{line}"
    );
    assert!(!line.contains(&first), "{line}");
    let clear = send(
        &dir,
        &clouds,
        &[
            "--cloud",
            "lab",
            "--curl",
            "--show-secrets",
            "GET",
            "compute:/servers",
        ],
    );
    assert_eq!(clear.code, Some(0), "{}", clear.stderr);
    let line = String::from_utf8_lossy(&clear.stdout);
    let second = KeystoneStub::token(1);
    assert!(line.contains(&format!("X-Auth-Token: {second}")), "{line}");
    // A host that is not the cloud's gets no token, on the line as on the wire.
    let elsewhere = send(
        &dir,
        &clouds,
        &["--cloud", "lab", "--curl", "GET", "http://127.0.0.1:9/x"],
    );
    let line = String::from_utf8_lossy(&elsewhere.stdout);
    assert!(!line.contains("X-Auth-Token"), "{line}");
    // Nothing but the sign-ins reached the stand-in: --curl sends nothing.
    assert!(
        stub.server
            .requests()
            .iter()
            .all(|r| r.target.ends_with("/auth/tokens")),
        "{:?}",
        stub.server.requests()
    );
}

/// A `{SHA256}…` token pasted from a debug log is a redaction, not a token: `send` leaves it
/// out, says so, and the cloud's token goes instead, as in the TUI (before, it went as typed
/// and earned a 401).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_redacted_token_is_left_out_and_the_clouds_goes() {
    let stub = KeystoneStub::start(vec![token()]).await;
    let pasted = "{SHA256}00ff00ff00ff00ff00ff00ff00ff00ff";
    stub.refuse_token(pasted);
    let dir = TempDir::new("send-cloud");
    let clouds = dir.write_private(
        "clouds.yaml",
        &KeystoneStub::clouds_yaml("lab", &stub.auth_url(), ""),
    );
    let header = format!("X-Auth-Token: {pasted}");
    let sent = send(
        &dir,
        &clouds,
        &["--cloud", "lab", "-H", &header, "GET", "compute:/servers"],
    );
    assert_eq!(sent.code, Some(0), "{}", sent.stderr);
    let hex = format!("{:x}", Sha256::digest(KeystoneStub::token(0).as_bytes()));
    let body = String::from_utf8_lossy(&sent.stdout);
    // The stub echoes the token it got; the client shows it redacted.
    assert!(
        body.contains(&format!("{{SHA256}}{hex}")) && !body.contains(pasted),
        "{body}"
    );
    assert!(
        sent.stderr.contains("X-Auth-Token") && sent.stderr.contains("left out"),
        "{}",
        sent.stderr
    );
}
