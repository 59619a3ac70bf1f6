//! Building the JSON index beside `serde_json`'s validation-only pass (`IgnoredAny`), on compact
//! nova `servers/detail` bodies of 1, 10 and 100 MB made in memory.
//! Run: `cargo bench --bench json_index`. The bars (issue 4): build ≤ 2× the baseline, and the
//! index ≤ 1× the body in memory; the memory figures are printed once, before the timings.

mod support_json;

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use fiddlestack::json::index::JsonIndex;
use serde::de::IgnoredAny;

const SIZES: [(&str, usize); 3] = [("1mb", 1 << 20), ("10mb", 10 << 20), ("100mb", 100 << 20)];

/// Resident memory of this process in bytes (Linux), to report what the index really holds.
fn resident_bytes() -> Option<usize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Prints nodes, bytes per node and index/body for one body, and the cost of dropping it.
fn report_memory(name: &str, body: &Bytes) {
    let before = resident_bytes();
    let started = Instant::now();
    let index = JsonIndex::build(body.clone()).expect("generated body is valid");
    let built = started.elapsed();
    let after = resident_bytes();
    let len = body.len() as f64;
    let per_node = index.index_bytes() as f64 / index.len() as f64;
    eprintln!(
        "{name}: {} B body, {} nodes ({} containers), {:.1} body B/node; index {} B/node + {} B/container = {per_node:.1} B/node avg; index/body = {:.3}",
        body.len(),
        index.len(),
        index.container_count(),
        len / index.len() as f64,
        JsonIndex::NODE_BYTES,
        JsonIndex::CONTAINER_BYTES,
        index.index_bytes() as f64 / len,
    );
    let started = Instant::now();
    drop(index);
    let dropped = started.elapsed();
    if let (Some(before), Some(after)) = (before, after) {
        eprintln!(
            "{name}: first build {built:.1?}, resident +{:.3}× body, drop {dropped:.1?}",
            after.saturating_sub(before) as f64 / len
        );
    }
}

fn index_build(c: &mut Criterion) {
    let bodies: Vec<(&str, Bytes)> = SIZES
        .iter()
        .map(|&(name, size)| (name, Bytes::from(support_json::servers_detail(size))))
        .collect();
    for (name, body) in &bodies {
        report_memory(name, body);
    }
    let mut group = c.benchmark_group("json_index");
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    for (name, body) in &bodies {
        group.throughput(Throughput::Bytes(body.len() as u64));
        if body.len() > 50 << 20 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(4));
        } else {
            group.sample_size(20);
            group.measurement_time(Duration::from_secs(3));
        }
        group.bench_function(format!("index_build_{name}"), |b| {
            // Dropping the index is left out of the timing: the app drops it off the loop.
            b.iter_with_large_drop(|| JsonIndex::build(black_box(body.clone())));
        });
        group.bench_function(format!("serde_ignored_any_{name}"), |b| {
            b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(body)));
        });
    }
    group.finish();
}

criterion_group!(benches, index_build);
criterion_main!(benches);
