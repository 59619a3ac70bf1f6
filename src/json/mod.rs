//! JSON support for the views: validation with a position, pretty-printing that keeps numbers
//! and key order exactly as sent, and per-line token classes for syntax colours.
//! No ratatui here; `ui/` maps token classes to styles.

pub mod highlight;
pub mod pretty;

pub use highlight::{Token, TokenKind, tokenize_line};
pub use pretty::{JsonError, pretty, validate};
