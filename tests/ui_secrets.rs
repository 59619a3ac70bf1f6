//! Secrets on screen: the cloud's token and the values of secret `{{variables}}` never show in
//! clear — not in the History list, the inspector's title, nor the "Cancelled …" line —
//! though the request sent carries them; and `{{token}}` bound for a host that is not the
//! cloud's is warned about in the composer before it is sent.

mod ui_support;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use fiddlestack::app::cloud::{CloudView, SignedIn};
use fiddlestack::app::{App, Command, Msg};
use fiddlestack::http::Exchange;
use fiddlestack::openstack::Secret;
use fiddlestack::openstack::catalog::{Catalog, Interface};
use fiddlestack::openstack::secret::redact;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use serde_json::json;
use ui_support::{draw, exchange, key, screen, send_and_answer, type_text};

const W: u16 = 120;
const H: u16 = 40;

/// The cloud's token: no run of eight of its characters may reach the screen.
const TOKEN: &str = "gAAAAABsecret-token-value-0123456789";

fn catalog() -> Catalog {
    let body = json!({"token": {"catalog": [
        {"type": "compute", "name": "nova", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": "http://127.0.0.1:8774/v2.1"}]},
        {"type": "identity", "name": "keystone", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": "http://127.0.0.1:5000/v3"}]}]}});
    Catalog::from_token_body(&body)
}

/// Signed in to cloud `lab` as demo@demo, the token [`TOKEN`].
fn signed_in_app() -> App {
    let mut app = ui_support::app(W, H);
    app.cloud = Some(CloudView::new(
        "lab".into(),
        Some("RegionOne".into()),
        Interface::Public,
    ));
    app.update(Msg::CloudSignedIn(SignedIn {
        token: Secret::new(TOKEN),
        user: "demo".into(),
        user_id: "demo-id".into(),
        project: Some("demo".into()),
        project_id: Some("demo-id".into()),
        expires_at: SystemTime::now() + Duration::from_hours(1),
        catalog: catalog(),
    }));
    app
}

/// Whether `text` holds any eight characters of `secret` in a row.
fn holds_part_of(text: &str, secret: &str) -> bool {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .windows(8)
        .any(|w| text.contains(&w.iter().collect::<String>()))
}

fn assert_clean(app: &App, secret: &str, when: &str) {
    let shown = screen(&draw(app, W, H));
    assert!(
        !holds_part_of(&shown, secret),
        "{when}: the screen shows the secret:\n{shown}"
    );
    if let Some((_, message)) = &app.message {
        assert!(!message.contains(secret), "{when}: {message}");
    }
}

/// ctrl-j: the request's id and the URL it goes to.
fn send(app: &mut App) -> (u64, String) {
    let commands = key(app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    match commands.first() {
        Some(Command::Send { id, spec }) => (*id, spec.url.to_string()),
        other => panic!("not sent: {other:?}; {:?}", app.message),
    }
}

#[test]
fn the_token_put_in_a_url_by_token_never_shows() {
    let mut app = signed_in_app();
    type_text(&mut app, "http://127.0.0.1:8774/v2.1/x?t={{token}}");
    let (_, sent) = send(&mut app);
    assert!(
        sent.contains(TOKEN),
        "the request carries the token: {sent}"
    );
    let hidden = redact(TOKEN);
    let entry_url = app.history.selected_entry().map(|e| e.url.clone());
    assert_eq!(
        entry_url.as_deref(),
        Some(format!("http://127.0.0.1:8774/v2.1/x?t={hidden}").as_str())
    );
    assert_clean(&app, TOKEN, "in flight");
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let message = app.message.clone().map(|(_, m)| m).unwrap_or_default();
    assert!(message.starts_with("Cancelled GET"), "{message}");
    assert!(message.contains("{SHA256}"), "{message}");
    assert_clean(&app, TOKEN, "cancelled");
    // Done: the client gives the exchange back scrubbed; the entry stays so too.
    let mut answered: Exchange = (*exchange(200, "OK", "application/json", b"{}")).clone();
    answered.request.url = format!("http://127.0.0.1:8774/v2.1/x?t={hidden}");
    send_and_answer(&mut app, &Arc::new(answered));
    assert_clean(&app, TOKEN, "done");
}

#[test]
fn a_draft_whose_password_rests_masked_says_so_when_it_comes_back() {
    let dir = std::env::temp_dir().join(format!("fiddlestack-ui-secrets-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let file = fiddlestack::store::draft::DraftFile::new(&dir);
    let draft = fiddlestack::http::Draft {
        method: "POST".into(),
        url: "identity:/v3/auth/tokens".into(),
        headers: vec!["Content-Type: application/json".into()],
        body: r#"{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo", "password": "hunter2-xyz"}}}}}"#.into(),
    };
    file.save(&draft).expect("saved");
    let back = file.load().expect("read").expect("a draft");
    let mut app = ui_support::app(W, H);
    app.restore_draft(&back);
    assert!(!app.composer.draft().body.contains("hunter2-xyz"));
    let (_, message) = app.message.clone().expect("the status line says so");
    assert!(
        message.contains("password was stored masked (***)"),
        "{message}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
