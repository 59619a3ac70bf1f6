//! The rows the History list shows: every entry the filter keeps, except that a run of
//! automatic exchanges (a start's sign-in and version discovery, a renewal with its retry)
//! folds into one row, opened and closed with Enter. A filter shows every entry it keeps,
//! folded or not, so `auto` still finds each of them.

use std::collections::HashSet;

use super::{Entry, History, RequestId};

/// One row, by position in the entries (oldest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Row {
    Entry(usize),
    /// `len` automatic entries from `start`. An open fold's entries are rows of their own,
    /// before it (so, newest first, they show under it).
    Fold {
        start: usize,
        len: usize,
    },
}

/// A row as the list draws it, newest first.
#[derive(Debug, Clone, Copy)]
pub enum Shown<'a> {
    /// An entry; `in_fold` when it belongs to an open fold above it.
    Entry { entry: &'a Entry, in_fold: bool },
    /// Automatic exchanges folded into one row, oldest first.
    Fold { entries: &'a [Entry], open: bool },
}

/// Runs shorter than this stay rows of their own (a lone renewal is one row anyway).
const FOLD_FROM: usize = 2;

impl History {
    /// The rows for the entries and filter as they are now.
    pub(super) fn rebuild_rows(&mut self) {
        let mut rows = Vec::new();
        if self.filter.is_empty() {
            let mut at = 0;
            while at < self.entries.len() {
                if !self.entries[at].automatic {
                    rows.push(Row::Entry(at));
                    at += 1;
                    continue;
                }
                let start = at;
                while at < self.entries.len() && self.entries[at].automatic {
                    at += 1;
                }
                self.fold_rows(&mut rows, start, at - start);
            }
        } else {
            rows.extend(
                self.entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.kept_by(&self.filter))
                    .map(|(at, _)| Row::Entry(at)),
            );
        }
        self.rows = rows;
    }

    /// The rows of `len` automatic entries from `start`: one fold (and its entries, when it
    /// is open), or the entry alone.
    fn fold_rows(&self, rows: &mut Vec<Row>, start: usize, len: usize) {
        if len < FOLD_FROM {
            rows.extend((start..start + len).map(Row::Entry));
            return;
        }
        if self.is_open(start) {
            rows.extend((start..start + len).map(Row::Entry));
        }
        rows.push(Row::Fold { start, len });
    }

    fn is_open(&self, start: usize) -> bool {
        self.entries
            .get(start)
            .is_some_and(|e| self.open_folds.contains(&e.id))
    }

    /// The row for the entry just added at `at`: a row of its own, or it joins the fold (or
    /// the lone automatic entry) before it. Returns whether a row was added.
    pub(super) fn add_row(&mut self, at: usize) -> bool {
        let entry = &self.entries[at];
        if !self.filter.is_empty() {
            if !entry.kept_by(&self.filter) {
                return false;
            }
            self.rows.push(Row::Entry(at));
            return true;
        }
        if !entry.automatic {
            self.rows.push(Row::Entry(at));
            return true;
        }
        match self.rows.last().copied() {
            Some(Row::Fold { start, len }) if start + len == at => {
                let open = self.is_open(start);
                let last = self.rows.len() - 1;
                self.rows[last] = Row::Fold {
                    start,
                    len: len + 1,
                };
                if open {
                    self.rows.insert(last, Row::Entry(at));
                }
                open
            }
            Some(Row::Entry(previous))
                if previous + 1 == at && self.entries[previous].automatic =>
            {
                let last = self.rows.len() - 1;
                self.rows.truncate(last);
                let mut rows = std::mem::take(&mut self.rows);
                self.fold_rows(&mut rows, previous, 2);
                let added = rows.len() > last + 1;
                self.rows = rows;
                added
            }
            _ => {
                self.rows.push(Row::Entry(at));
                true
            }
        }
    }

    /// The entry a row stands for: itself, or a fold's newest.
    pub(super) fn row_entry(row: Row) -> usize {
        match row {
            Row::Entry(at) => at,
            Row::Fold { start, len } => start + len - 1,
        }
    }

    /// The shown rows, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = Shown<'_>> + '_ {
        let mut open_until = None;
        self.rows.iter().rev().map(move |row| match *row {
            Row::Entry(at) => Shown::Entry {
                entry: &self.entries[at],
                in_fold: open_until.is_some_and(|start| at >= start),
            },
            Row::Fold { start, len } => {
                let open = self.is_open(start);
                open_until = open.then_some(start);
                Shown::Fold {
                    entries: &self.entries[start..start + len],
                    open,
                }
            }
        })
    }

    /// Whether the selected row is a fold.
    pub fn fold_selected(&self) -> bool {
        matches!(self.selected_row(), Some(Row::Fold { .. }))
    }

    /// Opens or closes the fold the selection is on; the selection stays on it. Whether it
    /// was a fold.
    pub fn toggle_fold(&mut self) -> bool {
        let Some(Row::Fold { start, .. }) = self.selected_row() else {
            return false;
        };
        let id: RequestId = self.entries[start].id;
        if !self.open_folds.remove(&id) {
            self.open_folds.insert(id);
        }
        self.rebuild_rows();
        if let Some(from_oldest) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Fold { start: s, .. } if *s == start))
        {
            self.selected = self.rows.len() - 1 - from_oldest;
        }
        true
    }

    fn selected_row(&self) -> Option<Row> {
        let from_oldest = self.rows.len().checked_sub(self.selected + 1)?;
        self.rows.get(from_oldest).copied()
    }

    /// The row index (newest first) showing entry `at`: its own row, or its fold's.
    pub(super) fn row_of(&self, at: usize) -> Option<usize> {
        let from_oldest = self
            .rows
            .iter()
            .rposition(|row| *row == Row::Entry(at))
            .or_else(|| {
                self.rows.iter().rposition(|row| {
                    matches!(*row, Row::Fold { start, len } if (start..start + len).contains(&at))
                })
            })?;
        Some(self.rows.len() - 1 - from_oldest)
    }
}

/// Folds opened by the user, by the id of their oldest entry (positions move when earlier
/// runs' entries arrive; ids do not).
pub(super) type OpenFolds = HashSet<RequestId>;
