//! ctrl-o through the real loop, with stand-in editors that edit the file as a person would:
//! the composer's Body comes back edited and is what gets sent; an editor that fails leaves it
//! as it was, and the loop goes on taking keys; the edited body reaches the draft file with no
//! other key pressed.

mod loop_support;
mod support;
mod ui_support;

use std::path::Path;
use std::time::Duration;

use fiddlestack::app::App;
use fiddlestack::config::Keymap;
use fiddlestack::runtime::{LoopOptions, PagerError};
use loop_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::server::{Reply, TestServer};

/// Puts a field into the body, as `sed -i 's/"draft"/"edited"/'` would.
fn renames(path: &Path, _mouse: bool) -> Result<(), PagerError> {
    let text = std::fs::read_to_string(path).map_err(|e| PagerError::Pager(e.to_string()))?;
    std::fs::write(
        path,
        text.replace("\"draft\"", "\"edited\", \"by\": \"the editor\""),
    )
    .map_err(|e| PagerError::Pager(e.to_string()))
}

fn fails(path: &Path, _mouse: bool) -> Result<(), PagerError> {
    std::fs::write(path, "{\"lost\": true}\n").map_err(|e| PagerError::Pager(e.to_string()))?;
    Err(PagerError::Pager(
        "the editor ended with exit status: 1".into(),
    ))
}

fn harness(editor: fiddlestack::runtime::editor::Editor) -> Harness {
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        editor: Some(editor),
        ..LoopOptions::default()
    };
    Harness::start_with(120, 40, App::new(Keymap::defaults()), options)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_body_comes_back_edited_and_is_what_is_sent() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let harness = harness(renames);
    harness.wait_for("Composer").await;
    harness.type_text(&server.url("/items"));
    harness.press(KeyCode::Char('b'), KeyModifiers::ALT);
    harness.type_text("{\"name\": \"draft\"}");
    harness.press(KeyCode::Char('o'), KeyModifiers::CONTROL);
    harness.wait_for("took the body from the editor").await;
    harness
        .wait_for("{\"name\": \"edited\", \"by\": \"the editor\"}")
        .await;
    harness.press(KeyCode::Char('j'), KeyModifiers::CONTROL);
    harness.wait_for("200 OK").await;
    let sent = server.requests();
    assert_eq!(
        String::from_utf8_lossy(&sent[0].body),
        "{\"name\": \"edited\", \"by\": \"the editor\"}"
    );
    harness.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_that_fails_leaves_the_body_and_keys_still_work() {
    let harness = harness(fails);
    harness.wait_for("Composer").await;
    harness.press(KeyCode::Char('b'), KeyModifiers::ALT);
    harness.type_text("kept");
    harness.press(KeyCode::Char('o'), KeyModifiers::CONTROL);
    harness
        .wait_for("exit status: 1; nothing changed in the body")
        .await;
    harness.type_text(" and typed");
    harness.wait_for("kept and typed").await;
    let app = harness.quit().await;
    assert_eq!(app.composer.body_lines(), ["kept and typed"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_an_editor_the_loop_says_so() {
    let harness = Harness::start(120, 40);
    harness.wait_for("Composer").await;
    harness.press(KeyCode::Char('b'), KeyModifiers::ALT);
    harness.press(KeyCode::Char('o'), KeyModifiers::CONTROL);
    harness.wait_for("no editor in this mode").await;
    harness.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_edit_is_kept_in_the_draft_without_another_key() {
    let dir = support::binary::TempDir::new("loop-editor-draft");
    let draft = fiddlestack::store::draft::DraftFile::new(&dir.0);
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        editor: Some(renames),
        draft: Some(draft.clone()),
        ..LoopOptions::default()
    };
    let harness = Harness::start_with(120, 40, App::new(Keymap::defaults()), options);
    harness.wait_for("Composer").await;
    harness.press(KeyCode::Char('b'), KeyModifiers::ALT);
    harness.type_text("{\"name\": \"draft\"}");
    // The typing is saved first, so nothing is pending when the editor runs.
    saved(&draft, "{\"name\": \"draft\"}").await;
    harness.press(KeyCode::Char('o'), KeyModifiers::CONTROL);
    harness.wait_for("took the body from the editor").await;
    // No key after the edit: the loop must wake for the draft by itself.
    saved(&draft, "{\"name\": \"edited\", \"by\": \"the editor\"}").await;
    harness.quit().await;
}

/// Waits until the draft file's body is `body`.
async fn saved(draft: &fiddlestack::store::draft::DraftFile, body: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let saved = draft.load().expect("readable").map(|d| d.body);
        if saved.as_deref() == Some(body) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the draft holds {saved:?}, not {body:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
