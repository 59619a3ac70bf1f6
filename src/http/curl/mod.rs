//! curl command lines in and out: a pasted `curl …` (or keystoneauth's `REQ: curl …` debug
//! line) becomes a request to edit, and any request becomes a `curl` line for a script or a
//! bug report, its token redacted unless asked for.

mod export;
mod log;
mod parse;
mod words;

pub use export::{Secrets, export, quote};
pub use log::{MAX_BODY, debug_log, safe_request_body};
pub use parse::{ImportError, Imported, import, looks_like_curl};
pub use words::{Unbalanced, split};

#[cfg(test)]
mod tests;
