//! The Table's columns on `TestBackend`: hide (`-`), show all (`+`), move (`<`, `>`), pin
//! (`p`), and the picker (`c`) that shows hidden columns again.

mod ui_support;

use fiddlestack::app::App;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{draw, key, lines, press, screen, showing};

const FLAVORS: &[u8] = br#"{"flavors":[{"id":"1","name":"m1.tiny","ram":512},{"id":"2","name":"m1.small","ram":2048,"disk":20}]}"#;

fn table_app() -> App {
    let mut app = showing(120, 40, "application/json", FLAVORS);
    key(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    app
}

/// The table's heading, as words.
fn heading(app: &App) -> Vec<String> {
    let rows = lines(&draw(app, 120, 40));
    let at = rows
        .iter()
        .position(|l| l.contains(" Table "))
        .expect("tab bar")
        + 2;
    rows[at]
        .split('│')
        .nth(3)
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

#[test]
fn minus_hides_the_selected_column_and_plus_shows_them_all() {
    let mut app = table_app();
    press(&mut app, "l-");
    assert_eq!(heading(&app), ["id", "ram", "disk"]);
    press(&mut app, "--");
    assert_eq!(heading(&app), ["id"], "hiding stops at the last column");
    press(&mut app, "-");
    assert_eq!(heading(&app), ["id"]);
    press(&mut app, "+");
    assert_eq!(heading(&app), ["id", "name", "ram", "disk"]);
}

#[test]
fn angle_brackets_move_the_selected_column_and_it_stays_selected() {
    let mut app = table_app();
    press(&mut app, "ll>");
    assert_eq!(heading(&app), ["id", "name", "disk", "ram"]);
    press(&mut app, "<<<");
    assert_eq!(heading(&app), ["ram", "id", "name", "disk"]);
}

#[test]
fn p_pins_a_column_to_the_left() {
    let mut app = table_app();
    press(&mut app, "llp");
    assert_eq!(heading(&app), ["ram", "id", "name", "disk"]);
    press(&mut app, "p");
    assert_eq!(
        heading(&app),
        ["ram", "id", "name", "disk"],
        "unpinned, it leads the rest"
    );
}

#[test]
fn the_picker_lists_hidden_columns_and_shows_them_again() {
    let mut app = table_app();
    press(&mut app, "l-c");
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains(" Columns "), "{text}");
    assert!(text.contains("[ ] name"), "{text}");
    assert!(text.contains("[x] ram"), "{text}");
    // The cursor starts on the selected column (`ram`); up to `name`, Space shows it.
    key(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, " ");
    assert!(screen(&draw(&app, 120, 40)).contains("[x] name"));
    press(&mut app, "p");
    assert!(screen(&draw(&app, 120, 40)).contains("[x] name  pinned"));
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(!text.contains(" Columns "), "Esc closes: {text}");
    assert_eq!(heading(&app), ["name", "id", "ram", "disk"]);
}
