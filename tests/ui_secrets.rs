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
        Some(Command::Send { id, spec, .. }) => (*id, spec.url.to_string()),
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

/// The X-Auth-Token a request is sent with, if it has one of its own.
fn own_token(commands: &[Command]) -> Option<String> {
    match commands.first() {
        Some(Command::Send { spec, .. }) => spec.header("X-Auth-Token").map(str::to_owned),
        other => panic!("not sent: {other:?}"),
    }
}

#[test]
fn a_redacted_token_typed_or_pasted_is_not_sent_the_clouds_goes_instead() {
    let mut app = signed_in_app();
    app.update(Msg::Paste(
        r#"REQ: curl -i 'http://127.0.0.1:8774/v2.1/servers' -X GET -H "X-Auth-Project-Id: admin" -H "X-Auth-Token: {SHA1}99ffe0e0d4e2d88d3b05ab8b3a4cf9b33d2e6d7e""#
            .into(),
    ));
    assert_eq!(app.composer.draft().headers, ["X-Auth-Project-Id: admin"]);
    let commands = key(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(own_token(&commands), None, "the session adds the cloud's");
    // Typed into the Headers editor, or back from a draft file as `{SHA256}…`.
    for typed in [
        "X-Auth-Token: {SHA1}99ffe0e0d4e2d88d3b05ab8b3a4cf9b33d2e6d7e",
        "X-Auth-Token: {SHA256}85fae1108b70e43d752c3d2053c984e4",
    ] {
        app.composer.restore(&fiddlestack::http::Draft {
            method: "GET".into(),
            url: "http://127.0.0.1:8774/v2.1/servers".into(),
            headers: vec![typed.into()],
            body: String::new(),
        });
        app.update(Msg::Tick);
        let shown = screen(&draw(&app, W, H));
        assert!(
            shown.contains("X-Auth-Token holds a redacted value"),
            "{typed}: the composer says so before sending:\n{shown}"
        );
        let commands = key(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(own_token(&commands), None, "{typed}");
    }
}

#[test]
fn secret_variables_show_as_sha256_in_the_entry_and_the_cancel_message() {
    let mut app = ui_support::app(W, H);
    app.variables.request = [
        ("host", "http://127.0.0.1:8080"),
        ("api_key", "k3y-0123"),
        ("OS_PASSWORD", "hunter2"),
        ("user", "ann"),
        ("keystone_url", "http://127.0.0.1:5000"),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v.to_owned()))
    .collect();
    type_text(
        &mut app,
        "{{host}}/x?key={{api_key}}&pw={{OS_PASSWORD}}&u={{user}}&k={{keystone_url}}",
    );
    let (_, sent) = send(&mut app);
    assert_eq!(
        sent,
        "http://127.0.0.1:8080/x?key=k3y-0123&pw=hunter2&u=ann&k=http://127.0.0.1:5000"
    );
    let entry_url = app.history.selected_entry().map(|e| e.url.clone());
    assert_eq!(
        entry_url.as_deref(),
        Some(
            format!(
                "http://127.0.0.1:8080/x?key={}&pw={}&u=ann&k=http://127.0.0.1:5000",
                redact("k3y-0123"),
                redact("hunter2")
            )
            .as_str()
        )
    );
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let message = app.message.clone().map(|(_, m)| m).unwrap_or_default();
    assert!(message.starts_with("Cancelled GET"), "{message}");
    assert_clean(&app, "hunter2", "cancelled");
    assert_clean(&app, "k3y-0123", "cancelled");
}

#[test]
fn the_token_bound_for_another_host_is_warned_about_and_still_sent() {
    let mut app = signed_in_app();
    app.variables.request = [("auth".to_owned(), "{{token}}".to_owned())].into();
    type_text(&mut app, "http://127.0.0.2:9000/x?t={{token}}");
    let shown = screen(&draw(&app, W, H));
    assert!(
        shown.contains(
            "the cloud's token ({{token}}) goes to 127.0.0.2:9000, not one of the cloud's hosts"
        ),
        "{shown}"
    );
    let (_, sent) = send(&mut app);
    assert!(sent.contains(TOKEN), "warned, not refused");
    // Through another variable, in a header: the same.
    app.composer.restore(&fiddlestack::http::Draft {
        method: "GET".into(),
        url: "http://127.0.0.2:9000/y".into(),
        headers: vec!["X-Auth-Token: {{auth}}".into()],
        body: String::new(),
    });
    app.update(Msg::Tick);
    assert!(
        screen(&draw(&app, W, H)).contains("goes to 127.0.0.2:9000, not one of the cloud's hosts")
    );
    // Bound for the cloud (a catalog host, or catalog-relative): nothing to say.
    for url in [
        "http://127.0.0.1:8774/v2.1/x?t={{token}}",
        "compute:/x?t={{token}}",
    ] {
        app.composer.restore(&fiddlestack::http::Draft {
            method: "GET".into(),
            url: url.into(),
            headers: Vec::new(),
            body: String::new(),
        });
        app.update(Msg::Tick);
        let shown = screen(&draw(&app, W, H));
        assert!(
            !shown.contains("not one of the cloud's hosts"),
            "{url}:\n{shown}"
        );
    }
}

/// The auth URL's host is the cloud's even when the catalog does not list it (an admin-only
/// Keystone port, a catalog naming another address): no "another host" warning there, and
/// alt-y puts the token in, as the session would (before, the app's rule knew only the
/// catalog's hosts).
#[test]
fn the_auth_urls_host_is_the_clouds_even_outside_the_catalog() {
    let mut app = signed_in_app();
    if let Some(cloud) = &mut app.cloud {
        cloud.auth_url = Some("http://127.0.0.1:35357/v3".into());
    }
    type_text(&mut app, "http://127.0.0.1:35357/v3/projects?t={{token}}");
    let shown = screen(&draw(&app, W, H));
    assert!(!shown.contains("not one of the cloud's hosts"), "{shown}");
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::ALT);
    let line = ui_support::copied(&mut app, &commands).expect("alt-y copies");
    assert!(
        line.contains(&format!("X-Auth-Token: {}", redact(TOKEN))),
        "{line}"
    );
    // Another port of the same address is not the cloud's.
    let mut other = signed_in_app();
    if let Some(cloud) = &mut other.cloud {
        cloud.auth_url = Some("http://127.0.0.1:35357/v3".into());
    }
    type_text(&mut other, "http://127.0.0.1:35358/v3/projects?t={{token}}");
    let shown = screen(&draw(&other, W, H));
    assert!(shown.contains("not one of the cloud's hosts"), "{shown}");
}

/// alt-y makes the curl line off the loop: the token `{{token}}` put in the URL is redacted
/// there too; alt-shift-y gives it in clear and says so.
#[test]
fn alt_y_redacts_the_token_wherever_it_went_and_alt_shift_y_gives_it_in_clear() {
    let mut app = signed_in_app();
    type_text(&mut app, "http://127.0.0.1:8774/v2.1/x?t={{token}}");
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::ALT);
    assert!(
        matches!(commands.as_slice(), [Command::CopyFrom { .. }]),
        "made off the loop: {commands:?}"
    );
    let line = ui_support::copied(&mut app, &commands).expect("alt-y copies");
    assert!(!line.contains(TOKEN), "{line}");
    assert!(line.contains(&format!("?t={}", redact(TOKEN))), "{line}");
    assert_clean(&app, TOKEN, "alt-y");
    let commands = key(
        &mut app,
        KeyCode::Char('Y'),
        KeyModifiers::ALT | KeyModifiers::SHIFT,
    );
    let line = ui_support::copied(&mut app, &commands).expect("alt-shift-y copies");
    assert!(line.contains(&format!("X-Auth-Token: {TOKEN}")), "{line}");
    let (_, message) = app.message.clone().expect("a message");
    assert!(message.contains("with the token IN CLEAR"), "{message}");
}
