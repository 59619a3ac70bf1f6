//! The release binary in tmux, ended from outside: SIGTERM and SIGHUP leave through the
//! normal exit (terminal restored, what was typed on disk), and a panic restores the terminal
//! and leaves a crash report in the data dir.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;

use e2e::Session;

fn signalled_run_keeps_the_typing(signal: &str) {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    session.start_app();
    let typed = format!("http://127.0.0.1:9/typed/before/{signal}");
    session.type_text(&typed);
    session.wait_for(&typed);
    session.signal_app(signal);
    session.assert_exit_restores_terminal(0);
    // Written at exit (not left to the pause after the last key).
    let draft = std::fs::read_to_string(session.data_dir().join("draft.toml")).expect("a draft");
    assert!(draft.contains(&typed), "{draft}");
}

#[test]
fn sigterm_quits_cleanly_and_keeps_the_draft() {
    signalled_run_keeps_the_typing("TERM");
}

#[test]
fn sighup_quits_cleanly_and_keeps_the_draft() {
    signalled_run_keeps_the_typing("HUP");
}

#[test]
fn a_panic_restores_the_terminal_and_leaves_a_crash_report() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    session.start_app_env(&[("FIDDLESTACK_TEST_PANIC_ON_KEY", "1")], &[]);
    session.press("x");
    let screen = session.wait_for("a report is in");
    assert!(screen.contains("crash-"), "{screen}");
    session.assert_exit_restores_terminal(101);
    let report = std::fs::read_dir(session.data_dir())
        .expect("the data dir")
        .flatten()
        .find(|entry| entry.file_name().to_string_lossy().starts_with("crash-"))
        .expect("a crash report");
    let text = std::fs::read_to_string(report.path()).expect("readable");
    assert!(text.contains("a test asked for a panic"), "{text}");
    assert!(text.contains("backtrace:"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = report.metadata().expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
