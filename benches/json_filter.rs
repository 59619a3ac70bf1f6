//! jq filters (jaq) over compact nova `servers/detail` bodies of 1, 10 and 100 MB: the first
//! filter on a body (jaq parses it, then runs), and later filters on the parsed values, beside
//! `serde_json::from_slice::<serde_json::Value>` of the same bytes (the baseline: parsing into
//! a tree of values). Run: `cargo bench --bench json_filter`. The 100 MB case runs a few
//! samples only; its parse is what a user waits for once per exchange.

mod support_json;

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use fiddlestack::json::filter::{FilterSource, evaluate};

const SIZES: [(&str, usize); 3] = [("1mb", 1 << 20), ("10mb", 10 << 20), ("100mb", 100 << 20)];

/// A path (what the tmux test types), a select over every server, and a map to a table.
const FILTERS: [(&str, &str); 3] = [
    ("path", ".servers[0].name"),
    (
        "select",
        "[.servers[] | select(.status == \"ERROR\")] | length",
    ),
    ("map", "[.servers[] | {id, name, status}]"),
];

fn json_filter(c: &mut Criterion) {
    let go = AtomicBool::new(false);
    for &(size_name, size) in &SIZES {
        let body = Bytes::from(support_json::servers_detail(size));
        let mut group = c.benchmark_group(format!("filter_{size_name}"));
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .measurement_time(Duration::from_secs(if size > 10 << 20 { 30 } else { 5 }));
        group.bench_function("serde_json_value_baseline", |b| {
            b.iter(|| black_box(serde_json::from_slice::<serde_json::Value>(&body)));
        });
        group.bench_function("first_filter_parse_and_run", |b| {
            b.iter(|| {
                let source = FilterSource::new(body.clone());
                black_box(evaluate(&source, FILTERS[0].1, &go))
            });
        });
        let source = FilterSource::new(body.clone());
        let started = Instant::now();
        let first = evaluate(&source, FILTERS[0].1, &go).expect("the filter runs");
        eprintln!(
            "{size_name}: first filter {:.1?} ({} output)",
            started.elapsed(),
            first.count
        );
        for (name, code) in FILTERS {
            group.bench_function(format!("parsed_{name}"), |b| {
                b.iter(|| black_box(evaluate(&source, code, &go)));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, json_filter);
criterion_main!(benches);
