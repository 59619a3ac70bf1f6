//! The token through the real loop: a stub cloud on 127.0.0.1 (its own Keystone and a service
//! that refuses the first request with 401), a request with `{{token}}` in its URL, and
//! afterwards neither the screen nor the history database holds the token — the refused
//! exchange the session hands to the History included.

mod loop_support;
mod support;
mod ui_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use fiddlestack::app::App;
use fiddlestack::app::cloud::CloudView;
use fiddlestack::config::Keymap;
use fiddlestack::http::ClientOptions;
use fiddlestack::openstack::clouds::{CloudProfile, ProfileSource, profile_from_value};
use fiddlestack::runtime::LoopOptions;
use fiddlestack::runtime::cloud::CloudSetup;
use fiddlestack::store::history::{HistoryDb, Keeping, Retention, Settings};
use loop_support::Harness;
use serde_json::json;
use support::server::{Body, Reply, TestServer};

/// The stub's one token; long and unlike any other text, so a search for it cannot miss.
const TOKEN: &str = "gAAAAABstub-cloud-token-7f3c9a01d2e4b5";

fn data_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "fiddlestack-loop-secrets-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The history database's bytes on disk (the file and its write-ahead log), whatever the database
/// left where: a secret must be in neither.
fn history_file_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for name in ["history.sqlite3", "history.sqlite3-wal"] {
        if let Ok(mut file) = std::fs::read(dir.join(name)) {
            bytes.append(&mut file);
        }
    }
    assert!(bytes.len() > 4096, "something was written");
    bytes
}

/// Keystone's v3 token body, its catalog naming the stub itself (at `host`) for compute.
fn token_body(host: &str) -> Vec<u8> {
    json!({"token": {
        "methods": ["password"],
        "expires_at": "2099-01-01T00:00:00.000000Z",
        "issued_at": "2024-01-01T00:00:00.000000Z",
        "user": {"id": "u-1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        "project": {"id": "p-1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        "roles": [{"id": "r-1", "name": "member"}],
        "catalog": [
            {"type": "compute", "name": "nova", "id": "s-1", "endpoints": [
                {"id": "e-1", "interface": "public", "region": "RegionOne", "region_id": "RegionOne",
                 "url": format!("http://{host}/compute")}]},
            {"type": "identity", "name": "keystone", "id": "s-2", "endpoints": [
                {"id": "e-2", "interface": "public", "region": "RegionOne", "region_id": "RegionOne",
                 "url": format!("http://{host}/v3")}]}]}})
    .to_string()
    .into_bytes()
}

/// Keystone at `/v3/auth/tokens` (always [`TOKEN`]); `/compute/x` answers 401 the first
/// time, as a service does to a token it no longer takes, and 200 after.
async fn stub_cloud() -> TestServer {
    let refused = Arc::new(AtomicBool::new(false));
    TestServer::start(move |request| {
        let host = request.header("host").unwrap_or("127.0.0.1").to_owned();
        let path = request.target.split('?').next().unwrap_or_default();
        let json = |status: u16, reason: &str, body: Vec<u8>| {
            Reply::new(status, reason)
                .header("Content-Type", "application/json")
                .body(Body::Fixed(body))
        };
        match (request.method.as_str(), path) {
            ("POST", "/v3/auth/tokens") => {
                json(201, "Created", token_body(&host)).header("X-Subject-Token", TOKEN)
            }
            ("GET", "/compute/x") if !refused.swap(true, Ordering::SeqCst) => json(
                401,
                "Unauthorized",
                br#"{"error": {"code": 401, "message": "The request you have made requires authentication."}}"#
                    .to_vec(),
            ),
            ("GET", "/compute/x") => json(200, "OK", br#"{"x": "ok"}"#.to_vec()),
            _ => json(404, "Not Found", br#"{"error": {"code": 404}}"#.to_vec()),
        }
    })
    .await
}

/// Whether `text` holds any eight characters of `secret` in a row.
fn holds_part_of(text: &str, secret: &str) -> bool {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .windows(8)
        .any(|w| text.contains(&w.iter().collect::<String>()))
}

fn profile(server: &TestServer) -> CloudProfile {
    let value = json!({
        "auth": {
            "auth_url": server.url("/v3"),
            "username": "demo",
            "password": "stub-password-5e1d",
            "project_name": "demo",
            "user_domain_name": "Default",
            "project_domain_name": "Default",
        },
        "region_name": "RegionOne",
        "interface": "public",
        "identity_api_version": "3",
    });
    profile_from_value("stub", ProfileSource::Config, &value).expect("a valid profile")
}

fn options(dir: &Path, profile: CloudProfile) -> LoopOptions {
    LoopOptions {
        tick: Duration::from_millis(20),
        history: Some((
            dir.to_path_buf(),
            Settings {
                retention: Retention::default(),
                keeping: Keeping::default(),
                cloud: Some(profile.name.clone()),
            },
        )),
        cloud: Some(CloudSetup {
            profile,
            renew_before: Duration::from_mins(2),
            client: ClientOptions::default(),
            microversions: std::collections::BTreeMap::new(),
            cache: None,
        }),
        ..LoopOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_in_a_url_stays_off_the_screen_and_out_of_the_history_file() {
    let server = stub_cloud().await;
    let dir = data_dir("refused");
    let profile = profile(&server);
    let mut app = App::new(Keymap::defaults());
    app.cloud = Some(CloudView::new(
        profile.name.clone(),
        profile.region_name.clone(),
        profile.interface,
    ));
    let harness = Harness::start_with(120, 40, app, options(&dir, profile));
    harness.wait_for("demo@demo").await;
    harness.send_url(&server.url("/compute/x?t={{token}}"));
    let screen = harness.wait_for("200 OK").await;
    assert!(!holds_part_of(&screen, TOKEN), "{screen}");
    assert!(screen.contains("t={SHA256}"), "{screen}");
    harness.quit().await;

    let gets: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.target.starts_with("/compute/x"))
        .collect();
    assert_eq!(gets.len(), 2, "refused once, then sent again");
    assert!(gets[0].target.contains(TOKEN), "the token did go out");

    let db = HistoryDb::open(&dir).expect("the history opens");
    let summaries = db.summaries(100).expect("listed");
    let refused = summaries
        .iter()
        .find(|s| s.status == Some(401))
        .expect("the refused exchange is kept");
    assert!(!refused.url.contains(TOKEN), "{}", refused.url);
    let row = db.load(refused.id).expect("read").expect("there");
    let row_text = [
        row.url.as_bytes(),
        &row.request_headers,
        &row.request_body,
        row.particulars.as_bytes(),
        &row.response_headers,
        &row.response_body,
    ]
    .map(String::from_utf8_lossy)
    .join("\n");
    assert!(row_text.contains("{SHA256}"), "{row_text}");
    assert!(!row_text.contains(TOKEN), "{row_text}");
    drop(db);
    let bytes = history_file_bytes(&dir);
    assert!(
        memchr::memmem::find(&bytes, TOKEN.as_bytes()).is_none(),
        "the token is in the history file"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A secret variable's value (`{{api_key}}`, `{{OS_PASSWORD}}`) goes out in the URL but never
/// into the history database: not its URL, not the row's text, not the file's bytes — and so
/// not into the next run's History (before, the row kept the URL as sent, in clear).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_variable_in_a_url_stays_out_of_the_history_file() {
    const KEY: &str = "k3y-5ecret-0123";
    const PASSWORD: &str = "hunter2-pw";
    // /x sends the request on to /y with the key in its query: the hops are URLs too.
    let server = TestServer::start(|request| {
        if request.target.starts_with("/x") {
            Reply::new(302, "Found").header("Location", &format!("/y?key={KEY}"))
        } else {
            Reply::new(200, "OK")
                .header("Content-Type", "application/json")
                .body(Body::Fixed(b"{\"seen\":true}".to_vec()))
        }
    })
    .await;
    let dir = data_dir("variables");
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        history: Some((
            dir.clone(),
            Settings {
                retention: Retention::default(),
                keeping: Keeping::default(),
                cloud: None,
            },
        )),
        ..LoopOptions::default()
    };
    let mut app = App::new(Keymap::defaults());
    app.variables.request = [("api_key", KEY), ("OS_PASSWORD", PASSWORD)]
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    let harness = Harness::start_with(120, 40, app, options);
    harness.wait_for("Composer").await;
    harness.send_url(&server.url("/x?key={{api_key}}&pw={{OS_PASSWORD}}"));
    let screen = harness.wait_for("200 OK").await;
    assert!(
        !screen.contains(KEY) && !screen.contains(PASSWORD),
        "{screen}"
    );
    harness.quit().await;
    let sent = server.requests();
    assert!(
        sent.iter()
            .any(|r| r.target.starts_with("/x") && r.target.contains(PASSWORD)),
        "the value did go out: {sent:?}"
    );

    let db = HistoryDb::open(&dir).expect("the history opens");
    let summaries = db.summaries(100).expect("listed");
    let row = summaries.first().expect("the exchange is kept");
    assert!(
        !row.url.contains(KEY) && !row.url.contains(PASSWORD),
        "{}",
        row.url
    );
    let whole = db.load(row.id).expect("read").expect("there");
    let row_text = [
        whole.url.as_bytes(),
        &whole.request_headers,
        &whole.request_body,
        whole.particulars.as_bytes(),
    ]
    .map(String::from_utf8_lossy)
    .join("\n");
    assert!(row_text.contains("{SHA256}"), "{row_text}");
    drop(db);
    let bytes = history_file_bytes(&dir);
    for secret in [KEY, PASSWORD] {
        assert!(
            memchr::memmem::find(&bytes, secret.as_bytes()).is_none(),
            "{secret} is in the history file"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
