//! The Tree view's state on compact nova `servers/detail` bodies of 1, 10 and 100 MB made in
//! memory: each navigation key (down, page down, `G`/`g`, toggling one server, toggling the
//! whole `servers` array) together with fetching the 60 rows drawn after it, on the fully
//! expanded document (the most rows); and the global commands (expand all, collapse all,
//! collapse to depth 2) and the opening state.
//! Run: `cargo bench --bench json_tree`. The bars (issue 4): a key independent of the size (the
//! 100 MB case within 3× the 1 MB case) and far under 1 ms; global commands ≤ 50 ms at 100 MB.

mod support_json;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use fiddlestack::json::index::JsonIndex;
use fiddlestack::json::tree::{TreeMove, TreeState};

const SIZES: [(&str, usize); 3] = [("1mb", 1 << 20), ("10mb", 10 << 20), ("100mb", 100 << 20)];
const PAGE: usize = 60;

/// The 60 rows drawn after a key: touch each so none is optimised away.
fn draw(tree: &TreeState) -> usize {
    let first = tree.scroll();
    tree.visible_rows(first, PAGE)
        .map(|row| row.node ^ row.depth)
        .fold(0, |a, b| a ^ b)
}

fn expanded(index: &Arc<JsonIndex>) -> TreeState {
    let mut tree = TreeState::new(Arc::clone(index), PAGE);
    tree.apply(TreeMove::ExpandAll, 1);
    tree
}

/// `key`, or `back` when the cursor reached the last row (so the run never idles at the end).
fn key_or_back(tree: &mut TreeState, key: TreeMove, back: TreeMove) -> usize {
    let last = tree.row_count() - 1;
    if tree.cursor_row() == Some(last) {
        tree.apply(back, 1);
    } else {
        tree.apply(key, 1);
    }
    draw(tree)
}

fn tree_keys(c: &mut Criterion) {
    let indexes: Vec<(&str, Arc<JsonIndex>)> = SIZES
        .iter()
        .map(|&(name, size)| {
            let body = Bytes::from(support_json::servers_detail(size));
            let index = JsonIndex::build(body).expect("generated body is valid");
            (name, Arc::new(index))
        })
        .collect();
    for (name, index) in &indexes {
        let tree = TreeState::new(Arc::clone(index), PAGE);
        eprintln!(
            "{name}: {} nodes; tree state {} B = {:.2} B/node; opens with {} rows on a {PAGE}-row pane",
            index.len(),
            tree.heap_bytes(),
            tree.heap_bytes() as f64 / index.len() as f64,
            tree.row_count(),
        );
    }

    let mut keys = c.benchmark_group("json_tree_key");
    keys.warm_up_time(Duration::from_millis(500));
    keys.measurement_time(Duration::from_secs(2));
    keys.sample_size(30);
    for (name, index) in &indexes {
        let mut tree = expanded(index);
        tree.apply(TreeMove::GoToRow(tree.row_count() / 2), 1);
        keys.bench_function(format!("down_{name}"), |b| {
            b.iter(|| key_or_back(black_box(&mut tree), TreeMove::Down, TreeMove::Top));
        });
        keys.bench_function(format!("page_down_{name}"), |b| {
            b.iter(|| key_or_back(black_box(&mut tree), TreeMove::PageDown, TreeMove::Top));
        });
        keys.bench_function(format!("bottom_top_{name}"), |b| {
            b.iter(|| key_or_back(black_box(&mut tree), TreeMove::Bottom, TreeMove::Top));
        });
        // A server in the middle of the list, folded and unfolded in turn.
        let servers = 1;
        let middle = index.children(servers).nth(index.child_count(servers) / 2);
        tree.reveal(middle.expect("servers has entries"));
        keys.bench_function(format!("toggle_server_{name}"), |b| {
            b.iter(|| {
                tree.apply(black_box(TreeMove::Toggle), 1);
                draw(&tree)
            });
        });
        // The whole list: the widest fold there is (every node but a few).
        tree.reveal(servers);
        keys.bench_function(format!("toggle_servers_{name}"), |b| {
            b.iter(|| {
                tree.apply(black_box(TreeMove::Toggle), 1);
                draw(&tree)
            });
        });
    }
    keys.finish();

    let mut global = c.benchmark_group("json_tree_global");
    global.sampling_mode(SamplingMode::Flat);
    global.warm_up_time(Duration::from_millis(500));
    for (name, index) in &indexes {
        if index.len() > 1_000_000 {
            global.sample_size(10);
            global.measurement_time(Duration::from_secs(3));
        } else {
            global.sample_size(20);
            global.measurement_time(Duration::from_secs(2));
        }
        let mut tree = expanded(index);
        global.bench_function(format!("expand_all_{name}"), |b| {
            b.iter(|| {
                tree.apply(black_box(TreeMove::ExpandAll), 1);
                draw(&tree)
            });
        });
        global.bench_function(format!("collapse_all_{name}"), |b| {
            b.iter(|| {
                tree.apply(black_box(TreeMove::CollapseAll), 1);
                draw(&tree)
            });
        });
        global.bench_function(format!("collapse_to_depth_2_{name}"), |b| {
            b.iter(|| {
                tree.apply(black_box(TreeMove::CollapseToDepth(2)), 1);
                draw(&tree)
            });
        });
        global.bench_function(format!("open_{name}"), |b| {
            b.iter(|| TreeState::new(Arc::clone(black_box(index)), PAGE));
        });
    }
    global.finish();
}

criterion_group!(benches, tree_keys);
criterion_main!(benches);
