//! Frame and preparation costs of the inspector's views on large bodies.
//! Run: `cargo bench --bench views`. Figures are recorded in the issue notes.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
#[path = "../tests/ui_support/mod.rs"]
mod ui_support;

use fiddlestack::app::{Msg, document};
use fiddlestack::text::LineIndex;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A `servers/detail`-like body of about `target` bytes on one line, as nova sends it.
fn servers_json(target: usize) -> Vec<u8> {
    let mut out = b"{\"servers\":[".to_vec();
    let mut i = 0;
    while out.len() < target {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(
            format!(
                r#"{{"id":"{i:08x}-1f2e-4d3c-9b8a-0123456789ab","name":"vm-{i}","status":"ACTIVE","addresses":{{"private":[{{"addr":"10.0.{}.{}","version":4}}]}},"flavor":{{"vcpus":2,"ram":4096}},"metadata":{{}}}}"#,
                (i / 250) % 250,
                i % 250
            )
            .as_bytes(),
        );
        i += 1;
    }
    out.extend_from_slice(b"]}");
    out
}

fn frames(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut app = ui_support::showing(120, 40, "application/json", &servers_json(10 << 20));
    c.bench_function("frame: Raw, 10 MB one-line JSON, top", |b| {
        b.iter(|| {
            terminal
                .draw(|f| fiddlestack::ui::render(black_box(&app), f))
                .map(|_| ())
        });
    });
    // Whole lines (`w`), scrolled far right: the window costs O(column), never O(line).
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('w'),
        KeyModifiers::NONE,
    )));
    for _ in 0..10_000 {
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('l'),
            KeyModifiers::NONE,
        )));
    }
    c.bench_function("frame: Raw, 10 MB one-line JSON, column 80 000", |b| {
        b.iter(|| {
            terminal
                .draw(|f| fiddlestack::ui::render(black_box(&app), f))
                .map(|_| ())
        });
    });

    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('2'),
        KeyModifiers::ALT,
    )));
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('G'),
        KeyModifiers::SHIFT,
    )));
    c.bench_function("frame: Pretty, 10 MB JSON, last line", |b| {
        b.iter(|| {
            terminal
                .draw(|f| fiddlestack::ui::render(black_box(&app), f))
                .map(|_| ())
        });
    });
    c.bench_function("key + frame: Pretty, 10 MB JSON, page down", |b| {
        b.iter(|| {
            app.update(Msg::Key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE)));
            terminal
                .draw(|f| fiddlestack::ui::render(black_box(&app), f))
                .map(|_| ())
        });
    });
}

fn preparation(c: &mut Criterion) {
    let mut group = c.benchmark_group("off-loop preparation");
    group.sample_size(10);
    let body = servers_json(10 << 20);
    group.bench_function("line index, 10 MB", |b| {
        b.iter(|| LineIndex::new(black_box(&body)));
    });
    group.bench_function("pretty-print, 10 MB JSON (send --view pretty)", |b| {
        b.iter(|| fiddlestack::json::pretty(black_box(&body)));
    });
    let index = std::sync::Arc::new(
        fiddlestack::json::index::JsonIndex::build(bytes::Bytes::from(body.clone()))
            .expect("valid JSON"),
    );
    group.bench_function("pretty lines from the index, 10 MB JSON", |b| {
        b.iter(|| {
            fiddlestack::json::pretty_lines::PrettyLines::new(std::sync::Arc::clone(black_box(
                &index,
            )))
        });
    });
    let ex = ui_support::exchange(200, "OK", "application/json", &body);
    group.bench_function("raw document, 10 MB", |b| {
        b.iter(|| document::raw(black_box(&ex)));
    });
    group.finish();
}

criterion_group!(benches, frames, preparation);
criterion_main!(benches);
