//! Copies and `t` from the Tree, as `update` sees them: the text of a value is made off the
//! loop (run here as the runtime runs it), a copy over the clipboard's cap is refused with its
//! size, the cap and the keys that save or page the body instead, and `t`'s table is made off
//! the loop and shown when it comes back.

mod ui_support;

use fiddlestack::app::{App, Command, Msg, Work};
use fiddlestack::config::KeyContext;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{build_table, copied, draw, key, press, screen, showing};

const BODY: &[u8] =
    br#"{"servers":[{"id":"a1","name":"web-1"},{"id":"b2","name":"db-1"}],"count":2}"#;

fn tree_app() -> App {
    let mut app = showing(120, 40, "application/json", BODY);
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    app
}

fn message(app: &App) -> String {
    app.message.clone().map(|(_, m)| m).unwrap_or_default()
}

#[test]
fn yy_makes_the_value_off_the_loop_and_says_copied_with_its_size() {
    let mut app = tree_app();
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    assert!(commands.is_empty());
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    assert!(
        matches!(commands.as_slice(), [Command::CopyFrom { .. }]),
        "the text is not made on the loop: {commands:?}"
    );
    assert_eq!(message(&app), "Copying the value…");
    let text = copied(&mut app, &commands).expect("copied");
    assert!(text.starts_with("{\n  \"servers\": ["), "{text}");
    assert_eq!(
        message(&app),
        format!("Copied the value ({} B) to the clipboard", text.len())
    );
}

#[test]
fn a_value_over_the_cap_is_refused_with_the_keys_to_save_or_page_it() {
    let mut app = tree_app();
    // The keys come from the keymap, as the user bound them.
    app.keymap.set(
        KeyContext::Inspector,
        fiddlestack::app::Action::SaveBody,
        vec!["alt-w".parse().expect("a key")],
    );
    // Every byte but whitespace stays in the pretty text: a cap under that is refused before
    // the text is made, and the message says "at least".
    let least = BODY.iter().filter(|b| !b.is_ascii_whitespace()).count();
    app.clipboard_max = least - 1;
    press(&mut app, "y");
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(copied(&mut app, &commands), None, "nothing copied");
    assert_eq!(
        message(&app),
        format!(
            "Not copied: the value is at least {least} B, over the {} B clipboard cap: alt-w saves the body, o pages it ([ui] clipboard_max_bytes)",
            least - 1
        )
    );
    // Over the cap only once made: its size as made.
    app.clipboard_max = least;
    press(&mut app, "y");
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(copied(&mut app, &commands), None, "nothing copied");
    let pretty_len = fiddlestack::json::pretty(BODY).expect("valid").len();
    assert_eq!(
        message(&app),
        format!(
            "Not copied: the value is {pretty_len} B, over the {least} B clipboard cap: alt-w saves the body, o pages it ([ui] clipboard_max_bytes)"
        )
    );
    assert!(
        screen(&draw(&app, 120, 40)).contains("Not copied: the value is"),
        "shown"
    );
}

#[test]
fn text_in_hand_over_the_cap_is_refused_too() {
    let mut app = tree_app();
    app.clipboard_max = 3;
    press(&mut app, "j");
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    assert!(commands.is_empty());
    let commands = key(&mut app, KeyCode::Char('p'), KeyModifiers::NONE);
    assert_eq!(copied(&mut app, &commands), None);
    assert_eq!(
        message(&app),
        "Not copied: the text is 8 B, over the 3 B clipboard cap ([ui] clipboard_max_bytes)"
    );
}

#[test]
fn t_makes_the_table_off_the_loop_and_a_late_one_is_dropped() {
    let mut app = tree_app();
    // On `count`, a number outside any array: no table around it.
    press(&mut app, "G");
    let commands = key(&mut app, KeyCode::Char('t'), KeyModifiers::NONE);
    assert!(
        matches!(commands.as_slice(), [Command::BuildTable { .. }]),
        "{commands:?}"
    );
    build_table(&mut app, &commands);
    assert_eq!(message(&app), "no array around the selected value");
    // Two `t`s: the first one's table comes back late and is dropped.
    press(&mut app, "g");
    let first = key(&mut app, KeyCode::Char('t'), KeyModifiers::NONE);
    press(&mut app, "jj");
    let second = key(&mut app, KeyCode::Char('t'), KeyModifiers::NONE);
    assert!(
        matches!(second.as_slice(), [Command::BuildTable { .. }]),
        "{second:?}"
    );
    build_table(&mut app, &first);
    assert!(
        app.inspector.table_pending.is_some(),
        "still waiting for the second"
    );
    build_table(&mut app, &second);
    assert!(app.inspector.table_pending.is_none());
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("web-1") && text.contains("db-1"), "{text}");
}

#[test]
fn t_on_the_array_the_table_shows_switches_to_it_at_once() {
    let mut app = tree_app();
    press(&mut app, "j");
    let commands = key(&mut app, KeyCode::Char('t'), KeyModifiers::NONE);
    assert!(commands.is_empty(), "{commands:?}");
    assert_eq!(
        app.inspector.tab,
        fiddlestack::app::inspector::InspectorTab::Table
    );
}

#[test]
fn a_table_that_stops_on_an_internal_error_stops_being_awaited() {
    let mut app = tree_app();
    press(&mut app, "jj");
    let commands = key(&mut app, KeyCode::Char('t'), KeyModifiers::NONE);
    let Some(Command::BuildTable { id, job }) = commands.first() else {
        panic!("{commands:?}")
    };
    app.update(Msg::WorkFailed {
        work: Work::Table {
            id: *id,
            from: job.from(),
        },
        problem: "boom".into(),
    });
    assert!(app.inspector.table_pending.is_none());
    assert_eq!(
        message(&app),
        "making the table stopped on an internal error: boom"
    );
}
