//! `{{variables}}` on screen: an unresolved name is marked in the composer, a resolved one is
//! not, the selected environment shows in the status line, and the History entry has the URL
//! as sent, variables expanded.

mod ui_support;

use fiddlestack::store::environments::Environment;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;
use ui_support::{app, draw, exchange, find, key, lines, send_and_answer, type_text};

fn dev() -> Environment {
    Environment {
        name: "dev".into(),
        values: [("host".to_owned(), "http://127.0.0.1:8080".to_owned())].into(),
    }
}

#[test]
fn an_unresolved_name_is_marked_until_an_environment_answers_it() {
    let mut app = app(120, 40);
    app.variables.environments = vec![dev()];
    type_text(&mut app, "{{host}}/v2.1/servers?x={{nope}}");
    let buffer = draw(&app, 120, 40);
    let (x, y) = find(&buffer, "{{host}}").expect("the URL is shown");
    assert_eq!(buffer[(x + 2, y)].fg, Color::Red, "unresolved: marked");
    let (nx, ny) = find(&buffer, "{{nope}}").expect("shown");
    assert_eq!(buffer[(nx + 2, ny)].fg, Color::Red);
    key(&mut app, KeyCode::Char('e'), KeyModifiers::ALT);
    let buffer = draw(&app, 120, 40);
    let (x, y) = find(&buffer, "{{host}}").expect("shown");
    assert_ne!(
        buffer[(x + 2, y)].fg,
        Color::Red,
        "answered by dev: not marked"
    );
    let (nx, ny) = find(&buffer, "{{nope}}").expect("shown");
    assert_eq!(buffer[(nx + 2, ny)].fg, Color::Red, "still unresolved");
    let status = lines(&buffer).into_iter().rev().nth(1).unwrap_or_default();
    assert!(status.contains("env:dev"), "{status}");
}

#[test]
fn the_entry_has_the_url_as_sent_with_values_in_place() {
    let mut app = app(120, 40);
    app.variables.environments = vec![dev()];
    app.variables.selected = Some(0);
    type_text(&mut app, "{{host}}/v2.1/flavors");
    send_and_answer(&mut app, &exchange(200, "OK", "application/json", b"{}"));
    let url = app
        .history
        .selected_entry()
        .map(|e| e.url.clone())
        .expect("an entry");
    assert_eq!(url, "http://127.0.0.1:8080/v2.1/flavors");
}
