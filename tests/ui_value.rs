//! Long strings in the Tree: cut with `…` at the pane's edge, `w` wraps the selected one over
//! several rows, Space or Enter opens it whole in a scrollable popup (`y` copies it).

mod ui_support;

use fiddlestack::app::App;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{draw, key, screen, showing};

fn value_app(body: &str) -> App {
    let mut app = showing(120, 40, "application/json", body.as_bytes());
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    app
}

fn console_body(tail_lines: usize) -> String {
    let lines: Vec<String> = (1..=tail_lines).map(|n| format!("boot line {n}")).collect();
    let output = serde_json::to_string(&lines.join("\n")).expect("a string serialises");
    format!(r#"{{"output":{output},"id":"x"}}"#)
}

#[test]
fn a_long_string_is_cut_at_the_edge_and_w_wraps_it() {
    let long = "y".repeat(500);
    let mut app = value_app(&format!(r#"{{"output":"{long}end","id":"x"}}"#));
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("yyy…"), "cut with …: {text}");
    assert!(!text.contains("end\""), "{text}");
    key(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("yend\""), "wrapped to its end: {text}");
    assert!(
        text.contains("id: \"x\""),
        "the next row still shows below: {text}"
    );
}

#[test]
fn enter_opens_the_string_whole_and_keys_scroll_it() {
    let mut app = value_app(&console_body(100));
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains(".output"), "titled with its path: {text}");
    assert!(text.contains("rows 1–"), "{text}");
    assert!(
        text.contains("boot line 1\n") || text.contains("boot line 1 "),
        "{text}"
    );
    assert!(!text.contains("boot line 100"), "{text}");
    key(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("boot line 100"), "G: the end: {text}");
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    let copied = ui_support::copied(&mut app, &commands).expect("y copies");
    assert!(
        copied.starts_with("boot line 1\nboot line 2\n"),
        "unescaped"
    );
    assert!(copied.ends_with("boot line 100"));
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.popup.is_none());
    let text = screen(&draw(&app, 120, 40));
    assert!(!text.contains("rows 1–"), "closed: {text}");
}

#[test]
fn control_characters_in_the_popup_are_shown_not_sent() {
    let mut app = value_app(r#"{"output":"a\u001b]0;pwned\u0007b","id":"x"}"#);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("]0;pwned"), "{text}");
}

#[test]
fn a_huge_string_opens_its_first_megabytes_and_y_copies_all_of_it() {
    let size = fiddlestack::app::popup::POPUP_MAX_BYTES + (1 << 20);
    let mut app = value_app(&format!(r#"{{"output":"{}","id":"x"}}"#, "z".repeat(size)));
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let popup = app.popup.as_ref().expect("open");
    assert!(popup.left_out > 0);
    assert!(
        popup
            .rows
            .last()
            .is_some_and(|r| r.contains("more not shown")),
        "the last row says what is left out"
    );
    app.clipboard_max = usize::MAX;
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    let text = ui_support::copied(&mut app, &commands).expect("y copies");
    assert_eq!(text.len(), size, "the whole string");
}

#[test]
fn a_paste_while_the_popup_is_open_is_dropped_and_the_focus_stays() {
    use fiddlestack::app::{Msg, Pane};
    let mut app = value_app(&console_body(5));
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(app.popup.is_some());
    let url = app.composer.url_text();
    app.update(Msg::Paste("pasted text".into()));
    assert_eq!(app.composer.url_text(), url, "nothing reached the composer");
    assert_eq!(
        app.focus,
        Pane::Inspector,
        "the focus stayed behind the popup"
    );
    assert!(app.popup.is_some(), "the popup is still open");
}
