//! The table as plain text, boxed like the `OpenStack` CLI's (cliff's) tables, for
//! `send --view table`:
//!
//! ```text
//! +----+----------+------+
//! | id | name     |  ram |
//! +----+----------+------+
//! | 1  | m1.tiny  |  512 |
//! +----+----------+------+
//! ```
//!
//! Visible columns in display order, rows in the installed sort order. As in cliff, numbers are
//! right-aligned: a column whose cells are all numbers. Columns are as wide as their widest cell,
//! up to the model's width cap, then the widest shrink until the table fits `max_width`;
//! cut text ends in `…`.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use super::TableModel;
use super::cell::width;
use crate::json::index::Kind;

/// The narrowest a column is shrunk to when fitting `max_width`.
const MIN_WIDTH: usize = 3;

/// The whole table as lines ending in `\n`; empty when there is no column (an empty array).
/// `max_width` is the terminal's width (`usize::MAX` for none).
pub fn render_text(model: &TableModel, max_width: usize) -> String {
    let columns = model.visible_columns();
    if columns.is_empty() {
        return String::new();
    }
    let rows = model.row_count();
    let cap = model.width_cap();
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|&c| width(model.column(c).name(), cap))
        .collect();
    // Per column: `None` until a cell shows, then whether every cell so far is a number.
    let mut numbers: Vec<Option<bool>> = vec![None; columns.len()];
    for position in 0..rows {
        let row = model.row_at(position);
        let cells = model.row_cells(row, &columns);
        for ((w, numbers), cell) in widths.iter_mut().zip(&mut numbers).zip(cells) {
            if let Some(cell) = cell {
                *w = (*w).max(width(&cell.text, cap));
                *numbers = Some(numbers.unwrap_or(true) && cell.kind == Kind::Number);
            }
        }
    }
    shrink(&mut widths, max_width);
    let right: Vec<bool> = numbers.iter().map(|n| *n == Some(true)).collect();

    let mut rule = String::from("+");
    for &w in &widths {
        rule.extend(std::iter::repeat_n('-', w + 2));
        rule.push('+');
    }
    rule.push('\n');
    let mut out = String::with_capacity(rule.len() * (rows + 4));
    out.push_str(&rule);
    line(
        &mut out,
        columns.iter().map(|&c| model.column(c).name()),
        &widths,
        &right,
    );
    out.push_str(&rule);
    for position in 0..rows {
        let row = model.row_at(position);
        let cells = model.row_cells(row, &columns);
        line(
            &mut out,
            cells
                .iter()
                .map(|cell| cell.as_ref().map_or("", |cell| &*cell.text)),
            &widths,
            &right,
        );
    }
    if rows > 0 {
        out.push_str(&rule);
    }
    out
}

/// Narrows the widest columns one step at a time until the table (`| a | b |`) fits.
fn shrink(widths: &mut [usize], max_width: usize) {
    let frame = 3 * widths.len() + 1;
    let mut total: usize = widths.iter().sum::<usize>() + frame;
    while total > max_width {
        let Some(widest) = widths
            .iter_mut()
            .filter(|w| **w > MIN_WIDTH)
            .max_by_key(|w| **w)
        else {
            return;
        };
        *widest -= 1;
        total -= 1;
    }
}

fn line<'a>(
    out: &mut String,
    texts: impl Iterator<Item = &'a str>,
    widths: &[usize],
    right: &[bool],
) {
    out.push('|');
    for ((text, &w), &right) in texts.zip(widths).zip(right) {
        out.push(' ');
        let (shown, used) = cut(text, w);
        let pad = w.saturating_sub(used);
        if right {
            let _ = write!(out, "{:pad$}{shown}", "");
        } else {
            let _ = write!(out, "{shown}{:pad$}", "");
        }
        out.push_str(" |");
    }
    out.push('\n');
}

/// `text` cut to `w` columns (ending in `…` when cut) and the columns it takes.
fn cut(text: &str, w: usize) -> (String, usize) {
    if width(text, w + 1) <= w {
        return (text.to_owned(), width(text, w));
    }
    let mut shown = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        shown.push(c);
        used += cw;
    }
    shown.push('…');
    (shown, used + 1)
}
