//! `fiddlestack send`: the real binary against real servers on 127.0.0.1, checking what it
//! prints, what the server received, and the exit status a script sees.

mod support;

use std::path::Path;
use std::time::Duration;

use support::binary::{self, TempDir};
use support::server::{Body, Reply, TestServer, refused_port};

/// No run of the binary may take longer than this; it is killed and the test fails.
const DEADLINE: Duration = Duration::from_secs(20);

/// What a run of the binary left behind.
struct Run(binary::Output);

impl std::ops::Deref for Run {
    type Target = binary::Output;
    fn deref(&self) -> &binary::Output {
        &self.0
    }
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?} after {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code,
            self.elapsed,
            self.stdout(),
            self.stderr
        )
    }
}

/// Runs `fiddlestack --config DIR/config.toml ARGS…` with `config` as that file and the data
/// dir inside `dir`, so nothing of the user's is read or written.
fn fiddlestack_blocking(dir: &Path, config: &str, args: &[String]) -> Run {
    let mut command = binary::command(dir, config);
    command.args(args);
    Run(binary::run(command, DEADLINE))
}

/// Runs the binary off the runtime's threads so the test server keeps answering.
async fn fiddlestack_with_config(dir: &TempDir, config: &str, args: &[&str]) -> Run {
    let dir = dir.0.clone();
    let config = config.to_owned();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || fiddlestack_blocking(&dir, &config, &args))
        .await
        .expect("the run finished")
}

/// Runs the binary with an empty config file.
async fn fiddlestack(dir: &TempDir, args: &[&str]) -> Run {
    fiddlestack_with_config(dir, "", args).await
}

fn json_reply(body: &str) -> Reply {
    Reply::new(200, "OK")
        .header("Content-Type", "application/json")
        .body(Body::Fixed(body.as_bytes().to_vec()))
}

#[tokio::test]
async fn send_get_prints_the_raw_exchange() {
    let server = TestServer::start(|_| json_reply(r#"{"a":1}"#)).await;
    let dir = TempDir::new("cli-send");
    let run = fiddlestack(&dir, &["send", "GET", &server.url("/hello?x=1")]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "", "{run:?}");
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "GET /hello?x=1 HTTP/1.1", "{run:?}");
    // Host goes last, where hyper writes it on the wire.
    let blank = lines
        .iter()
        .position(|l| l.is_empty())
        .expect("blank line after the head");
    assert_eq!(
        lines[blank - 1],
        format!("Host: {}", server.addr()),
        "{run:?}"
    );
    assert!(lines.contains(&"HTTP/1.1 200 OK"), "{run:?}");
    assert!(lines.contains(&"content-type: application/json"), "{run:?}");
    assert_eq!(lines.last(), Some(&r#"{"a":1}"#), "{run:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn view_pretty_indents_json() {
    let server = TestServer::start(|_| json_reply(r#"{"a":[1,2.50],"b":{"c":"d"}}"#)).await;
    let dir = TempDir::new("cli-send");
    let run = fiddlestack(&dir, &["send", "GET", &server.url("/"), "--view", "pretty"]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout(),
        "{\n  \"a\": [\n    1,\n    2.50\n  ],\n  \"b\": {\n    \"c\": \"d\"\n  }\n}\n",
        "{run:?}"
    );
}

#[tokio::test]
async fn view_headers_prints_both_tables() {
    let server = TestServer::start(|_| json_reply("{}").header("X-Request-Id", "req-42")).await;
    let dir = TempDir::new("cli-send");
    let run = fiddlestack(
        &dir,
        &[
            "send",
            "GET",
            &server.url("/"),
            "-H",
            "X-Mine: yes",
            "--view",
            "headers",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    // Host, User-Agent, Accept, Accept-Encoding, X-Mine; content-type, x-request-id, content-length.
    assert_eq!(lines[0], "Request headers (5)", "{run:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Response headers (3, ") && l.ends_with(" B)")),
        "{run:?}"
    );
    let row = |name: &str, value: &str| {
        lines
            .iter()
            .any(|l| l.starts_with(name) && l.ends_with(value) && l.contains("  "))
    };
    assert!(row("X-Mine", "yes"), "{run:?}");
    assert!(row("x-request-id", "req-42"), "{run:?}");
    assert!(
        !out.contains("HTTP/1.1"),
        "no raw exchange in this view: {run:?}"
    );
}

#[tokio::test]
async fn view_headers_says_where_the_time_went() {
    let server = TestServer::start(|_| json_reply("{}")).await;
    let dir = TempDir::new("cli-send-time");
    let url = format!("http://localhost:{}/", server.addr().port());
    let run = fiddlestack(&dir, &["send", "GET", &url, "--view", "headers"]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let out = run.stdout();
    let time = out
        .lines()
        .find(|l| l.starts_with("Time: "))
        .unwrap_or_else(|| panic!("no Time line: {run:?}"));
    let parts: Vec<&str> = time["Time: ".len()..].split(" · ").collect();
    let names: Vec<&str> = parts
        .iter()
        .map(|p| p.trim_end_matches(|c: char| c.is_ascii_digit() || " .ms".contains(c)))
        .collect();
    assert_eq!(
        names,
        ["DNS", "connect", "first byte", "body", "total"],
        "plain HTTP to a name: {time}"
    );
    // The tables come first and last, as before.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Request headers (4)", "{run:?}");
    assert!(
        lines.iter().any(|l| l.starts_with("Response headers (")),
        "{run:?}"
    );
}

#[tokio::test]
async fn headers_and_body_arrive_at_the_server() {
    let server = TestServer::start(|_| Reply::new(201, "Created")).await;
    let dir = TempDir::new("cli-send");
    let run = fiddlestack(
        &dir,
        &[
            "send",
            "POST",
            &server.url("/items"),
            "-H",
            "X-A: 1",
            "-d",
            r#"{"a":1}"#,
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    let received = &requests[0];
    assert_eq!(received.method, "POST");
    assert_eq!(received.target, "/items");
    assert_eq!(received.header("x-a"), Some("1"));
    assert_eq!(received.header("content-type"), Some("application/json"));
    assert_eq!(received.header("content-length"), Some("7"));
    assert_eq!(received.body, br#"{"a":1}"#);
    assert!(run.stdout().contains("HTTP/1.1 201 Created"), "{run:?}");
}

#[tokio::test]
async fn data_from_a_file_is_sent() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let dir = TempDir::new("cli-send");
    let file = dir.write("body.json", b"{\n  \"from\": \"file\"\n}\n");
    let data = format!("@{}", file.display());
    let run = fiddlestack(&dir, &["send", "PUT", &server.url("/f"), "-d", &data]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    assert_eq!(requests[0].body, b"{\n  \"from\": \"file\"\n}\n");
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn a_binary_file_is_sent_byte_for_byte() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let dir = TempDir::new("cli-send");
    let bytes = [0xff_u8, 0x00, 0xfe, b'\n', 0x80];
    let file = dir.write("body.bin", &bytes);
    let data = format!("@{}", file.display());
    let run = fiddlestack(&dir, &["send", "POST", &server.url("/bin"), "-d", &data]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    assert_eq!(requests[0].body, bytes);
    assert_eq!(requests[0].header("content-length"), Some("5"));
}

#[tokio::test]
async fn a_missing_body_file_is_named_and_nothing_sent() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let dir = TempDir::new("cli-send");
    let missing = dir.0.join("no-such-body.json");
    let data = format!("@{}", missing.display());
    let run = fiddlestack(&dir, &["send", "POST", &server.url("/"), "-d", &data]).await;
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    assert!(
        run.stderr.contains(&missing.display().to_string()),
        "{run:?}"
    );
    assert!(run.stdout.is_empty(), "{run:?}");
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn fail_turns_a_404_into_exit_5() {
    let server = TestServer::start(|_| {
        Reply::new(404, "Not Found").body(Body::Fixed(b"no such item".to_vec()))
    })
    .await;
    let dir = TempDir::new("cli-send");
    let url = server.url("/missing");
    let plain = fiddlestack(&dir, &["send", "GET", &url]).await;
    assert_eq!(
        plain.code,
        Some(0),
        "without --fail a 404 is a response: {plain:?}"
    );
    let failed = fiddlestack(&dir, &["send", "GET", &url, "--fail"]).await;
    assert_eq!(failed.code, Some(5), "{failed:?}");
    assert!(failed.stderr.contains("404 Not Found"), "{failed:?}");
    assert!(
        failed.stdout().contains("HTTP/1.1 404 Not Found"),
        "the exchange is still printed: {failed:?}"
    );
}

#[tokio::test]
async fn a_refused_connection_exits_3() {
    let dir = TempDir::new("cli-send");
    let url = format!("http://127.0.0.1:{}/x", refused_port());
    let run = fiddlestack(&dir, &["send", "GET", &url]).await;
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(run.stderr.contains("refused"), "{run:?}");
}

#[tokio::test]
async fn a_url_without_scheme_offers_both() {
    let dir = TempDir::new("cli-send");
    let run = fiddlestack(&dir, &["send", "GET", "127.0.0.1:9/x"]).await;
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("http://127.0.0.1:9/x"), "{run:?}");
    assert!(run.stderr.contains("https://127.0.0.1:9/x"), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
}

#[tokio::test]
async fn a_header_without_colon_is_named() {
    let server = TestServer::start(|_| Reply::new(200, "OK")).await;
    let dir = TempDir::new("cli-send");
    let run = fiddlestack(
        &dir,
        &["send", "GET", &server.url("/"), "-H", "NoColonHere"],
    )
    .await;
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("NoColonHere"), "{run:?}");
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn a_hostile_body_is_piped_byte_exact() {
    let hostile: &[u8] = b"\x1b[2J\x1b]0;pwned\x07\x1b[31mred\x1b[0m \x1b]52;c;Zm9v\x07\n";
    let server = TestServer::start(move |_| {
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Fixed(hostile.to_vec()))
    })
    .await;
    let dir = TempDir::new("cli-send");
    let run = fiddlestack(&dir, &["send", "GET", &server.url("/evil")]).await;
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.ends_with(hostile),
        "stdout is a pipe, so the body comes out as it came: {:?}",
        run.stdout
    );
}

#[tokio::test]
async fn a_server_that_never_answers_exits_4_in_time() {
    let server = TestServer::start(|_| Reply::silent()).await;
    let dir = TempDir::new("cli-send");
    let run = fiddlestack_with_config(
        &dir,
        "[http]\ntimeout = 0.5\n",
        &["send", "GET", &server.url("/sleepy")],
    )
    .await;
    assert_eq!(run.code, Some(4), "{run:?}");
    assert!(run.stderr.contains("request timeout"), "{run:?}");
    assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn curl_prints_the_request_as_a_curl_line_and_sends_nothing() {
    let server = TestServer::start(|_| json_reply("{}")).await;
    let dir = TempDir::new("cli-send");
    let url = server.url("/v2.1/servers?name=web 1");
    let run = fiddlestack(
        &dir,
        &[
            "send",
            "POST",
            &url,
            "-H",
            "X-Auth-Token: gAAAAAsecret",
            "-H",
            "Content-Type: application/json",
            "-d",
            r#"{"server": {"name": "it's"}}"#,
            "--curl",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{run:?}");
    let line = run.stdout();
    let expected_url = server.url("/v2.1/servers?name=web%201");
    assert!(
        line.starts_with(&format!(
            "curl '{expected_url}' -H 'X-Auth-Token: {{SHA256}}"
        )),
        "{run:?}"
    );
    assert!(
        !line.contains("gAAAAAsecret"),
        "the token is redacted: {run:?}"
    );
    assert!(
        line.trim_end().ends_with(
            r#"-H 'Content-Type: application/json' --data-raw '{"server": {"name": "it'\''s"}}'"#
        ),
        "{run:?}"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
    // The line reads back as the same request.
    let back = fiddlestack::http::curl::import(line.trim_end()).expect("it imports");
    assert_eq!(back.method, "POST");
    assert_eq!(back.url, expected_url);
    assert_eq!(back.body, br#"{"server": {"name": "it's"}}"#);
}
