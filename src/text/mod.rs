//! Text handling shared by the views and the CLI: making untrusted text safe for a terminal,
//! indexing the lines of a body without copying it, and hex dumps of binary bodies.
//! Nothing here knows about ratatui.

pub mod hexdump;
pub mod lines;
pub mod sanitize;
pub mod window;

pub use lines::LineIndex;
pub use sanitize::{sanitize, sanitize_into};
