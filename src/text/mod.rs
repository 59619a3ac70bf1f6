//! Text handling shared by the views and the CLI: making untrusted text safe for a terminal,
//! indexing the lines of a body without copying it, and hex dumps of binary bodies.
//! Nothing here knows about ratatui.

pub mod hexdump;
pub mod lines;
pub mod pager_copy;
pub mod sanitize;
pub mod shorten;
pub mod window;
pub mod wrap;

pub use lines::LineIndex;
pub use sanitize::{sanitize, sanitize_into};

/// Human sizes: `512 B`, `2.1 KB`, `3.4 MB`.
pub fn human_size(bytes: usize) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    #[test]
    fn human_sizes() {
        assert_eq!(super::human_size(512), "512 B");
        assert_eq!(super::human_size(2150), "2.1 KB");
        assert_eq!(super::human_size(3 << 20), "3.0 MB");
    }
}
