//! The jq filter line on `TestBackend`: typing runs the filter (after a pause, off the loop),
//! its result replaces Tree, Pretty and Table, errors show their column, Esc returns to the
//! whole body.

mod ui_support;

use std::time::Duration;

use fiddlestack::app::{App, Command, Msg};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{draw, key, screen, showing};

const BODY: &[u8] = br#"{"servers":[{"id":"a1","name":"web-1","ram":2048.0},{"id":"b2","name":"db-1","ram":512}],"count":2}"#;

fn filter_app() -> App {
    let mut app = showing(120, 40, "application/json", BODY);
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    app
}

/// Types `text` into the open filter line, keeping the last filter command asked for.
fn type_filter(app: &mut App, text: &str) -> Option<Command> {
    let mut last = None;
    for c in text.chars() {
        let commands = key(app, KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(command) = commands.into_iter().next() {
            last = Some(command);
        }
    }
    last
}

/// Runs a filter command as the runtime does and hands its result back.
fn finish(app: &mut App, command: Option<Command>) {
    let Some(Command::Filter { id, job }) = command else {
        panic!("a filter command, got {command:?}")
    };
    let code = job.code().to_owned();
    app.update(Msg::FilterDone {
        id,
        code,
        result: job.run(),
    });
}

#[test]
fn each_keystroke_asks_for_a_debounced_evaluation_of_the_whole_line() {
    let mut app = filter_app();
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    let Some(Command::Filter { job, .. }) = type_filter(&mut app, ".count") else {
        panic!("typing asks for an evaluation")
    };
    assert_eq!(job.code(), ".count");
    assert!(job.delay >= Duration::from_millis(100), "{:?}", job.delay);
    // Enter runs what was typed at once.
    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let Some(Command::Filter { job: now, .. }) = commands.first() else {
        panic!("Enter runs the pending filter: {commands:?}")
    };
    assert_eq!(now.delay, Duration::ZERO);
    assert!(job.is_cancelled(), "the newer evaluation cancels the older");
}

#[test]
fn the_result_replaces_the_tree_and_esc_brings_the_body_back() {
    let mut app = filter_app();
    key(&mut app, KeyCode::Char('|'), KeyModifiers::NONE);
    let command = type_filter(&mut app, ".servers[0].name");
    finish(&mut app, command);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("| .servers[0].name"), "{text}");
    assert!(text.contains("1 result"), "{text}");
    assert!(text.contains("\"web-1\""), "the result shows: {text}");
    assert!(
        !text.contains("servers ["),
        "the body's tree is replaced: {text}"
    );

    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(
        !text.contains("| .servers"),
        "the filter line is gone: {text}"
    );
    assert!(text.contains("servers"), "the whole body is back: {text}");
}

#[test]
fn pretty_and_table_show_the_result_too() {
    let mut app = filter_app();
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    let command = type_filter(&mut app, "[.servers[] | {name, ram}]");
    finish(&mut app, command);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    let table = screen(&draw(&app, 120, 40));
    assert!(table.contains("name"), "{table}");
    assert!(table.contains("2048.0"), "numbers as sent: {table}");
    assert!(!table.contains("a1"), "only the filter's columns: {table}");
    key(&mut app, KeyCode::Char('2'), KeyModifiers::ALT);
    let pretty = screen(&draw(&app, 120, 40));
    assert!(pretty.contains("\"ram\": 512"), "{pretty}");
    assert!(!pretty.contains("\"id\""), "{pretty}");
}

#[test]
fn a_syntax_error_shows_under_the_line_with_a_caret() {
    let mut app = filter_app();
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    let command = type_filter(&mut app, ".servers[0");
    finish(&mut app, command);
    let rows = ui_support::lines(&draw(&app, 120, 40));
    let line = rows
        .iter()
        .position(|r| r.contains("| .servers[0"))
        .expect("the filter line");
    let error = &rows[line + 1];
    assert!(error.contains("^ expected"), "{rows:#?}");
    let bar = rows[line].find("| .servers").expect("bar");
    let caret = error.find('^').expect("caret");
    assert_eq!(
        caret - bar,
        2 + ".servers[0".len(),
        "the caret points past `[0`"
    );
}

#[test]
fn a_late_result_for_an_older_filter_is_dropped() {
    let mut app = filter_app();
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    let old = type_filter(&mut app, ".count");
    type_filter(&mut app, " + 1");
    finish(&mut app, old);
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("running…"),
        "still waiting for `.count + 1`: {text}"
    );
    assert!(text.contains("servers"), "the body still shows: {text}");
}

#[test]
fn a_filter_needs_a_json_body() {
    let mut app = showing(120, 40, "text/plain", b"hello");
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("filters work on JSON bodies"), "{text}");
    assert!(!text.contains("| "), "no filter line: {text}");
}

#[test]
fn a_paste_goes_into_the_open_filter_line_and_runs_it() {
    let mut app = filter_app();
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    let commands = app.update(Msg::Paste(".servers[1].name".into()));
    let Some(Command::Filter { job, .. }) = commands.first() else {
        panic!("the pasted filter runs: {commands:?}")
    };
    assert_eq!(job.code(), ".servers[1].name");
    assert_eq!(
        app.composer.draft().url,
        "http://127.0.0.1:8080/servers",
        "nothing went to the composer"
    );
}
