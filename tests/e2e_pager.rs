//! `o` in tmux: the release binary hands the terminal to `$PAGER` with the whole body — all
//! of it, from the file a body above the memory cap went to — the pager gets every key typed
//! (the TUI's reader stopped meanwhile), and the TUI comes back whole when it ends — also
//! when the pager is ended with ctrl-c, which stops the pager and not fiddlestack.

#[allow(dead_code)] // this crate uses only part of the driver
mod e2e;
mod support;

use e2e::Session;
use support::server::{Body, Reply, TestServer};

/// 3 MiB of text: three times the 1 MiB cap the test configures.
const BODY_BYTES: usize = 3 << 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pager_gets_the_whole_body_and_every_key_then_the_tui_returns() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let server = TestServer::start(|_| {
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Fixed(b"0123456789abcde\n".repeat(BODY_BYTES / 16)))
    })
    .await;
    session.write_config("[http]\nmax_body_bytes = 1048576\n");
    // A pager that says how much it got, reads a line from the terminal and writes it down.
    let dir = session.data_dir();
    let said = dir.join("pager-read.txt");
    let runs = dir.join("pager-runs.txt");
    let pager = dir.join("pager.sh");
    std::fs::write(
        &pager,
        format!(
            "#!/bin/sh\ntrap 'echo; exit 130' INT\nruns={runs}\nn=$(( $(cat \"$runs\" 2>/dev/null || echo 0) + 1 ))\n\
             echo $n > \"$runs\"\n\
             printf 'PAGER RUN %s GOT %s BYTES\\n' $n \"$(wc -c < \"$1\")\"\nread line\n\
             printf '%s' \"$line\" > {said}\n",
            runs = e2e::sh_quote(&runs.to_string_lossy()),
            said = e2e::sh_quote(&said.to_string_lossy())
        ),
    )
    .expect("write the pager");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755))
            .expect("chmod the pager");
    }
    session.start_app_env(&[("PAGER", &pager.to_string_lossy())], &[]);
    session.type_text(&server.url("/big.txt"));
    session.press("Enter");
    session.wait_for("3.0 MB in a file (1.0 MB shown)");
    session.press("M-i");
    session.press("o");
    session.wait_for(&format!("PAGER RUN 1 GOT {BODY_BYTES} BYTES"));
    session.type_text("typed in the pager");
    session.press("Enter");
    // Back in the TUI, drawn whole.
    session.wait_for_all(&["Composer", "Inspector", "3.0 MB in a file"]);
    let read = std::fs::read_to_string(&said).expect("the pager wrote what it read");
    assert_eq!(
        read, "typed in the pager",
        "no key was taken from the pager"
    );
    // Keys go to the TUI again.
    session.press("M-5");
    session.wait_for("content-type");
    // ctrl-c in the pager is the pager's: it ends the pager, not fiddlestack.
    session.press("o");
    session.wait_for(&format!("PAGER RUN 2 GOT {BODY_BYTES} BYTES"));
    session.press("C-c");
    session.wait_for_all(&["Composer", "the pager ended with"]);
    session.press("M-1");
    session.wait_for("3.0 MB in a file");
    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}
