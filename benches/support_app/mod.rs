//! An app showing one canned exchange, its views built as the runtime builds them: for the
//! benches that press keys and draw frames.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use fiddlestack::app::{App, Msg, document};
use fiddlestack::config::Keymap;
use fiddlestack::http::{Exchange, Response, SentRequest, Timings};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A 200 answer from 127.0.0.1 with `body`.
pub fn exchange(body: Vec<u8>, content_type: &str) -> Arc<Exchange> {
    let len = body.len();
    Arc::new(Exchange {
        request: SentRequest {
            method: "GET".into(),
            url: "http://127.0.0.1:8774/v2.1/servers/detail".into(),
            headers: vec![("Host".into(), "127.0.0.1:8774".into())],
            body: Bytes::new(),
        },
        outcome: Ok(Response {
            status: 200,
            reason: "OK".into(),
            version: "HTTP/1.1".into(),
            headers: vec![("Content-Type".into(), content_type.as_bytes().to_vec())],
            body: Bytes::from(body),
            wire_body_len: len,
            header_len: 50,
            final_url: "http://127.0.0.1:8774/v2.1/servers/detail".into(),
            remote_addr: None,
            incomplete: None,
            redirects: Vec::new(),
        }),
        timings: Timings {
            started_at: SystemTime::now(),
            first_byte: None,
            total: Duration::from_millis(1),
        },
    })
}

/// An app showing `exchange` at 120×40, ready to draw.
pub fn app_showing(exchange: &Arc<Exchange>) -> App {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(120, 40));
    app.update(Msg::Paste(
        "http://127.0.0.1:8774/v2.1/servers/detail".into(),
    ));
    let commands = app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let Some(fiddlestack::app::Command::Send { id, .. }) = commands.into_iter().next() else {
        return app;
    };
    let raw = document::raw(exchange);
    let headers = document::headers_table(exchange);
    app.update(Msg::ExchangeDone {
        id,
        exchange: Arc::clone(exchange),
        raw,
        headers,
    });
    let (pretty, json) = document::body_views(exchange, 30);
    app.update(Msg::PrettyDone { id, pretty, json });
    app
}
