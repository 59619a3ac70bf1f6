//! History that lasts: every exchange written to `SQLite` in the data dir, off the UI thread,
//! secrets taken out before they reach the file.

pub mod codec;
pub mod db;
pub mod worker;

pub use codec::{Context, Keeping};
pub use db::{HistoryDb, HistoryError, Retention, Summary};
pub use worker::{HistoryStore, Loaded, Recorder, Settings};
