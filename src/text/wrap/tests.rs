use std::borrow::Cow;

use proptest::prelude::*;

use super::*;
use crate::text::window::visible_bytes;

struct Text(Vec<Vec<u8>>);

impl LineSource for Text {
    fn line_count(&self) -> usize {
        self.0.len()
    }
    fn line_bytes(&self, n: usize) -> Option<Cow<'_, [u8]>> {
        self.0.get(n).map(|l| Cow::Borrowed(l.as_slice()))
    }
}

fn text(lines: &[&str]) -> Text {
    Text(lines.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// Every row, the naive way: each line cut row by row from its start.
fn naive(source: &Text, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for (line, bytes) in source.0.iter().enumerate() {
        let mut start = 0;
        loop {
            let end = row_end(bytes, start, width);
            rows.push(Row { line, start, end });
            if end >= bytes.len() {
                break;
            }
            start = end;
        }
    }
    rows
}

#[test]
fn lines_wrap_at_the_width_and_short_lines_are_one_row() {
    let source = text(&["abcdefghij", "", "xy"]);
    let mut index = WrapIndex::new(4);
    assert_eq!(index.count(&source), 5);
    let rows: Vec<(usize, usize, usize)> = index
        .rows(&source, 0, 10)
        .iter()
        .map(|r| (r.line, r.start, r.end))
        .collect();
    assert_eq!(
        rows,
        [(0, 0, 4), (0, 4, 8), (0, 8, 10), (1, 0, 0), (2, 0, 2)]
    );
}

#[test]
fn wide_characters_tabs_and_controls_take_the_columns_they_are_drawn_with() {
    // 日本 = 4 columns; a tab is several; ESC is one picture.
    let line = "日本語\tx\u{1b}y".as_bytes();
    let mut start = 0;
    while start < line.len() {
        let end = row_end(line, start, 5);
        let shown = visible_bytes(&line[start..end], 0, 80);
        assert!(
            crate::text::window::display_width_of(&shown) <= 5,
            "row {shown:?} fits"
        );
        start = end;
    }
    // A character wider than the row still takes a row of its own.
    assert_eq!(row_end("日".as_bytes(), 0, 1), 3);
}

#[test]
fn invalid_utf8_is_one_column_per_replacement() {
    assert_eq!(row_end(b"\xff\xfeab", 0, 2), 2);
}

#[test]
fn a_100_mb_line_is_rows_without_reading_it_all_first() {
    let source = Text(vec![vec![b'x'; 100 << 20]]);
    let mut index = WrapIndex::new(100);
    let rows = index.rows(&source, 0, 3);
    assert_eq!(
        rows[2],
        Row {
            line: 0,
            start: 200,
            end: 300
        }
    );
    assert!(index.measured < 100, "only what was shown is measured");
    let count = (100 << 20) / 100;
    assert_eq!(index.count(&source), count);
    let last = index.rows(&source, count - 1, 5);
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].end, 100 << 20);
}

#[test]
fn a_long_non_ascii_line_is_decoded_a_row_at_a_time() {
    // Decoding the rest of the line for every row made this quadratic: 20 GB of UTF-8
    // validation for these 2 MB.
    let line = "é".repeat(1 << 20).into_bytes();
    let source = Text(vec![line]);
    let mut index = WrapIndex::new(100);
    assert_eq!(index.count(&source), (1 << 20) / 100 + 1);
    let rows = index.rows(&source, 3, 1);
    assert_eq!(
        rows[0],
        Row {
            line: 0,
            start: 600,
            end: 800
        }
    );
}

#[test]
fn row_of_finds_the_row_showing_a_byte() {
    let source = text(&["abcdefghij", "", "xyz"]);
    let mut index = WrapIndex::new(3);
    assert_eq!(index.row_of(&source, 0, 0), 0);
    assert_eq!(index.row_of(&source, 0, 5), 1);
    assert_eq!(index.row_of(&source, 0, 9), 3);
    assert_eq!(index.row_of(&source, 1, 0), 4);
    assert_eq!(index.row_of(&source, 2, 2), 5);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Lazily built rows, read from anywhere, equal the naive wrap; `row_of` inverts them.
    #[test]
    fn lazy_rows_equal_the_naive_wrap(
        lines in proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![Just(b'a'), Just(b'\t'), Just(0x1b_u8), Just(0xff_u8),
                            Just(0xe6_u8), Just(0x97_u8), Just(0xa5_u8)], 0..300),
            1..12),
        width in 1usize..40,
        first in 0usize..200,
    ) {
        let source = Text(lines);
        let expected = naive(&source, width);
        let mut index = WrapIndex::new(width);
        let some = index.rows(&source, first, 7);
        let want: Vec<Row> = expected.iter().skip(first).take(7).copied().collect();
        prop_assert_eq!(some, want);
        prop_assert_eq!(index.count(&source), expected.len());
        prop_assert_eq!(index.rows(&source, 0, expected.len()), expected.clone());
        for (n, row) in expected.iter().enumerate() {
            let mut fresh = WrapIndex::new(width);
            prop_assert_eq!(fresh.row_of(&source, row.line, row.start), n);
        }
    }
}
