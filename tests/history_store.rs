//! History that lasts, through the real loop: exchanges written to the `SQLite` file in the data
//! dir, listed after a restart, found with the quick filter, opened and re-sent; and, after a
//! run that signed in to the real Keystone, neither the secret nor the token in the file.

mod keystone_support;
mod loop_support;
mod support;
mod ui_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use fiddlestack::app::cloud::CloudView;
use fiddlestack::app::{App, Pane, SidebarTab};
use fiddlestack::config::Keymap;
use fiddlestack::http::ClientOptions;
use fiddlestack::runtime::LoopOptions;
use fiddlestack::runtime::cloud::CloudSetup;
use fiddlestack::store::history::{Keeping, Retention, Settings};
use loop_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::server::{Body, Reply, TestServer};

fn data_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "fiddlestack-history-it-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn options(dir: &Path, cloud: Option<CloudSetup>) -> LoopOptions {
    let name = cloud.as_ref().map(|c| c.profile.name.clone());
    LoopOptions {
        tick: Duration::from_millis(20),
        cloud,
        history: Some((
            dir.to_path_buf(),
            Settings {
                retention: Retention::default(),
                keeping: Keeping::default(),
                cloud: name,
            },
        )),
        ..LoopOptions::default()
    }
}

async fn api() -> TestServer {
    TestServer::start(|request| {
        let (status, reason, body) = match request.target.as_str() {
            "/flavors" => (200, "OK", r#"{"flavors":[{"name":"m1.tiny"}]}"#),
            _ => (404, "Not Found", r#"{"itemNotFound":{"code":404}}"#),
        };
        Reply::new(status, reason)
            .header("Content-Type", "application/json")
            .body(Body::Fixed(body.as_bytes().to_vec()))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exchanges_outlive_the_run_and_are_found_opened_and_sent_again() {
    let server = api().await;
    let dir = data_dir("restart");

    let first = Harness::start_with(120, 40, App::new(Keymap::defaults()), options(&dir, None));
    first.wait_for("Composer").await;
    first.send_url(&server.url("/flavors"));
    first.wait_for("200 OK").await;
    first.send_url(&server.url("/servers/missing"));
    first.wait_for("404 Not Found").await;
    first.quit().await;
    assert_eq!(server.requests().len(), 2);

    let mut app = App::new(Keymap::defaults());
    app.focus = Pane::Sidebar;
    app.sidebar_tab = SidebarTab::History;
    let second = Harness::start_with(120, 40, app, options(&dir, None));
    let screen = second.wait_for("/servers/missing").await;
    assert!(screen.contains("/flavors"), "{screen}");
    // The quick filter: by status, as it is typed.
    second.type_text("/=404");
    second.press(KeyCode::Enter, KeyModifiers::NONE);
    let screen = second.wait_for("=404 1/2").await;
    assert!(
        !screen.lines().any(|l| l.contains(" GET /flavors")),
        "{screen}"
    );
    // Enter opens the stored exchange in the inspector, body and all.
    second.press(KeyCode::Enter, KeyModifiers::NONE);
    second.wait_for("itemNotFound").await;
    // `r` sends it again: a third request reaches the server.
    second.press(KeyCode::Char('s'), KeyModifiers::ALT);
    second.press(KeyCode::Char('r'), KeyModifiers::NONE);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while server.requests().len() < 3 {
        assert!(std::time::Instant::now() < deadline, "never re-sent");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(server.requests()[2].target, "/servers/missing");
    let app = second.quit().await;
    assert_eq!(app.history.total(), 3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_a_database_turns_history_off_and_is_kept() {
    let dir = data_dir("corrupt");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("history.sqlite3");
    let junk = b"not a database, a grocery list\n".repeat(100);
    std::fs::write(&path, &junk).expect("junk");
    let server = api().await;
    let harness = Harness::start_with(120, 40, App::new(Keymap::defaults()), options(&dir, None));
    harness.wait_for("History is off for this run").await;
    harness.send_url(&server.url("/flavors"));
    harness.wait_for("200 OK").await;
    let app = harness.quit().await;
    assert_eq!(app.history.total(), 1, "this run's history still works");
    assert_eq!(std::fs::read(&path).expect("kept"), junk);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_password_or_token_reaches_the_file_after_signing_in() {
    let Some(keystone) = keystone_support::Harness::find() else {
        return;
    };
    let dir = data_dir("secrets");
    // An application credential: a secret that cannot turn up in the file by chance (the
    // harness's passwords are the user names).
    let name = format!("fiddlestack-history-{}", std::process::id());
    let (id, secret) = keystone_support::create_app_credential(&keystone, &name).await;
    let profile = keystone_support::app_credential_profile(&keystone, id, &secret);
    let mut app = App::new(Keymap::defaults());
    app.cloud = Some(CloudView::new(
        profile.name.clone(),
        profile.region_name.clone(),
        profile.interface,
    ));
    let setup = CloudSetup {
        profile,
        renew_before: Duration::from_mins(2),
        client: ClientOptions::default(),
        microversions: std::collections::BTreeMap::new(),
        cache: None,
    };
    let harness = Harness::start_with(120, 40, app, options(&dir, Some(setup)));
    // A call that carries the token, through the catalog.
    harness.wait_for("demo@demo").await;
    harness.send_url("identity:/auth/projects");
    harness.wait_for("200 OK").await;
    // The token put into a URL by hand ({{token}}) is kept out of the file too.
    harness.send_url("identity:/auth/projects?marker={{token}}");
    harness.wait_for("marker={SHA256}").await;
    let app = harness.quit().await;
    let token = app
        .cloud
        .and_then(|c| c.signed_in)
        .map(|s| s.token.expose().to_owned())
        .expect("signed in");
    let mut bytes = Vec::new();
    for name in ["history.sqlite3", "history.sqlite3-wal"] {
        if let Ok(mut file) = std::fs::read(dir.join(name)) {
            bytes.append(&mut file);
        }
    }
    assert!(bytes.len() > 4096, "something was written");
    assert!(
        memchr::memmem::find(&bytes, b"/v3/auth/tokens").is_some(),
        "the sign-in is in the history"
    );
    assert!(memchr::memmem::find(&bytes, b"{SHA256}").is_some());
    assert!(memchr::memmem::find(&bytes, br#""secret":"***""#).is_some());
    for (what, secret) in [("secret", secret.as_bytes()), ("token", token.as_bytes())] {
        assert!(
            memchr::memmem::find(&bytes, secret).is_none(),
            "the {what} is in the history file"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
