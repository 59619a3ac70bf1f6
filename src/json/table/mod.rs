//! The Table view's model: an array of objects as rows and columns, the way the `OpenStack` CLI
//! prints `flavor list` or `server list`. No ratatui here: the UI draws from this model, and
//! `render_text` prints the same table for `send --view table`.
//!
//! - Columns are the union of the object elements' keys in first-seen order, found in one
//!   O(rows · keys) pass (`TableModel::new`, run off the UI loop for big arrays). Elements that
//!   are not objects get one extra `value` column.
//! - Rows are the array's elements; nothing per cell is stored. `cell` finds a member and
//!   formats it on demand, so only the rows on screen cost anything.
//! - Columns can be hidden, moved and pinned (`columns.rs`); rows sort by a column through a
//!   permutation computed off the loop (`sort.rs`).
//!
//! Column ids are positions in `columns()`, fixed for the model's life (hiding and moving change
//! only the display order). Rows are positions in the array; `row_at` maps a display position
//! to a row through the installed sort.
//!
//! ```
//! use std::sync::Arc;
//! use bytes::Bytes;
//! use fiddlestack::json::index::JsonIndex;
//! use fiddlestack::json::table::{TableModel, find_table, render_text};
//!
//! let body = br#"{"flavors":[{"id":"1","name":"m1.tiny","ram":512},{"id":"2","name":"m1.small","ram":2048}]}"#;
//! let index = Arc::new(JsonIndex::build(Bytes::from_static(body)).expect("valid JSON"));
//! let array = find_table(&index, None).expect("an array of objects");
//! let mut model = TableModel::new(index, array);
//! let sorted = model.sort_job(2, true).run(); // on spawn_blocking in the app
//! assert!(model.install(sorted));
//! assert_eq!(model.cell(model.row_at(0), 1).expect("a name").text, "m1.small");
//! assert_eq!(render_text(&model, 80), "\
//! +----+----------+------+
//! | id | name     |  ram |
//! +----+----------+------+
//! | 2  | m1.small | 2048 |
//! | 1  | m1.tiny  |  512 |
//! +----+----------+------+
//! ");
//! ```

mod cell;
mod columns;
mod find;
mod preset;
mod render;
mod sort;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_columns;
#[cfg(test)]
mod tests_preset;

use std::collections::HashMap;
use std::sync::Arc;

use super::index::{JsonIndex, Kind};

pub use cell::{CELL_BYTES, Cell, Nested, ONE_LINE_CHARS};
pub use columns::{GAP, WIDTH_CAP, WIDTH_SAMPLE};
pub use find::{find_table, is_table};
pub use render::render_text;
pub use sort::{SortJob, SortOrder, Sorted};

/// One column: a key of the array's objects, or the elements themselves when they are not
/// objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The key as sent, between the quotes (escapes intact); `None` for the element column.
    key: Option<Box<[u8]>>,
    /// The heading: the key unescaped and made safe for a terminal, or `value`.
    name: String,
    hidden: bool,
    /// The member position where the key was first seen: where `cell` looks first.
    position: usize,
}

impl Column {
    fn element() -> Column {
        Column {
            key: None,
            name: "value".to_owned(),
            hidden: false,
            position: 0,
        }
    }

    /// The heading.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key as sent (escapes intact); `None` for the column of non-object elements.
    pub fn key_raw(&self) -> Option<&[u8]> {
        self.key.as_deref()
    }

    pub fn is_hidden(&self) -> bool {
        self.hidden
    }
}

/// An array shown as a table. Holds the index (shared) and per column and per row only what
/// never changes: the row nodes (4 bytes a row) and the column keys.
#[derive(Clone)]
pub struct TableModel {
    index: Arc<JsonIndex>,
    array: usize,
    rows: Arc<[u32]>,
    columns: Vec<Column>,
    /// Column ids in display order; the first `pinned` are pinned.
    order: Vec<usize>,
    pinned: usize,
    nested: Nested,
    width_cap: usize,
    /// Per member position: the column first seen there (`usize::MAX` for none).
    at_position: Vec<usize>,
    /// Per column: the widest of the heading and the first `WIDTH_SAMPLE` rows' cells.
    sample_widths: Vec<usize>,
    /// Per column: how useful (0 most); a narrow screen drops the highest first.
    rank: Vec<usize>,
    sorted: Option<Sorted>,
}

impl TableModel {
    /// The table of `array`'s elements with its columns as the `OpenStack` CLI shows them (see
    /// `preset`): `openstack server list`'s for `servers`, `id`/`name`/`status` first and
    /// link arrays hidden for any collection. A node that is not an array makes a one-row
    /// table of itself. O(rows · keys): run it off the UI loop for big arrays.
    pub fn new(index: Arc<JsonIndex>, array: usize) -> TableModel {
        let mut model = Self::as_sent(index, array);
        let collection = model
            .index
            .parent(array)
            .filter(|&p| model.index.kind(p) == Kind::Object)
            .and_then(|_| model.index.key(array))
            .map(std::borrow::Cow::into_owned);
        let arranged = preset::arrange(collection.as_deref(), &model.columns);
        for (column, hidden) in model.columns.iter_mut().zip(arranged.hidden) {
            column.hidden = hidden;
        }
        model.order = arranged.order;
        model.rank = arranged.rank;
        model
    }

    /// The table with every column shown in first-seen order: for what the user shaped
    /// themselves (a jq filter's `{name, vcpus}` keeps its order).
    pub fn as_sent(index: Arc<JsonIndex>, array: usize) -> TableModel {
        let (rows, columns) = scan(&index, array);
        let mut at_position = Vec::new();
        for (id, column) in columns.iter().enumerate() {
            if column.key.is_some() {
                if column.position >= at_position.len() {
                    at_position.resize(column.position + 1, usize::MAX);
                }
                if at_position[column.position] == usize::MAX {
                    at_position[column.position] = id;
                }
            }
        }
        let mut model = TableModel {
            order: (0..columns.len()).collect(),
            rank: (0..columns.len()).collect(),
            index,
            array,
            rows: rows.into(),
            columns,
            pinned: 0,
            nested: Nested::Summary,
            width_cap: WIDTH_CAP,
            at_position,
            sample_widths: Vec::new(),
            sorted: None,
        };
        model.sample_widths = model.measure_sample();
        model
    }

    /// Bytes the table holds besides the index: 4 a row (8 once sorted) and its columns.
    pub fn heap_bytes(&self) -> usize {
        let sorted = self.sorted.as_ref().map_or(0, |s| s.rows.capacity() * 4);
        self.rows.len() * 4
            + sorted
            + self.columns.capacity() * std::mem::size_of::<Column>()
            + (self.order.capacity()
                + self.rank.capacity()
                + self.at_position.capacity()
                + self.sample_widths.capacity())
                * std::mem::size_of::<usize>()
    }

    pub fn index(&self) -> &Arc<JsonIndex> {
        &self.index
    }

    /// The array node the table shows.
    pub fn array(&self) -> usize {
        self.array
    }

    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// All columns by id, hidden ones included, in first-seen order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    pub fn column(&self, column: usize) -> &Column {
        &self.columns[column]
    }

    /// How nested objects and arrays show in cells.
    pub fn nested(&self) -> Nested {
        self.nested
    }

    pub fn set_nested(&mut self, nested: Nested) {
        if self.nested != nested {
            self.nested = nested;
            self.sample_widths = self.measure_sample();
        }
    }

    /// The element node of `row` (for "Enter opens the row in the tree").
    pub fn row_node(&self, row: usize) -> usize {
        self.rows[row] as usize
    }

    /// The row holding `node` (the element itself or anything inside it), if any.
    /// O(depth) to find the element.
    pub fn row_of(&self, node: usize) -> Option<usize> {
        if node >= self.index.len() {
            return None;
        }
        if self.index.kind(self.array) != Kind::Array {
            let inside = (self.array..self.index.subtree_end(self.array)).contains(&node);
            return inside.then_some(0);
        }
        let mut at = node;
        loop {
            let parent = self.index.parent(at)?;
            if parent == self.array {
                return Some(self.index.index_in_parent(at));
            }
            at = parent;
        }
    }

    /// The node shown in (`row`, `column`): the member with the column's key, or the element
    /// itself in the `value` column. `None` when the row has no such member.
    pub fn cell_node(&self, row: usize, column: usize) -> Option<usize> {
        member(&self.index, self.row_node(row), &self.columns[column])
    }

    /// The cell at (`row`, `column`), formatted for display; `None` when missing. O(members of
    /// the row) at worst, O(1) key comparisons when the row has the usual key order.
    pub fn cell(&self, row: usize, column: usize) -> Option<Cell<'_>> {
        let node = self.cell_node(row, column)?;
        Some(cell::cell(&self.index, node, self.nested))
    }

    /// The node of every cell of `row`, by column id, found in one pass over its members
    /// (cheaper than `cell_node` per column when most columns are wanted).
    pub fn row_nodes(&self, row: usize) -> Vec<Option<usize>> {
        let mut nodes = vec![None; self.columns.len()];
        let element = self.row_node(row);
        if self.index.kind(element) != Kind::Object {
            if let Some(c) = self.columns.iter().position(|c| c.key.is_none()) {
                nodes[c] = Some(element);
            }
            return nodes;
        }
        for (position, m) in self.index.children(element).enumerate() {
            let key = self.index.key_raw(m);
            let usual = self.at_position.get(position).copied();
            let column = usual
                .filter(|&c| c < self.columns.len() && self.columns[c].key.as_deref() == key)
                .or_else(|| self.columns.iter().position(|c| c.key.as_deref() == key));
            if let Some(c) = column
                && nodes[c].is_none()
            {
                nodes[c] = Some(m);
            }
        }
        nodes
    }

    /// The cells of `row` in `columns` (ids), in that order; `None` where missing.
    pub fn row_cells(&self, row: usize, columns: &[usize]) -> Vec<Option<Cell<'_>>> {
        let nodes = self.row_nodes(row);
        columns
            .iter()
            .map(|&c| nodes[c].map(|node| cell::cell(&self.index, node, self.nested)))
            .collect()
    }
}

impl std::fmt::Debug for TableModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableModel")
            .field("array", &self.array)
            .field("rows", &self.rows.len())
            .field("columns", &self.columns)
            .field("order", &self.order)
            .field("pinned", &self.pinned)
            .field("nested", &self.nested)
            .field("sorted", &self.sorted.as_ref().map(|s| s.order))
            .finish_non_exhaustive()
    }
}

/// The member of `element` shown in `column`.
fn member(index: &JsonIndex, element: usize, column: &Column) -> Option<usize> {
    let is_object = index.kind(element) == Kind::Object;
    let Some(key) = column.key.as_deref() else {
        return (!is_object).then_some(element);
    };
    if !is_object {
        return None;
    }
    // Rows of one array nearly always list their keys in one order: try the usual place
    // first (cheap jumps over siblings, one key comparison), then every member.
    if let Some(m) = index.children(element).nth(column.position)
        && index.key_raw(m) == Some(key)
    {
        return Some(m);
    }
    index
        .children(element)
        .find(|&m| index.key_raw(m) == Some(key))
}

/// The rows (element nodes) and the columns of `array`, in one pass over every member.
fn scan(index: &JsonIndex, array: usize) -> (Vec<u32>, Vec<Column>) {
    // Node positions fit in u32: the index stores them so.
    let rows: Vec<u32> = if index.kind(array) == Kind::Array {
        index.children(array).map(|n| n as u32).collect()
    } else {
        vec![array as u32]
    };
    let mut columns: Vec<Column> = Vec::new();
    let mut by_key: HashMap<&[u8], usize> = HashMap::new();
    // The column of each member position in the previous object: when the next object has the
    // same key at the same place (the usual case) the hash lookup is skipped.
    let mut hint: Vec<usize> = Vec::new();
    let mut element_column = false;
    for &row in &rows {
        let row = row as usize;
        if index.kind(row) != Kind::Object {
            if !element_column {
                element_column = true;
                columns.push(Column::element());
            }
            continue;
        }
        for (position, m) in index.children(row).enumerate() {
            let Some(key) = index.key_raw(m) else {
                continue;
            };
            if let Some(column) = hint.get(position).and_then(|&c| columns.get(c))
                && column.key.as_deref() == Some(key)
            {
                continue;
            }
            let c = *by_key.entry(key).or_insert_with(|| {
                columns.push(Column {
                    key: Some(key.into()),
                    name: heading(index, m),
                    hidden: false,
                    position,
                });
                columns.len() - 1
            });
            if position >= hint.len() {
                hint.resize(position + 1, usize::MAX);
            }
            hint[position] = c;
        }
    }
    (rows, columns)
}

fn heading(index: &JsonIndex, member: usize) -> String {
    let key = index.key(member).unwrap_or_default();
    crate::text::sanitize(&key).into_owned()
}
