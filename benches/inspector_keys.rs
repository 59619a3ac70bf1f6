//! A key and the whole frame after it, drawn into `TestBackend` at 120×40, on compact nova
//! `servers/detail` bodies of 1 and 100 MB: Tree moves, Pretty moves, `%`, switching between
//! Tree, Pretty and Raw (Raw with the Tree's value highlighted), `m`, and `yy` on the root
//! (its text is made and written off the loop); and `t` on an element of an array of 10 000
//! (1 MB) and 1 000 000 rows (100 MB), the table made off the loop.
//! Run: `cargo bench --bench inspector_keys`. The bar (issue 4): every case independent of
//! the size — the 100 MB case within 3× the 1 MB case — and under 1 ms.

mod support_json;
#[path = "../tests/ui_support/mod.rs"]
mod ui_support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use fiddlestack::app::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(&str, usize); 2] = [("1mb", 1 << 20), ("100mb", 100 << 20)];
/// Rows of the array `t` makes a table of: about 1 and 100 MB.
const ROWS: [(&str, usize); 2] = [("1mb", 10_000), ("100mb", 1_000_000)];

/// `{"rows":[…]}` with `rows` flat objects of about 105 bytes each.
fn rows_body(rows: usize) -> Vec<u8> {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(rows * 110 + 16);
    out.push_str("{\"rows\":[");
    for i in 0..rows {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"id":{i},"name":"row-{i:07}","status":"{}","zone":"az-{}","size":{},"created":"2025-01-{:02}T10:00:00Z"}}"#,
            ["ACTIVE", "SHUTOFF", "ERROR"][i % 3],
            i % 4,
            i * 7 % 100_000,
            i % 28 + 1
        );
    }
    out.push_str("]}");
    out.into_bytes()
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)));
}

fn char_key(app: &mut App, c: char) {
    let modifiers = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    press(app, KeyCode::Char(c), modifiers);
}

fn inspector_keys(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    for (size, bytes) in SIZES {
        let body = support_json::servers_detail(bytes);
        let mut app = ui_support::showing(120, 40, "application/json", &body);
        press(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
        // Open the servers array and walk into it: a mid-document place to work from.
        for key in "jl".chars() {
            char_key(&mut app, key);
        }
        let mut group = c.benchmark_group(format!("key_frame_{size}"));
        group
            .sample_size(50)
            .measurement_time(Duration::from_secs(3));
        let mut frame = |app: &App| {
            terminal
                .draw(|f| fiddlestack::ui::render(black_box(app), f))
                .map(|_| ())
        };
        // Down then up: the cursor stays put, each iteration is two keys and two frames.
        group.bench_function("tree_down_up", |b| {
            b.iter(|| {
                char_key(&mut app, 'j');
                frame(&app).ok();
                char_key(&mut app, 'k');
                frame(&app)
            });
        });
        group.bench_function("tree_bottom_top", |b| {
            b.iter(|| {
                char_key(&mut app, 'G');
                frame(&app).ok();
                char_key(&mut app, 'g');
                frame(&app)
            });
        });
        char_key(&mut app, 'j');
        group.bench_function("tree_toggle_server", |b| {
            b.iter(|| {
                press(&mut app, KeyCode::Char(' '), KeyModifiers::NONE);
                frame(&app)
            });
        });
        group.bench_function("tree_pretty_switch_m", |b| {
            b.iter(|| {
                char_key(&mut app, 'm');
                frame(&app)
            });
        });
        press(&mut app, KeyCode::Char('2'), KeyModifiers::ALT);
        group.bench_function("pretty_page_down_up", |b| {
            b.iter(|| {
                press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
                frame(&app).ok();
                press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
                frame(&app)
            });
        });
        group.bench_function("pretty_bottom_top", |b| {
            b.iter(|| {
                char_key(&mut app, 'G');
                frame(&app).ok();
                char_key(&mut app, 'g');
                frame(&app)
            });
        });
        // `%` on the document's first line: from its `{` to the last line and back.
        group.bench_function("pretty_match_bracket", |b| {
            b.iter(|| {
                char_key(&mut app, '%');
                frame(&app)
            });
        });
        press(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
        char_key(&mut app, 'G');
        group.bench_function("tree_to_raw_highlighted_and_back", |b| {
            b.iter(|| {
                press(&mut app, KeyCode::Char('1'), KeyModifiers::ALT);
                frame(&app).ok();
                press(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
                frame(&app)
            });
        });
        // `yy` on the root: the whole body's pretty text is made off the loop.
        char_key(&mut app, 'g');
        group.bench_function("tree_yank_root_yy", |b| {
            b.iter(|| {
                char_key(&mut app, 'y');
                char_key(&mut app, 'y');
                frame(&app)
            });
        });
        group.finish();
    }
    for (size, rows) in ROWS {
        let body = rows_body(rows);
        let mut app = ui_support::showing(120, 40, "application/json", &body);
        press(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
        // The first row's object: `t` makes a table of the array around it.
        for key in "jj".chars() {
            char_key(&mut app, key);
        }
        let mut group = c.benchmark_group(format!("key_frame_{size}"));
        group
            .sample_size(50)
            .measurement_time(Duration::from_secs(3));
        // alt-3 after `t` keeps every iteration starting from the Tree, whenever the table
        // is shown (at once before issue 12; when it comes back from off the loop now).
        group.bench_function("tree_t_table_of_rows", |b| {
            b.iter(|| {
                char_key(&mut app, 't');
                press(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
                terminal
                    .draw(|f| fiddlestack::ui::render(black_box(&app), f))
                    .map(|_| ())
            });
        });
        group.finish();
    }
}

criterion_group!(benches, inspector_keys);
criterion_main!(benches);
