//! Smoke tests of the real binary under tmux, used as a person would: keys typed into a pane,
//! the screen read back. Each test has its own tmux server, shell, data dir, empty config and
//! HTTP server on 127.0.0.1, so they run in parallel. Without tmux they skip (fail if CI=true).

mod e2e;

use std::net::TcpListener as StdListener;
use std::thread::JoinHandle;

use e2e::Session;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use unicode_width::UnicodeWidthStr;

const JSON_BODY: &str = r#"{"servers":[{"id":"1","name":"alpha"}]}"#;

/// A tiny HTTP/1.1 server on 127.0.0.1: `GET /json` answers JSON, `GET /slow` never answers,
/// anything else is a 404. Stopped on drop.
struct Server {
    port: u16,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start() -> Self {
        let listener = StdListener::bind("127.0.0.1:0").expect("bind the test server");
        listener
            .set_nonblocking(true)
            .expect("make the listener non-blocking");
        let port = listener
            .local_addr()
            .expect("the listener's address")
            .port();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("build the server's runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)
                    .expect("hand the listener to tokio");
                let accept = async {
                    while let Ok((stream, _)) = listener.accept().await {
                        tokio::spawn(serve(stream));
                    }
                };
                tokio::select! {
                    () = accept => {}
                    _ = stopped => {}
                }
            });
        });
        Self {
            port,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(mut stream: TcpStream) {
    let mut head = Vec::new();
    let mut chunk = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&chunk[..n]),
        }
        if head.len() > 64 * 1024 {
            return;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut request_line = head.split_whitespace();
    let method = request_line.next().unwrap_or_default();
    let path = request_line
        .next()
        .unwrap_or_default()
        .split('?')
        .next()
        .unwrap_or_default();
    let (status, content_type, body) = match (method, path) {
        ("GET", "/json") => ("200 OK", "application/json", JSON_BODY),
        ("GET", "/slow") => {
            // Hold the connection open and say nothing, until the server stops.
            std::future::pending::<()>().await;
            return;
        }
        _ => ("404 Not Found", "text/plain", "not found\n"),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// A port on 127.0.0.1 nobody listens on: bound, then let go.
fn refused_port() -> u16 {
    let listener = StdListener::bind("127.0.0.1:0").expect("bind a throwaway listener");
    listener.local_addr().expect("its address").port()
}

/// The first line of `screen` containing `needle`, with its row.
fn line_with<'a>(screen: &'a str, needle: &str) -> Option<(usize, &'a str)> {
    screen.lines().enumerate().find(|(_, l)| l.contains(needle))
}

/// Leaves the text field with Escape and waits until the status line shows it did.
fn leave_field(session: &Session) {
    session.press("Escape");
    session.wait_mode("composer");
}

#[test]
fn start_type_a_url_send_and_look_at_the_views() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let server = Server::start();
    let screen = session.start_app();
    assert!(
        screen.contains("No requests yet"),
        "an empty history says so; screen:\n{screen}"
    );
    session.wait_mode("url");

    let url = server.url("/json");
    session.type_text(&url);
    session.wait_for(&url);
    session.press("Enter");
    session.wait_for_all(&["200 OK", "\"servers\""]);

    session.press("M-2");
    session.wait_for(r#""name": "alpha""#);

    session.press("M-5");
    let screen = session.wait_for("Response headers");
    assert!(
        screen.contains("application/json"),
        "the response's Content-Type is listed; screen:\n{screen}"
    );

    // The sidebar is the left quarter: its row reads `200 GET /json`.
    let row = screen.lines().find(|l| {
        let sidebar: String = l.chars().take(30).collect();
        sidebar.contains("200") && sidebar.contains("GET")
    });
    assert!(
        row.is_some(),
        "the History sidebar has a row with 200 and GET; screen:\n{screen}"
    );
    assert!(
        !screen.contains("No requests yet"),
        "the empty-history hint is gone; screen:\n{screen}"
    );

    // C-j sends too, from wherever the focus is: a second row appears.
    session.press("C-j");
    session.wait_until("two 200 rows in the History sidebar", |screen| {
        screen
            .lines()
            .filter(|l| l.chars().take(30).collect::<String>().contains("200 GET"))
            .count()
            == 2
    });
}

#[test]
fn typed_q_question_mark_and_h_go_into_the_url() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let server = Server::start();
    session.start_app();

    let url = server.url("/json?q=H?");
    session.type_text(&url);
    let screen = session.wait_for(&url);
    assert!(
        !screen.contains("Help — keys") && !screen.contains("EXITED"),
        "typing q, ? and H must neither open help nor quit; screen:\n{screen}"
    );
    assert_eq!(e2e::mode_of(&screen), Some("url"), "screen:\n{screen}");

    session.press("M-q");
    let screen = session.wait_mode("params");
    // The Params editor line sits right after the composer's left border.
    let params_line = screen.lines().find(|l| {
        l.split('│')
            .any(|cell| cell.trim_start().starts_with("q=H?"))
    });
    assert!(
        params_line.is_some(),
        "the Params editor shows q=H?; screen:\n{screen}"
    );
    assert!(
        screen.contains(&url),
        "the URL is still as typed; screen:\n{screen}"
    );

    // The query reaches the server as typed.
    session.press("C-j");
    session.wait_for_all(&["200 OK", "GET /json?q=H? HTTP/1.1"]);
}

#[test]
fn escape_then_q_quits_and_restores_the_terminal() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    session.start_app();
    leave_field(&session);
    session.press("q");
    session.assert_exit_restores_terminal(0);
}

#[test]
fn ctrl_c_quits_from_inside_the_url_field() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    session.start_app();
    session.type_text("half-typed q");
    session.wait_for("half-typed q");
    session.wait_mode("url");
    session.press("C-c");
    session.assert_exit_restores_terminal(0);
}

#[test]
fn escape_cancels_a_request_in_flight() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let server = Server::start();
    session.start_app();

    let url = server.url("/slow");
    session.type_text(&url);
    session.wait_for(&url);
    session.press("Enter");
    session.wait_for("Esc cancels");
    session.press("Escape");
    let screen = session.wait_for("cancelled");
    assert!(
        !screen.contains("Esc cancels"),
        "the in-flight line is replaced; screen:\n{screen}"
    );
    assert!(
        screen.contains("nothing was received"),
        "the inspector says nothing came back; screen:\n{screen}"
    );
    // Escape cancelled; it did not also leave the URL field.
    assert_eq!(e2e::mode_of(&screen), Some("url"), "screen:\n{screen}");
}

#[test]
fn a_narrow_terminal_stacks_the_panes_and_still_sends() {
    let Some(mut session) = Session::start(60, 20) else {
        return;
    };
    let server = Server::start();
    let screen = session.start_app();
    assert_fits(&screen, 60);
    let (composer_row, composer) = line_with(&screen, "Composer").expect("Composer shows");
    let (inspector_row, inspector) = line_with(&screen, "Inspector").expect("Inspector shows");
    assert!(
        composer_row < inspector_row
            && composer.starts_with("┌ Composer")
            && inspector.starts_with("┌ Inspector"),
        "Composer and Inspector stack, full width, one above the other; screen:\n{screen}"
    );

    let url = server.url("/json");
    session.type_text(&url);
    session.wait_for(&url);
    session.press("Enter");
    let screen = session.wait_for("200 OK");
    assert_fits(&screen, 60);
}

fn assert_fits(screen: &str, width: usize) {
    for line in screen.lines() {
        assert!(
            line.width() <= width,
            "a line is wider than {width} columns: {line:?}; screen:\n{screen}"
        );
    }
}

#[test]
fn a_url_without_scheme_is_refused_inline_then_fixed_and_a_refused_port_shows_inline() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    let port = refused_port();
    session.start_app();

    let typed = format!("localhost:{port}/x");
    session.type_text(&typed);
    session.wait_for(&typed);
    session.press("Enter");
    let screen = session.wait_for(&format!("http://{typed}"));
    assert!(
        screen.contains("no scheme") && screen.contains("No requests yet"),
        "the problem shows and nothing was sent; screen:\n{screen}"
    );

    session.press("Home");
    session.type_text("http://");
    let fixed = format!("http://{typed}");
    let screen = session.wait_gone("no scheme");
    assert!(
        screen.contains(&fixed),
        "the URL reads {fixed}; screen:\n{screen}"
    );

    session.press("Enter");
    let screen = session.wait_for("refused");
    let (_, composer_url) = line_with(&screen, "GET").expect("the method and URL line");
    assert!(
        composer_url.contains(&format!(" {fixed}")),
        "the composer still shows the URL as typed; screen:\n{screen}"
    );
    assert!(
        screen.contains("ERR"),
        "the History row shows the failure; screen:\n{screen}"
    );
}

#[test]
fn help_lists_the_keys_and_opens_from_the_url_field_too() {
    let Some(mut session) = Session::start(120, 40) else {
        return;
    };
    session.start_app();

    // F1 from inside the URL field.
    session.wait_mode("url");
    session.press("F1");
    session.wait_for("Help — keys");
    session.press("Escape");
    let screen = session.wait_gone("Help — keys");
    assert_eq!(
        e2e::mode_of(&screen),
        Some("url"),
        "closing help keeps the field; screen:\n{screen}"
    );

    // `?` outside text fields.
    leave_field(&session);
    session.press("?");
    let screen = session.wait_for_all(&["Help — keys", "send the request"]);
    let (_, send) = line_with(&screen, "send the request").expect("the send line");
    assert!(
        send.contains("ctrl-j"),
        "send's keys include ctrl-j; screen:\n{screen}"
    );
    session.press("Escape");
    session.wait_gone("Help — keys");
}
