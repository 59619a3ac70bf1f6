//! ctrl-o, drawn: the hint line offers the editor where it works (the Body and the Headers, at
//! 80×24 too), and help lists the key; what comes back from the editor is shown in the
//! composer, and invalid JSON in the status line with its line and column.

mod ui_support;

use fiddlestack::app::composer::ComposerField;
use fiddlestack::app::external_edit::EditOutcome;
use fiddlestack::app::{Action, Msg};
use fiddlestack::json::JsonError;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{app, draw, key, lines, screen};

#[test]
fn the_hint_line_offers_the_editor_in_the_body_and_the_headers_only() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app(w, h);
        let hints = |app: &fiddlestack::app::App| {
            let rows = lines(&draw(app, w, h));
            rows[usize::from(h) - 1].clone()
        };
        assert!(!hints(&app).contains("ctrl-o"), "not in the URL");
        for field in [Action::EditBody, Action::EditHeaders] {
            app.perform(field);
            assert!(
                hints(&app).contains("ctrl-o $EDITOR"),
                "{w}x{h}: {}",
                hints(&app)
            );
            // Not typing, the composer's key is the same.
            key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
            assert!(
                hints(&app).contains("ctrl-o $EDITOR"),
                "{w}x{h}: {}",
                hints(&app)
            );
        }
        app.perform(Action::EditParams);
        assert!(!hints(&app).contains("ctrl-o"), "not in Params");
    }
}

#[test]
fn help_lists_the_key() {
    let mut app = app(120, 40);
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    let mut shown = String::new();
    for _ in 0..40 {
        shown.push_str(&screen(&draw(&app, 120, 40)));
        key(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    }
    assert!(
        shown.contains("ctrl-o") && shown.contains("edit the Body or Headers in $VISUAL"),
        "{shown}"
    );
}

#[test]
fn the_edited_body_shows_and_invalid_json_is_said_where() {
    let mut app = app(80, 24);
    app.perform(Action::EditBody);
    app.update(Msg::Edited {
        field: ComposerField::Body,
        outcome: EditOutcome::Text {
            text: "{\n  \"name\": \n}".into(),
            invalid_json: Some(JsonError {
                line: 3,
                column: 1,
                message: "expected value".into(),
            }),
        },
    });
    let text = screen(&draw(&app, 80, 24));
    assert!(text.contains("\"name\":"), "{text}");
    let rows = lines(&draw(&app, 80, 24));
    let status = &rows[22];
    assert!(
        status.contains("invalid JSON at line 3, column 1"),
        "the status line: {status}"
    );
}
