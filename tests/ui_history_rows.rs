//! History rows a user can scan, drawn at 80×24 and 120×40: a request reads as written
//! against the catalog (`compute:/servers/8c1b…e9d2/action`), ids shortened in the middle and
//! never cut from the right; a start's automatic exchanges (sign-in, version discovery) fold
//! into one row that Enter opens, and the filter still finds them.

mod ui_support;

use std::sync::Arc;

use fiddlestack::app::Msg;
use fiddlestack::app::document;
use fiddlestack::openstack::catalog::Interface;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::cloud::signed_in_app;
use ui_support::{draw, exchange, key, lines, send_and_answer, type_text};

const SERVER: &str = "8c1b7f0e-6a6d-4e7c-9f4b-2f1d0c3be9d2";

/// A Keystone or discovery exchange the app made by itself.
fn automatic(app: &mut fiddlestack::app::App, method: &str, url: &str, status: u16) {
    let mut made = (*exchange(status, "OK", "application/json", b"{}")).clone();
    method.clone_into(&mut made.request.method);
    url.clone_into(&mut made.request.url);
    let made = Arc::new(made);
    app.update(Msg::AutoExchange {
        raw: document::raw(&made),
        headers: document::headers_table(&made),
        exchange: made,
    });
}

/// The History rows as drawn: the sidebar's text, each line trimmed.
fn rows(app: &fiddlestack::app::App, width: u16, height: u16) -> Vec<String> {
    lines(&draw(app, width, height))
        .iter()
        .filter_map(|l| l.split('│').nth(1).map(|r| r.trim_end().to_owned()))
        .filter(|r| !r.is_empty())
        .collect()
}

fn app_after_a_start() -> fiddlestack::app::App {
    let mut app = signed_in_app(Interface::Public);
    app.sidebar_tab = fiddlestack::app::SidebarTab::History;
    automatic(&mut app, "POST", "http://ks:5000/v3/auth/tokens", 201);
    automatic(&mut app, "GET", "http://nova1:8774/", 200);
    automatic(&mut app, "GET", "http://glance1:9292/", 300);
    type_text(
        &mut app,
        &format!(
            "compute:/servers/{SERVER}/os-instance-actions/req-0f2d9a51-1b3c-4d5e-8f70-9a1b2c3d4e5f"
        ),
    );
    send_and_answer(
        &mut app,
        &exchange(200, "OK", "application/json", br#"{"instanceAction": {}}"#),
    );
    app
}

#[test]
fn rows_read_as_written_with_ids_shortened_and_the_start_folded() {
    for (width, height) in [(120, 40), (80, 24)] {
        let mut app = app_after_a_start();
        app.update(Msg::Resize(width, height));
        let rows = rows(&app, width, height);
        let request = rows
            .iter()
            .find(|r| r.contains("GET"))
            .unwrap_or_else(|| panic!("{width}x{height}: {rows:#?}"));
        // The end of the request (what it is about) is there, whatever the width (the
        // sidebar has 20 columns for it at 120, 16 at 80): never cut from the right.
        assert!(
            request.ends_with("…/req-0f2…4e5f"),
            "{width}x{height}: {request}"
        );
        assert!(!request.contains(SERVER), "{width}x{height}: {request}");
        let fold = rows
            .iter()
            .find(|r| r.contains("automatic"))
            .unwrap_or_else(|| panic!("{width}x{height}: {rows:#?}"));
        assert!(fold.contains("3 automatic"), "{fold}");
        assert!(fold.starts_with("300"), "{fold}");
        assert!(!rows.iter().any(|r| r.contains("tokens")), "{rows:#?}");
    }
}

#[test]
fn enter_opens_the_fold_and_the_filter_finds_each_automatic_exchange() {
    let mut app = app_after_a_start();
    key(&mut app, KeyCode::Char('s'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let open = rows(&app, 120, 40);
    assert!(
        open.iter().any(|r| r.ends_with("identity:…/tokens")),
        "{open:#?}"
    );
    assert!(
        open.iter().any(|r| r.contains("▾ 3 automatic")),
        "{open:#?}"
    );
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(!rows(&app, 120, 40).iter().any(|r| r.contains("tokens")));
    // `/auto`: every automatic exchange, one row each.
    key(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
    type_text(&mut app, "auto");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let found = rows(&app, 120, 40);
    assert!(
        found.iter().any(|r| r.ends_with("identity:…/tokens")),
        "{found:#?}"
    );
    assert_eq!(app.history.len(), 3, "{found:#?}");
}
