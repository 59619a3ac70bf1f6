//! JSON support for the views: validation with a position, pretty-printing that keeps numbers
//! and key order exactly as sent, and per-line token classes for syntax colours.
//! No ratatui here; `ui/` maps token classes to styles.

pub mod filter;
pub mod highlight;
pub mod index;
pub mod pretty;
pub mod pretty_lines;
pub mod search;
pub mod table;
pub mod tree;

pub use highlight::{Token, TokenKind, tokenize_line};
pub use pretty::{JsonError, compact, pretty, validate};

/// Index just past the closing quote of the JSON string starting at `start` (or the end of
/// `bytes` when it is not closed).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}
