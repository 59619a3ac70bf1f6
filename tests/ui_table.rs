//! The Table tab: columns in first-seen order, rows, selection, sorting off the loop (run here
//! as the runtime would), a row opened in the Tree, and `t` in the Tree.

mod ui_support;

use fiddlestack::app::{Command, Msg};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{app, draw, exchange, key, lines, screen, send_and_answer, type_text};

const FLAVORS: &[u8] = br#"{"flavors":[{"id":"1","name":"m1.tiny","ram":512},{"id":"2","name":"m1.small","ram":2048,"disk":20},{"id":"3","name":"m1.big","ram":16384}],"links":[]}"#;

fn table_app() -> fiddlestack::app::App {
    let mut app = app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8774/flavors");
    send_and_answer(&mut app, &exchange(200, "OK", "application/json", FLAVORS));
    key(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    app
}

fn table_rows(app: &fiddlestack::app::App) -> Vec<String> {
    let rows = lines(&draw(app, 120, 40));
    let start = rows
        .iter()
        .position(|l| l.contains(" Table "))
        .expect("tab bar")
        + 2;
    rows[start..start + 4]
        .iter()
        .map(|l| l.split('│').nth(3).unwrap_or("").trim_end().to_owned())
        .collect()
}

#[test]
fn the_first_array_of_objects_is_a_table_with_columns_in_first_seen_order() {
    let app = table_app();
    let rows = table_rows(&app);
    assert_eq!(
        rows[0].split_whitespace().collect::<Vec<_>>(),
        ["id", "name", "ram", "disk"],
        "{rows:#?}"
    );
    assert!(rows[1].starts_with("1   m1.tiny   512"), "{rows:#?}");
    assert_eq!(
        rows[2].split_whitespace().collect::<Vec<_>>(),
        ["2", "m1.small", "2048", "20"],
        "{rows:#?}"
    );
}

#[test]
fn sorting_runs_off_the_loop_and_marks_the_column() {
    let mut app = table_app();
    key(&mut app, KeyCode::Char('l'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('l'), KeyModifiers::NONE);
    let commands = key(&mut app, KeyCode::Char('s'), KeyModifiers::NONE);
    let Some(Command::SortTable { id, job }) = commands.into_iter().next() else {
        panic!("a sort command")
    };
    app.update(Msg::TableSorted {
        id,
        sorted: job.run(),
    });
    let rows = table_rows(&app);
    assert!(rows[0].contains("ram▲"), "{rows:#?}");
    let commands = key(&mut app, KeyCode::Char('s'), KeyModifiers::NONE);
    let Some(Command::SortTable { id, job }) = commands.into_iter().next() else {
        panic!("a sort command")
    };
    app.update(Msg::TableSorted {
        id,
        sorted: job.run(),
    });
    let rows = table_rows(&app);
    assert!(
        rows[0].contains("ram▼") && rows[1].starts_with('3'),
        "descending by number: {rows:#?}"
    );
}

#[test]
fn enter_opens_the_row_in_the_tree_and_t_in_the_tree_opens_a_table() {
    let mut app = table_app();
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains(".flavors[1]"),
        "the Tree shows the row's element: {text}"
    );
    let commands = key(&mut app, KeyCode::Char('t'), KeyModifiers::NONE);
    assert!(
        screen(&draw(&app, 120, 40)).contains("Making the table…"),
        "made off the loop"
    );
    ui_support::build_table(&mut app, &commands);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("m1.small"), "back in the Table: {text}");
    assert!(!text.contains("Making the table…"), "{text}");
}

#[test]
fn a_body_without_an_array_says_so() {
    let mut app = app(80, 24);
    type_text(&mut app, "http://127.0.0.1:8774/");
    send_and_answer(
        &mut app,
        &exchange(200, "OK", "application/json", b"{\"a\": 1}"),
    );
    key(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    assert!(screen(&draw(&app, 80, 24)).contains("No array in this body"));
}
