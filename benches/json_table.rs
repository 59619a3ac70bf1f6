//! The Table view's model on big arrays, made in memory: a nova `flavors/detail`-like array of
//! 100 000 flavors (14 keys each, one key only in row 50 000, `description` missing from a
//! third) and a 10 MB `servers/detail` body (44 keys a server, from `support_json`).
//! Run: `cargo bench --bench json_table`. What it measures: building the model (the column
//! scan, done once off the loop), sorting 100 000 rows by a number and by a string (off the
//! loop), and what a frame costs: the cells (cell by cell, and row by row with `row_cells`)
//! and widths of 60 visible rows. One-off timings
//! (first build, `render_text` of the whole table) are printed before the criterion figures.

mod support_json;

use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use fiddlestack::json::index::JsonIndex;
use fiddlestack::json::table::{Nested, TableModel, find_table, render_text};

const ROWS: usize = 100_000;
const VISIBLE: usize = 60;

/// `{"flavors": [...]}` with `rows` flavors in a scrambled order, names in mixed case.
fn flavors(rows: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 480);
    out.push_str(r#"{"flavors":["#);
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for i in 0..rows {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        if i > 0 {
            out.push(',');
        }
        let vcpus = 1u64 << (seed % 6);
        let family = ["m1", "M1", "c2", "r5", "Gpu"][(seed >> 8) as usize % 5];
        let _ = write!(
            out,
            r#"{{"id":"{i}","name":"{family}.flavor-{:05}","ram":{},"disk":{},"vcpus":{vcpus},"OS-FLV-EXT-DATA:ephemeral":0,"swap":"","rxtx_factor":1.0,"os-flavor-access:is_public":{},"#,
            (seed >> 16) % 100_000,
            vcpus * 2048,
            (seed >> 24) % 500,
            !seed.is_multiple_of(7),
        );
        if !i.is_multiple_of(3) {
            out.push_str(r#""description":"General purpose, \"burstable\"","#);
        }
        if i == rows / 2 {
            out.push_str(r#""OS-FLV-DISABLED:disabled":true,"#);
        }
        let _ = write!(
            out,
            r#""extra_specs":{{"hw:cpu_policy":"shared","hw_rng:allowed":"True"}},"links":[{{"rel":"self","href":"https://compute.example.com/v2.1/flavors/{i}"}},{{"rel":"bookmark","href":"https://compute.example.com/flavors/{i}"}}]}}"#
        );
    }
    out.push_str(r#"],"flavors_links":[]}"#);
    out.into_bytes()
}

fn model_of(index: &Arc<JsonIndex>) -> TableModel {
    let array = find_table(index, None).expect("a table");
    TableModel::new(Arc::clone(index), array)
}

/// Every visible cell of `VISIBLE` rows from display position `first`: one frame's work.
fn frame(model: &TableModel, first: usize) -> usize {
    let columns = model.visible_columns();
    let mut bytes = 0;
    for position in first..first + VISIBLE {
        let row = model.row_at(position);
        for &c in &columns {
            bytes += model.cell(row, c).map_or(0, |cell| cell.text.len());
        }
    }
    bytes
}

/// `frame` through `row_cells`: one pass over each row's members.
fn frame_by_rows(model: &TableModel, first: usize) -> usize {
    let columns = model.visible_columns();
    let mut bytes = 0;
    for position in first..first + VISIBLE {
        for cell in model
            .row_cells(model.row_at(position), &columns)
            .into_iter()
            .flatten()
        {
            bytes += cell.text.len();
        }
    }
    bytes
}

fn report(name: &str, index: &Arc<JsonIndex>) {
    let started = Instant::now();
    let model = model_of(index);
    let built = started.elapsed();
    let started = Instant::now();
    let text = render_text(&model, usize::MAX);
    let rendered = started.elapsed();
    eprintln!(
        "{name}: {} B body, {} rows × {} columns; first model build {built:.1?} ({} B of rows); render_text of every row {rendered:.1?} ({} B of text)",
        index.body().len(),
        model.row_count(),
        model.columns().len(),
        model.row_count() * 4,
        text.len(),
    );
}

fn table(c: &mut Criterion) {
    let flavors = Arc::new(JsonIndex::build(Bytes::from(flavors(ROWS))).expect("valid flavors"));
    let servers = Arc::new(
        JsonIndex::build(Bytes::from(support_json::servers_detail(10 << 20)))
            .expect("valid servers"),
    );
    report("flavors_100k", &flavors);
    report("servers_10mb", &servers);

    let mut group = c.benchmark_group("json_table");
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.sample_size(20);

    group.bench_function("model_build_100k", |b| {
        b.iter_with_large_drop(|| model_of(black_box(&flavors)));
    });
    let mut model = model_of(&flavors);
    let ram = column(&model, "ram");
    let name = column(&model, "name");
    group.bench_function("sort_number_100k", |b| {
        b.iter(|| model.sort_job(black_box(ram), false).run());
    });
    group.bench_function("sort_string_100k", |b| {
        b.iter(|| model.sort_job(black_box(name), true).run());
    });

    group.sample_size(50);
    assert!(model.install(model.sort_job(name, false).run()));
    let middle = ROWS / 2;
    group.bench_function("cells_60_rows_flavors", |b| {
        b.iter(|| frame(black_box(&model), middle));
    });
    group.bench_function("row_cells_60_rows_flavors", |b| {
        b.iter(|| frame_by_rows(black_box(&model), middle));
    });
    group.bench_function("widths_60_rows_flavors", |b| {
        b.iter(|| model.widths((middle..middle + VISIBLE).map(|p| model.row_at(p))));
    });
    model.set_nested(Nested::OneLine);
    group.bench_function("cells_60_rows_flavors_one_line", |b| {
        b.iter(|| frame(black_box(&model), middle));
    });
    let servers_model = model_of(&servers);
    group.bench_function("cells_60_rows_servers_44_columns", |b| {
        b.iter(|| frame(black_box(&servers_model), 1000));
    });
    group.bench_function("row_cells_60_rows_servers_44_columns", |b| {
        b.iter(|| frame_by_rows(black_box(&servers_model), 1000));
    });
    group.finish();
}

fn column(model: &TableModel, name: &str) -> usize {
    model
        .columns()
        .iter()
        .position(|c| c.name() == name)
        .expect("column present")
}

criterion_group!(benches, table);
criterion_main!(benches);
