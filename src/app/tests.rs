//! Pure `update` flows: no terminal, no network. Keys go in, state and commands come out.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::document::Document;
use super::history::EntryState;
use super::inspector::InspectorTab;
use super::*;
use crate::config::Keymap;
use crate::http::error::{Failure, HttpError};
use crate::http::{Exchange, Response, SentRequest, Timings};

fn app() -> App {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(120, 40));
    app
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Command> {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn send_id(commands: &[Command]) -> RequestId {
    match commands {
        [Command::Send { id, .. }] => *id,
        other => panic!("expected one Send, got {other:?}"),
    }
}

fn exchange(status: u16, body: &str) -> Arc<Exchange> {
    Arc::new(Exchange {
        request: SentRequest {
            method: "GET".into(),
            url: "http://127.0.0.1:1/x".into(),
            headers: vec![("Host".into(), "127.0.0.1:1".into())],
            body: Bytes::new(),
        },
        outcome: Ok(Response {
            status,
            reason: "OK".into(),
            version: "HTTP/1.1".into(),
            headers: vec![("content-type".into(), b"application/json".to_vec())],
            body: Bytes::from(body.to_owned()),
            wire_body_len: body.len(),
            header_len: 40,
            final_url: "http://127.0.0.1:1/x".into(),
            remote_addr: None,
            incomplete: None,
            spilled: None,
            interrupted: false,
            redirects: Vec::new(),
        }),
        timings: Timings {
            started_at: SystemTime::now(),
            first_byte: Some(Duration::from_millis(2)),
            total: Duration::from_millis(3),
            phases: None,
        },
    })
}

fn finish(app: &mut App, id: RequestId, exchange: Arc<Exchange>) -> Vec<Command> {
    let raw = document::raw(&exchange);
    let headers = document::headers_table(&exchange);
    app.update(Msg::ExchangeDone {
        id,
        exchange,
        raw,
        headers,
    })
}

#[test]
fn compose_and_send_with_ctrl_j() {
    let mut app = app();
    type_text(&mut app, "http://127.0.0.1:1/x?q=H");
    let commands = key(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    let Some(Command::Send { spec, .. }) = commands.first() else {
        panic!("not sent: {commands:?}")
    };
    assert_eq!(spec.url.as_str(), "http://127.0.0.1:1/x?q=H");
    assert_eq!(spec.method, "GET");
    assert!(
        app.history
            .selected_entry()
            .is_some_and(Entry::is_in_flight)
    );
    assert!(app.animating());
    assert!(!app.quit, "typing q must not quit");
}

#[test]
fn enter_in_the_url_and_f5_send_too() {
    let mut app = app();
    type_text(&mut app, "http://h/");
    assert_eq!(key(&mut app, KeyCode::Enter, KeyModifiers::NONE).len(), 1);
    assert_eq!(key(&mut app, KeyCode::F(5), KeyModifiers::NONE).len(), 1);
    assert_eq!(key(&mut app, KeyCode::Enter, KeyModifiers::ALT).len(), 1);
    assert_eq!(app.history.len(), 3);
}

#[test]
fn receive_then_pretty() {
    let mut app = app();
    type_text(&mut app, "http://h/");
    let id = send_id(&key(&mut app, KeyCode::Enter, KeyModifiers::NONE));
    let ex = exchange(200, r#"{"a":[1,2]}"#);
    let commands = finish(&mut app, id, Arc::clone(&ex));
    assert!(matches!(commands.as_slice(), [Command::Prettify { id: p, .. }] if *p == id));
    assert!(!app.animating());
    let (pretty, json) = document::body_views(&ex, 30);
    assert!(
        matches!(json, history::JsonBody::Ready(_)),
        "the body is indexed for the tree"
    );
    app.update(Msg::PrettyDone { id, pretty, json });
    key(&mut app, KeyCode::Char('2'), KeyModifiers::ALT);
    assert_eq!(app.inspector.tab, InspectorTab::Pretty);
    let doc = app.current_document().expect("pretty is ready");
    assert_eq!(doc.len(), 6, "{{ / \"a\": [ / 1, / 2 / ] / }}");
}

#[test]
fn esc_cancels_and_the_late_answer_is_dropped() {
    let mut app = app();
    type_text(&mut app, "http://h/slow");
    let id = send_id(&key(&mut app, KeyCode::Enter, KeyModifiers::NONE));
    let commands = key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(commands, vec![Command::Cancel { id }]);
    assert!(matches!(
        app.history.selected_entry().map(|e| &e.state),
        Some(EntryState::Cancelled { .. })
    ));
    assert!(
        app.composer.editing,
        "the first Esc cancels; it does not also leave the field"
    );
    assert!(finish(&mut app, id, exchange(200, "{}")).is_empty());
    assert!(matches!(
        app.history.selected_entry().map(|e| &e.state),
        Some(EntryState::Cancelled { .. })
    ));
}

#[test]
fn esc_leaves_the_field_then_q_quits_and_question_mark_helps() {
    let mut app = app();
    type_text(&mut app, "q?");
    assert_eq!(app.composer.url_text(), "q?");
    assert!(!app.quit && app.help.is_none());
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!app.composer.editing);
    key(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
    assert!(app.help.is_some());
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.help.is_none());
    key(&mut app, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(app.quit);
}

#[test]
fn a_paste_while_help_is_open_is_dropped_and_the_focus_stays() {
    let mut app = app();
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    app.update(Msg::Paste("http://127.0.0.1/pasted".into()));
    assert_eq!(app.composer.url_text(), "", "nothing reached the composer");
    assert_eq!(
        app.focus,
        Pane::Inspector,
        "the focus stayed behind the overlay"
    );
    assert!(app.help.is_some(), "help is still open");
}

#[test]
fn f1_opens_help_from_inside_a_field_and_ctrl_c_quits() {
    let mut app = app();
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert!(app.help.is_some());
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert!(app.help.is_none());
    key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
}

#[test]
fn a_draft_with_problems_is_not_sent() {
    let mut app = app();
    type_text(&mut app, "localhost:8080/x");
    key(&mut app, KeyCode::Char('h'), KeyModifiers::ALT);
    type_text(&mut app, "NoColon");
    assert!(key(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL).is_empty());
    assert!(app.history.is_empty());
    let (level, text) = app.message.clone().expect("a message says why");
    assert_eq!(level, Level::Error);
    assert!(
        text.contains("http://localhost:8080/x") && text.contains("1 more"),
        "{text}"
    );
    assert_eq!(app.composer.problems.len(), 2);
    assert_eq!(
        app.composer.url_text(),
        "localhost:8080/x",
        "nothing typed is lost"
    );
}

#[test]
fn failures_show_a_message_and_the_chain_on_demand() {
    let mut app = app();
    type_text(&mut app, "http://h/");
    let id = send_id(&key(&mut app, KeyCode::Enter, KeyModifiers::NONE));
    let mut failed = (*exchange(200, "")).clone();
    failed.outcome = Err(Failure {
        error: HttpError::Refused { host: "h".into() },
        chain: vec!["a".into(), "b".into()],
    });
    finish(&mut app, id, Arc::new(failed));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("refused"))
    );
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, Pane::Inspector);
    key(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    assert!(app.inspector.show_chain);
}

#[test]
fn tab_cycles_panes_and_brackets_cycle_tabs() {
    let mut app = app();
    assert_eq!(app.focus, Pane::Composer);
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus, Pane::Inspector);
    key(&mut app, KeyCode::Char(']'), KeyModifiers::NONE);
    assert_eq!(app.inspector.tab, InspectorTab::Pretty);
    key(&mut app, KeyCode::Char('['), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('['), KeyModifiers::NONE);
    assert_eq!(app.inspector.tab, InspectorTab::Headers);
    key(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus, Pane::Composer);
    assert!(app.composer.editing);
    key(&mut app, KeyCode::Char('b'), KeyModifiers::ALT);
    type_text(&mut app, "{\"x\": 1}");
    assert_eq!(
        app.composer.area(composer::ComposerField::Body).lines(),
        ["{\"x\": 1}"]
    );
}

#[test]
fn scrolling_stays_inside_the_document() {
    let mut app = app();
    type_text(&mut app, "http://h/");
    let id = send_id(&key(&mut app, KeyCode::Enter, KeyModifiers::NONE));
    let body = (0..1000)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    finish(&mut app, id, exchange(200, &body));
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    let lines = app
        .current_document()
        .map(Document::len)
        .expect("raw is ready");
    key(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(app.inspector.scroll().row, lines - app.view_page());
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(
        app.inspector.scroll().row,
        lines - app.view_page(),
        "no scrolling past the end"
    );
    key(&mut app, KeyCode::Char('g'), KeyModifiers::NONE);
    key(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(app.inspector.scroll().row, app.view_page() - 1);
    // Wrapped (the default), rows fit the width: nothing to scroll sideways.
    key(&mut app, KeyCode::Char('l'), KeyModifiers::NONE);
    assert_eq!(app.inspector.scroll().col, 0);
    key(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    assert_eq!(
        app.inspector.scroll().row,
        app.view_page() - 1,
        "whole lines: the same top line"
    );
    key(&mut app, KeyCode::Char('l'), KeyModifiers::NONE);
    assert_eq!(app.inspector.scroll().col, 8);
    key(&mut app, KeyCode::Char('0'), KeyModifiers::NONE);
    assert_eq!(app.inspector.scroll().col, 0);
}

#[test]
fn mouse_clicks_focus_panes_and_tabs() {
    let mut app = app();
    let areas = app.areas();
    let tabs = layout::inspector_areas(areas.inspector, 0).tabs;
    // " Raw " takes 5 cells and a separator: "Pretty" starts at tabs.x + 6.
    app.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: tabs.x + 7,
        row: tabs.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.focus, Pane::Inspector);
    assert_eq!(app.inspector.tab, InspectorTab::Pretty);
    let url = layout::composer_areas(areas.composer).url;
    app.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: url.x + 1,
        row: url.y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(
        (app.focus, app.composer.field, app.composer.editing),
        (Pane::Composer, composer::ComposerField::Url, true)
    );
}

#[test]
fn paste_goes_into_the_url_as_one_line() {
    let mut app = app();
    app.update(Msg::Paste("http://h/a\n?b=1".into()));
    assert_eq!(app.composer.url_text(), "http://h/a?b=1");
    assert_eq!(
        app.composer.area(composer::ComposerField::Params).lines(),
        ["b=1"]
    );
}

#[test]
fn history_selection_shows_older_exchanges() {
    let mut app = app();
    type_text(&mut app, "http://h/");
    let first = send_id(&key(&mut app, KeyCode::Enter, KeyModifiers::NONE));
    let second = send_id(&key(&mut app, KeyCode::Enter, KeyModifiers::NONE));
    finish(&mut app, first, exchange(404, "{}"));
    finish(&mut app, second, exchange(200, "{}"));
    key(&mut app, KeyCode::Char('s'), KeyModifiers::ALT);
    assert_eq!(app.history.selected_entry().map(|e| e.id), Some(second));
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(app.history.selected_entry().map(|e| e.id), Some(first));
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.focus, Pane::Inspector);
}

#[test]
fn clicks_in_a_scrolled_history_pick_the_row_drawn_there() {
    let mut app = app();
    type_text(&mut app, "http://h/");
    let ids: Vec<RequestId> = (0..60)
        .map(|_| send_id(&key(&mut app, KeyCode::Enter, KeyModifiers::NONE)))
        .collect();
    key(&mut app, KeyCode::Char('s'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    let (_, list) = layout::sidebar_areas(app.areas().sidebar);
    let first = app.history.first_visible(usize::from(list.height));
    assert!(first > 0, "the list has scrolled");
    app.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: list.x + 2,
        row: list.y + 1,
        modifiers: KeyModifiers::NONE,
    }));
    // Newest first: row `first + 1` on screen is the (first + 1)-th newest request.
    assert_eq!(
        app.history.selected_entry().map(|e| e.id),
        Some(ids[ids.len() - 1 - (first + 1)])
    );
}

#[test]
fn a_click_in_the_editor_edits_the_editor_not_the_url() {
    let mut app = app();
    key(&mut app, KeyCode::Char('b'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('l'), KeyModifiers::CONTROL);
    let editor = layout::composer_areas(app.areas().composer).editor;
    app.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: editor.x + 3,
        row: editor.y + 1,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.composer.field, composer::ComposerField::Body);
}

#[test]
fn keys_that_do_nothing_ask_for_no_redraw() {
    let mut app = app();
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert!(app.changed);
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    assert!(!app.changed, "x is bound to nothing in the inspector");
    app.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Moved,
        column: 1,
        row: 1,
        modifiers: KeyModifiers::NONE,
    }));
    assert!(!app.changed);
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert!(app.changed, "a bound key redraws even at the top");
}

#[test]
fn elapsed_time_comes_from_the_app_clock() {
    let mut app = app();
    type_text(&mut app, "http://h/");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    app.now += Duration::from_secs(3);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(matches!(
        app.history.selected_entry().map(|e| &e.state),
        Some(EntryState::Cancelled { after }) if *after == Duration::from_secs(3)
    ));
}

#[test]
fn the_token_is_shown_in_clear_only_when_asked_for() {
    use crate::openstack::Secret;
    use crate::openstack::catalog::{Catalog, Interface};

    let mut app = app();
    app.cloud = Some(cloud::CloudView::new(
        "demo".into(),
        None,
        Interface::Public,
    ));
    app.update(Msg::CloudSignedIn(cloud::SignedIn {
        token: Secret::new("gAAAA-the-token"),
        user: "demo".into(),
        user_id: "u-1".into(),
        project: Some("demo".into()),
        project_id: Some("p-1".into()),
        expires_at: SystemTime::now() + Duration::from_mins(5),
        catalog: Catalog::default(),
    }));
    assert!(
        app.message
            .as_ref()
            .is_none_or(|(_, m)| !m.contains("gAAAA"))
    );
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('T'), KeyModifiers::SHIFT);
    let (_, shown) = app.message.clone().expect("shown");
    assert!(shown.contains("gAAAA-the-token"), "{shown}");
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert!(app.message.is_none(), "gone at the next key");
}
