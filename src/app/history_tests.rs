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

fn urls(history: &History) -> Vec<&str> {
    history.newest_first().map(|e| e.url.as_str()).collect()
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
