//! The mouse, drawn into `TestBackend`: a click lands on what was drawn at that cell — a
//! sidebar tab, a History, Catalog, Tree or Table row, a Table column's heading (a second
//! click on the selected heading sorts by it) — and a drag moves the border between the
//! sidebar and the main panes, and between the composer and the inspector.

mod ui_support;

use fiddlestack::app::{App, Command, Msg, Pane, SidebarTab, layout};
use fiddlestack::openstack::catalog::Interface;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ui_support::{app, draw, exchange, key, lines, send_and_answer, type_text};

const W: u16 = 120;
const H: u16 = 40;

const FLAVORS: &[u8] = br#"{"flavors":[{"id":"1","name":"m1.tiny","ram":512},{"id":"2","name":"m1.small","ram":2048,"disk":20},{"id":"3","name":"m1.big","ram":16384}],"links":[]}"#;

fn mouse(app: &mut App, kind: MouseEventKind, (column, row): (u16, u16)) -> Vec<Command> {
    app.update(Msg::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

fn click(app: &mut App, at: (u16, u16)) -> Vec<Command> {
    mouse(app, MouseEventKind::Down(MouseButton::Left), at)
}

/// Where `needle` is drawn inside `area`, first match from the top.
fn find_in(buffer: &Buffer, area: ratatui::layout::Rect, needle: &str) -> Option<(u16, u16)> {
    lines(buffer)
        .iter()
        .enumerate()
        .skip(usize::from(area.y))
        .take(usize::from(area.height))
        .find_map(|(y, line)| {
            let cells: Vec<&str> = (0..buffer.area.width)
                .map(|x| buffer[(x, y as u16)].symbol())
                .collect();
            let from = usize::from(area.x);
            let to = usize::from(area.x + area.width).min(cells.len());
            let inside: String = cells[from..to].concat();
            inside.find(needle).map(|byte| {
                let x = area.x + inside[..byte].chars().count() as u16;
                debug_assert!(line.contains(needle));
                (x, y as u16)
            })
        })
}

fn flavors_app() -> App {
    let mut app = app(W, H);
    type_text(&mut app, "http://127.0.0.1:8774/flavors");
    send_and_answer(&mut app, &exchange(200, "OK", "application/json", FLAVORS));
    app
}

#[test]
fn a_click_on_a_sidebar_tab_selects_it() {
    let mut app = app(W, H);
    for title in ["Saved", "Catalog", "History"] {
        let buffer = draw(&app, W, H);
        let at = find_in(&buffer, app.areas().sidebar, &format!(" {title} "))
            .unwrap_or_else(|| panic!("{title} drawn"));
        click(&mut app, (at.0 + 2, at.1));
        assert_eq!(app.focus, Pane::Sidebar);
        assert_eq!(app.sidebar_tab.title(), title);
    }
}

#[test]
fn a_click_on_a_history_row_shows_that_exchange() {
    let mut app = app(W, H);
    for path in ["first", "second", "third"] {
        key(&mut app, KeyCode::Char('l'), KeyModifiers::CONTROL);
        key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        type_text(&mut app, &format!("http://127.0.0.1:8080/{path}"));
        send_and_answer(
            &mut app,
            &exchange(200, "OK", "text/plain", path.as_bytes()),
        );
    }
    let buffer = draw(&app, W, H);
    let at = find_in(&buffer, app.areas().sidebar, "/first").expect("the first row drawn");
    click(&mut app, at);
    let shown = app.history.selected_entry().expect("a row selected");
    assert!(shown.url.ends_with("/first"), "{}", shown.url);
}

#[test]
fn a_click_on_a_catalog_row_selects_it() {
    let mut app = ui_support::cloud::signed_in_app(Interface::Public);
    assert_eq!(app.sidebar_tab, SidebarTab::Catalog);
    let buffer = draw(&app, W, H);
    let at = find_in(&buffer, app.areas().sidebar, "ks:5000").expect("identity drawn");
    click(&mut app, at);
    let cloud = app.cloud.as_ref().expect("the cloud");
    let rows = cloud.rows();
    let selected = format!("{:?}", rows[cloud.selected]);
    assert!(selected.contains("http://ks:5000/v3"), "{selected}");
    // Drawn selected where it was clicked.
    let buffer = draw(&app, W, H);
    assert_eq!(find_in(&buffer, app.areas().sidebar, "ks:5000"), Some(at));
}

#[test]
fn a_click_on_an_inspector_tab_then_a_tree_row_selects_that_value() {
    let mut app = flavors_app();
    let buffer = draw(&app, W, H);
    let tabs = layout::inspector_areas(app.areas().inspector, 0).tabs;
    let tree_tab = find_in(&buffer, tabs, " Tree ").expect("the Tree tab");
    click(&mut app, (tree_tab.0 + 1, tree_tab.1));
    assert_eq!(app.inspector.tab.title(), "Tree");
    let buffer = draw(&app, W, H);
    let at = find_in(&buffer, app.view_area(), "\"m1.small\"").expect("the value drawn");
    click(&mut app, at);
    let tree = app.tree().expect("a tree");
    let cursor = tree.cursor().expect("a cursor");
    assert_eq!(tree.index().dot_path(cursor), ".flavors[1].name");
    // A second click on a selected container folds it; another unfolds it.
    let buffer = draw(&app, W, H);
    let object = find_in(&buffer, app.view_area(), "[2]").expect("the third flavor drawn");
    click(&mut app, object);
    let tree = app.tree().expect("a tree");
    let node = tree.cursor().expect("a cursor");
    assert_eq!(tree.index().dot_path(node), ".flavors[2]");
    assert!(
        tree.is_expanded(node),
        "one click selects, it does not fold"
    );
    click(&mut app, object);
    assert!(!app.tree().expect("a tree").is_expanded(node), "folded");
    click(&mut app, object);
    assert!(app.tree().expect("a tree").is_expanded(node), "open again");
}

#[test]
fn under_a_wrapped_value_a_click_still_lands_on_the_row_drawn_there() {
    let long = "x".repeat(300);
    let body = format!(r#"{{"a":"{long}","b":1,"c":2}}"#);
    let mut app = app(W, H);
    type_text(&mut app, "http://127.0.0.1:8774/long");
    send_and_answer(
        &mut app,
        &exchange(200, "OK", "application/json", body.as_bytes()),
    );
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    let view = app.view_area();
    let buffer = draw(&app, W, H);
    let a = find_in(&buffer, view, "a: \"xxx").expect("the long value drawn");
    click(&mut app, a);
    key(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    let buffer = draw(&app, W, H);
    let b = find_in(&buffer, view, "b: 1").expect("b drawn");
    assert!(
        b.1 > a.1 + 2,
        "the value above takes several lines: {a:?} {b:?}"
    );
    click(&mut app, b);
    let tree = app.tree().expect("a tree");
    assert_eq!(
        tree.index().dot_path(tree.cursor().expect("a cursor")),
        ".b"
    );
    // A click on the wrapped value's own lines keeps it selected.
    click(&mut app, a);
    let buffer = draw(&app, W, H);
    click(&mut app, (a.0 + 4, a.1 + 2));
    let tree = app.tree().expect("a tree");
    assert_eq!(
        tree.index().dot_path(tree.cursor().expect("a cursor")),
        ".a"
    );
    assert!(find_in(&buffer, view, "c: 2").is_some());
}

#[test]
fn table_rows_and_headings_take_clicks_and_a_second_click_sorts() {
    let mut app = flavors_app();
    key(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    let view = app.view_area();
    let buffer = draw(&app, W, H);
    let row = find_in(&buffer, view, "m1.big").expect("a row drawn");
    click(&mut app, row);
    assert_eq!(app.focus, Pane::Inspector);
    let buffer = draw(&app, W, H);
    let id_heading = find_in(&buffer, view, "id").expect("the id heading");
    let selected_style = buffer[id_heading].style();
    let ram = find_in(&buffer, view, "ram").expect("the ram heading");
    assert_ne!(
        buffer[ram].style(),
        selected_style,
        "ram is not selected yet"
    );
    assert!(
        click(&mut app, (ram.0 + 1, ram.1)).is_empty(),
        "the first click selects, it does not sort"
    );
    let buffer = draw(&app, W, H);
    assert_eq!(
        buffer[ram].style(),
        selected_style,
        "ram is the selected column"
    );
    assert_ne!(buffer[id_heading].style(), selected_style);
    // The selected row is the one clicked: open it in the Tree to see which it is.
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.inspector.tab.title(), "Tree");
    let tree = app.tree().expect("a tree");
    assert_eq!(
        tree.index().dot_path(tree.cursor().expect("a cursor")),
        ".flavors[2]"
    );
    key(&mut app, KeyCode::Char('4'), KeyModifiers::ALT);
    let commands = click(&mut app, ram);
    let Some(Command::SortTable { id, job }) = commands.into_iter().next() else {
        panic!("a second click on the selected heading sorts")
    };
    app.update(Msg::TableSorted {
        id,
        sorted: job.run(),
    });
    let buffer = draw(&app, W, H);
    assert!(
        find_in(&buffer, view, "ram▲").is_some(),
        "sorted by ram, ascending"
    );
}

#[test]
fn dragging_the_borders_resizes_the_panes() {
    let mut app = app(W, H);
    let before = app.areas();
    let border = before.sidebar.x + before.sidebar.width - 1;
    let down = (border, before.sidebar.y + 5);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), down);
    mouse(
        &mut app,
        MouseEventKind::Drag(MouseButton::Left),
        (50, down.1),
    );
    mouse(
        &mut app,
        MouseEventKind::Up(MouseButton::Left),
        (50, down.1),
    );
    let after = app.areas();
    assert_eq!(after.sidebar.width, 51, "the border follows the pointer");
    assert_eq!(after.composer.x, 51);
    let buffer = draw(&app, W, H);
    assert_eq!(
        buffer[(50, 0)].symbol(),
        "┐",
        "the sidebar's corner is drawn there"
    );
    assert_eq!(
        buffer[(51, 0)].symbol(),
        "┌",
        "and the composer's beside it"
    );
    // Moving without the button held changes nothing.
    mouse(
        &mut app,
        MouseEventKind::Drag(MouseButton::Left),
        (70, down.1),
    );
    assert_eq!(app.areas().sidebar.width, 51);

    let bottom = after.composer.y + after.composer.height - 1;
    let down = (after.composer.x + 10, bottom);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), down);
    mouse(
        &mut app,
        MouseEventKind::Drag(MouseButton::Left),
        (down.0, 25),
    );
    mouse(
        &mut app,
        MouseEventKind::Up(MouseButton::Left),
        (down.0, 25),
    );
    let after = app.areas();
    assert_eq!(after.composer.y + after.composer.height - 1, 25);
    assert_eq!(after.inspector.y, 26);
    let buffer = draw(&app, W, H);
    assert_eq!(
        buffer[(after.composer.x, 26)].symbol(),
        "┌",
        "the inspector starts there"
    );

    // Past the limits the panes keep room to work.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), (50, 5));
    mouse(
        &mut app,
        MouseEventKind::Drag(MouseButton::Left),
        (W - 1, 5),
    );
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), (W - 1, 5));
    let squeezed = app.areas();
    assert!(
        squeezed.composer.width >= 40,
        "the composer keeps its room: {squeezed:?}"
    );
}

#[test]
fn without_mouse_capture_clicks_and_drags_do_nothing() {
    let mut app = app(W, H);
    app.mouse = false;
    let before = app.areas();
    let border = before.sidebar.x + before.sidebar.width - 1;
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        (border, 5),
    );
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), (50, 5));
    assert_eq!(app.areas(), before);
    let buffer = draw(&app, W, H);
    let saved = find_in(&buffer, before.sidebar, " Saved ").expect("drawn");
    click(&mut app, saved);
    assert_eq!(app.sidebar_tab, SidebarTab::History);
}
