//! `fiddlestack history list` and `history clear` on a database written through the store.

mod support;

use fiddlestack::store::history::HistoryDb;
use fiddlestack::store::history::codec::Row;
use support::binary::{TempDir, command};

fn row(started_ms: i64, method: &str, url: &str, status: Option<u16>) -> Row {
    Row {
        started_ms,
        method: method.into(),
        url: url.into(),
        status,
        cloud: Some("devstack".into()),
        automatic: false,
        total_us: 1000,
        size: 42,
        request_headers: Vec::new(),
        request_body: Vec::new(),
        particulars: "{}".into(),
        response_headers: Vec::new(),
        response_body: Vec::new(),
    }
}

fn run(dir: &TempDir, args: &[&str]) -> (i32, String, String) {
    let output = command(&dir.0, "")
        .args(args)
        .output()
        .expect("run fiddlestack");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn list_filters_like_the_tab_and_clear_empties_the_file() {
    let dir = TempDir::new("cli-history");
    let mut db = HistoryDb::open(&dir.0.join("data")).expect("open");
    db.insert(&[
        row(1_000, "GET", "http://127.0.0.1:9/v2.1/flavors", Some(200)),
        row(
            2_000,
            "DELETE",
            "http://127.0.0.1:9/v2.1/servers/1",
            Some(404),
        ),
        row(3_000, "GET", "http://127.0.0.1:9/\x1b]0;pwned\x07", None),
    ])
    .expect("insert");
    drop(db);

    let (code, out, err) = run(&dir, &["history", "list"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].contains("ERR"), "newest first: {out}");
    assert!(
        !out.contains('\x1b'),
        "a URL's escape is shown, not sent: {out:?}"
    );
    assert!(
        lines[1].contains("404  DELETE") && lines[1].contains("[devstack]"),
        "{out}"
    );

    let (_, out, _) = run(&dir, &["history", "list", "=404"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("/servers/1"), "{out}");
    let (_, out, _) = run(&dir, &["history", "list", "GET", "flavors"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    let (_, out, _) = run(&dir, &["history", "list", "--limit", "1"]);
    assert_eq!(out.lines().count(), 1, "{out}");

    let (code, out, err) = run(&dir, &["history", "clear"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("removed 3 exchanges"), "{out}");
    let (_, out, _) = run(&dir, &["history", "list"]);
    assert_eq!(out, "");
}

#[test]
fn a_broken_database_is_an_error_and_is_kept() {
    let dir = TempDir::new("cli-history-broken");
    std::fs::create_dir_all(dir.0.join("data")).expect("data dir");
    let path = dir.0.join("data/history.sqlite3");
    std::fs::write(&path, b"definitely not sqlite".repeat(50)).expect("junk");
    let (code, _, err) = run(&dir, &["history", "clear"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("history.sqlite3") && err.contains("not a database"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).expect("kept"),
        b"definitely not sqlite".repeat(50)
    );
}
