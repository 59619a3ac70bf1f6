//! Search over compact nova `servers/detail` bodies of 1, 10 and 100 MB made in memory: every
//! match of a common word, a rare one and a regex with classes, mapped to nodes, beside the
//! bare `regex::bytes` scan of the same pattern (the baseline: what mapping to nodes adds).
//! Run: `cargo bench --bench json_search`. The bar (issue 4): all matches in 100 MB ≤ 100 ms.
//! Match and node counts are printed once, before the timings.

mod support_json;

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use fiddlestack::json::index::JsonIndex;
use fiddlestack::json::search::{SearchQuery, search};

const SIZES: [(&str, usize); 3] = [("1mb", 1 << 20), ("10mb", 10 << 20), ("100mb", 100 << 20)];

/// (name, pattern): `id` is in some 17 keys of every server (`tenant_id`, `hostId`: smart case
/// ignores case), `compute` in five values (hrefs, host names), `ansible` in one server's
/// notes out of nine, `servers_links` is a single key at the very end, and the address regex
/// starts with a literal but needs the lazy DFA after it.
const PATTERNS: [(&str, &str); 5] = [
    ("keys", "id"),
    ("common", "compute"),
    ("uncommon", "ansible"),
    ("rare", "servers_links"),
    ("regex", r"10\.\d+\.\d+\.\d+"),
];

fn json_search(c: &mut Criterion) {
    let indexes: Vec<(&str, JsonIndex)> = SIZES
        .iter()
        .map(|&(name, size)| {
            let body = Bytes::from(support_json::servers_detail(size));
            (
                name,
                JsonIndex::build(body).expect("generated body is valid"),
            )
        })
        .collect();
    let queries: Vec<(&str, SearchQuery)> = PATTERNS
        .iter()
        .map(|&(name, pattern)| (name, SearchQuery::parse(pattern).expect("valid pattern")))
        .collect();
    let cancel = AtomicBool::new(false);
    for (size, index) in &indexes {
        for (name, query) in &queries {
            let started = Instant::now();
            let hits = search(index, query, &cancel).expect("not cancelled");
            eprintln!(
                "{size} {name} `{}`: {} matches in {} nodes ({} in keys), first run {:.1?}",
                query.text(),
                hits.count(),
                hits.nodes().len(),
                hits.matches().iter().filter(|hit| hit.in_key).count(),
                started.elapsed(),
            );
        }
    }

    // The worst a user can type: a letter nearly everywhere stops at `MAX_HITS` matches.
    for (size, index) in &indexes {
        let query = SearchQuery::parse("e").expect("valid pattern");
        let started = Instant::now();
        let hits = search(index, &query, &cancel).expect("not cancelled");
        eprintln!(
            "{size} dense `e`: {} matches{} in {} nodes, {:.1?}",
            hits.count(),
            if hits.is_truncated() { " (capped)" } else { "" },
            hits.nodes().len(),
            started.elapsed(),
        );
    }

    let mut group = c.benchmark_group("json_search");
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    for (size, index) in &indexes {
        group.throughput(Throughput::Bytes(index.body().len() as u64));
        if index.body().len() > 50 << 20 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(3));
        } else {
            group.sample_size(20);
            group.measurement_time(Duration::from_secs(2));
        }
        for (name, query) in &queries {
            group.bench_function(format!("search_{name}_{size}"), |b| {
                b.iter(|| search(black_box(index), query, &cancel));
            });
            group.bench_function(format!("regex_only_{name}_{size}"), |b| {
                b.iter(|| query.regex().find_iter(black_box(index.body())).count());
            });
        }
    }
    group.finish();
}

criterion_group!(benches, json_search);
criterion_main!(benches);
