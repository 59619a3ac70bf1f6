//! The hostile routes that stream: a 1 GiB body (past the memory cap it goes on to a file that
//! the pager gets whole, and that a cancel or the end of the exchange removes), a body that
//! trickles for ever (bytes and rate shown while it arrives, keys answered, Esc cancels), and
//! a redirect to another loopback host (followed, the hop shown, typed credentials kept from
//! it). The real loop in process, then `send` on each with its documented exit code.

mod loop_support;
mod support;
mod ui_support;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fiddlestack::app::App;
use fiddlestack::app::history::EntryState;
use fiddlestack::config::Keymap;
use fiddlestack::http::ClientOptions;
use fiddlestack::runtime::{LoopOptions, PagerError};
use loop_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::binary::{self, TempDir};
use support::server::{Body, Reply, TestServer};

const GIB: u64 = 1 << 30;
/// The memory cap in these tests: 8 MiB.
const CAP: u64 = 8 << 20;

fn reply(target: &str, elsewhere: &str) -> Reply {
    match target {
        "/gigabyte" => Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Repeat {
                len: GIB,
                unit: b"0123456789abcdef\n".to_vec(),
            }),
        "/trickle" => Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::Endless {
                chunk: b"[1, 2, 3]\n".repeat(50),
                every: Duration::from_millis(20),
            }),
        // Never ends, and fast: past the memory cap within a second.
        "/firehose" => Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Endless {
                chunk: b"0123456789abcdef\n".repeat(1 << 16),
                every: Duration::from_millis(10),
            }),
        "/elsewhere" => Reply::new(302, "Found").header("Location", elsewhere),
        _ => Reply::new(404, "Not Found"),
    }
}

fn landing(_: &support::server::Request) -> Reply {
    Reply::new(200, "OK")
        .header("Content-Type", "application/json")
        .body(Body::Fixed(br#"{"landed": true}"#.to_vec()))
}

/// The files the pager was asked to show, with their sizes.
static PAGED: Mutex<Vec<(PathBuf, u64)>> = Mutex::new(Vec::new());

fn recording_pager(path: &Path, _mouse: bool) -> Result<(), PagerError> {
    let size = std::fs::metadata(path)
        .map_err(|e| PagerError::Pager(e.to_string()))?
        .len();
    PAGED
        .lock()
        .expect("pager record")
        .push((path.to_path_buf(), size));
    Ok(())
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("spill dir")
        .map(|entry| entry.expect("entry").path())
        .collect()
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "{what} never happened");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gigabyte_body_goes_to_a_file_that_the_pager_gets_whole() {
    let server = TestServer::start(|request| reply(&request.target, "")).await;
    let spill = TempDir::new("hostile-spill");
    let client = ClientOptions {
        timeout: Duration::from_mins(2),
        max_body_bytes: CAP,
        spill_dir: Some(spill.0.clone()),
        ..ClientOptions::default()
    };
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        pager: Some(recording_pager),
        ..LoopOptions::default()
    };
    let app = App::new(Keymap::defaults());
    let harness = Harness::start_with_client(120, 40, app, options, client);
    harness.wait_for("Composer").await;
    harness.send_url(&server.url("/gigabyte"));
    let screen = harness.wait_for("1.0 GB in a file (8.0 MB shown)").await;
    assert!(
        screen.contains("in-memory cap: 1.0 GB of it are in "),
        "the notice says where the rest is:\n{screen}"
    );
    let files = files_in(&spill.0);
    assert_eq!(files.len(), 1, "one body file: {files:?}");
    let metadata = std::fs::metadata(&files[0]).expect("body file");
    assert_eq!(metadata.len(), GIB, "the whole body is on disk");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(metadata.permissions().mode() & 0o777, 0o600);
    }
    // `o` hands the pager the whole body, not the part in memory.
    harness.press(KeyCode::Char('i'), KeyModifiers::ALT);
    harness.press(KeyCode::Char('o'), KeyModifiers::NONE);
    until("the pager", || {
        !PAGED.lock().expect("pager record").is_empty()
    })
    .await;
    assert_eq!(
        PAGED.lock().expect("pager record")[0],
        (files[0].clone(), GIB)
    );
    // A second one, cancelled while it streams (it never ends): its file goes at once.
    harness.send_url(&server.url("/firehose"));
    until("the second body file", || files_in(&spill.0).len() == 2).await;
    harness.press(KeyCode::Esc, KeyModifiers::NONE);
    harness.wait_for("cancelled after").await;
    until("the cancelled body's file to go", || {
        files_in(&spill.0).len() == 1
    })
    .await;
    let app = harness.quit().await;
    let kept = app
        .history
        .entries_newest_first()
        .find_map(|entry| match &entry.state {
            EntryState::Done(finished) => finished.exchange.outcome.as_ref().ok().cloned(),
            _ => None,
        })
        .expect("the finished exchange");
    assert_eq!(kept.body.len() as u64, CAP, "memory holds the cap, no more");
    assert_eq!(&kept.body[..17], b"0123456789abcdef\n");
    drop(kept);
    drop(app);
    assert!(
        files_in(&spill.0).is_empty(),
        "the file goes with its exchange"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_ends_shows_its_progress_and_esc_cancels_it() {
    let server = TestServer::start(|request| reply(&request.target, "")).await;
    let client = ClientOptions {
        timeout: Duration::from_mins(2),
        ..ClientOptions::default()
    };
    let options = LoopOptions {
        tick: Duration::from_millis(20),
        ..LoopOptions::default()
    };
    let app = App::new(Keymap::defaults());
    let harness = Harness::start_with_client(120, 40, app, options, client);
    harness.wait_for("Composer").await;
    harness.send_url(&server.url("/trickle"));
    // Bytes and a rate (after its first half-second window), while it goes on.
    let screen = harness.wait_for("KB/s").await;
    assert!(screen.contains("Esc cancels"), "{screen}");
    // The loop answers keys meanwhile.
    harness.press(KeyCode::Char('4'), KeyModifiers::ALT);
    harness.wait_for("Table").await;
    harness.press(KeyCode::Esc, KeyModifiers::NONE);
    harness.wait_for("cancelled after").await;
    let app = harness.quit().await;
    assert_eq!(app.history.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_to_another_loopback_host_keeps_the_credentials_home() {
    let other = TestServer::start_on("127.0.0.2:0", landing).await;
    let elsewhere = other.url("/landing");
    let server = TestServer::start(move |request| reply(&request.target, &elsewhere)).await;
    let harness = Harness::start(120, 40);
    harness.wait_for("Composer").await;
    harness.press(KeyCode::Char('h'), KeyModifiers::ALT);
    harness.type_text("X-Auth-Token: s3cret");
    harness.send_url(&server.url("/elsewhere"));
    let screen = harness.wait_for("landed").await;
    assert!(
        screen.contains("redirected: 302"),
        "the hop is shown:\n{screen}"
    );
    assert!(screen.contains("127.0.0.2"), "{screen}");
    let first = &server.requests()[0];
    assert!(
        first
            .headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("x-auth-token") && v == "s3cret"),
        "the first host gets the typed token"
    );
    let landed = &other.requests()[0];
    assert!(
        !landed
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("x-auth-token")),
        "another host never gets it: {:?}",
        landed.headers
    );
    harness.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_exits_with_the_documented_code_on_the_streaming_routes() {
    let other = TestServer::start_on("127.0.0.2:0", landing).await;
    let elsewhere = other.url("/landing");
    let server = TestServer::start(move |request| reply(&request.target, &elsewhere)).await;
    let dir = TempDir::new("hostile-streams-send");
    let config = format!("[http]\ntimeout = 2\nmax_body_bytes = {CAP}\n");
    // (route, exit code, what stdout holds, what stderr says)
    let cases = [
        (
            "/gigabyte",
            0,
            "0123456789abcdef",
            "larger than the 8388608-byte cap",
        ),
        (
            "/trickle",
            7,
            "[1, 2, 3]",
            "still arriving at the 2.0 s request timeout",
        ),
        ("/elsewhere", 0, "landed", ""),
    ];
    for (path, code, out, err) in cases {
        let run = tokio::task::block_in_place(|| {
            let mut command = binary::command(&dir.0, &config);
            command.args(["send", "GET", &server.url(path)]);
            binary::run(command, Duration::from_mins(1))
        });
        assert_eq!(run.code, Some(code), "{path}: {}", run.stderr);
        assert!(
            String::from_utf8_lossy(&run.stdout).contains(out),
            "{path}: stdout lacks {out:?}"
        );
        assert!(run.stderr.contains(err), "{path}: {}", run.stderr);
        assert!(
            run.stdout.len() < (CAP as usize) * 2,
            "{path}: no more than the cap is printed"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_output_writes_the_whole_gigabyte_and_prints_the_headers() {
    let server = TestServer::start(|request| reply(&request.target, "")).await;
    let dir = TempDir::new("hostile-streams-output");
    let file = dir.0.join("body.txt");
    let config = format!("[http]\ntimeout = 60\nmax_body_bytes = {CAP}\n");
    let run = tokio::task::block_in_place(|| {
        let mut command = binary::command(&dir.0, &config);
        command.args(["send", "GET", &server.url("/gigabyte"), "-o"]);
        command.arg(&file);
        binary::run(command, Duration::from_mins(2))
    });
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("wrote {GIB} bytes to {}", file.display())),
        "{}",
        run.stderr
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("content-length"), "the headers: {stdout}");
    assert!(!stdout.contains("0123456789abcdef"), "no body on stdout");
    assert_eq!(std::fs::metadata(&file).expect("the file").len(), GIB);
    // Only the file asked for is left: the temporary one took its name.
    let left: Vec<_> = std::fs::read_dir(&dir.0)
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .filter(|name| name.to_string_lossy().starts_with("fiddlestack-body"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // A disk limit that cuts it: the file holds what the limit allows, and the exit says so.
    let limited = format!("{config}max_download_bytes = {}\n", 16 << 20);
    let run = tokio::task::block_in_place(|| {
        let mut command = binary::command(&dir.0, &limited);
        command.args(["send", "GET", &server.url("/gigabyte"), "-o"]);
        command.arg(&file);
        binary::run(command, Duration::from_mins(2))
    });
    assert_eq!(run.code, Some(7), "{}", run.stderr);
    assert!(run.stderr.contains("max_download_bytes"), "{}", run.stderr);
    assert_eq!(std::fs::metadata(&file).expect("the file").len(), 16 << 20);
}
