//! The History tab with 100 000 stored exchanges (OpenStack-like URLs on five hosts, a mix of
//! methods and statuses). Run: `cargo bench --bench history_filter_100k`. What it measures:
//! reading the list from the database (`summaries`) and making its History entries (both on
//! the history thread at start), putting them in the app (`HistoryLoaded`, on the loop once),
//! and the quick filter as it is typed (on the loop, per keystroke): a URL word, a status, a
//! method with a word, a word no row has.
//! The database is built once in a temp dir (about 30 MB) and removed at the end.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use fiddlestack::app::history::Entry;
use fiddlestack::app::history_tab::stored_entry;
use fiddlestack::app::{App, Msg};
use fiddlestack::config::Keymap;
use fiddlestack::store::history::codec::Row;
use fiddlestack::store::history::{HistoryDb, Summary};

const ROWS: usize = 100_000;

fn row(i: usize) -> Row {
    let hosts = ["compute", "image", "volume", "network", "identity"];
    let paths = [
        "/v2.1/servers/detail?limit=50",
        "/v2/images",
        "/v3/volumes/detail",
        "/v2.0/ports?device_id=",
        "/v3/auth/tokens",
        "/v2.1/flavors/detail",
    ];
    let methods = ["GET", "GET", "GET", "POST", "DELETE", "PUT"];
    let statuses = [200, 200, 201, 204, 404, 500, 401, 409];
    let host = hosts[i % hosts.len()];
    Row {
        started_ms: 1_790_000_000_000 + i64::try_from(i).unwrap_or(0) * 1000,
        method: methods[i % methods.len()].to_owned(),
        url: format!(
            "https://{host}.cloud.example.com:8774{}{i:x}",
            paths[(i / 7) % paths.len()]
        ),
        status: Some(statuses[(i / 3) % statuses.len()]),
        cloud: Some(
            if i.is_multiple_of(2) {
                "devstack"
            } else {
                "prod"
            }
            .to_owned(),
        ),
        automatic: i.is_multiple_of(50),
        total_us: 12_000,
        size: 2048,
        request_headers: b"Accept: application/json\nX-Auth-Token: {SHA256}ab\n".to_vec(),
        request_body: Vec::new(),
        particulars: "{}".to_owned(),
        response_headers: b"content-type: application/json\n".to_vec(),
        response_body: br#"{"servers":[{"id":"1","name":"vm"}]}"#.to_vec(),
    }
}

fn database() -> (PathBuf, HistoryDb) {
    let dir =
        std::env::temp_dir().join(format!("fiddlestack-bench-history-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut db = HistoryDb::open(&dir).expect("open");
    let started = Instant::now();
    for chunk in (0..ROWS).collect::<Vec<_>>().chunks(10_000) {
        let rows: Vec<Row> = chunk.iter().map(|&i| row(i)).collect();
        db.insert(&rows).expect("insert");
    }
    eprintln!("wrote {ROWS} exchanges in {:?}", started.elapsed());
    (dir, db)
}

fn entries(summaries: &[Summary]) -> Vec<Entry> {
    let now = Instant::now();
    summaries
        .iter()
        .rev()
        .map(|summary| stored_entry(summary.clone(), now))
        .collect()
}

fn loaded_app(summaries: &[Summary]) -> App {
    let mut app = App::new(Keymap::defaults());
    app.update(Msg::Resize(120, 40));
    app.update(Msg::HistoryLoaded(Ok(entries(summaries))));
    app
}

fn bench(c: &mut Criterion) {
    let (dir, db) = database();
    let summaries = db.summaries(ROWS).expect("summaries");
    assert_eq!(summaries.len(), ROWS);

    let mut group = c.benchmark_group("history_filter_100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("read the list from the database", |b| {
        b.iter(|| black_box(db.summaries(ROWS).expect("summaries")).len());
    });
    group.bench_function("make the entries (history thread)", |b| {
        b.iter(|| black_box(entries(&summaries)).len());
    });
    group.bench_function("put the entries in the app (loop)", |b| {
        b.iter_with_setup(
            || entries(&summaries),
            |list| {
                let mut app = App::new(Keymap::defaults());
                app.update(Msg::HistoryLoaded(Ok(list)));
                // Returned, so its drop is not timed.
                app
            },
        );
    });
    group.finish();

    let mut group = c.benchmark_group("history_filter_100k");
    let mut app = loaded_app(&summaries);
    for filter in [
        "servers",
        "=404",
        ">=500 cloud:prod",
        "DELETE volumes",
        "no-such-thing",
    ] {
        group.bench_function(format!("filter {filter:?}"), |b| {
            b.iter(|| {
                app.history.set_filter(filter);
                let kept = app.history.len();
                app.history.set_filter("");
                black_box(kept)
            });
        });
    }
    group.finish();
    app.history.set_filter("servers");
    eprintln!(
        "\"servers\" keeps {} of {}",
        app.history.len(),
        app.history.total()
    );
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
