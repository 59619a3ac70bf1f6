//! Sorting rows by a column, as a permutation computed off the UI loop: the model hands out a
//! `SortJob` (owned, `Send`), the app runs it on `spawn_blocking` and installs the `Sorted` it
//! returns. Numbers compare numerically, strings case-insensitively; `null` and missing cells
//! come last in both directions (null before missing); ties keep the array's order.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::Arc;

use super::cell::number;
use super::{Column, TableModel, member};
use crate::json::index::{JsonIndex, Kind};

/// A column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortOrder {
    pub column: usize,
    pub descending: bool,
}

/// Everything a sort needs, owned: run it anywhere. Two jobs are equal when they sort the same
/// array by the same order.
#[derive(Debug, Clone)]
pub struct SortJob {
    index: Arc<JsonIndex>,
    array: usize,
    rows: Arc<[u32]>,
    column: Column,
    order: SortOrder,
}

impl PartialEq for SortJob {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.index, &other.index)
            && self.array == other.array
            && self.order == other.order
    }
}

impl Eq for SortJob {}

/// A finished sort: row indices in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sorted {
    pub order: SortOrder,
    /// The array the rows belong to (a late sort of another table is refused).
    pub array: usize,
    pub rows: Vec<u32>,
}

impl SortJob {
    /// O(rows · log rows) comparisons after one O(rows) pass that finds each row's cell.
    pub fn run(self) -> Sorted {
        let index = &*self.index;
        let mut keyed: Vec<(Key<'_>, u32)> = self
            .rows
            .iter()
            .enumerate()
            .map(|(row, &element)| {
                let key = member(index, element as usize, &self.column)
                    .map_or(Key::Missing, |node| Key::of(index, node));
                (key, row as u32)
            })
            .collect();
        let descending = self.order.descending;
        // Equal keys keep the array's order in both directions.
        keyed.sort_unstable_by(|(a, ra), (b, rb)| compare(a, b, descending).then(ra.cmp(rb)));
        let rows = keyed.into_iter().map(|(_, row)| row).collect();
        Sorted {
            order: self.order,
            array: self.array,
            rows,
        }
    }
}

impl TableModel {
    /// A sort by `column` to run off the loop, then `install`.
    pub fn sort_job(&self, column: usize, descending: bool) -> SortJob {
        SortJob {
            index: Arc::clone(&self.index),
            array: self.array,
            rows: Arc::clone(&self.rows),
            column: self.columns[column].clone(),
            order: SortOrder { column, descending },
        }
    }

    /// The permutation sorting the rows by `column`, computed here and now.
    pub fn sort(&self, column: usize, descending: bool) -> Vec<u32> {
        self.sort_job(column, descending).run().rows
    }

    /// Shows the rows in `sorted`'s order. `false` (and nothing changes) when it was made for
    /// another table.
    pub fn install(&mut self, sorted: Sorted) -> bool {
        let fits = sorted.array == self.array
            && sorted.rows.len() == self.rows.len()
            && sorted.order.column < self.columns.len();
        if fits {
            self.sorted = Some(sorted);
        }
        fits
    }

    /// Back to the array's order.
    pub fn clear_sort(&mut self) {
        self.sorted = None;
    }

    pub fn sort_order(&self) -> Option<SortOrder> {
        self.sorted.as_ref().map(|s| s.order)
    }

    /// The row shown at display position `position`.
    pub fn row_at(&self, position: usize) -> usize {
        match &self.sorted {
            Some(sorted) => sorted.rows[position] as usize,
            None => position,
        }
    }

    /// The display position of `row` (to keep a selection across a sort). O(rows) when sorted.
    pub fn position_of(&self, row: usize) -> Option<usize> {
        match &self.sorted {
            Some(sorted) => sorted.rows.iter().position(|&r| r as usize == row),
            None => (row < self.rows.len()).then_some(row),
        }
    }
}

/// What a cell sorts by.
enum Key<'a> {
    Number(f64),
    /// The string and, when it differs, its lowercase form (folded once, so that comparisons
    /// are plain byte comparisons).
    Text {
        text: Cow<'a, str>,
        folded: Option<String>,
    },
    Bool(bool),
    /// An object or array, by its number of members.
    Nested(usize),
    Null,
    Missing,
}

impl Key<'_> {
    fn of(index: &JsonIndex, node: usize) -> Key<'_> {
        match index.kind(node) {
            Kind::Number => number(index.value_raw(node)).map_or(Key::Missing, Key::Number),
            Kind::String => {
                let text = index.string_value(node);
                let folded = fold(&text);
                Key::Text { text, folded }
            }
            Kind::True => Key::Bool(true),
            Kind::False => Key::Bool(false),
            Kind::Object | Kind::Array => Key::Nested(index.child_count(node)),
            Kind::Null => Key::Null,
        }
    }

    /// Numbers, then strings, booleans, nested values, nulls and missing cells.
    fn rank(&self) -> u8 {
        match self {
            Key::Number(_) => 0,
            Key::Text { .. } => 1,
            Key::Bool(_) => 2,
            Key::Nested(_) => 3,
            Key::Null => 4,
            Key::Missing => 5,
        }
    }
}

fn compare(a: &Key<'_>, b: &Key<'_>, descending: bool) -> Ordering {
    let (ra, rb) = (a.rank(), b.rank());
    // Nulls and missing cells stay at the end whichever the direction.
    if ra != rb && (ra >= 4 || rb >= 4) {
        return ra.cmp(&rb);
    }
    let ordering = match (a, b) {
        (Key::Number(x), Key::Number(y)) => x.total_cmp(y),
        (
            Key::Text {
                text: x,
                folded: fx,
            },
            Key::Text {
                text: y,
                folded: fy,
            },
        ) => {
            let (lx, ly) = (fx.as_deref().unwrap_or(x), fy.as_deref().unwrap_or(y));
            lx.cmp(ly).then_with(|| x.cmp(y))
        }
        (Key::Bool(x), Key::Bool(y)) => x.cmp(y),
        (Key::Nested(x), Key::Nested(y)) => x.cmp(y),
        _ => ra.cmp(&rb),
    };
    if descending {
        ordering.reverse()
    } else {
        ordering
    }
}

/// The lowercase form of `text`, for case-insensitive order; `None` when it already is.
fn fold(text: &str) -> Option<String> {
    if text.is_ascii() {
        text.bytes()
            .any(|b| b.is_ascii_uppercase())
            .then(|| text.to_ascii_lowercase())
    } else {
        let lower = text.to_lowercase();
        (lower != text).then_some(lower)
    }
}
