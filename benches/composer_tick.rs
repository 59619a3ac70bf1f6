//! A tick with a 50 MB body in the composer, as the loop handles one while a request is in
//! flight (ten a second): `update(Tick)` (the `{{variable}}` marks) then the loop's check for a
//! changed draft to save. Neither may copy the composer's text when it did not change. And a
//! key typed in the URL beside that body: the draft is copied only once typing rests, so a key
//! must not copy it either.
//! Run: `cargo bench --bench composer_tick`. Before the revision counter (issue 12, item 12):
//! 81 ms a tick, the 50 MB body copied twice.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use fiddlestack::app::{App, Msg};
use fiddlestack::config::Keymap;
use fiddlestack::http::Draft;
use fiddlestack::runtime::DraftWatch;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn composer_tick(c: &mut Criterion) {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(120, 40));
    let line = "{\"name\": \"a value of some length, one of many in the body\"},\n";
    let body = line.repeat((50 << 20) / line.len());
    app.composer.restore(&Draft {
        method: "POST".into(),
        url: "http://127.0.0.1:1/".into(),
        headers: vec!["Content-Type: application/json".into()],
        body,
    });
    app.update(Msg::Tick);
    let mut watch = DraftWatch::new(&app);
    let mut group = c.benchmark_group("composer_50mb");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("update_tick_and_draft_check", |b| {
        b.iter(|| {
            app.update(black_box(Msg::Tick));
            let now = Instant::now();
            watch.note(&app, now);
            black_box(watch.due(&app, now))
        });
    });
    group.bench_function("update_received_and_draft_check", |b| {
        b.iter(|| {
            app.update(black_box(Msg::Received { id: 1, bytes: 1 }));
            let now = Instant::now();
            watch.note(&app, now);
            black_box(watch.due(&app, now))
        });
    });
    // Focus the URL at its end; each iteration types a character and takes it back.
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('l'),
        KeyModifiers::CONTROL,
    )));
    app.update(Msg::Key(KeyEvent::new(KeyCode::End, KeyModifiers::NONE)));
    group.bench_function("key_in_url_and_draft_check", |b| {
        b.iter(|| {
            for code in [KeyCode::Char('x'), KeyCode::Backspace] {
                app.update(black_box(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))));
                let now = Instant::now();
                watch.note(&app, now);
                black_box(watch.due(&app, now));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, composer_tick);
criterion_main!(benches);
