//! Wide and zero-width text from a server lays out in whole cells: CJK, emoji (with
//! joiners and skin tones), combining marks, zero-width spaces and a long line of wide
//! characters against the edge, in every view. The inspector's borders stay where they are on
//! every row (nothing is torn), and no row is wider than the screen.

mod ui_support;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_support::{draw, key, lines, press, showing};
use unicode_width::UnicodeWidthStr;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn body() -> String {
    let wide_line = "東京都千代田区".repeat(30);
    format!(
        r#"{{"servers": [
  {{"name": "サーバー一号", "note": "{wide_line}", "id": 1}},
  {{"name": "👩‍💻 dev 👍🏽", "note": "e\u0301te\u0301 cafe\u0301", "id": 2}},
  {{"name": "zero\u200bwidth\u200djoin\ufeffbom", "note": "한국어 텍스트", "id": 3}}
]}}"#
    )
}

/// Every row of the inspector has its right border in the last column, and no row of the
/// screen runs past its last column.
fn assert_whole(buffer: &Buffer, inspector: ratatui::layout::Rect, view: &str) {
    let right = inspector.right() - 1;
    for y in inspector.y..inspector.bottom() {
        let symbol = buffer[(right, y)].symbol();
        assert!(
            matches!(symbol, "│" | "┐" | "┘"),
            "{view}: row {y} lost its border ({symbol:?}):\n{}",
            lines(buffer).join("\n")
        );
    }
    // Walked as a terminal draws: a wide symbol takes its cell and the next.
    for y in 0..HEIGHT {
        let mut x = 0;
        while x < WIDTH {
            let width = buffer[(x, y)].symbol().width().max(1);
            x += u16::try_from(width).expect("a cell's width");
        }
        assert_eq!(
            x,
            WIDTH,
            "{view}: row {y} runs past the screen:\n{}",
            lines(buffer).join("\n")
        );
    }
}

/// The screen as a terminal shows it: a wide symbol's second cell is not a character.
fn as_drawn(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..HEIGHT {
        let mut x = 0;
        while x < WIDTH {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += u16::try_from(symbol.width().max(1)).expect("a cell's width");
        }
        out.push('\n');
    }
    out
}

#[test]
fn wide_and_zero_width_text_never_tears_a_border_in_any_view() {
    let mut app = showing(WIDTH, HEIGHT, "application/json", body().as_bytes());
    let inspector = app.areas().inspector;
    for (view, key_char) in [
        ("Raw", '1'),
        ("Pretty", '2'),
        ("Tree", '3'),
        ("Table", '4'),
        ("Headers", '5'),
    ] {
        key(&mut app, KeyCode::Char(key_char), KeyModifiers::ALT);
        assert_whole(&draw(&app, WIDTH, HEIGHT), inspector, view);
        // Scrolled sideways (columns in the Table): wide characters cut at the left edge.
        for _ in 0..3 {
            key(&mut app, KeyCode::Char('l'), KeyModifiers::NONE);
            assert_whole(&draw(&app, WIDTH, HEIGHT), inspector, view);
        }
    }
    // Raw without wrapping, a long line of wide characters against the right edge.
    key(&mut app, KeyCode::Char('1'), KeyModifiers::ALT);
    press(&mut app, "w");
    let buffer = draw(&app, WIDTH, HEIGHT);
    assert_whole(&buffer, inspector, "Raw unwrapped");
    let text = as_drawn(&buffer);
    assert!(text.contains("東京都千代田区"), "{text}");
    assert!(text.contains("サーバー一号"), "{text}");
}
