//! Helpers for render and loop tests: an app with canned exchanges, and the screen as text.
#![allow(dead_code)]

pub mod cloud;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use fiddlestack::app::{App, Command, Msg, document};
use fiddlestack::config::Keymap;
use fiddlestack::http::{Exchange, Response, SentRequest, Timings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn app(width: u16, height: u16) -> App {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(width, height));
    app
}

pub fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Command> {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)))
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// An exchange as a server at 127.0.0.1:8080 would have answered it.
pub fn exchange(status: u16, reason: &str, content_type: &str, body: &[u8]) -> Arc<Exchange> {
    Arc::new(Exchange {
        request: SentRequest {
            method: "GET".into(),
            url: "http://127.0.0.1:8080/v2.1/flavors".into(),
            headers: vec![
                ("Host".into(), "127.0.0.1:8080".into()),
                ("Accept".into(), "*/*".into()),
            ],
            body: Bytes::new(),
        },
        outcome: Ok(Response {
            status,
            reason: reason.into(),
            version: "HTTP/1.1".into(),
            headers: vec![
                ("Content-Type".into(), content_type.as_bytes().to_vec()),
                ("X-Request-Id".into(), b"req-1".to_vec()),
            ],
            body: Bytes::copy_from_slice(body),
            wire_body_len: body.len(),
            header_len: 60,
            final_url: "http://127.0.0.1:8080/v2.1/flavors".into(),
            remote_addr: Some("127.0.0.1:8080".parse().expect("literal address")),
            incomplete: None,
            spilled: None,
            interrupted: false,
            redirects: Vec::new(),
        }),
        timings: Timings {
            started_at: SystemTime::now(),
            first_byte: Some(Duration::from_millis(12)),
            total: Duration::from_millis(15),
            phases: None,
        },
    })
}

/// Sends the composed request and answers it with `exchange`, views built as the runtime would.
pub fn send_and_answer(app: &mut App, exchange: &Arc<Exchange>) {
    let commands = key(app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    let Some(Command::Send { id, .. }) = commands.first() else {
        panic!("not sent: {commands:?}")
    };
    let id = *id;
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
}

/// An app of `width`×`height` that sent a GET and got `body` back as `content_type`, with
/// the inspector focused (on its first tab).
pub fn showing(width: u16, height: u16, content_type: &str, body: &[u8]) -> App {
    let mut app = app(width, height);
    type_text(&mut app, "http://127.0.0.1:8080/servers");
    send_and_answer(&mut app, &exchange(200, "OK", content_type, body));
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    app
}

/// Presses each character as a key (capitals with shift, as a terminal sends them).
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let modifiers = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        key(app, KeyCode::Char(c), modifiers);
    }
}

/// `/text` Enter, the search run as the runtime runs it and its hits handed back.
pub fn search(app: &mut App, text: &str) {
    key(app, KeyCode::Char('/'), KeyModifiers::NONE);
    type_text(app, text);
    let commands = key(app, KeyCode::Enter, KeyModifiers::NONE);
    let Some(Command::Search { id, job }) = commands.first().cloned() else {
        panic!("a search command, got {commands:?}")
    };
    app.update(Msg::SearchDone {
        id,
        text: job.text().to_owned(),
        hits: job.run(),
    });
}

/// The text a copy command puts on the clipboard, made as the runtime makes it (off the
/// loop), and its `Copied` message handed back; `None` when `commands` hold no copy.
pub fn copied(app: &mut App, commands: &[Command]) -> Option<String> {
    use fiddlestack::app::copy::{CopyKind, within};
    let (kind, made) = commands.iter().find_map(|command| match command {
        Command::Copy { text } => {
            Some((CopyKind::Announced, within(text.clone(), app.clipboard_max)))
        }
        Command::CopyFrom { job } => Some((job.kind(), job.run())),
        _ => None,
    })?;
    let result = made.as_ref().map(String::len).map_err(Clone::clone);
    app.update(Msg::Copied { kind, result });
    made.ok()
}

/// Runs a `BuildTable` command as the runtime does and hands the table back.
pub fn build_table(app: &mut App, commands: &[Command]) {
    let Some(Command::BuildTable { id, job }) = commands.first().cloned() else {
        panic!("a table to make, got {commands:?}")
    };
    app.update(Msg::TableBuilt {
        id,
        from: job.from(),
        model: job.run(),
    });
}

pub fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| fiddlestack::ui::render(app, frame))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as lines of text.
pub fn lines(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

pub fn screen(buffer: &Buffer) -> String {
    lines(buffer).join("\n")
}

/// Position of the first cell where `needle` starts.
pub fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    lines(buffer).iter().enumerate().find_map(|(y, line)| {
        line.find(needle)
            .map(|byte| (line[..byte].chars().count() as u16, y as u16))
    })
}
