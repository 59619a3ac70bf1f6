//! The composer's draft survives: typed text is on disk a moment after the last key, and a
//! binary killed with SIGKILL (no exit path runs) comes back with it. The release binary in
//! tmux, as a user would meet it.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;

use std::time::{Duration, Instant};

use e2e::Session;

#[test]
fn a_draft_survives_sigkill_and_comes_back_at_the_next_start() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    session.start_app();
    session.type_text("http://127.0.0.1:9/keep/this?q=1");
    session.press("M-h");
    session.type_text("X-Draft: still here");
    session.wait_for("X-Draft: still here");
    // Written a short pause after the last key.
    let file = session.data_dir().join("draft.toml");
    let started = Instant::now();
    loop {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if text.contains("X-Draft: still here") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the draft is written: {text:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    session.kill_app();
    session.wait_for("EXITED:137");
    // Killed, it restored nothing: the tty is still raw (Enter sends a bare CR the shell
    // does not take as a line end, so C-j ends this line) and on the alternate screen.
    session.type_text("stty sane; printf '\\033[?1000l\\033[?1006l\\033[?1049l'");
    session.press("C-j");
    session.start_app();
    let screen = session.wait_for_all(&["http://127.0.0.1:9/keep/this?q=1", "q=1"]);
    session.press("M-h");
    let headers = session.wait_for("X-Draft: still here");
    assert!(screen.contains("GET"), "{screen}");
    assert!(headers.contains("X-Draft: still here"), "{headers}");
}
