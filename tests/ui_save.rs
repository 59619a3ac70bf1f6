//! `W` saves the shown response's body: a prompt with a name from the URL and the type, a
//! second Enter to overwrite a file that exists, the write off the loop (run here as the
//! runtime runs it), and a message with where it went.

mod ui_support;

use fiddlestack::app::{App, Command};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{draw, key, screen, showing, type_text};

const BODY: &[u8] = br#"{"servers": []}"#;

/// Runs a save command as the runtime does.
fn write(app: &mut App, commands: &[Command]) {
    let Some(Command::SaveBody {
        path,
        body,
        overwrite,
    }) = commands.first().cloned()
    else {
        panic!("a save command, got {commands:?}")
    };
    app.update(fiddlestack::runtime::save_body(path, &body, overwrite));
}

fn clear(app: &mut App) {
    for _ in 0..40 {
        key(app, KeyCode::Backspace, KeyModifiers::NONE);
    }
}

#[test]
fn w_saves_the_body_and_asks_before_overwriting() {
    let dir = std::env::temp_dir().join(format!("fs-ui-save-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("servers.json");
    let mut app = showing(120, 40, "application/json", BODY);
    key(&mut app, KeyCode::Char('W'), KeyModifiers::SHIFT);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("Save the response body to"), "{text}");
    assert!(
        text.contains("flavors.json"),
        "a name from the URL and type: {text}"
    );
    clear(&mut app);
    type_text(&mut app, &path.to_string_lossy());
    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    write(&mut app, &commands);
    assert_eq!(std::fs::read(&path).expect("written"), BODY);
    assert!(
        screen(&draw(&app, 120, 40)).contains("Saved 15 B to"),
        "the message says where"
    );

    // Again to the same path: the first Enter's write (off the loop, where the app never
    // looks at the disk) finds the file and asks; the second overwrites.
    key(&mut app, KeyCode::Char('W'), KeyModifiers::SHIFT);
    clear(&mut app);
    type_text(&mut app, &path.to_string_lossy());
    let first = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        matches!(
            first.as_slice(),
            [Command::SaveBody {
                overwrite: false,
                ..
            }]
        ),
        "the Enter writes, refusing to overwrite: {first:?}"
    );
    std::fs::write(&path, b"changed meanwhile").expect("rewritten");
    write(&mut app, &first);
    assert_eq!(
        std::fs::read(&path).expect("kept"),
        b"changed meanwhile",
        "the existing file is not touched"
    );
    assert!(screen(&draw(&app, 120, 40)).contains("exists."));
    let second = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        matches!(
            second.as_slice(),
            [Command::SaveBody {
                overwrite: true,
                ..
            }]
        ),
        "{second:?}"
    );
    write(&mut app, &second);
    assert!(app.save_prompt.is_none());
    assert_eq!(std::fs::read(&path).expect("overwritten"), BODY);

    // Esc cancels without writing.
    key(&mut app, KeyCode::Char('W'), KeyModifiers::SHIFT);
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.save_prompt.is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_write_says_why() {
    let mut app = showing(120, 40, "application/json", BODY);
    key(&mut app, KeyCode::Char('W'), KeyModifiers::SHIFT);
    clear(&mut app);
    type_text(&mut app, "/nonexistent-dir-for-fiddlestack/x.json");
    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    write(&mut app, &commands);
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("not saved to /nonexistent-dir-for-fiddlestack/x.json"),
        "{text}"
    );
}
