//! The Saved tab through `update` and the file work the runtime does for it (run here
//! directly, on a temp dir): save as, load, save over, rename, delete with a `y`, a broken
//! file listed with its place.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::Msg;
use crate::config::Keymap;
use crate::store::saved::Root;

struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp(name: &str) -> Temp {
    let dir = std::env::temp_dir().join(format!(
        "fiddlestack-saved-tab-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    Temp(dir)
}

fn app(root: &Path) -> App {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(120, 40));
    app.saved.roots = vec![Root {
        label: "config".into(),
        path: root.to_path_buf(),
    }];
    app
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Command> {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// Carries out the commands as the runtime would and hands back its answers.
fn run(app: &mut App, commands: Vec<Command>) {
    for command in commands {
        if let Command::Saved { roots, op } = command {
            let outcome = crate::runtime::saved_op(&roots, op);
            app.update(Msg::SavedDone(outcome));
        }
    }
}

fn focus_saved(app: &mut App) {
    app.focus = Pane::Sidebar;
    app.sidebar_tab = SidebarTab::Saved;
}

#[test]
fn save_load_change_save_over_rename_and_delete() {
    let dir = temp("flow");
    let mut app = app(&dir.0);
    app.composer.set_url("compute:/servers/detail?limit={{n}}");
    // ctrl-s on a request never saved asks a name, pre-filled.
    let commands = press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(commands.is_empty());
    let prompt = app.saved_prompt.as_ref().expect("asks a name");
    assert_eq!(prompt.input.lines().concat(), "GET /servers/detail");
    // Replace the suggestion.
    for _ in 0..60 {
        press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    type_text(&mut app, "List servers");
    let commands = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    run(&mut app, commands);
    let path = app
        .saved
        .current
        .clone()
        .expect("the composer now belongs to the file");
    assert_eq!(path, dir.0.join("list-servers.toml"));
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(
        text.contains("compute:/servers/detail?limit={{n}}"),
        "kept as typed: {text}"
    );

    // Change it, ctrl-s writes over the same file.
    app.composer.set_url("compute:/servers");
    let commands = press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    run(&mut app, commands);
    assert!(
        std::fs::read_to_string(&path)
            .expect("there")
            .contains("url = \"compute:/servers\"")
    );

    // Load it back from the tab.
    app.composer.set_url("http://elsewhere/");
    focus_saved(&mut app);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.composer.url_text(), "compute:/servers");
    assert_eq!(app.focus, Pane::Composer);

    // Rename.
    focus_saved(&mut app);
    press(&mut app, KeyCode::Char('R'), KeyModifiers::SHIFT);
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    type_text(&mut app, "All servers");
    let commands = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    run(&mut app, commands);
    assert!(!path.exists());
    let renamed = dir.0.join("all-servers.toml");
    assert!(renamed.exists());
    assert_eq!(app.saved.current.as_deref(), Some(renamed.as_path()));

    // Delete: `n` keeps it, `y` deletes.
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    assert!(press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE).is_empty());
    assert!(renamed.exists());
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    let commands = press(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    run(&mut app, commands);
    assert!(!renamed.exists());
    assert_eq!(app.saved.rows().len(), 1, "only the root is left");
}

#[test]
fn a_broken_file_is_listed_with_its_place_and_folders_fold() {
    let dir = temp("broken");
    std::fs::create_dir_all(dir.0.join("nova")).expect("folder");
    std::fs::write(
        dir.0.join("nova/ok.toml"),
        "name = \"Flavors\"\nmethod = \"GET\"\nurl = \"compute:/flavors\"\n",
    )
    .expect("write");
    std::fs::write(dir.0.join("bad.toml"), "name = \"x\"\nmethod = GET\n").expect("write");
    let mut app = app(&dir.0);
    let scan = vec![Command::Saved {
        roots: app.saved.roots.clone(),
        op: SavedOp::Scan,
    }];
    run(&mut app, scan);
    let rows = app.saved.rows();
    assert_eq!(rows.len(), 4, "root, folder, its request, the broken file");
    assert!(matches!(
        rows[1],
        SavedRow::Folder {
            name: "nova",
            open: true,
            ..
        }
    ));
    let SavedRow::Request { entry: Err(e), .. } = rows[3] else {
        panic!("the broken file is listed: {rows:?}");
    };
    assert_eq!(e.line, Some(2), "{e}");
    // Enter on the folder closes it.
    focus_saved(&mut app);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.saved.rows().len(), 3);
    // Enter on the broken file says why instead of loading it.
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let (level, text) = app.message.clone().expect("why");
    assert_eq!(level, Level::Error);
    assert!(text.contains("bad.toml:2:"), "{text}");
}

#[test]
fn a_password_in_the_body_is_saved_masked_and_loading_it_says_so() {
    let dir = temp("masked");
    let mut app = app(&dir.0);
    let body = "{\"user\": {\"password\": \"n3w-pass\", \"original_password\": \"0ld-pass\"}}";
    app.composer.restore(&crate::http::Draft {
        method: "POST".into(),
        url: "identity:/v3/users/u-1/password".into(),
        headers: Vec::new(),
        body: body.into(),
    });
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    type_text(&mut app, "x");
    let commands = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    run(&mut app, commands);
    let path = app.saved.current.clone().expect("saved");
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(
        !text.contains("n3w-pass") && !text.contains("0ld-pass"),
        "{text}"
    );
    assert_eq!(
        app.composer.draft().body,
        body,
        "the composer keeps what was typed"
    );

    // Loaded back, the status line says what must be typed again.
    focus_saved(&mut app);
    press(&mut app, KeyCode::Down, KeyModifiers::NONE);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let (level, message) = app.message.clone().expect("a message");
    assert_eq!(level, Level::Warning);
    assert!(
        message.contains("password, original_password were stored masked (***)"),
        "{message}"
    );

    // Secrets in clear when the user asked for them.
    app.saved.secrets_in_clear = true;
    app.composer.restore(&crate::http::Draft {
        method: "POST".into(),
        url: "identity:/v3/users/u-1/password".into(),
        headers: Vec::new(),
        body: body.into(),
    });
    let commands = press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    run(&mut app, commands);
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("0ld-pass"), "{text}");
}
