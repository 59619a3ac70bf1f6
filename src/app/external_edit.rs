//! ctrl-o in the composer: the Body or the Headers in the user's `$VISUAL`/`$EDITOR`. The app
//! says what to edit (`Command::Edit`); the runtime writes it to a private file, hands the
//! terminal to the editor and reads the file back off the loop (`finish`, here so it is
//! tested without a terminal); `Msg::Edited` brings the text back and the field takes it.

use super::composer::ComposerField;
use super::{App, Command, Level};
use crate::http::content::{is_json_type, media_type};
use crate::json::JsonError;

/// What goes to the editor: one field's text, and whether it is (meant to be) JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditJob {
    pub field: ComposerField,
    pub text: String,
    /// The body looks like JSON or the headers say it is: the file is named `.json` (editors
    /// highlight it) and what comes back is checked.
    pub json: bool,
}

impl EditJob {
    /// The file's name: editors choose their highlighting by it.
    pub fn file_name(&self) -> &'static str {
        match (self.field, self.json) {
            (ComposerField::Headers, _) => "headers.txt",
            (_, true) => "body.json",
            (_, false) => "body.txt",
        }
    }

    /// The file's text: the field's, ending in a newline as editors write a file (so one that
    /// is saved untouched reads back the same).
    pub fn file_text(&self) -> String {
        let mut text = String::with_capacity(self.text.len() + 1);
        text.push_str(&self.text);
        text.push('\n');
        text
    }

    /// "the body", "the headers": for messages.
    pub fn what(&self) -> &'static str {
        what(self.field)
    }
}

fn what(field: ComposerField) -> &'static str {
    match field {
        ComposerField::Headers => "the headers",
        _ => "the body",
    }
}

/// What came of an edit, made off the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditOutcome {
    /// The file's text as the editor left it, and its JSON error when JSON was expected.
    Text {
        text: String,
        invalid_json: Option<JsonError>,
    },
    /// Nothing to take (the editor failed, the file is gone or not UTF-8): why, in a sentence.
    Failed(String),
}

/// Whether `text` looks like a JSON document (an object or an array).
pub fn looks_like_json(text: &str) -> bool {
    matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['))
}

/// The outcome of an edit whose file now holds `bytes`: the text (CRLF as LF, the newline an
/// editor ends a file with taken off), checked as JSON when the job was JSON or the text now
/// looks like it. A file that is not UTF-8 is refused: the field keeps its text.
pub fn finish(job: &EditJob, bytes: Vec<u8>) -> EditOutcome {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return EditOutcome::Failed(format!(
                "the file is not UTF-8 text (byte {at}); nothing changed in {}",
                job.what()
            ));
        }
    };
    let mut text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    if text.ends_with('\n') {
        text.pop();
    }
    let check = job.field == ComposerField::Body
        && !text.trim().is_empty()
        && (job.json || looks_like_json(&text));
    let invalid_json = check
        .then(|| crate::json::validate(text.as_bytes()).err())
        .flatten();
    EditOutcome::Text { text, invalid_json }
}

/// Whether the header lines (switched-off ones aside) give a JSON `Content-Type`.
fn json_declared(header_lines: &[String]) -> bool {
    header_lines
        .iter()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| line.split_once(':'))
        .any(|(name, value)| {
            name.trim().eq_ignore_ascii_case("content-type") && is_json_type(&media_type(value))
        })
}

impl App {
    /// ctrl-o: the focused Body or Headers to the user's editor.
    pub(super) fn edit_in_editor(&mut self) -> Vec<Command> {
        let field = self.composer.field;
        let text = match field {
            ComposerField::Body => self.composer.body_lines().join("\n"),
            ComposerField::Headers => self.composer.header_lines().join("\n"),
            ComposerField::Method | ComposerField::Url | ComposerField::Params => {
                self.message = Some((
                    Level::Warning,
                    "the editor takes the Body or the Headers: choose one first (alt-b, alt-h)"
                        .into(),
                ));
                return Vec::new();
            }
        };
        let json = field == ComposerField::Body
            && (looks_like_json(&text) || json_declared(self.composer.header_lines()));
        vec![Command::Edit {
            job: EditJob { field, text, json },
        }]
    }

    /// The editor's outcome for `field`: its text replaces the field's, unless it is the same
    /// or nothing came back. Invalid JSON is taken too (the text is the user's), and said.
    pub(super) fn on_edited(&mut self, field: ComposerField, outcome: EditOutcome) {
        let what = what(field);
        let (text, invalid_json) = match outcome {
            EditOutcome::Text { text, invalid_json } => (text, invalid_json),
            EditOutcome::Failed(why) => {
                self.message = Some((Level::Warning, why));
                return;
            }
        };
        let current = self.composer.area(field).lines().join("\n");
        let changed = text != current;
        if changed {
            self.composer.replace_text(field, &text);
        }
        // The JSON error first: at 80 columns the end of the line may not show.
        self.message = Some(match (invalid_json, changed) {
            (Some(e), true) => (Level::Warning, format!("{e} — taken as written")),
            (Some(e), false) => (Level::Warning, format!("{e} — no change to {what}")),
            (None, true) => (Level::Info, format!("took {what} from the editor")),
            (None, false) => (Level::Info, format!("no change to {what}")),
        });
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::{Action, Msg, Pane};
    use crate::config::Keymap;

    fn app() -> App {
        let mut app = App::new(Keymap::defaults());
        app.update(Msg::Resize(120, 40));
        app
    }

    fn ctrl_o(app: &mut App) -> Vec<Command> {
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('o'),
            KeyModifiers::CONTROL,
        )))
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        }
    }

    fn job_of(commands: Vec<Command>) -> EditJob {
        match <[Command; 1]>::try_from(commands) {
            Ok([Command::Edit { job }]) => job,
            Ok(other) => panic!("expected an Edit, got {other:?}"),
            Err(other) => panic!("expected one Edit, got {other:?}"),
        }
    }

    #[test]
    fn ctrl_o_in_the_body_asks_for_its_text_while_typing_and_not() {
        let mut app = app();
        app.perform(Action::EditBody);
        type_text(&mut app, "{\"a\": 1,\n\"b\": 2}");
        let job = job_of(ctrl_o(&mut app));
        assert_eq!(job.field, ComposerField::Body);
        assert_eq!(job.text, "{\"a\": 1,\n\"b\": 2}");
        assert!(job.json);
        assert_eq!(job.file_name(), "body.json");
        assert_eq!(job.file_text(), "{\"a\": 1,\n\"b\": 2}\n");
        // Not typing (Esc), the composer's own key does the same.
        app.update(Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        assert!(!app.composer.editing);
        assert_eq!(job_of(ctrl_o(&mut app)).field, ComposerField::Body);
    }

    #[test]
    fn the_headers_go_as_text_and_a_json_content_type_makes_an_empty_body_json() {
        let mut app = app();
        app.perform(Action::EditHeaders);
        type_text(
            &mut app,
            "Content-Type: application/vnd.api+json\n# X-Off: 1",
        );
        let job = job_of(ctrl_o(&mut app));
        assert_eq!(job.field, ComposerField::Headers);
        assert_eq!(
            job.text,
            "Content-Type: application/vnd.api+json\n# X-Off: 1"
        );
        assert_eq!(job.file_name(), "headers.txt");
        app.perform(Action::EditBody);
        let job = job_of(ctrl_o(&mut app));
        assert!(job.json, "the headers say JSON");
        assert_eq!(job.file_name(), "body.json");
        // A switched-off Content-Type says nothing; plain text is .txt.
        let mut app = self::app();
        app.perform(Action::EditHeaders);
        type_text(&mut app, "# Content-Type: application/json");
        app.perform(Action::EditBody);
        type_text(&mut app, "name=a");
        let job = job_of(ctrl_o(&mut app));
        assert!(!job.json);
        assert_eq!(job.file_name(), "body.txt");
    }

    #[test]
    fn the_url_is_not_for_the_editor() {
        let mut app = app();
        app.perform(Action::FocusUrl);
        assert!(ctrl_o(&mut app).is_empty());
        let (level, text) = app.message.clone().expect("a message");
        assert_eq!(level, Level::Warning);
        assert!(text.contains("Body or the Headers"), "{text}");
        // Elsewhere than the composer the key is not bound: nothing happens.
        app.perform(Action::FocusInspector);
        assert!(ctrl_o(&mut app).is_empty());
        assert_eq!(app.focus, Pane::Inspector);
    }

    #[test]
    fn the_text_back_replaces_the_field_and_is_said() {
        let mut app = app();
        app.perform(Action::EditBody);
        type_text(&mut app, "old");
        let revision = app.composer.revision();
        app.update(Msg::Edited {
            field: ComposerField::Body,
            outcome: EditOutcome::Text {
                text: "new\nlines".into(),
                invalid_json: None,
            },
        });
        assert_eq!(app.composer.body_lines(), ["new", "lines"]);
        assert_ne!(
            app.composer.revision(),
            revision,
            "the draft is saved again"
        );
        let (level, text) = app.message.clone().expect("a message");
        assert_eq!(
            (level, text.as_str()),
            (Level::Info, "took the body from the editor")
        );
    }

    #[test]
    fn the_same_text_back_changes_nothing() {
        let mut app = app();
        app.perform(Action::EditHeaders);
        type_text(&mut app, "A: 1");
        let revision = app.composer.revision();
        app.update(Msg::Edited {
            field: ComposerField::Headers,
            outcome: EditOutcome::Text {
                text: "A: 1".into(),
                invalid_json: None,
            },
        });
        assert_eq!(app.composer.header_lines(), ["A: 1"]);
        assert_eq!(app.composer.revision(), revision);
        assert_eq!(
            app.message.clone(),
            Some((Level::Info, "no change to the headers".to_owned()))
        );
    }

    #[test]
    fn a_failed_edit_keeps_the_field_and_says_why() {
        let mut app = app();
        app.perform(Action::EditBody);
        type_text(&mut app, "kept");
        app.update(Msg::Edited {
            field: ComposerField::Body,
            outcome: EditOutcome::Failed(
                "the editor ended with exit status: 1; nothing changed in the body".into(),
            ),
        });
        assert_eq!(app.composer.body_lines(), ["kept"]);
        let (level, text) = app.message.clone().expect("a message");
        assert_eq!(level, Level::Warning);
        assert!(text.contains("exit status: 1"), "{text}");
    }

    #[test]
    fn invalid_json_is_taken_and_its_place_said() {
        let job = EditJob {
            field: ComposerField::Body,
            text: "{}".into(),
            json: true,
        };
        let outcome = finish(&job, b"{\r\n  \"a\": 1,\r\n  \"b\": \r\n}\r\n".to_vec());
        let EditOutcome::Text { text, invalid_json } = outcome.clone() else {
            panic!("{outcome:?}");
        };
        assert_eq!(
            text, "{\n  \"a\": 1,\n  \"b\": \n}",
            "CRLF as LF, the last newline off"
        );
        let error = invalid_json.expect("invalid");
        assert_eq!((error.line, error.column), (4, 1));
        let mut app = app();
        app.perform(Action::EditBody);
        app.update(Msg::Edited {
            field: ComposerField::Body,
            outcome,
        });
        assert_eq!(
            app.composer.body_lines(),
            ["{", "  \"a\": 1,", "  \"b\": ", "}"]
        );
        let (level, text) = app.message.clone().expect("a message");
        assert_eq!(level, Level::Warning);
        assert!(
            text.starts_with("invalid JSON at line 4, column 1: ")
                && text.ends_with("taken as written"),
            "{text}"
        );
    }

    #[test]
    fn json_is_checked_when_it_was_json_or_looks_like_it_now() {
        let body = |json| EditJob {
            field: ComposerField::Body,
            text: String::new(),
            json,
        };
        let checked = |job: &EditJob, text: &str| match finish(job, text.as_bytes().to_vec()) {
            EditOutcome::Text { invalid_json, .. } => invalid_json.is_some(),
            EditOutcome::Failed(why) => panic!("{why}"),
        };
        assert!(checked(&body(true), "not json\n"), "was JSON");
        assert!(checked(&body(false), "  [1, 2,\n"), "looks like JSON now");
        assert!(!checked(&body(false), "name=a&b=c\n"), "a form is no JSON");
        assert!(!checked(&body(true), "\n"), "an empty body is fine");
        assert!(!checked(&body(true), "{\"ok\": true}\n"));
        let headers = EditJob {
            field: ComposerField::Headers,
            text: String::new(),
            json: false,
        };
        assert!(
            !checked(&headers, "{ not: json }\n"),
            "headers are not JSON"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_and_a_round_trip_is_exact() {
        let job = EditJob {
            field: ComposerField::Body,
            text: "caf\u{e9}".into(),
            json: false,
        };
        let outcome = finish(&job, b"caf\xe9\n".to_vec());
        let EditOutcome::Failed(why) = outcome else {
            panic!("{outcome:?}");
        };
        assert!(why.contains("not UTF-8") && why.contains("byte 3"), "{why}");
        // Written and read back untouched: the same text, trailing empty lines included.
        for text in ["caf\u{e9}", "", "a\n\n", "\n"] {
            let job = EditJob {
                text: text.into(),
                ..job.clone()
            };
            assert_eq!(
                finish(&job, job.file_text().into_bytes()),
                EditOutcome::Text {
                    text: text.into(),
                    invalid_json: None
                }
            );
        }
    }
}
