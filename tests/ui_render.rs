//! Each pane drawn into `TestBackend` at 120×40 and 80×24 (and a stacked 60×20), asserting what a
//! person would read and the styles that carry meaning.

mod ui_support;

use fiddlestack::app::Msg;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;
use ui_support::{app, draw, exchange, find, key, lines, screen, send_and_answer, type_text};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

#[test]
fn first_screen_shows_every_pane_and_generated_hints() {
    for (w, h) in SIZES {
        let app = app(w, h);
        let buffer = draw(&app, w, h);
        let text = screen(&buffer);
        for expected in [
            "Sidebar",
            "History",
            "Composer",
            "Inspector",
            "GET",
            "Raw",
            "Pretty",
            "Headers",
            "No requests yet",
        ] {
            assert!(
                text.contains(expected),
                "{w}x{h}: missing {expected:?} in\n{text}"
            );
        }
        let rows = lines(&buffer);
        let hints = &rows[usize::from(h) - 1];
        assert!(
            hints.contains("ctrl-j send") && hints.contains("esc cancel"),
            "{w}x{h} hints: {hints}"
        );
        assert!(
            rows[usize::from(h) - 2].contains(" url "),
            "status line names the focused field"
        );
    }
}

#[test]
fn a_json_exchange_in_raw_pretty_and_headers() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        type_text(&mut app, "http://127.0.0.1:8080/v2.1/flavors");
        let ex = exchange(
            200,
            "OK",
            "application/json",
            br#"{"flavors":[{"id":"1","name":"m1.tiny","ram":512}]}"#,
        );
        send_and_answer(&mut app, &ex);

        let raw = draw(&app, w, h);
        let text = screen(&raw);
        assert!(text.contains("GET /v2.1/flavors HTTP/1.1"), "{text}");
        assert!(text.contains("HTTP/1.1 200 OK"));
        assert!(text.contains(r#"{"flavors":[{"id":"1""#));
        let (x, y) = find(&raw, "200 OK ·").expect("summary line");
        assert_eq!(raw[(x, y)].fg, Color::Green, "2xx is green");
        assert!(text.contains("15 ms") && text.contains("application/json"));
        let history_row = lines(&raw)
            .into_iter()
            .find(|l| l.contains("200 GET"))
            .expect("history row");
        assert!(history_row.contains("/v2.1/flav"), "{history_row}");

        key(&mut app, KeyCode::Char('2'), KeyModifiers::ALT);
        let pretty = draw(&app, w, h);
        let text = screen(&pretty);
        assert!(text.contains(r#"      "name": "m1.tiny","#), "{text}");
        let (x, y) = find(&pretty, "\"ram\"").expect("key shown");
        assert_eq!(pretty[(x, y)].fg, Color::Blue, "keys are coloured");
        let (x, y) = find(&pretty, "512").expect("number shown");
        assert_eq!(pretty[(x, y)].fg, Color::Magenta, "numbers are coloured");

        key(&mut app, KeyCode::Char('5'), KeyModifiers::ALT);
        let text = screen(&draw(&app, w, h));
        assert!(
            text.contains("Request headers (2)") && text.contains("Response headers (2, 60 B)"),
            "{text}"
        );
        assert!(text.contains("X-Request-Id  req-1"), "{text}");
    }
}

#[test]
fn status_classes_have_colours() {
    for (status, colour) in [(404, Color::Yellow), (500, Color::Red), (301, Color::Cyan)] {
        let mut app = app(120, 40);
        type_text(&mut app, "http://127.0.0.1:8080/");
        send_and_answer(&mut app, &exchange(status, "Whatever", "text/plain", b"x"));
        let buffer = draw(&app, 120, 40);
        let (x, y) = find(&buffer, &format!("{status} Whatever ·")).expect("summary");
        assert_eq!(buffer[(x, y)].fg, colour, "{status}");
    }
}

#[test]
fn binary_bodies_show_as_hex() {
    let mut app = app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8080/");
    send_and_answer(
        &mut app,
        &exchange(200, "OK", "image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    );
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains(
            "00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|"
        ),
        "{text}"
    );
}

#[test]
fn hostile_text_never_reaches_the_buffer_as_control_characters() {
    // ratatui drops raw control characters by itself, so the test looks for what we show in
    // their place: the visible pictures and escapes, in every view and in the summary line.
    let mut app = app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8080/");
    let body =
        b"\x1b]0;owned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07 tail \xff\xfe evil\xe2\x80\xaereversed";
    let mut ex = (*exchange(200, "OK\x1b[31m", "text/plain", body)).clone();
    if let Ok(response) = &mut ex.outcome {
        response
            .headers
            .push(("X-Evil".into(), b"a\x1b[2Jb".to_vec()));
    }
    send_and_answer(&mut app, &std::sync::Arc::new(ex));
    let expectations: [(char, &[&str]); 3] = [
        (
            '1',
            &[
                "␛]0;owned␇␛[2J␛]52;c;ZXZpbA==␇ tail \u{fffd}\u{fffd} evil\\u{202e}reversed",
                "X-Evil: a␛[2Jb",
            ],
        ),
        ('2', &["␛]0;owned␇␛[2J", "evil\\u{202e}reversed"]),
        ('5', &["a␛[2Jb"]),
    ];
    for (tab, shown) in expectations {
        key(&mut app, KeyCode::Char(tab), KeyModifiers::ALT);
        let text = screen(&draw(&app, 120, 40));
        for expected in shown {
            assert!(
                text.contains(expected),
                "tab {tab}: {expected:?} not in\n{text}"
            );
        }
        assert!(
            text.contains("200 OK␛[31m ·"),
            "the reason phrase in the summary: {text}"
        );
        assert!(!text.contains('\u{202e}'), "no raw bidi override");
    }
}

#[test]
fn a_long_body_scrolls_and_only_the_window_is_drawn() {
    let mut app = app(80, 24);
    type_text(&mut app, "http://127.0.0.1:8080/");
    let body = (0..100_000)
        .map(|i| format!("row {i:06}"))
        .collect::<Vec<_>>()
        .join("\n");
    send_and_answer(
        &mut app,
        &exchange(200, "OK", "text/plain", body.as_bytes()),
    );
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    let text = screen(&draw(&app, 80, 24));
    assert!(
        text.contains("row 099999"),
        "the last line is reachable (past u16::MAX): {text}"
    );
    assert!(!text.contains("row 000000"));
}

#[test]
fn long_lines_wrap_in_raw_and_w_scrolls_them_sideways_instead() {
    let mut app = app(80, 24);
    type_text(&mut app, "http://127.0.0.1:8080/");
    let body = format!("{}END", "x".repeat(200));
    send_and_answer(
        &mut app,
        &exchange(200, "OK", "text/plain", body.as_bytes()),
    );
    key(&mut app, KeyCode::Char('i'), KeyModifiers::ALT);
    key(&mut app, KeyCode::Char('G'), KeyModifiers::SHIFT);
    let wrapped = screen(&draw(&app, 80, 24));
    assert!(
        wrapped.contains("xEND"),
        "wrapped, the end shows: {wrapped}"
    );
    key(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    let whole = screen(&draw(&app, 80, 24));
    assert!(!whole.contains("END"), "{whole}");
    for _ in 0..20 {
        key(&mut app, KeyCode::Char('l'), KeyModifiers::NONE);
    }
    assert!(screen(&draw(&app, 80, 24)).contains("xEND"));
}

#[test]
fn invalid_json_says_where_and_shows_the_text() {
    let mut app = app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8080/");
    send_and_answer(
        &mut app,
        &exchange(200, "OK", "application/json", b"{\"a\": 1,,}"),
    );
    key(&mut app, KeyCode::Char('2'), KeyModifiers::ALT);
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("Not formatted: invalid JSON at line 1, column 9"),
        "{text}"
    );
    assert!(text.contains("{\"a\": 1,,}"));
}

#[test]
fn problems_show_inline_in_the_composer() {
    let mut app = app(80, 24);
    type_text(&mut app, "example.com/x");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let text = screen(&draw(&app, 80, 24));
    assert!(text.contains("⚠ URL: the URL has no scheme"), "{text}");
    assert!(text.contains("Not sent:"));
    assert!(text.contains("example.com/x"));
}

#[test]
fn in_flight_shows_a_spinner_and_cancel_hint() {
    let mut app = app(120, 40);
    type_text(&mut app, "http://127.0.0.1:8080/slow");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    app.now += std::time::Duration::from_millis(1500);
    app.update(Msg::Tick);
    let text = screen(&draw(&app, 120, 40));
    assert!(
        text.contains("1.50 s · Esc cancels · GET http://127.0.0.1:8080/slow"),
        "{text}"
    );
    key(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    let text = screen(&draw(&app, 120, 40));
    assert!(text.contains("✕ cancelled after"), "{text}");
}

#[test]
fn help_lists_every_bound_action() {
    let mut app = app(120, 40);
    key(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    let mut seen = String::new();
    // Scroll through the whole overlay, collecting what it shows.
    for _ in 0..12 {
        seen.push_str(&screen(&draw(&app, 120, 40)));
        for _ in 0..10 {
            key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
        }
    }
    for (_, action, keys) in app.keymap.bindings() {
        let keys = keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let row = format!("{keys:<26}{}", action.describe());
        assert!(seen.contains(&row), "help lacks {row:?}");
    }
}

#[test]
fn narrow_terminals_stack_the_panes() {
    let mut app = app(60, 20);
    type_text(&mut app, "http://127.0.0.1:8080/");
    send_and_answer(&mut app, &exchange(200, "OK", "text/plain", b"hello"));
    let buffer = draw(&app, 60, 20);
    let rows = lines(&buffer);
    let composer = rows
        .iter()
        .position(|l| l.contains("Composer"))
        .expect("composer");
    let inspector = rows
        .iter()
        .position(|l| l.contains("Inspector"))
        .expect("inspector");
    assert!(inspector > composer, "stacked top to bottom");
    let hints = rows.last().expect("hint row");
    assert!(
        hints.contains("help") && hints.contains("quit"),
        "the essentials survive: {hints}"
    );
    assert!(screen(&buffer).contains("200 OK"));
}
