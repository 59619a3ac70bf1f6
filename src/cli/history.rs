//! `fiddlestack history list [FILTER…]` and `fiddlestack history clear`: the history database
//! from the command line (it may be open in a running TUI meanwhile: WAL lets both work).
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::SystemTime;

use super::{ExitStatus, HistoryArgs, HistoryCommand};
use crate::app::history_filter::{Fields, HistoryFilter};
use crate::app::history_tab::age;
use crate::config;
use crate::store::history::HistoryDb;
use crate::text::sanitize;

pub fn run(config_path: Option<&Path>, args: &HistoryArgs) -> ExitStatus {
    // Read for its warnings only: `[history]` limits apply when the TUI writes.
    if let Err(status) = super::load_config(config_path) {
        return status;
    }
    let Some(dir) = config::data_dir() else {
        eprintln!("fiddlestack: no data directory (set FIDDLESTACK_DATA_DIR or HOME)");
        return ExitStatus::NotSent;
    };
    let mut db = match HistoryDb::open(&dir) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("fiddlestack: {e}");
            return ExitStatus::NotSent;
        }
    };
    match &args.command {
        HistoryCommand::List { filter, limit } => list(&db, &filter.join(" "), *limit),
        HistoryCommand::Clear => match db.clear() {
            Ok(gone) => {
                println!("removed {gone} exchanges from {}", db.path().display());
                ExitStatus::Ok
            }
            Err(e) => {
                eprintln!("fiddlestack: the history could not be cleared: {e}");
                ExitStatus::NotSent
            }
        },
    }
}

/// Newest first, one line each: age, status, method, URL, size, cloud.
fn list(db: &HistoryDb, filter: &str, limit: usize) -> ExitStatus {
    let summaries = match db.summaries(usize::MAX >> 1) {
        Ok(summaries) => summaries,
        Err(e) => {
            eprintln!("fiddlestack: the history could not be read: {e}");
            return ExitStatus::NotSent;
        }
    };
    let filter = HistoryFilter::parse(filter);
    let now = SystemTime::now();
    let mut shown = 0;
    for summary in &summaries {
        let url_lower = summary.url.to_ascii_lowercase();
        let fields = Fields {
            method: &summary.method,
            url_lower: &url_lower,
            status: summary.status,
            cloud: summary.cloud.as_deref(),
            automatic: summary.automatic,
        };
        if !filter.is_empty() && !filter.matches(&fields) {
            continue;
        }
        if shown == limit {
            break;
        }
        shown += 1;
        let status = summary
            .status
            .map_or_else(|| "ERR".to_owned(), |s| s.to_string());
        println!(
            "{:>4} {status:>3} {}{:<7} {} {}B{}",
            age(now.duration_since(summary.started).unwrap_or_default()),
            if summary.automatic { '*' } else { ' ' },
            sanitize(&summary.method),
            sanitize(&summary.url),
            summary.size,
            summary
                .cloud
                .as_deref()
                .map(|c| format!(" [{}]", sanitize(c)))
                .unwrap_or_default(),
        );
    }
    ExitStatus::Ok
}
