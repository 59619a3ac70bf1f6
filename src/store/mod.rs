//! What fiddlestack keeps on disk between runs, all of it in the data dir, private to the
//! user: the composer's draft (history and saved requests arrive with the workflow issue).

pub mod draft;
pub mod export;
pub mod private;
