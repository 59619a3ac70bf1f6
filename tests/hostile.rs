//! The hostile-server suite: one loopback server with a route per kind of bad answer —
//! terminal escapes in the body, the reason phrase and a header; invalid UTF-8; NUL bytes;
//! 100 000-deep nesting; truncated JSON; a gzip bomb; a body cut short; HTML labelled JSON and
//! JSON labelled text; an answer that never comes; 2 000 headers; a redirect to itself. The real loop (in process, `TestBackend`)
//! goes through every route in one session: the screen never holds a control character, the
//! views open, keys keep working; then `send` runs each route and exits with the documented
//! code, its terminal-bound error text free of escapes.

mod loop_support;
mod support;
mod ui_support;

use std::sync::OnceLock;
use std::time::Duration;

use loop_support::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::binary::{self, TempDir};
use support::server::{Body, Reply, TestServer};

const DEPTH: usize = 100_000;

/// 300 MiB of zeros, gzipped once (about 300 KB on the wire).
fn bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| support::server::gzip(&vec![0u8; 300 << 20]))
}

fn reply(target: &str) -> Reply {
    let json = |body: Vec<u8>| {
        Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::Fixed(body))
    };
    let text = |body: Vec<u8>| {
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Fixed(body))
    };
    match target {
        "/escape-body" => text(
            b"\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b]52;c;cHduZWQ=\x07 \xe2\x80\xaeevil".to_vec(),
        ),
        "/escape-reason" => {
            Reply::new(200, "OK\x1b]0;pwned\x07\x1b[2J").body(Body::Fixed(b"{}".to_vec()))
        }
        // ESC itself is refused by httparse; C1 controls and bidi overrides, UTF-8 encoded,
        // are bytes it lets through.
        "/escape-header" => Reply::new(200, "OK")
            .header("X-Evil", "\u{9b}2J\u{9d}0;pwned\u{9c} \u{202e}evil")
            .body(Body::Fixed(b"{}".to_vec())),
        "/invalid-utf8" => text(b"caf\xe9 \xff\xfe\xfd ok".to_vec()),
        "/nul" => json(b"{\"a\":\"x\x00y\", \"b\": 1}\x00".to_vec()),
        "/deep" => json([vec![b'['; DEPTH], vec![b']'; DEPTH]].concat()),
        "/truncated" => json(br#"{"servers": [{"id": 1}, {"id": 2"#.to_vec()),
        "/gzip-bomb" => Reply::new(200, "OK")
            .header("Content-Type", "application/octet-stream")
            .header("Content-Encoding", "gzip")
            .body(Body::Fixed(bomb().to_vec())),
        "/cut-short" => Reply::new(200, "OK")
            .header("Content-Type", "application/json")
            .body(Body::CutShort {
                declared: 10_000,
                sent: br#"{"servers": [{"id": 1}"#.to_vec(),
            }),
        "/html-as-json" => json(b"<html><body>502 Bad Gateway</body></html>".to_vec()),
        "/json-as-text" => text(br#"{"servers": [{"id": 1, "name": "a"}]}"#.to_vec()),
        "/never" => Reply::silent(),
        "/many-headers" => (0..2000)
            .fold(Reply::new(200, "OK"), |reply, i| {
                reply.header(&format!("X-Header-{i}"), "v")
            })
            .body(Body::Fixed(b"{}".to_vec())),
        "/loop" => Reply::new(302, "Found").header("Location", "/loop"),
        _ => Reply::new(404, "Not Found"),
    }
}

/// Control characters that must never reach a terminal cell: C0 (but none is expected at
/// all), DEL, C1 and the bidirectional overrides.
fn control_in(screen: &str) -> Option<char> {
    screen.chars().find(|&c| {
        (c < ' ' && c != '\n')
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hostile_route_leaves_a_sane_screen_and_a_working_tui() {
    let server = TestServer::start(|request| reply(&request.target)).await;
    let harness = Harness::start(120, 40);
    harness.wait_for("Composer").await;
    // What shows that the answer arrived: its History row, or the sentence for no answer
    // (httparse refuses a reason phrase with control characters).
    let routes: [(&str, Option<&str>); 13] = [
        ("/escape-body", None),
        ("/escape-reason", Some("invalid HTTP status-code")),
        ("/escape-header", None),
        ("/invalid-utf8", None),
        ("/nul", None),
        ("/deep", None),
        ("/truncated", None),
        ("/gzip-bomb", None),
        ("/cut-short", None),
        ("/html-as-json", None),
        ("/json-as-text", None),
        ("/many-headers", Some("sent too many headers")),
        ("/loop", Some("more than 10 redirects: 302")),
    ];
    for (path, sentence) in routes {
        harness.send_url(&server.url(path));
        let row = format!("200 GET {path}");
        let screen = harness.wait_for(sentence.unwrap_or(&row)).await;
        assert_eq!(
            control_in(&screen),
            None,
            "{path}: raw control on screen:\n{screen}"
        );
        // Every view opens and the loop keeps taking keys.
        for view in ['2', '3', '4', '5', '1'] {
            harness.press(KeyCode::Char(view), KeyModifiers::ALT);
        }
        harness.press(KeyCode::Char('i'), KeyModifiers::ALT);
        harness.press(KeyCode::Char('j'), KeyModifiers::NONE);
        let screen = harness.wait_for(&server.url(path)).await;
        assert_eq!(
            control_in(&screen),
            None,
            "{path}: after the views:\n{screen}"
        );
    }
    // The answer that never comes: Esc cancels it.
    harness.send_url(&server.url("/never"));
    harness.wait_for("Esc cancels").await;
    harness.press(KeyCode::Esc, KeyModifiers::NONE);
    harness.wait_for("cancelled after").await;
    let app = harness.quit().await;
    assert_eq!(app.history.len(), 14);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_exits_with_the_documented_code_on_every_route() {
    let server = TestServer::start(|request| reply(&request.target)).await;
    let dir = TempDir::new("hostile-send");
    let cases: [(&str, i32); 14] = [
        ("/escape-body", 0),
        ("/escape-reason", 3),
        ("/escape-header", 0),
        ("/invalid-utf8", 0),
        ("/nul", 0),
        ("/deep", 0),
        ("/truncated", 0),
        ("/gzip-bomb", 0),
        ("/cut-short", 7),
        ("/html-as-json", 0),
        ("/json-as-text", 0),
        ("/never", 4),
        ("/many-headers", 3),
        ("/loop", 3),
    ];
    for (path, code) in cases {
        let run = tokio::task::block_in_place(|| {
            let mut command = binary::command(&dir.0, "[http]\ntimeout = 2\n");
            command.args(["send", "GET", &server.url(path), "--view", "pretty"]);
            binary::run(command, Duration::from_mins(1))
        });
        assert_eq!(run.code, Some(code), "{path}: {}", run.stderr);
        assert!(!run.stderr.contains('\x1b'), "{path}: an escape in stderr");
    }
}
