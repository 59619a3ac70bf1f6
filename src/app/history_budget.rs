//! This run's History within its memory budget: what the finished exchanges hold, and the
//! oldest dropped past it, their rows staying (read back from the database where it keeps
//! them). The exchange on show is never dropped.

use super::{DroppedRow, Entry, EntryState, History, Kept, RequestId, StoredRow};
use crate::app::memory::held_bytes;

impl History {
    /// The database keeps exchange `id` as `kept`; dropped already, its row can now be read
    /// back. Whether the row changed.
    pub fn note_kept(&mut self, id: RequestId, kept: Kept) -> bool {
        self.in_database.insert(id, kept);
        let Some(entry) = self.get_mut(id) else {
            return false;
        };
        let EntryState::Dropped(row) = &entry.state else {
            return false;
        };
        entry.state = EntryState::Stored(Box::new(StoredRow {
            key: kept.key,
            status: row.status,
            size: row.size,
            total: row.total,
            cloud: entry.cloud.clone(),
            loading: false,
            origin: kept.origin,
        }));
        true
    }

    /// Bytes the finished exchanges hold in memory (`memory::held_bytes`).
    pub fn held_bytes(&self) -> usize {
        self.entries
            .iter()
            .filter_map(Entry::finished)
            .map(held_bytes)
            .sum()
    }

    /// Drops the exchange and views of the oldest finished entries until what the rest hold
    /// is within `budget` bytes. Their rows stay: read back from the database where it keeps
    /// them. The selected entry (on show) is never dropped. Returns how many were dropped.
    pub fn keep_within(&mut self, budget: usize) -> usize {
        let mut held = self.held_bytes();
        if held <= budget {
            return 0;
        }
        let selected = self.selected_entry().map(|e| e.id);
        let mut dropped = 0;
        for entry in &mut self.entries {
            if held <= budget {
                break;
            }
            let EntryState::Done(finished) = &entry.state else {
                continue;
            };
            if Some(entry.id) == selected {
                continue;
            }
            held -= held_bytes(finished);
            let (status, size) = match &finished.exchange.outcome {
                Ok(response) => (Some(response.status), response.body.len() as u64),
                Err(_) => (None, 0),
            };
            let total = finished.exchange.timings.total;
            entry.state = match self.in_database.get(&entry.id) {
                Some(kept) => EntryState::Stored(Box::new(StoredRow {
                    key: kept.key,
                    status,
                    size,
                    total,
                    cloud: entry.cloud.clone(),
                    loading: false,
                    origin: kept.origin,
                })),
                None => EntryState::Dropped(Box::new(DroppedRow {
                    status,
                    size,
                    total,
                })),
            };
            dropped += 1;
        }
        dropped
    }
}
