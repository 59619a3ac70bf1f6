//! Raw wraps long lines: a one-line JSON body reads top to bottom, `G` reaches its end, the
//! Tree's value is highlighted where it sits in the wrapped rows, and search matches are
//! marked there too.

mod ui_support;

use fiddlestack::app::App;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Color, Modifier};
use ui_support::{draw, key, lines, press, screen, search, showing};

/// 2 000 servers on one line (about 90 KB).
fn body() -> String {
    let servers: Vec<String> = (0..2000)
        .map(|i| format!(r#"{{"id":"id-{i:05}","name":"vm-{i}"}}"#))
        .collect();
    format!(r#"{{"servers":[{}],"end":"LAST"}}"#, servers.join(","))
}

fn raw_app() -> App {
    showing(120, 40, "application/json", body().as_bytes())
}

/// The inspector's cells drawn with `test`, as text.
fn cells_where(app: &App, test: impl Fn(&ratatui::buffer::Cell) -> bool) -> String {
    let buffer = draw(app, 120, 40);
    let area = app.areas().inspector;
    let mut out = String::new();
    for y in area.y..area.bottom() {
        for x in area.x..area.right() {
            let cell = &buffer[(x, y)];
            if test(cell) {
                out.push_str(cell.symbol());
            }
        }
    }
    out
}

#[test]
fn a_one_line_body_wraps_and_g_reaches_its_end() {
    let mut app = raw_app();
    assert!(!screen(&draw(&app, 120, 40)).contains("LAST"));
    press(&mut app, "G");
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("end\":\"LAST\"}"), "{text}");
    let rows = lines(&draw(&app, 120, 40));
    assert!(
        rows.iter().filter(|r| r.contains("\"name\":\"vm-")).count() > 10,
        "the rows before the end are the body, wrapped: {rows:#?}"
    );
}

#[test]
fn the_trees_value_is_highlighted_in_the_wrapped_rows() {
    let mut app = raw_app();
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    press(&mut app, "jl1500j");
    let path = screen(&draw(&app, 120, 40));
    let at: usize = path
        .split(".servers[")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse().ok())
        .expect("a server selected, far into the array");
    assert!(at > 1000, "{path}");
    key(&mut app, KeyCode::Char('1'), KeyModifiers::ALT);
    let marked = cells_where(&app, |c| c.modifier.contains(Modifier::REVERSED));
    assert_eq!(
        marked,
        format!(r#"{{"id":"id-{at:05}","name":"vm-{at}"}}"#),
        "the value's bytes are reversed"
    );
}

#[test]
fn search_matches_are_marked_in_the_wrapped_rows() {
    let mut app = raw_app();
    search(&mut app, "vm-1777\"");
    // n from the Tree's cursor: Raw scrolls to the match.
    key(&mut app, KeyCode::Char('1'), KeyModifiers::ALT);
    press(&mut app, "n");
    let marked = cells_where(&app, |c| c.bg == Color::Yellow);
    assert_eq!(marked, "vm-1777\"");
}
