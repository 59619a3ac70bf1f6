//! This run's History within its memory budget, as `update` keeps it: past the budget the
//! oldest finished exchanges drop their bodies, views and body files; their rows stay, read
//! back from the database where it holds them. The exchange on show is never dropped.

mod support;
mod ui_support;

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use fiddlestack::app::history::{EntryState, Finished, JsonBody, Pretty, RequestId, RowOrigin};
use fiddlestack::app::{App, Command, Msg, SidebarTab, document};
use fiddlestack::http::{
    ClientOptions, Draft, Exchange, HttpClient, Response, SentRequest, Timings,
};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::binary::TempDir;
use support::server::{Body, Reply, TestServer};
use ui_support::{draw, key, screen, type_text};

const MB: usize = 1 << 20;

/// `{"items":[{"id":0,"name":"item-0"},…]}` of about `size` bytes.
fn items(size: usize) -> Bytes {
    let mut out = String::with_capacity(size + 64);
    out.push_str("{\"items\":[");
    let mut n = 0;
    while out.len() < size {
        if n > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"id\":{n},\"name\":\"item-{n}\"}}");
        n += 1;
    }
    out.push_str("]}");
    Bytes::from(out)
}

/// An exchange whose response body is `body` (shared, not copied).
fn exchange_of(body: Bytes) -> Arc<Exchange> {
    Arc::new(Exchange {
        request: SentRequest {
            method: "GET".into(),
            url: "http://127.0.0.1:8080/items".into(),
            headers: vec![("Host".into(), "127.0.0.1:8080".into())],
            body: Bytes::new(),
        },
        outcome: Ok(Response {
            status: 200,
            reason: "OK".into(),
            version: "HTTP/1.1".into(),
            headers: vec![("Content-Type".into(), b"application/json".to_vec())],
            wire_body_len: body.len(),
            body,
            header_len: 60,
            final_url: "http://127.0.0.1:8080/items".into(),
            remote_addr: None,
            incomplete: None,
            spilled: None,
            interrupted: false,
            redirects: Vec::new(),
        }),
        timings: Timings {
            started_at: SystemTime::now(),
            first_byte: Some(Duration::from_millis(5)),
            total: Duration::from_millis(9),
            phases: None,
        },
    })
}

fn app_sending() -> App {
    let mut app = ui_support::app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8080/items");
    app
}

fn send(app: &mut App) -> RequestId {
    match key(app, KeyCode::Char('j'), KeyModifiers::CONTROL).as_slice() {
        [Command::Send { id, .. }] => *id,
        other => panic!("not sent: {other:?}"),
    }
}

/// `exchange` arrives for `id`, with the Pretty view and JSON index `views` (as `Prettify`
/// builds them off the loop).
fn finish(app: &mut App, id: RequestId, exchange: &Arc<Exchange>, views: &(Pretty, JsonBody)) {
    app.update(Msg::ExchangeDone {
        id,
        exchange: Arc::clone(exchange),
        raw: document::raw(exchange),
        headers: document::headers_table(exchange),
    });
    app.update(Msg::PrettyDone {
        id,
        pretty: views.0.clone(),
        json: views.1.clone(),
    });
}

/// What the finished entries hold, counted from outside the app: each body and its JSON index.
fn bodies_and_indexes(app: &App) -> usize {
    app.history
        .entries_newest_first()
        .filter_map(|e| e.finished())
        .map(|f| {
            let body = f.exchange.outcome.as_ref().map_or(0, |r| r.body.len());
            let index = match &f.json {
                JsonBody::Ready(views) => views.tree.index().index_bytes(),
                _ => 0,
            };
            body + index
        })
        .sum()
}

#[test]
fn twenty_exchanges_of_50_mb_stay_under_the_budget_and_the_one_on_show_stays() {
    let mut app = app_sending();
    let budget = app.memory_budget;
    assert_eq!(budget, 1 << 30, "1 GiB unless configured");
    let body = items(50 * MB);
    let views = document::body_views(&exchange_of(body.clone()), 30);
    let ids: Vec<RequestId> = (0..20).map(|_| send(&mut app)).collect();
    // The oldest request's answer is on show while the others arrive.
    app.history.select(19);
    let mut exchanges = Vec::new();
    for &id in &ids {
        let exchange = exchange_of(body.clone());
        finish(&mut app, id, &exchange, &views);
        exchanges.push(exchange);
        assert!(
            app.history.held_bytes() <= budget,
            "after exchange {id}: {} held",
            app.history.held_bytes()
        );
    }
    let held = bodies_and_indexes(&app);
    assert!(held <= budget, "{held} bytes held, over {budget}");
    assert_eq!(app.history.total(), 20, "every row stays");
    let state = |id: RequestId| &app.history.get(id).expect("a row").state;
    assert!(
        matches!(state(ids[0]), EntryState::Done(_)),
        "the one on show"
    );
    assert!(matches!(state(ids[19]), EntryState::Done(_)), "the newest");
    assert!(
        matches!(state(ids[1]), EntryState::Dropped(_)),
        "the oldest other"
    );
    // A dropped row still says what it was; its exchange is no longer the app's.
    let row = app.history.get(ids[1]).expect("a row");
    assert_eq!(
        (row.status(), row.size()),
        (Some(200), Some(body.len() as u64))
    );
    assert_eq!(
        Arc::strong_count(&exchanges[1]),
        1,
        "only the test holds it now"
    );
    assert!(Arc::strong_count(&exchanges[19]) > 1);
}

#[test]
fn a_dropped_row_is_read_back_from_the_database_or_says_it_cannot_be() {
    let mut app = app_sending();
    let small = exchange_of(items(10_000));
    let views = document::body_views(&small, 30);
    // Room for one of these, not two.
    let one = Finished {
        exchange: Arc::clone(&small),
        raw: document::raw(&small),
        pretty: views.0.clone(),
        headers: document::headers_table(&small),
        json: views.1.clone(),
    };
    app.memory_budget = fiddlestack::app::memory::held_bytes(&one) + 100;
    let first = send(&mut app);
    finish(&mut app, first, &small, &views);
    let second = send(&mut app);
    finish(&mut app, second, &exchange_of(items(10_000)), &views);
    assert!(matches!(
        app.history.get(first).expect("row").state,
        EntryState::Dropped(_)
    ));
    // Not (yet) in the database: Enter says so.
    app.sidebar_tab = SidebarTab::History;
    key(&mut app, KeyCode::Char('s'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(commands.is_empty());
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("Dropped from memory to keep within [history] memory_budget_bytes"),
        "{text}"
    );
    // The database reports it written, cut: the row can be read back.
    app.update(Msg::Recorded {
        id: first,
        key: 7,
        whole: false,
    });
    let EntryState::Stored(row) = &app.history.get(first).expect("row").state else {
        panic!("a stored row")
    };
    assert_eq!(row.origin, RowOrigin::Dropped { whole: false });
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("and too large to keep"), "{text}");
    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(commands, [Command::LoadStored { id: first, key: 7 }]);
    // Read back, it is shown, so it stays though the budget is tight.
    finish(&mut app, first, &small, &views);
    assert!(matches!(
        app.history.get(first).expect("row").state,
        EntryState::Done(_)
    ));
    assert!(matches!(
        app.history.get(second).expect("row").state,
        EntryState::Dropped(_)
    ));
}

#[tokio::test]
async fn a_dropped_exchange_takes_its_body_file_with_it() {
    let dir = TempDir::new("memory-spill");
    let server = TestServer::start(|request| {
        let size = if request.target == "/big" {
            8 * MB
        } else {
            2 * MB
        };
        Reply::new(200, "OK")
            .header("Content-Type", "text/plain")
            .body(Body::Fixed(vec![b'x'; size]))
    })
    .await;
    let http = HttpClient::new(ClientOptions {
        timeout: Duration::from_secs(30),
        max_body_bytes: MB as u64,
        spill_dir: Some(dir.0.clone()),
        max_download_bytes: 1 << 30,
        ..ClientOptions::default()
    })
    .expect("client");
    let get = |path: &str| {
        Draft {
            method: "GET".into(),
            url: server.url(path),
            headers: Vec::new(),
            body: String::new(),
        }
        .build()
        .expect("valid")
    };
    let big = Arc::new(http.send(get("/big")).await);
    let file = big
        .outcome
        .as_ref()
        .ok()
        .and_then(|r| r.spilled.clone())
        .expect("the body went to a file")
        .path()
        .to_path_buf();
    let mut app = app_sending();
    app.memory_budget = 2 * MB;
    let first = send(&mut app);
    let views = document::body_views(&big, 30);
    finish(&mut app, first, &big, &views);
    drop(views);
    drop(big);
    assert!(file.exists(), "the exchange on show keeps its file");
    let second = send(&mut app);
    let small = Arc::new(http.send(get("/small")).await);
    let views = document::body_views(&small, 30);
    finish(&mut app, second, &small, &views);
    assert!(matches!(
        app.history.get(first).expect("row").state,
        EntryState::Dropped(_)
    ));
    assert!(!file.exists(), "the body file went with the exchange");
}
