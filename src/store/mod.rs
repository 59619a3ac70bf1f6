//! What fiddlestack keeps on disk between runs: in the data dir, private to the user, the
//! composer's draft and the history of exchanges (`SQLite`); and the files the user edits and
//! shares (saved requests, environments), in the config dir or a project's `.fiddlestack/`.

pub mod draft;
pub mod environments;
pub mod export;
pub mod file_error;
pub mod history;
pub mod private;
pub mod saved;
