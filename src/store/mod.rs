//! What fiddlestack keeps on disk between runs, all of it in the data dir, private to the
//! user: the composer's draft, the history of exchanges (`SQLite`).

pub mod draft;
pub mod export;
pub mod history;
pub mod private;
