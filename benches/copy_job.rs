//! `yy` on the root of a 100 MB `servers/detail` body, the part done off the loop: the copy
//! is over the clipboard's cap (750 KB), and it must be refused without first making 130 MB of
//! pretty text for nothing. A value under the cap is made and copied as before.
//! Run: `cargo bench --bench copy_job`.

#[path = "support_json/mod.rs"]
mod support_json;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use fiddlestack::app::copy::{CopyJob, CopySource, ValueForm};
use fiddlestack::json::index::JsonIndex;

const CAP: usize = 750 * 1024;

fn copy_job(c: &mut Criterion) {
    let body = support_json::servers_detail(100 << 20);
    let index = Arc::new(JsonIndex::build(Bytes::from(body)).expect("valid JSON"));
    let root = index.root().expect("a root");
    let mut group = c.benchmark_group("copy_job_100mb");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for (name, form) in [
        ("pretty_root_refused", ValueForm::Pretty),
        ("compact_root_refused", ValueForm::Compact),
    ] {
        let job = CopyJob::new(
            "the value",
            CopySource::Value {
                index: Arc::clone(&index),
                node: root,
                form,
            },
            CAP,
        );
        group.bench_function(name, |b| b.iter(|| black_box(job.run()).is_err()));
    }
    // The first server: under the cap, made whole.
    let first = index
        .children(index.first_child(root).expect("servers"))
        .next()
        .expect("a server");
    let job = CopyJob::new(
        "the value",
        CopySource::Value {
            index: Arc::clone(&index),
            node: first,
            form: ValueForm::Pretty,
        },
        CAP,
    );
    group.bench_function("pretty_one_server_copied", |b| {
        b.iter(|| black_box(job.run()).is_ok());
    });
    group.finish();
}

criterion_group!(benches, copy_job);
criterion_main!(benches);
