//! Problems in a config file that do not stop the app: shown to the user, then ignored.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A 1-based line and column (in characters) in a config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the end; a split character
    /// counts as the character it is in).
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = before.split(|&b| b == b'\n').count();
        // Count characters by their first bytes (not UTF-8 continuation bytes 10xxxxxx),
        // so this works mid-character too.
        let column = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        Position { line, column }
    }
}

/// One thing wrong in a config file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    pub path: PathBuf,
    /// `None` only when the TOML parser could not say where.
    pub position: Option<Position>,
    pub message: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(Position { line, column }) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Collects warnings for one file, turning byte spans into positions.
pub(super) struct Warnings<'a> {
    path: &'a Path,
    text: &'a str,
    list: Vec<ConfigWarning>,
}

impl<'a> Warnings<'a> {
    pub(super) fn new(path: &'a Path, text: &'a str) -> Warnings<'a> {
        Warnings {
            path,
            text,
            list: Vec::new(),
        }
    }

    /// Records `message` at the start of `span`.
    pub(super) fn at(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.push(Some(Position::of_offset(self.text, span.start)), message);
    }

    pub(super) fn push(&mut self, position: Option<Position>, message: impl Into<String>) {
        self.list.push(ConfigWarning {
            path: self.path.to_path_buf(),
            position,
            message: message.into(),
        });
    }

    /// The warnings in file order (they are found section by section).
    pub(super) fn into_sorted(mut self) -> Vec<ConfigWarning> {
        self.list.sort_by_key(|w| w.position);
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbé = 2\n\nc";
        let at = |offset| Position::of_offset(text, offset);
        assert_eq!(at(0), Position { line: 1, column: 1 });
        assert_eq!(at(4), Position { line: 1, column: 5 });
        assert_eq!(at(6), Position { line: 2, column: 1 });
        // 'é' is two bytes; the '=' after it is the 4th character.
        assert_eq!(at(10), Position { line: 2, column: 4 });
        assert_eq!(at(15), Position { line: 4, column: 1 });
        assert_eq!(at(999), Position { line: 4, column: 2 });
    }

    #[test]
    fn display_is_path_line_column_message() {
        let warning = ConfigWarning {
            path: PathBuf::from("config.toml"),
            position: Some(Position {
                line: 12,
                column: 1,
            }),
            message: "unknown action \"sned\" in [keys.global]".into(),
        };
        assert_eq!(
            warning.to_string(),
            "config.toml:12:1: unknown action \"sned\" in [keys.global]"
        );
        let nowhere = ConfigWarning {
            position: None,
            ..warning
        };
        assert!(nowhere.to_string().starts_with("config.toml: unknown"));
    }
}
