//! The tmux proof that a hostile response drives nothing: a body and a header that try to set
//! the window title, clear the screen, write the clipboard (OSC 52) and move the cursor are
//! shown as visible escapes; the pane's title, tmux's paste buffers and the screen around the
//! inspector are untouched, and the body's colour change is not drawn (`capture-pane -e`
//! shows the colours tmux paints).

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod support;

use e2e::Session;
use support::server::{Body, Reply, TestServer};

/// Set the title, clear the screen, put "pwned" on the clipboard, move the cursor home and
/// print there.
const HOSTILE: &[u8] =
    b"before \x1b]0;PWNED-TITLE\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07\x1b[H\x1b[31mOVERWRITE after";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_body_and_header_change_nothing_but_show_their_bytes() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    session.allow_clipboard();
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .header("X-Evil", "\u{9d}0;PWNED-TITLE\u{9c}\u{9b}2J")
            .body(Body::Fixed(HOSTILE.to_vec()))
    })
    .await;
    let title_before = session.format("#{pane_title}");
    let buffers_before = session.buffers();
    session.start_app();
    session.type_text(&server.url("/evil"));
    session.press("Enter");
    let screen = session.wait_for("200 OK");
    assert!(
        screen.contains("before ␛]0;PWNED-TITLE␇␛[2J"),
        "shown as pictures:\n{screen}"
    );
    assert!(screen.contains("OVERWRITE after"), "{screen}");
    // The panes around the inspector are all there: nothing cleared the screen.
    for pane in ["Sidebar", "Composer", "Inspector", "History"] {
        assert!(screen.contains(pane), "{pane} gone:\n{screen}");
    }
    // The headers too (Headers view): C1 controls and the like as escapes.
    session.press("M-5");
    let headers = session.wait_for("x-evil");
    assert!(
        !headers.contains('\u{9d}') && !headers.contains('\u{9b}'),
        "{headers}"
    );
    // The body's own colour change did not take: OVERWRITE is not painted red.
    session.press("M-1");
    session.wait_for("OVERWRITE after");
    let painted = session.screen_with_escapes();
    let line = painted
        .lines()
        .find(|l| l.contains("OVERWRITE"))
        .expect("the body's line");
    assert!(!line.contains("\x1b[31mOVERWRITE"), "{line:?}");
    assert_eq!(
        session.format("#{pane_title}"),
        title_before,
        "the title is untouched"
    );
    assert_eq!(
        session.buffers(),
        buffers_before,
        "the clipboard is untouched"
    );
    assert!(!session.buffers().contains("pwned"));
    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}

/// `o` hands the body to the user's pager, which may pass escapes on: `less` under `LESS=-r`
/// does, `cat` always does. The pager gets the pictures the views draw instead, so the title,
/// the clipboard and the screen stay the TUI's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_body_in_the_users_pager_changes_nothing() {
    // Ending in a newline, so what `cat` leaves on the shell's screen ends its line.
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Fixed([HOSTILE, b"\n"].concat()))
    })
    .await;
    for env in [
        &[("LESS", "-r"), ("PAGER", "less")][..],
        &[("PAGER", "cat")],
    ] {
        let Some(mut session) = Session::start(120, 40) else {
            return;
        };
        session.allow_clipboard();
        let title_before = session.format("#{pane_title}");
        let buffers_before = session.buffers();
        session.start_app_env(env, &[]);
        session.type_text(&server.url("/evil"));
        session.press("Enter");
        session.wait_for("200 OK");
        session.press("M-i");
        session.press("o");
        if env.contains(&("PAGER", "less")) {
            // less shows the copy: pictures, not a cleared screen and a red OVERWRITE.
            let paged = session.wait_until("the body in less", |screen| {
                !screen.contains("Composer") && screen.contains("PWNED-TITLE")
            });
            assert!(paged.contains("before ␛]0;PWNED-TITLE␇␛[2J"), "{paged}");
            assert!(
                !session.screen_with_escapes().contains("\x1b[31mOVERWRITE"),
                "painted red"
            );
            session.press("q");
        }
        // cat ends at once; the TUI is back either way.
        session.wait_for_all(&["Composer", "Inspector", "200 OK"]);
        assert_eq!(
            session.format("#{pane_title}"),
            title_before,
            "{env:?}: the title is untouched"
        );
        assert_eq!(
            session.buffers(),
            buffers_before,
            "{env:?}: the clipboard is untouched"
        );
        session.press("C-c");
        session.assert_exit_restores_terminal(0);
    }
}
