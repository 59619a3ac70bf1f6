//! curl in the TUI: a pasted curl line (or keystoneauth's `REQ:` line) fills the composer, and
//! `alt-y` copies the composed request back as a curl line, tokens redacted.

mod ui_support;

use fiddlestack::app::{Command, Msg};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{app, draw, key, screen};

#[test]
fn a_pasted_curl_line_fills_the_composer() {
    let mut app = app(120, 40);
    app.update(Msg::Paste(
        "curl -X PUT 'http://127.0.0.1:8774/v2.1/servers/1?x=1' \\\n  -H 'Content-Type: application/json' \\\n  -d '{\"server\": {\"name\": \"new\"}}' --frob"
            .into(),
    ));
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("PUT"), "{text}");
    assert!(
        text.contains("http://127.0.0.1:8774/v2.1/servers/1?x=1"),
        "{text}"
    );
    assert!(
        text.contains("--frob is not imported"),
        "unknown flags are named: {text}"
    );
    let draft = app.composer.draft();
    assert_eq!(draft.method, "PUT");
    assert_eq!(draft.headers, ["Content-Type: application/json"]);
    assert_eq!(draft.body, r#"{"server": {"name": "new"}}"#);
}

#[test]
fn a_keystoneauth_line_leaves_the_token_to_the_cloud_and_bidi_characters_show() {
    let mut app = app(120, 40);
    app.update(Msg::Paste(
        "REQ: curl -g -i -X GET http://127.0.0.1:9292/v2/images -H \"X-Auth-Token: {SHA256}abcd\" -H \"X-Note: a\u{202e}b\""
            .into(),
    ));
    let draft = app.composer.draft();
    assert_eq!(draft.url, "http://127.0.0.1:9292/v2/images");
    assert_eq!(draft.headers, ["X-Note: a\\u{202e}b"]);
    let text = screen(&draw(&app, 120, 40));
    assert!(!text.contains('\u{202e}'), "{text}");
    assert!(text.contains("the redacted token is left out"), "{text}");
}

#[test]
fn a_curl_line_with_an_open_quote_is_refused_with_where() {
    let mut app = app(120, 40);
    app.update(Msg::Paste("curl 'http://127.0.0.1/".into()));
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("curl not imported: unbalanced quotes"),
        "{text}"
    );
    assert!(app.composer.draft().url.is_empty());
}

#[test]
fn alt_y_copies_the_request_as_curl_with_tokens_redacted() {
    let mut app = app(120, 40);
    app.update(Msg::Paste(
        "curl -X POST http://127.0.0.1:8080/x -H 'Authorization: Bearer s3cret' -d 'a=1'".into(),
    ));
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::ALT);
    let text = ui_support::copied(&mut app, &commands).expect("alt-y copies");
    assert!(
        text.starts_with("curl 'http://127.0.0.1:8080/x' -H 'Authorization: {SHA256}"),
        "{text}"
    );
    assert!(text.ends_with("--data-raw 'a=1'"), "{text}");
    assert!(!text.contains("s3cret"));
    assert!(screen(&draw(&app, 120, 40)).contains("Copied as curl"));
}

#[test]
fn y_and_d_copy_the_shown_exchange_as_curl_and_as_a_debug_log() {
    let mut app = ui_support::showing(120, 40, "application/json", b"{\"a\": 1}");
    let commands = key(&mut app, KeyCode::Char('Y'), KeyModifiers::SHIFT);
    let text = ui_support::copied(&mut app, &commands).expect("Y copies");
    assert_eq!(
        text,
        "curl 'http://127.0.0.1:8080/v2.1/flavors' -H 'Host: 127.0.0.1:8080' -H 'Accept: */*'"
    );
    let commands = key(&mut app, KeyCode::Char('D'), KeyModifiers::SHIFT);
    let text = ui_support::copied(&mut app, &commands).expect("D copies");
    assert!(text.starts_with("REQ: curl -g -i -X 'GET' "), "{text}");
    assert!(
        text.contains("RESP: [200] Content-Type: application/json"),
        "{text}"
    );
    assert!(text.contains("RESP BODY: {\"a\": 1}"), "{text}");
}

#[test]
fn a_paste_with_cr_line_breaks_imports_as_continuations() {
    let mut app = app(120, 40);
    app.update(Msg::Paste(
        "curl -X POST http://127.0.0.1:8080/x \\\r  -H 'A: 1' \\\r  --data-raw '{\r\"k\": 1}'"
            .into(),
    ));
    let draft = app.composer.draft();
    assert_eq!(draft.method, "POST");
    assert_eq!(draft.url, "http://127.0.0.1:8080/x");
    assert_eq!(draft.headers, ["A: 1"]);
    assert_eq!(draft.body, "{\n\"k\": 1}");
}

#[test]
fn colon_import_takes_a_typed_or_pasted_curl_command() {
    let mut app = app(120, 40);
    // Out of the URL field, `:` opens the import line.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("Import a curl command"), "{text}");
    ui_support::type_text(&mut app, "curl -X DELETE http://127.0.0.1:9/v2.1/servers/7");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(app.import_prompt.is_none());
    let draft = app.composer.draft();
    assert_eq!(draft.method, "DELETE");
    assert_eq!(draft.url, "http://127.0.0.1:9/v2.1/servers/7");

    // A paste into the line imports the whole text, continuation lines and all.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    app.update(Msg::Paste(
        "curl http://127.0.0.1:9/a \\\n  -H 'X-A: 1'".into(),
    ));
    let draft = app.composer.draft();
    assert_eq!(draft.url, "http://127.0.0.1:9/a");
    assert_eq!(draft.headers, ["X-A: 1"]);

    // Something else is refused, and says so.
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, KeyCode::Char(':'), KeyModifiers::NONE);
    ui_support::type_text(&mut app, "wget http://x/");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("Not imported"), "{text}");
    assert_eq!(app.composer.draft().url, "http://127.0.0.1:9/a");
}

#[test]
fn curl_tls_flags_hold_for_the_imported_request_only() {
    let mut app = app(120, 40);
    app.update(Msg::Paste(
        "curl -k --cacert /etc/ssl/lab-ca.pem https://127.0.0.1:5000/v3".into(),
    ));
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("TLS unverified for this request (-k)"),
        "the composer says so: {text}"
    );
    let tls = app.composer.tls.clone().expect("the request's own TLS");
    assert!(!tls.verify);
    assert_eq!(
        tls.cacert.as_deref(),
        Some(std::path::Path::new("/etc/ssl/lab-ca.pem"))
    );
    // Sent with it: the command carries the settings.
    let commands = key(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    let Some(Command::Send { spec, .. }) = commands.first() else {
        panic!("a send, got {commands:?}")
    };
    assert_eq!(spec.tls.as_ref(), Some(&tls));
    // Another request loaded in its place drops them.
    app.update(Msg::Paste("curl https://127.0.0.1:5000/v3".into()));
    assert_eq!(app.composer.tls, None);
    let text = screen(&draw(&app, 120, 40));
    assert!(!text.contains("TLS unverified"), "{text}");
}

/// A body over the clipboard's cap is refused before the request is composed, with its size.
#[test]
fn alt_y_refuses_a_body_over_the_clipboard_cap_before_composing_it() {
    let mut app = app(120, 40);
    app.clipboard_max = 100;
    app.composer.restore(&fiddlestack::http::Draft {
        method: "POST".into(),
        url: "http://127.0.0.1:8080/x".into(),
        headers: Vec::new(),
        body: "x".repeat(150),
    });
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::ALT);
    assert!(commands.is_empty(), "{commands:?}");
    let (_, message) = app.message.clone().expect("a message");
    assert_eq!(
        message,
        "Not copied: the body alone is 150 B, over the 100 B clipboard cap ([ui] clipboard_max_bytes)"
    );
    // Under the cap, made off the loop.
    app.clipboard_max = 1000;
    let commands = key(&mut app, KeyCode::Char('y'), KeyModifiers::ALT);
    let line = ui_support::copied(&mut app, &commands).expect("copied");
    assert!(
        line.ends_with(&format!("--data-raw '{}'", "x".repeat(150))),
        "{line}"
    );
}
