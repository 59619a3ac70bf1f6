//! The Tree tab: rows, folds, counts, z-commands and the path line, on `TestBackend` at
//! 120×40 and 80×24.

mod ui_support;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{
    app, draw, exchange, key, lines, press, screen, search, send_and_answer, showing, type_text,
};

const BODY: &[u8] = br#"{"servers":[{"id":"a1","name":"web-1","addresses":{"private":[{"addr":"10.0.0.5","version":4}]},"metadata":{}},{"id":"b2","name":"db-\u00e9\u001b","flavor":{"vcpus":2}}],"count":2}"#;

fn tree_app(width: u16, height: u16) -> fiddlestack::app::App {
    let mut app = showing(width, height, "application/json", BODY);
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    app
}

fn tree_rows(app: &fiddlestack::app::App, width: u16, height: u16) -> Vec<String> {
    let rows = lines(&draw(app, width, height));
    let start = rows
        .iter()
        .position(|l| l.contains(" Tree "))
        .expect("the tab bar")
        + 2;
    rows[start..]
        .iter()
        .map(|l| {
            l.split('│')
                .skip(2)
                .collect::<Vec<_>>()
                .join("│")
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[test]
fn a_small_document_opens_whole_with_keys_counts_and_previews() {
    for (w, h) in [(120, 40), (80, 24)] {
        let app = tree_app(w, h);
        let text = screen(&draw(&app, w, h));
        assert!(text.contains("▾ servers: [ 2 items"), "{w}x{h}:\n{text}");
        assert!(text.contains("name: \"web-1\""), "{text}");
        assert!(text.contains("addr: \"10.0.0.5\""), "{text}");
    }
    let text = screen(&draw(&tree_app(120, 40), 120, 40));
    assert!(
        text.contains("metadata: {…} 0 keys"),
        "an empty object has no marker: {text}"
    );
    assert!(
        text.contains("name: \"db-é␛\""),
        "unescaped and sanitised: {text}"
    );
}

#[test]
fn folding_moving_and_the_path_line() {
    let mut app = tree_app(120, 40);
    press(&mut app, "j");
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains(".servers"),
        "the path of the selected value: {text}"
    );
    press(&mut app, " ");
    let rows = tree_rows(&app, 120, 40);
    assert!(
        rows.iter().any(|r| r.contains("▸ servers: […] 2 items")),
        "{rows:#?}"
    );
    assert!(!screen(&draw(&app, 120, 40)).contains("web-1"), "folded");
    press(&mut app, "l");
    press(&mut app, "2j");
    assert!(
        screen(&draw(&app, 120, 40)).contains(".servers[0].id"),
        "2j moved two rows"
    );
    press(&mut app, "zM");
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("▸ {…} 2 keys"), "zM folds everything: {text}");
    press(&mut app, "zR");
    assert!(
        screen(&draw(&app, 120, 40)).contains("addr: \"10.0.0.5\""),
        "zR unfolds everything"
    );
    press(&mut app, "z2");
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("▸ [0] {…} 4 keys"),
        "z2 folds below depth 2: {text}"
    );
    press(&mut app, "G");
    assert!(
        screen(&draw(&app, 120, 40)).contains(".count"),
        "G goes to the last row"
    );
}

#[test]
fn not_json_and_invalid_json_say_so() {
    let mut app = app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8080/");
    send_and_answer(&mut app, &exchange(200, "OK", "text/plain", b"hello"));
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    assert!(screen(&draw(&app, 120, 40)).contains("Not JSON"));
    type_text(&mut app, "");
    key(&mut app, KeyCode::Char('l'), KeyModifiers::CONTROL);
    send_and_answer(
        &mut app,
        &exchange(200, "OK", "application/json", b"{\"a\": [1, 2,"),
    );
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("Not shown as a tree: invalid JSON at line 1"),
        "{text}"
    );
}

#[test]
fn yank_copies_the_selected_value_key_and_paths() {
    let mut app = tree_app(120, 40);
    press(&mut app, "jj");
    let copied = |app: &mut fiddlestack::app::App, keys: &str| -> String {
        let mut last = Vec::new();
        for c in keys.chars() {
            last = key(app, KeyCode::Char(c), KeyModifiers::NONE);
        }
        ui_support::copied(app, &last).unwrap_or_else(|| panic!("no copy for {keys}: {last:?}"))
    };
    assert_eq!(copied(&mut app, "yp"), ".servers[0]");
    assert_eq!(copied(&mut app, "yb"), "[\"servers\"][0]");
    assert_eq!(copied(&mut app, "yk"), "0");
    let compact = copied(&mut app, "yv");
    assert!(
        compact.starts_with("{\"id\":\"a1\",\"name\":\"web-1\""),
        "{compact}"
    );
    let pretty = copied(&mut app, "yy");
    assert!(pretty.contains("\n  \"id\": \"a1\""), "pretty");
    assert!(
        app.message.as_ref().is_some_and(
            |(_, m)| m == &format!("Copied the value ({} B) to the clipboard", pretty.len())
        ),
        "{:?}",
        app.message
    );
    press(&mut app, "j");
    assert_eq!(copied(&mut app, "ys"), "a1");
    assert_eq!(copied(&mut app, "yk"), "id");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("Copied the key"))
    );
}

#[test]
fn f_follows_a_url_and_shift_f_the_next_page() {
    let body = br#"{"servers":[{"id":"1","links":[{"href":"http://127.0.0.1:8774/servers/1","rel":"self"}]}],"servers_links":[{"href":"http://127.0.0.1:8774/servers?marker=1","rel":"next"}]}"#;
    let mut app = app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8774/servers");
    send_and_answer(&mut app, &exchange(200, "OK", "application/json", body));
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('F'), KeyModifiers::SHIFT);
    assert_eq!(
        app.composer.url_text(),
        "http://127.0.0.1:8774/servers?marker=1"
    );
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    press(&mut app, "jjjjj");
    assert!(
        screen(&draw(&app, 120, 40)).contains(".servers[0].links[0]"),
        "on the link object"
    );
    press(&mut app, "f");
    assert_eq!(app.composer.url_text(), "http://127.0.0.1:8774/servers/1");
    assert_eq!(app.composer.method_text(), "GET");
}

/// A server's links are its text: control and invisible characters come into the composer as
/// `\u{…}` escapes (as a pasted curl's do), and `{{` as `%7B%7B`, so a link cannot smuggle a
/// `{{token}}` for the composer to fill in.
#[test]
fn followed_links_come_into_the_composer_escaped() {
    let body = br#"{"u":"http://127.0.0.1:8774/a\u001b]52;c;QUFB\u0007b\u202ec","servers_links":[{"href":"http://127.0.0.1:8774/servers?marker=1&t={{token}}","rel":"next"}]}"#;
    let mut app = app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8774/servers");
    send_and_answer(&mut app, &exchange(200, "OK", "application/json", body));
    key(&mut app, KeyCode::Char('3'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('F'), KeyModifiers::SHIFT);
    assert_eq!(
        app.composer.url_text(),
        "http://127.0.0.1:8774/servers?marker=1&t=%7B%7Btoken%7D%7D"
    );
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    press(&mut app, "j");
    press(&mut app, "f");
    let url = app.composer.url_text();
    assert_eq!(
        url,
        "http://127.0.0.1:8774/a\\u{1b}]52;c;QUFB\\u{7}b\\u{202e}c"
    );
    let (_, message) = app.message.clone().expect("said");
    assert!(
        message.contains("\\u{202e}"),
        "the escapes are named: {message}"
    );
    let text = screen(&draw(&app, 120, 40));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
}

#[test]
fn slash_searches_off_the_loop_and_n_goes_through_the_hits() {
    let mut app = tree_app(120, 40);
    key(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
    press(&mut app, "version|addr");
    assert!(
        screen(&draw(&app, 120, 40)).contains("/version|addr"),
        "the search line shows"
    );
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    search(&mut app, "version|addr");
    let text = screen(&draw(&app, 120, 40));
    // "addresses" contains "addr": three values match.
    assert!(
        text.contains(".servers[0].addresses\n") || text.contains(".servers[0].addresses "),
        "the first hit is selected: {text}"
    );
    assert!(text.contains("match 1/3"), "{text}");
    assert!(text.contains("● addr"), "hits are marked: {text}");
    press(&mut app, "n");
    assert!(screen(&draw(&app, 120, 40)).contains(".servers[0].addresses.private[0].addr "));
    press(&mut app, "nn");
    assert!(
        screen(&draw(&app, 120, 40)).contains("match 1/3"),
        "wraps around"
    );
    press(&mut app, "N");
    assert!(screen(&draw(&app, 120, 40)).contains("match 3/3"));
}

#[test]
fn alt_1_from_the_tree_shows_the_selected_value_in_raw_highlighted() {
    use ratatui::style::Modifier;
    // Wide enough that the whole one-line body fits.
    let mut app = tree_app(240, 40);
    press(&mut app, "jj");
    assert!(screen(&draw(&app, 240, 40)).contains(".servers[0]"));
    key(&mut app, KeyCode::Char('1'), KeyModifiers::ALT);
    let buffer = draw(&app, 240, 40);
    let (x, y) =
        ui_support::find(&buffer, "{\"id\":\"a1\"").expect("the server's bytes are on screen");
    assert!(
        buffer[(x, y)].modifier.contains(Modifier::REVERSED),
        "its first byte is highlighted"
    );
    // `"metadata":{}}` closes the first server; the comma after it is outside.
    let (ex, ey) = ui_support::find(&buffer, "{}},")
        .unwrap_or_else(|| panic!("the server's end: {}", screen(&buffer)));
    assert!(
        buffer[(ex + 2, ey)].modifier.contains(Modifier::REVERSED),
        "its last byte is highlighted"
    );
    assert!(
        !buffer[(ex + 3, ey)].modifier.contains(Modifier::REVERSED),
        "what follows is not"
    );
    let (sx, sy) = ui_support::find(&buffer, "{\"servers\"").expect("the document's start");
    assert!(
        !buffer[(sx, sy)].modifier.contains(Modifier::REVERSED),
        "nor what comes before"
    );
}

#[test]
fn a_search_that_stops_on_an_internal_error_says_so_and_stops_searching() {
    use fiddlestack::app::{Command, Msg, Work};
    let mut app = tree_app(120, 40);
    key(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
    type_text(&mut app, "web");
    let commands = key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let Some(Command::Search { id, .. }) = commands.first().cloned() else {
        panic!("a search command, got {commands:?}")
    };
    assert!(screen(&draw(&app, 120, 40)).contains("searching…"));
    // What the runtime sends when the search's task panicked.
    app.update(Msg::WorkFailed {
        work: Work::Search {
            id,
            text: "web".into(),
        },
        problem: "index out of bounds".into(),
    });
    let text = screen(&draw(&app, 120, 40));
    assert!(!text.contains("searching…"), "{text}");
    assert!(
        text.contains("the search for /web/ stopped on an internal error: index out of bounds"),
        "{text}"
    );
    assert!(app.inspector.search.is_none(), "nothing waits for its hits");
}
