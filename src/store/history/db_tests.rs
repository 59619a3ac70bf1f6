use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use super::*;
use crate::store::history::codec::{Context, Keeping, from_row, to_row};

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("fiddlestack-history-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

fn row(started_ms: i64, url: &str, status: Option<u16>) -> Row {
    Row {
        started_ms,
        method: "GET".into(),
        url: url.into(),
        status,
        cloud: None,
        automatic: false,
        total_us: 1000,
        size: 12,
        request_headers: b"Accept: */*\n".to_vec(),
        request_body: Vec::new(),
        particulars: "{}".into(),
        response_headers: b"content-type: text/plain\n".to_vec(),
        response_body: b"hello, world".to_vec(),
    }
}

#[test]
fn rows_come_back_newest_first_and_whole() {
    let dir = temp_dir("round-trip");
    let mut db = HistoryDb::open(&dir).expect("open");
    let ids = db
        .insert(&[
            row(1000, "http://a/1", Some(200)),
            row(2000, "http://a/2", None),
        ])
        .expect("insert");
    let list = db.summaries(10).expect("summaries");
    assert_eq!(
        list.iter().map(|s| s.url.as_str()).collect::<Vec<_>>(),
        ["http://a/2", "http://a/1"]
    );
    assert_eq!(list[0].status, None);
    assert_eq!(list[1].started, UNIX_EPOCH + Duration::from_secs(1));
    assert_eq!(
        db.load(ids[0]).expect("load"),
        Some(row(1000, "http://a/1", Some(200)))
    );
    assert_eq!(db.load(9999).expect("load"), None);
    drop(db);
    // A second open sees the same rows.
    let again = HistoryDb::open(&dir).expect("reopen");
    assert_eq!(again.count().expect("count"), 2);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_exchange_survives_the_database() {
    let dir = temp_dir("exchange");
    let mut db = HistoryDb::open(&dir).expect("open");
    let exchange = crate::http::Exchange {
        request: crate::http::SentRequest {
            method: "DELETE".into(),
            url: "http://127.0.0.1:9/servers/1".into(),
            headers: vec![("Accept".into(), "application/json".into())],
            body: bytes::Bytes::new(),
        },
        outcome: Err(crate::http::HttpError::Timeout {
            after: Duration::from_secs(3),
        }
        .into()),
        timings: crate::http::Timings {
            started_at: UNIX_EPOCH + Duration::from_millis(5),
            first_byte: None,
            total: Duration::from_secs(3),
            phases: None,
        },
    };
    let context = Context {
        cloud: None,
        automatic: true,
    };
    let ids = db
        .insert(&[to_row(&exchange, &context, Keeping::default())])
        .expect("insert");
    let back = from_row(db.load(ids[0]).expect("load").expect("kept"));
    assert_eq!(back.request, exchange.request);
    assert_eq!(
        back.outcome.expect_err("failed").to_string(),
        "no complete response within 3.0 s (request timeout)"
    );
    assert!(db.summaries(1).expect("list")[0].automatic);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn retention_keeps_the_newest_and_drops_the_old() {
    let dir = temp_dir("retention");
    let mut db = HistoryDb::open(&dir).expect("open");
    let now = UNIX_EPOCH + Duration::from_hours(100 * 24);
    let day = 24 * 3600 * 1000;
    let rows: Vec<Row> = (0..10)
        .map(|i| row(100 * day - i * day, &format!("http://a/{i}"), Some(200)))
        .collect();
    db.insert(&rows).expect("insert");
    let retention = Retention {
        max_entries: 5,
        max_age: Some(Duration::from_hours(7 * 24)),
    };
    assert_eq!(db.prune(retention, now).expect("prune"), 5);
    let kept: Vec<String> = db
        .summaries(100)
        .expect("list")
        .into_iter()
        .map(|s| s.url)
        .collect();
    assert_eq!(
        kept,
        [
            "http://a/0",
            "http://a/1",
            "http://a/2",
            "http://a/3",
            "http://a/4"
        ]
    );
    let older = Retention {
        max_entries: 100,
        max_age: Some(Duration::from_secs(2 * 24 * 3600 + 1)),
    };
    assert_eq!(db.prune(older, now).expect("prune"), 2);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn clear_empties_the_file_of_old_bodies() {
    let dir = temp_dir("clear");
    let mut db = HistoryDb::open(&dir).expect("open");
    let mut marked = row(1, "http://a/1", Some(200));
    marked.response_body = b"UNMISTAKABLE-BODY-MARKER".repeat(100);
    db.insert(&[marked]).expect("insert");
    assert_eq!(db.clear().expect("clear"), 1);
    assert_eq!(db.count().expect("count"), 0);
    drop(db);
    for name in [FILE_NAME, "history.sqlite3-wal"] {
        if let Ok(bytes) = fs::read(dir.join(name)) {
            assert!(
                memchr::memmem::find(&bytes, b"UNMISTAKABLE-BODY-MARKER").is_none(),
                "{name} still holds the body"
            );
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn the_file_and_its_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("modes");
    let mut db = HistoryDb::open(&dir).expect("open");
    db.insert(&[row(1, "http://a/1", Some(200))])
        .expect("insert");
    for name in [FILE_NAME, "history.sqlite3-wal", "history.sqlite3-shm"] {
        let mode = fs::metadata(dir.join(name))
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }
    let mode = fs::metadata(&dir).expect("dir").permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    drop(db);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_kept() {
    let dir = temp_dir("corrupt");
    fs::create_dir_all(&dir).expect("dir");
    let junk = b"this is not sqlite, it is a shopping list\n".repeat(200);
    fs::write(dir.join(FILE_NAME), &junk).expect("write");
    let error = HistoryDb::open(&dir).err().expect("refused");
    assert!(error.to_string().contains(FILE_NAME), "{error}");
    assert!(error.to_string().contains("not a database"), "{error}");
    assert_eq!(fs::read(dir.join(FILE_NAME)).expect("kept"), junk);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_newer_schema_is_left_alone() {
    let dir = temp_dir("newer");
    drop(HistoryDb::open(&dir).expect("open"));
    let conn = Connection::open(dir.join(FILE_NAME)).expect("raw open");
    conn.pragma_update(None, "user_version", 99).expect("bump");
    drop(conn);
    let error = HistoryDb::open(&dir).err().expect("refused");
    assert!(error.to_string().contains("newer fiddlestack"), "{error}");
    let _ = fs::remove_dir_all(&dir);
}
