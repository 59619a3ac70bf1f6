//! Search over a JSON body: a regex with smart case run over the raw bytes (`regex::bytes`),
//! each match mapped to the node it falls in as [`JsonIndex::node_at_offset`] answers (a
//! search forward from the previous match, as matches come in body order), keys and values
//! alike. Meant to run off the loop (`spawn_blocking`) and to stop when the next keystroke
//! sets the cancel flag. No ratatui here.
//!
//! What a match belongs to: the innermost node whose value or key holds the match's first
//! byte. A match in a key belongs to that member's value node, with [`Hit::in_key`] set; a
//! match in a container's own punctuation or whitespace (`,`, `: `) belongs to the container;
//! a match starting outside every value (whitespace between JSON Lines) is dropped.
//!
//! Limitations, by design:
//! - Matching is over the body **as sent**: keys and strings are matched with their escapes,
//!   not unescaped. `é` does not find `"caf\u00e9"` (search `\\u00e9`), and `"` finds the
//!   quotes around every string as well as the `\"` inside one.
//! - A pattern that can match empty text (`a*`, `^`, `\b`) is refused
//!   ([`SearchError::MatchesEmpty`]); one that matches nearly every byte (`.`) stops at
//!   [`MAX_HITS`] matches ([`SearchHits::is_truncated`]).
//! - The cancel flag is read between matches, so a pattern without matches notices it only
//!   at the end of the body: one scan at the regex's speed (tens of ms for 100 MB with a
//!   literal in the pattern, longer for a pattern the lazy DFA gives up on).
//!
//! ```
//! use std::sync::atomic::AtomicBool;
//! use bytes::Bytes;
//! use fiddlestack::json::index::JsonIndex;
//! use fiddlestack::json::search::{SearchQuery, search};
//!
//! let body = br#"{"name":"web-1","addresses":{"private":[{"addr":"10.0.0.5"}]},"Name":"x"}"#;
//! let index = JsonIndex::build(Bytes::from_static(body)).expect("valid JSON");
//! let query = SearchQuery::parse("name").expect("a valid regex");
//! let hits = search(&index, &query, &AtomicBool::new(false)).expect("not cancelled");
//! // Smart case: `name` also finds `Name`; both matches are in keys.
//! assert_eq!(hits.count(), 2);
//! assert!(hits.matches().iter().all(|hit| hit.in_key));
//! assert_eq!(index.key(hits.nodes()[1]).as_deref(), Some("Name"));
//!
//! let query = SearchQuery::parse(r"10\.0").expect("a valid regex");
//! let hits = search(&index, &query, &AtomicBool::new(false)).expect("not cancelled");
//! assert_eq!(index.dot_path(hits.nodes()[0]), ".addresses.private[0].addr");
//! ```

mod hits;
mod locate;
mod query;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::sync::atomic::{AtomicBool, Ordering};

pub use hits::{Hit, SearchHits};
pub use query::{
    DFA_CACHE_LIMIT, ErrorPosition, MAX_PATTERN_BYTES, PROGRAM_LIMIT, SearchError, SearchQuery,
};

use super::index::JsonIndex;
use locate::Locator;

/// Most matches one search keeps (32 MiB of hits): past it the search stops and says so.
pub const MAX_HITS: usize = 1 << 20;

/// How many matches pass between two reads of the cancel flag.
const CANCEL_EVERY: usize = 64;

/// The search was cancelled (a newer keystroke superseded it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("search cancelled")]
pub struct Cancelled;

/// Every match of `query` in `index`'s body, mapped to nodes. Returns [`Cancelled`] soon
/// after `cancel` is set (at once when it is set before the call).
pub fn search(
    index: &JsonIndex,
    query: &SearchQuery,
    cancel: &AtomicBool,
) -> Result<SearchHits, Cancelled> {
    if cancel.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }
    let mut locator = Locator::new(index);
    let mut matches = Vec::new();
    let mut truncated = false;
    for (i, found) in query.regex().find_iter(index.body()).enumerate() {
        if i % CANCEL_EVERY == CANCEL_EVERY - 1 && cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        // Refused at parse time; kept out here too, whatever the regex does.
        if found.is_empty() {
            continue;
        }
        let Some(node) = locator.locate(found.start()) else {
            continue;
        };
        if matches.len() == MAX_HITS {
            truncated = true;
            break;
        }
        matches.push(Hit {
            node,
            start: found.start(),
            end: found.end(),
            // The node's value or key holds the offset: before the value, it is the key.
            in_key: found.start() < index.span(node).start,
        });
    }
    Ok(SearchHits::new(matches, truncated))
}
