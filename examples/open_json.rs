//! What fiddlestack does off the loop when a JSON response arrives — index the body, open its
//! Tree, find its Table, lay out its Pretty lines — on a file, timed, for comparing with other
//! tools on the same bytes (`benches/compare.sh` runs it beside `jq empty`).
//!
//! ```text
//! cargo run --release --example open_json -- generate 100 /tmp/servers.json
//! cargo run --release --example open_json -- open /tmp/servers.json
//! ```
#![allow(clippy::print_stdout)]

#[path = "../benches/support_json/mod.rs"]
mod support_json;

use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use fiddlestack::app::document::LineKind;
use fiddlestack::json::index::JsonIndex;
use fiddlestack::json::pretty_lines::PrettyLines;
use fiddlestack::json::table::find_table;
use fiddlestack::json::tree::TreeState;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [verb, mb, path] if verb == "generate" => {
            let body = support_json::servers_detail(mb.parse::<usize>()? << 20);
            std::fs::write(path, &body)?;
            println!("wrote {} bytes to {path}", body.len());
        }
        [verb, path] if verb == "open" => open(path)?,
        _ => {
            eprintln!("usage: open_json generate MB PATH | open_json open PATH");
            std::process::exit(2);
        }
    }
    Ok(())
}

fn open(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let body = Bytes::from(std::fs::read(path)?);
    let read = started.elapsed();
    let started = Instant::now();
    let index = Arc::new(JsonIndex::build_auto(body.clone())?);
    let indexed = started.elapsed();
    let started = Instant::now();
    let tree = TreeState::new(Arc::clone(&index), 40);
    let table = find_table(&index, None);
    let pretty = PrettyLines::new(Arc::clone(&index));
    let views = started.elapsed();
    // Raw's rows: the body wrapped to 118 columns (what `G` in Raw measures, once).
    let started = Instant::now();
    let raw = fiddlestack::app::document::Document::text(body.clone(), LineKind::Json);
    let rows = raw.wrapped_count(118);
    let wrapped = started.elapsed();
    println!(
        "{} bytes: read {read:.1?}, indexed {indexed:.1?} ({} nodes, index {:.2}× the body), \
         tree + table + pretty {views:.1?} ({} tree rows, table: {}, {} pretty lines), \
         Raw wrapped to 118 columns {wrapped:.1?} ({rows} rows)",
        body.len(),
        index.len(),
        index.index_bytes() as f64 / body.len() as f64,
        tree.row_count(),
        table.is_some(),
        pretty.len(),
    );
    Ok(())
}
