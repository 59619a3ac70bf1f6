//! `token` and `catalog` print what Keystone sent — region names among it — and a server's
//! text (a region's name, a project's) may hold C1 controls and bidirectional overrides. On stderr they show as escapes; in
//! JSON they are `\uXXXX` escapes (the same JSON, nothing raw for a terminal).

mod support;

use std::time::Duration;

use support::binary::{Output, TempDir, command, run};
use support::keystone_stub::{KeystoneStub, SignIn};

/// CSI (C1) clear-screen, a right-to-left override and a C0 escape.
const HOSTILE_REGION: &str = "Evil\u{9b}2J\u{202e}Region\u{1b}]0;T\u{7}";

fn is_raw(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}')
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keystones_text_reaches_stdout_and_stderr_only_escaped() {
    let stub = KeystoneStub::start(vec![SignIn::Token {
        issued: 0,
        expires: 3600,
    }])
    .await;
    stub.name_region(HOSTILE_REGION);
    stub.name_project(HOSTILE_REGION);
    let dir = TempDir::new("hostile-keystone");
    let clouds = dir.write_private(
        "clouds.yaml",
        &KeystoneStub::clouds_yaml("lab", &stub.auth_url(), ""),
    );
    let cli = |args: &[&str]| -> Output {
        let mut command = command(&dir.0, "");
        command.env("OS_CLIENT_CONFIG_FILE", &clouds).args(args);
        tokio::task::block_in_place(|| run(command, Duration::from_secs(20)))
    };
    let json = cli(&["catalog", "--cloud", "lab", "--format", "json"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let text = String::from_utf8(json.stdout).expect("UTF-8");
    assert!(!is_raw(&text), "{text:?}");
    let parsed: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    assert_eq!(
        parsed[0]["endpoints"][0]["region"], HOSTILE_REGION,
        "the same value, escaped"
    );
    // No endpoint in the region asked for: the regions there are listed, escaped.
    let missing = cli(&["catalog", "--cloud", "lab", "--region", "Nowhere"]);
    assert_eq!(missing.code, Some(6), "{}", missing.stderr);
    assert!(missing.stderr.contains("Evil"), "{}", missing.stderr);
    assert!(!is_raw(&missing.stderr), "{:?}", missing.stderr);
    let table = cli(&["catalog", "--cloud", "lab"]);
    assert!(!is_raw(&String::from_utf8_lossy(&table.stdout)));
    let token = cli(&["token", "--cloud", "lab", "--format", "json"]);
    assert_eq!(token.code, Some(0), "{}", token.stderr);
    let text = String::from_utf8(token.stdout).expect("UTF-8");
    assert!(!is_raw(&text), "{text:?}");
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
    assert_eq!(parsed["project"]["name"], HOSTILE_REGION);
}
