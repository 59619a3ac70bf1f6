//! The History tab's flows through `update`: earlier runs' rows, the quick filter, opening,
//! editing and re-sending a stored exchange.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::document;
use crate::app::history::EntryState;
use crate::app::{Msg, Pane};
use crate::config::Keymap;
use crate::http::{Exchange, Response, SentRequest, Timings};

fn app() -> App {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(120, 40));
    app.focus = Pane::Sidebar;
    app.sidebar_tab = SidebarTab::History;
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Command> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn summary(id: i64, method: &str, url: &str, status: Option<u16>) -> Summary {
    Summary {
        id,
        started: SystemTime::UNIX_EPOCH + Duration::from_secs(1_790_000_000),
        method: method.into(),
        url: url.into(),
        status,
        size: 20,
        total: Duration::from_millis(12),
        cloud: Some("devstack".into()),
        automatic: false,
    }
}

fn stored_exchange() -> Arc<Exchange> {
    Arc::new(Exchange {
        request: SentRequest {
            method: "POST".into(),
            url: "http://127.0.0.1:9/v2.1/servers".into(),
            headers: vec![
                ("User-Agent".into(), "fiddlestack/0.1.0".into()),
                ("Accept".into(), "*/*".into()),
                (
                    "Accept-Encoding".into(),
                    crate::http::client::ACCEPT_ENCODING.into(),
                ),
                ("Content-Type".into(), "application/json".into()),
                ("X-Auth-Token".into(), "{SHA256}abcdef".into()),
                ("OpenStack-API-Version".into(), "compute 2.79".into()),
                ("Content-Length".into(), "13".into()),
                ("Host".into(), "127.0.0.1:9".into()),
            ],
            body: Bytes::from_static(b"{\"server\":{}}"),
        },
        outcome: Ok(Response {
            status: 202,
            reason: "Accepted".into(),
            version: "HTTP/1.1".into(),
            headers: vec![("content-type".into(), b"application/json".to_vec())],
            body: Bytes::from_static(b"{\"server\":{\"id\":\"abc\"}}"),
            wire_body_len: 24,
            header_len: 40,
            final_url: "http://127.0.0.1:9/v2.1/servers".into(),
            remote_addr: None,
            incomplete: None,
            spilled: None,
            interrupted: false,
            redirects: Vec::new(),
        }),
        timings: Timings {
            started_at: SystemTime::UNIX_EPOCH,
            first_byte: None,
            total: Duration::from_millis(12),
            phases: None,
        },
    })
}

/// Answers a `LoadStored` the way the runtime does.
fn answer_load(app: &mut App, commands: &[Command]) -> Vec<Command> {
    let id = match commands {
        [Command::LoadStored { id, key: 7 }] => *id,
        other => panic!("expected a LoadStored for key 7, got {other:?}"),
    };
    let exchange = stored_exchange();
    app.update(Msg::ExchangeDone {
        id,
        raw: document::raw(&exchange),
        headers: document::headers_table(&exchange),
        exchange,
    })
}

fn loaded_app() -> App {
    let mut app = app();
    let now = std::time::Instant::now();
    app.update(Msg::HistoryLoaded(Ok(vec![
        // Oldest first.
        stored_entry(
            summary(6, "GET", "http://127.0.0.1:9/v2.1/flavors", Some(404)),
            now,
        ),
        stored_entry(
            summary(7, "POST", "http://127.0.0.1:9/v2.1/servers", Some(202)),
            now,
        ),
    ])));
    app
}

#[test]
fn earlier_runs_rows_are_listed_and_enter_reads_one_back() {
    let mut app = loaded_app();
    assert_eq!(app.history.len(), 2);
    let commands = press(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.history.selected_entry().map(|e| &e.state),
        Some(EntryState::Stored(row)) if row.loading
    ));
    let after = answer_load(&mut app, &commands);
    assert!(
        matches!(after.as_slice(), [Command::Prettify { .. }]),
        "{after:?}"
    );
    assert!(
        app.history
            .selected_entry()
            .and_then(Entry::finished)
            .is_some()
    );
    assert_eq!(app.focus, Pane::Inspector);
}

#[test]
fn e_loads_the_request_into_the_composer_without_what_the_client_adds() {
    let mut app = loaded_app();
    let commands = press(&mut app, KeyCode::Char('e'));
    answer_load(&mut app, &commands);
    assert_eq!(app.focus, Pane::Composer);
    let draft = app.composer.draft();
    assert_eq!(draft.method, "POST");
    assert_eq!(draft.url, "http://127.0.0.1:9/v2.1/servers");
    assert_eq!(
        draft.headers,
        [
            "Content-Type: application/json",
            "OpenStack-API-Version: compute 2.79"
        ]
    );
    assert_eq!(draft.body, "{\"server\":{}}");
}

#[test]
fn r_sends_the_stored_request_again_as_a_new_exchange() {
    let mut app = loaded_app();
    let before = app.composer.draft();
    let commands = press(&mut app, KeyCode::Char('r'));
    let sent = answer_load(&mut app, &commands);
    let spec = sent
        .iter()
        .find_map(|c| match c {
            Command::Send { spec, .. } => Some(spec.clone()),
            _ => None,
        })
        .expect("a Send");
    assert_eq!(spec.method, "POST");
    assert_eq!(spec.url.as_str(), "http://127.0.0.1:9/v2.1/servers");
    assert_eq!(spec.body, b"{\"server\":{}}");
    assert!(
        spec.header("X-Auth-Token").is_none(),
        "the token is added afresh"
    );
    assert_eq!(app.history.len(), 3);
    assert!(
        app.history
            .selected_entry()
            .is_some_and(Entry::is_in_flight)
    );
    assert_eq!(app.composer.draft(), before, "the composer is left alone");
}

#[test]
fn the_quick_filter_narrows_as_typed_and_esc_drops_it() {
    let mut app = loaded_app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "=404");
    assert_eq!(app.history.len(), 1);
    assert_eq!(
        app.history.selected_entry().map(|e| e.url.as_str()),
        Some("http://127.0.0.1:9/v2.1/flavors")
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.history_input.is_none());
    assert_eq!(app.history.filter_text(), "=404");
    // Opened again, it starts from the filter in force; Esc drops it.
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.history.filter_text(), "");
    assert_eq!(app.history.len(), 2);
}

#[test]
fn a_history_that_cannot_open_says_so_and_the_app_goes_on() {
    let mut app = app();
    app.update(Msg::HistoryLoaded(Err(
        "the history at /x/history.sqlite3 could not be opened: file is not a database".into(),
    )));
    assert!(app.history_off.is_some());
    let (level, text) = app.message.clone().expect("a message");
    assert_eq!(level, Level::Warning);
    assert!(text.contains("History is off for this run"), "{text}");
    assert!(text.contains("kept"), "{text}");
}

#[test]
fn a_stored_exchange_that_is_gone_goes_back_to_a_row() {
    let mut app = loaded_app();
    let commands = press(&mut app, KeyCode::Enter);
    let [Command::LoadStored { id, .. }] = commands.as_slice() else {
        panic!("{commands:?}");
    };
    app.update(Msg::StoredFailed {
        id: *id,
        problem: "that exchange is no longer in the history".into(),
    });
    assert!(matches!(
        app.history.selected_entry().map(|e| &e.state),
        Some(EntryState::Stored(row)) if !row.loading
    ));
    assert!(app.message.is_some());
}

#[test]
fn ages_read_in_one_unit() {
    assert_eq!(age(Duration::from_secs(5)), "5s");
    assert_eq!(age(Duration::from_secs(125)), "2m");
    assert_eq!(age(Duration::from_secs(3 * 3600 + 5)), "3h");
    assert_eq!(age(Duration::from_hours(9 * 24)), "9d");
}

#[test]
fn a_stored_request_whose_body_was_cut_or_masked_is_not_sent_again() {
    let mut app = loaded_app();
    let commands = press(&mut app, KeyCode::Char('r'));
    let [Command::LoadStored { id, .. }] = commands.as_slice() else {
        panic!("{commands:?}");
    };
    let id = *id;
    app.update(Msg::StoredNote {
        id,
        note: "the history kept only the first 10 of its 16 request body bytes".into(),
    });
    let after = answer_load(&mut app, &commands);
    assert!(
        !after.iter().any(|c| matches!(c, Command::Send { .. })),
        "{after:?}"
    );
    let (level, text) = app.message.clone().expect("why");
    assert_eq!(level, Level::Error);
    assert!(
        text.contains("Not sent again") && text.contains("first 10"),
        "{text}"
    );
    // `e` still loads it, with a warning.
    press(&mut app, KeyCode::Char('e'));
    let (level, text) = app.message.clone().expect("a warning");
    assert_eq!(level, Level::Warning);
    assert!(text.contains("check the body"), "{text}");
}
