use std::time::{Duration, Instant, SystemTime};

use super::*;

fn stored(id: RequestId, method: &str, url: &str, status: Option<u16>) -> Entry {
    Entry::new(
        id,
        method.into(),
        url.into(),
        (Instant::now(), SystemTime::UNIX_EPOCH),
        EntryState::Stored(Box::new(StoredRow {
            key: i64::try_from(id).expect("small"),
            status,
            size: 10,
            total: Duration::from_millis(5),
            cloud: None,
            loading: false,
            origin: RowOrigin::EarlierRun,
        })),
        false,
    )
}

fn in_flight(id: RequestId, url: &str) -> Entry {
    Entry::new(
        id,
        "GET".into(),
        url.into(),
        (Instant::now(), SystemTime::now()),
        EntryState::InFlight,
        false,
    )
}

/// Earlier runs' entries given newest first, as the list shows them (the app takes them
/// oldest first).
fn add_newest_first(history: &mut History, mut entries: Vec<Entry>) {
    entries.reverse();
    history.add_earlier(entries);
}

/// Each row: its entry's URL, a fold as `[n folded]` or `[n open]`, an open fold's member
/// as `· URL`.
fn urls(history: &History) -> Vec<String> {
    history
        .newest_first()
        .map(|row| match row {
            Shown::Entry {
                entry,
                in_fold: false,
            } => entry.url.clone(),
            Shown::Entry {
                entry,
                in_fold: true,
            } => format!("· {}", entry.url),
            Shown::Fold { entries, open } => {
                format!(
                    "[{} {}]",
                    entries.len(),
                    if open { "open" } else { "folded" }
                )
            }
        })
        .collect()
}

fn automatic(id: RequestId, url: &str) -> Entry {
    let mut entry = in_flight(id, url);
    entry.automatic = true;
    entry
}

#[test]
fn a_starts_automatic_exchanges_fold_into_one_row_that_enter_opens() {
    let mut history = History::default();
    history.push_quietly(automatic(1, "http://k/v3/auth/tokens"));
    history.push_quietly(automatic(2, "http://nova/"));
    history.push_quietly(automatic(3, "http://glance/"));
    assert_eq!(urls(&history), ["[3 folded]"]);
    history.push(in_flight(4, "http://nova/v2.1/flavors"));
    // A lone renewal stays a row of its own.
    history.push_quietly(automatic(5, "http://k/v3/auth/tokens"));
    assert_eq!(
        urls(&history),
        [
            "http://k/v3/auth/tokens",
            "http://nova/v2.1/flavors",
            "[3 folded]"
        ]
    );
    assert_eq!(history.selected_entry().map(|e| e.id), Some(4));
    // Enter on the fold opens it: its members show under it, newest first.
    history.select(2);
    assert!(history.fold_selected());
    assert!(history.toggle_fold());
    assert_eq!(
        urls(&history),
        [
            "http://k/v3/auth/tokens",
            "http://nova/v2.1/flavors",
            "[3 open]",
            "· http://glance/",
            "· http://nova/",
            "· http://k/v3/auth/tokens"
        ]
    );
    assert_eq!(history.selected, 2, "the selection stays on the fold");
    // Enter again closes it.
    assert!(history.toggle_fold());
    assert_eq!(urls(&history)[2], "[3 folded]");
    // On a row that is not a fold, nothing happens.
    history.select(1);
    assert!(!history.toggle_fold());
    // The filter shows every entry it keeps, folded or not: `auto` finds each.
    history.set_filter("auto");
    assert_eq!(history.len(), 4);
    history.set_filter("");
    assert_eq!(history.len(), 3);
}

#[test]
fn automatic_exchanges_that_arrive_one_by_one_join_the_run_before_them() {
    let mut history = History::default();
    history.push(in_flight(1, "http://h/servers"));
    history.push_quietly(automatic(2, "http://k/v3/auth/tokens"));
    assert_eq!(history.len(), 2);
    assert_eq!(history.selected_entry().map(|e| e.id), Some(1));
    history.push_quietly(automatic(3, "http://nova/"));
    assert_eq!(urls(&history), ["[2 folded]", "http://h/servers"]);
    assert_eq!(history.selected_entry().map(|e| e.id), Some(1));
    // Open, then one more arrives: it shows inside the open fold.
    history.select(0);
    history.toggle_fold();
    history.push_quietly(automatic(4, "http://glance/"));
    assert_eq!(
        urls(&history),
        [
            "[3 open]",
            "· http://glance/",
            "· http://nova/",
            "· http://k/v3/auth/tokens",
            "http://h/servers"
        ]
    );
    // Earlier runs' folds fold too, and positions moving under them keep folds open.
    let mut earlier = vec![
        automatic(10, "http://k/v3/auth/tokens"),
        automatic(11, "http://nova/"),
    ];
    earlier.reverse();
    history.add_earlier(earlier);
    assert_eq!(
        urls(&history).last().map(String::as_str),
        Some("[2 folded]")
    );
    assert_eq!(urls(&history)[0], "[3 open]");
}

#[test]
fn earlier_runs_go_below_this_runs_and_the_selection_stays() {
    let mut history = History::default();
    history.push(in_flight(1, "http://h/now"));
    history.push(in_flight(2, "http://h/later"));
    history.select(1);
    add_newest_first(
        &mut history,
        vec![
            stored(10, "GET", "http://h/yesterday", Some(200)),
            stored(11, "GET", "http://h/last-week", Some(404)),
        ],
    );
    assert_eq!(
        urls(&history),
        [
            "http://h/later",
            "http://h/now",
            "http://h/yesterday",
            "http://h/last-week"
        ]
    );
    assert_eq!(history.selected_entry().map(|e| e.id), Some(1));
    assert!(history.any_in_flight());
    assert_eq!(history.cancellable(), Some(1));
}

#[test]
fn the_filter_narrows_the_rows_and_keeps_the_selected_one() {
    let mut history = History::default();
    add_newest_first(
        &mut history,
        vec![
            stored(3, "DELETE", "http://h/servers/1", Some(204)),
            stored(2, "GET", "http://h/servers", Some(500)),
            stored(1, "GET", "http://h/flavors", Some(404)),
        ],
    );
    history.select(1);
    history.set_filter("servers");
    assert_eq!(urls(&history), ["http://h/servers/1", "http://h/servers"]);
    assert_eq!(history.selected_entry().map(|e| e.id), Some(2));
    assert_eq!((history.len(), history.total()), (2, 3));
    history.set_filter(">=400");
    assert_eq!(urls(&history), ["http://h/servers", "http://h/flavors"]);
    assert_eq!(history.selected_entry().map(|e| e.id), Some(2));
    history.set_filter("=404");
    assert_eq!(
        history.selected_entry().map(|e| e.id),
        Some(1),
        "the only row"
    );
    history.set_filter("nothing-like-this");
    assert!(history.is_empty());
    assert!(history.selected_entry().is_none());
    history.set_filter("");
    assert_eq!(history.len(), 3);
}

#[test]
fn moving_stays_within_the_filtered_rows() {
    let mut history = History::default();
    add_newest_first(
        &mut history,
        (1..=6)
            .rev()
            .map(|i| stored(i, "GET", &format!("http://h/{}/{i}", i % 2), Some(200)))
            .collect(),
    );
    history.set_filter("/1/");
    assert_eq!(history.len(), 3);
    history.move_selection(10);
    assert_eq!(history.selected, 2);
    assert_eq!(history.selected_entry().map(|e| e.id), Some(1));
    history.select(usize::MAX);
    assert_eq!(history.selected, 2);
}

#[test]
fn a_new_request_the_filter_would_hide_clears_the_filter() {
    let mut history = History::default();
    add_newest_first(
        &mut history,
        vec![stored(1, "GET", "http://h/flavors", Some(200))],
    );
    history.set_filter("flavors");
    history.push(in_flight(2, "http://h/servers"));
    assert_eq!(history.filter_text(), "");
    assert_eq!(history.selected_entry().map(|e| e.id), Some(2));
    // One the filter keeps leaves it be.
    history.set_filter("servers");
    history.push(in_flight(3, "http://h/servers/detail"));
    assert_eq!(history.filter_text(), "servers");
    assert_eq!(
        urls(&history),
        ["http://h/servers/detail", "http://h/servers"]
    );
}

#[test]
fn a_request_in_flight_stays_in_a_status_filtered_list() {
    let mut history = History::default();
    add_newest_first(
        &mut history,
        vec![stored(1, "GET", "http://h/servers", Some(201))],
    );
    history.set_filter("=201 servers");
    history.push(in_flight(2, "http://h/servers"));
    assert_eq!(history.filter_text(), "=201 servers");
    assert_eq!(history.len(), 2);
    // Its words still count.
    history.push(in_flight(3, "http://h/flavors"));
    assert_eq!(history.filter_text(), "");
}

#[test]
fn an_automatic_exchange_the_filter_hides_does_not_move_the_selection() {
    let mut history = History::default();
    history.push(in_flight(1, "http://h/servers"));
    history.set_filter("servers");
    history.push_quietly(in_flight(2, "http://keystone/v3/auth/tokens"));
    assert_eq!(history.len(), 1);
    assert_eq!(history.total(), 2);
    assert_eq!(history.selected_entry().map(|e| e.id), Some(1));
    history.set_filter("");
    assert_eq!(history.selected_entry().map(|e| e.id), Some(1));
}

#[test]
fn stored_rows_report_status_and_size_and_an_awaited_load() {
    let mut entry = stored(1, "GET", "http://h/", Some(201));
    assert_eq!(entry.status(), Some(201));
    assert_eq!(entry.size(), Some(10));
    assert!(!entry.is_awaited());
    if let EntryState::Stored(row) = &mut entry.state {
        row.loading = true;
    }
    assert!(entry.is_awaited());
    assert!(
        !entry.is_in_flight(),
        "a load is not a request Esc can cancel"
    );
    assert_eq!(stored(2, "GET", "http://h/", None).size(), None);
}
