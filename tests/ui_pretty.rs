//! The Pretty tab of a JSON body, made from the index: line numbers, a selected line that the
//! moves carry, `%` between brackets, and `m` between Tree and Pretty on the same value.

mod ui_support;

use fiddlestack::app::App;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{draw, key, lines, press, search, showing};

const BODY: &[u8] = br#"{"servers":[{"id":"a1","name":"web-1","ram":2048.0,"tags":[]},{"id":"b2","name":"db-1","ram":512}],"count":2}"#;

fn pretty_app(width: u16, height: u16) -> App {
    let mut app = showing(width, height, "application/json", BODY);
    key(&mut app, KeyCode::Char('2'), KeyModifiers::ALT);
    app
}

/// The view's rows, from the row under the summary line.
fn view_rows(app: &App, width: u16, height: u16) -> Vec<String> {
    let rows = lines(&draw(app, width, height));
    let start = rows
        .iter()
        .position(|l| l.contains(" Pretty "))
        .expect("the tab bar")
        + 2;
    rows[start..].to_vec()
}

/// The row numbered `number`: the line numbers start the inspector, right after its border
/// (which follows the sidebar's).
fn numbered(rows: &[String], number: usize) -> Option<&String> {
    rows.iter().find(|r| {
        r.split("││")
            .nth(1)
            .is_some_and(|inside| inside.trim_start().starts_with(&format!("{number} ")))
    })
}

#[test]
fn lines_are_numbered_and_numbers_are_kept_as_sent() {
    let app = pretty_app(120, 40);
    let rows = view_rows(&app, 120, 40);
    let first = numbered(&rows, 1).expect("line 1");
    assert!(first.contains("1 {"), "{rows:#?}");
    let ram = numbered(&rows, 6).expect("line 6");
    assert!(ram.contains("\"ram\": 2048.0,"), "{rows:#?}");
    let tags = numbered(&rows, 7).expect("line 7");
    assert!(
        tags.contains("\"tags\": []"),
        "an empty array is one line: {rows:#?}"
    );
    assert!(
        numbered(&rows, 16).is_some_and(|r| r.contains("16 }")),
        "{rows:#?}"
    );
    assert!(numbered(&rows, 17).is_none(), "16 lines in all: {rows:#?}");
}

#[test]
fn percent_jumps_between_brackets_and_m_opens_the_tree_there() {
    let mut app = pretty_app(120, 40);
    press(&mut app, "jj");
    assert_eq!(app.inspector.pretty_cursor, 2, "j moves the selected line");
    press(&mut app, "%");
    assert_eq!(
        app.inspector.pretty_cursor, 7,
        "the `{{` of servers[0] matches its `}},`"
    );
    press(&mut app, "%");
    assert_eq!(app.inspector.pretty_cursor, 2);
    press(&mut app, "jj");
    press(&mut app, "m");
    let tree = lines(&draw(&app, 120, 40)).join("\n");
    assert!(
        tree.contains(".servers[0].name"),
        "the Tree selects the same value: {tree}"
    );
    press(&mut app, "jj");
    press(&mut app, "m");
    assert_eq!(
        app.inspector.pretty_cursor, 6,
        "back in Pretty on .servers[0].tags"
    );
}

#[test]
fn the_selected_line_stays_on_screen_at_80_by_24() {
    let mut app = pretty_app(80, 24);
    key(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    let rows = view_rows(&app, 80, 24);
    assert!(
        numbered(&rows, 16).is_some(),
        "G shows the last line: {rows:#?}"
    );
    press(&mut app, "g");
    let rows = view_rows(&app, 80, 24);
    assert!(numbered(&rows, 1).is_some(), "g the first: {rows:#?}");
}

/// Cells showing `needle` on screen, and whether each is marked as a search match.
fn marked_cells(app: &App, needle: &str) -> Vec<bool> {
    let buffer = draw(app, 120, 40);
    let rows = lines(&buffer);
    let mut marks = Vec::new();
    for (y, row) in rows.iter().enumerate() {
        let mut from = 0;
        while let Some(found) = row[from..].find(needle) {
            let x = row[..from + found].chars().count();
            for dx in 0..needle.chars().count() {
                let cell = &buffer[(u16::try_from(x + dx).expect("x"), y as u16)];
                marks.push(cell.bg == ratatui::style::Color::Yellow);
            }
            from += found + needle.len();
        }
    }
    marks
}

#[test]
fn search_matches_are_marked_in_pretty_and_n_moves_the_selected_line() {
    let mut app = pretty_app(120, 40);
    search(&mut app, "b2|web");
    assert_eq!(
        app.inspector.pretty_cursor, 4,
        "the first match's line is selected"
    );
    let web = marked_cells(&app, "web");
    assert!(!web.is_empty() && web.iter().all(|&m| m), "{web:?}");
    let name = marked_cells(&app, "name");
    assert!(
        name.iter().all(|&m| !m),
        "only matches are marked: {name:?}"
    );
    press(&mut app, "n");
    assert_eq!(
        app.inspector.pretty_cursor, 9,
        "n: the line of \"id\": \"b2\""
    );
    press(&mut app, "N");
    assert_eq!(app.inspector.pretty_cursor, 4);
}

#[test]
fn search_matches_are_marked_in_raw() {
    let mut app = pretty_app(120, 40);
    search(&mut app, "db-1");
    key(&mut app, KeyCode::Char('1'), KeyModifiers::ALT);
    let db = marked_cells(&app, "db-1");
    assert_eq!(db, [true; 4], "the body's match is marked");
}
