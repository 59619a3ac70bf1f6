//! A key typed in the composer's URL (a character, then Backspace: two `update`s) while a
//! signed-in cloud is selected and the Body holds a compact 1 MB nova body: the work every
//! keystroke pays for the composer's checks — unresolved `{{names}}` and the secrets warning
//! (the cloud's token bound for another host). Cases: the URL bound for the cloud (the
//! warning stops at the URL); bound for another host (the body is searched for the token);
//! with `{{token}}` in that URL; and with a placeholder in the body but not in the URL (the
//! body's placeholders are expanded to see whether one carries the token).
//! Run: `cargo bench --bench composer_keys`.

mod support_json;

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use fiddlestack::app::cloud::{CloudView, SignedIn};
use fiddlestack::app::{App, Command, Msg};
use fiddlestack::config::Keymap;
use fiddlestack::http::Draft;
use fiddlestack::openstack::Secret;
use fiddlestack::openstack::catalog::{Catalog, Interface};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)));
}

fn signed_in_app() -> App {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(120, 40));
    app.cloud = Some(CloudView::new(
        "lab".into(),
        Some("RegionOne".into()),
        Interface::Public,
    ));
    let body = serde_json::json!({"token": {"catalog": [
        {"type": "compute", "name": "nova", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": "http://127.0.0.1:8774/v2.1"}]}]}});
    app.update(Msg::CloudSignedIn(SignedIn {
        token: Secret::new("gAAAAABbench-token-0123456789abcdef"),
        user: "demo".into(),
        user_id: "demo-id".into(),
        project: Some("demo".into()),
        project_id: Some("demo-id".into()),
        expires_at: SystemTime::now() + Duration::from_hours(1),
        catalog: Catalog::from_token_body(&body),
    }));
    app
}

fn composer_keys(c: &mut Criterion) {
    let servers = String::from_utf8(support_json::servers_detail(1 << 20)).unwrap_or_default();
    let with_placeholder = format!("{{\"project\":\"{{{{project_id}}}}\",\"d\":{servers}}}");
    let cases = [
        ("cloud_url", "http://127.0.0.1:8774/v2.1/x", servers.clone()),
        ("other_host", "http://127.0.0.2:9000/x", servers.clone()),
        (
            "other_host_token_in_url",
            "http://127.0.0.2:9000/x?t={{token}}",
            with_placeholder.clone(),
        ),
        (
            "other_host_body_placeholder",
            "http://127.0.0.2:9000/x",
            with_placeholder,
        ),
    ];
    let mut group = c.benchmark_group("composer_key_1mb_body");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(4));
    for (case, url, body) in cases {
        let mut app = signed_in_app();
        app.composer.restore(&Draft {
            method: "POST".into(),
            url: url.into(),
            headers: vec!["Content-Type: application/json".into()],
            body,
        });
        press(&mut app, KeyCode::Char('l'), KeyModifiers::CONTROL);
        press(&mut app, KeyCode::End, KeyModifiers::NONE);
        group.bench_function(case, |b| {
            b.iter(|| {
                press(black_box(&mut app), KeyCode::Char('a'), KeyModifiers::NONE);
                press(black_box(&mut app), KeyCode::Backspace, KeyModifiers::NONE);
            });
        });
    }
    group.finish();
}

/// alt-y with a 50 MB body. Under the default clipboard cap (750 KB) the key refuses it
/// before composing anything; with a cap that takes it, the key composes the request on the
/// loop (as ctrl-j does) and the curl line is made off the loop (masked, quoted) — before,
/// the key did both on the loop.
fn alt_y(c: &mut Criterion) {
    let servers = String::from_utf8(support_json::servers_detail(50 << 20)).unwrap_or_default();
    let mut app = signed_in_app();
    app.composer.restore(&Draft {
        method: "POST".into(),
        url: "http://127.0.0.1:8774/v2.1/servers".into(),
        headers: vec!["Content-Type: application/json".into()],
        body: servers,
    });
    let alt_y = || Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::ALT));
    let mut group = c.benchmark_group("alt_y_50mb_body");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("key_refused_over_the_cap", |b| {
        b.iter(|| black_box(app.update(alt_y())));
    });
    app.clipboard_max = 200 << 20;
    group.bench_function("key_composing_under_a_200mb_cap", |b| {
        b.iter(|| black_box(app.update(alt_y())));
    });
    let commands = app.update(alt_y());
    let Some(Command::CopyFrom { job }) = commands.into_iter().next() else {
        panic!("alt-y under the cap makes a copy job");
    };
    group.bench_function("line_off_the_loop", |b| {
        b.iter(|| black_box(job.run()).is_err());
    });
    group.finish();
}

criterion_group!(benches, composer_keys, alt_y);
criterion_main!(benches);
