//! `{{variables}}` through `update`: typed in the composer, expanded when sent, unresolved
//! ones refusing the send with their names, the cloud's and the environment's values.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::json;

use super::*;
use crate::app::cloud::{CloudView, SignedIn};
use crate::app::composer::ComposerField;
use crate::app::{Command, Msg};
use crate::config::Keymap;
use crate::openstack::Secret;
use crate::openstack::catalog::{Catalog, Interface};

fn app() -> App {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(120, 40));
    app
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Command> {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)))
}

fn set_url(app: &mut App, url: &str) {
    app.composer.set_url(url);
}

fn send(app: &mut App) -> Vec<Command> {
    key(app, KeyCode::Char('j'), KeyModifiers::CONTROL)
}

fn sent_url(commands: &[Command]) -> Option<String> {
    commands.iter().find_map(|c| match c {
        Command::Send { spec, .. } => Some(spec.url.to_string()),
        _ => None,
    })
}

fn environment(name: &str, pairs: &[(&str, &str)]) -> Environment {
    Environment {
        name: name.into(),
        values: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn signed_in_cloud(app: &mut App) {
    let body = json!({"token": {"catalog": [
        {"type": "compute", "name": "nova", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": "http://127.0.0.1:8774/v2.1/"}]}]}});
    app.cloud = Some(CloudView::new(
        "devstack".into(),
        Some("RegionOne".into()),
        Interface::Public,
    ));
    app.update(Msg::CloudSignedIn(SignedIn {
        token: Secret::new("gAAAA-the-live-token"),
        user: "demo".into(),
        user_id: "u-42".into(),
        project: Some("demo".into()),
        project_id: Some("p-7".into()),
        expires_at: SystemTime::now() + Duration::from_mins(5),
        catalog: Catalog::from_token_body(&body),
    }));
}

#[test]
fn the_selected_environment_fills_the_url_and_alt_e_cycles() {
    let mut app = app();
    app.variables.environments = vec![
        environment("dev", &[("host", "http://127.0.0.1:8080")]),
        environment("prod", &[("host", "http://127.0.0.1:9090")]),
    ];
    set_url(&mut app, "{{host}}/servers?limit={{ limit }}");
    app.variables.request.insert("limit".into(), "5".into());
    // No environment yet: refused, naming the name, with a hint.
    let refused = send(&mut app);
    assert_eq!(sent_url(&refused), None);
    let (_, text) = app.message.clone().expect("a message");
    assert!(
        text.contains("{{host}}") && text.contains("alt-e"),
        "{text}"
    );
    assert_eq!(app.variables.marked, ["host"]);
    key(&mut app, KeyCode::Char('e'), KeyModifiers::ALT);
    assert_eq!(app.variables.environment(), Some("dev"));
    assert!(app.variables.marked.is_empty(), "marks follow the scope");
    assert_eq!(
        sent_url(&send(&mut app)).as_deref(),
        Some("http://127.0.0.1:8080/servers?limit=5")
    );
    key(&mut app, KeyCode::Char('e'), KeyModifiers::ALT);
    assert_eq!(
        sent_url(&send(&mut app)).as_deref(),
        Some("http://127.0.0.1:9090/servers?limit=5")
    );
    key(&mut app, KeyCode::Char('e'), KeyModifiers::ALT);
    assert_eq!(app.variables.environment(), None, "after the last, none");
    // The composer keeps what was typed.
    assert_eq!(
        app.composer.url_text(),
        "{{host}}/servers?limit={{ limit }}"
    );
}

#[test]
fn the_cloud_brings_ids_region_token_and_endpoints() {
    let mut app = app();
    signed_in_cloud(&mut app);
    set_url(
        &mut app,
        "{{compute}}/servers?project={{project_id}}&user={{user_id}}&r={{region}}",
    );
    app.composer.load(
        "GET",
        &app.composer.url_text(),
        &[("X-Auth-Token".to_owned(), "{{token}}".to_owned())],
        "",
    );
    let commands = send(&mut app);
    let spec = commands
        .iter()
        .find_map(|c| match c {
            Command::Send { spec, .. } => Some(spec.clone()),
            _ => None,
        })
        .expect("sent");
    assert_eq!(
        spec.url.as_str(),
        "http://127.0.0.1:8774/v2.1/servers?project=p-7&user=u-42&r=RegionOne"
    );
    assert_eq!(spec.header("X-Auth-Token"), Some("gAAAA-the-live-token"));
    // `{{nova}}` is the same endpoint, by the service's name.
    set_url(&mut app, "{{nova}}/flavors");
    assert_eq!(
        sent_url(&send(&mut app)).as_deref(),
        Some("http://127.0.0.1:8774/v2.1/flavors")
    );
}

#[test]
fn a_loop_is_named_and_nothing_is_sent() {
    let mut app = app();
    app.variables.environments = vec![environment("dev", &[("a", "{{b}}"), ("b", "x{{a}}")])];
    app.variables.selected = Some(0);
    set_url(&mut app, "http://127.0.0.1/{{a}}");
    assert_eq!(sent_url(&send(&mut app)), None);
    let (_, text) = app.message.clone().expect("a message");
    assert!(text.contains("a → b → a"), "{text}");
}

#[test]
fn text_without_placeholders_is_sent_as_typed() {
    let mut app = app();
    set_url(&mut app, "http://127.0.0.1/{a}}?q={");
    assert_eq!(
        sent_url(&send(&mut app)).as_deref(),
        Some("http://127.0.0.1/%7Ba%7D%7D?q={")
    );
}

#[test]
fn curl_copies_carry_the_token_redacted_and_in_clear_only_when_asked() {
    let mut app = app();
    signed_in_cloud(&mut app);
    // Made off the loop: the job is run here as the runtime runs it.
    let copied = |commands: Vec<Command>| {
        commands
            .into_iter()
            .find_map(|c| match c {
                Command::CopyFrom { job } => job.run().ok(),
                _ => None,
            })
            .expect("copied")
    };
    set_url(&mut app, "{{compute}}/servers?t={{token}}");
    let redacted = copied(key(&mut app, KeyCode::Char('y'), KeyModifiers::ALT));
    assert!(
        redacted.contains("http://127.0.0.1:8774/v2.1/servers?t={SHA256}"),
        "{redacted}"
    );
    assert!(redacted.contains("X-Auth-Token: {SHA256}"), "{redacted}");
    assert!(!redacted.contains("gAAAA-the-live-token"), "{redacted}");
    let clear = copied(key(
        &mut app,
        KeyCode::Char('Y'),
        KeyModifiers::ALT | KeyModifiers::SHIFT,
    ));
    assert!(
        clear.contains("X-Auth-Token: gAAAA-the-live-token"),
        "{clear}"
    );
    assert!(clear.contains("?t=gAAAA-the-live-token"), "{clear}");
    // A host outside the catalog gets no token at all.
    set_url(&mut app, "http://127.0.0.2:9/elsewhere");
    let elsewhere = copied(key(
        &mut app,
        KeyCode::Char('Y'),
        KeyModifiers::ALT | KeyModifiers::SHIFT,
    ));
    assert!(!elsewhere.contains("X-Auth-Token"), "{elsewhere}");
}

/// The body's `{{names}}` are found again when the body changes, and only then: a key in the
/// URL keeps them (without scanning the body), a key in the body finds the new one.
#[test]
fn the_bodys_names_follow_the_body_and_survive_keys_in_the_url() {
    let mut app = app();
    app.composer.restore(&Draft {
        method: "POST".into(),
        url: "http://127.0.0.1:8080/x".into(),
        headers: Vec::new(),
        body: r#"{"project": "{{proj}}"}"#.into(),
    });
    app.update(Msg::Tick);
    assert_eq!(app.variables.marked, ["proj"]);
    let body_revision = app.composer.body_revision();
    set_url(&mut app, "http://127.0.0.1:8080/x?u={{user}}");
    app.update(Msg::Tick);
    assert_eq!(app.variables.marked, ["user", "proj"]);
    assert_eq!(
        app.composer.body_revision(),
        body_revision,
        "the URL is not the body"
    );
    // Typed into the body: a name of its own.
    app.composer.focus(ComposerField::Body);
    app.composer
        .type_key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
    for c in "{{zone}}".chars() {
        app.composer
            .type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.update(Msg::Tick);
    assert_eq!(app.variables.marked, ["user", "proj", "zone"]);
}
