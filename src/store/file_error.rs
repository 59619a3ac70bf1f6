//! A problem in a file the user edits by hand (saved requests, environments), said the way
//! compilers say it, `path:line:column: message`, so the user can go straight to the spot.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// A file that could not be read or does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based; `None` when the problem is not at one place (unreadable, too large).
    pub line: Option<usize>,
    /// 1-based, in characters (as editors count), not bytes.
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FileError {}

impl FileError {
    /// A problem with the file as a whole.
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem at byte `offset` of `text`.
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        Self {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    /// A TOML parse or type error, placed where toml says it is.
    pub fn toml(path: &Path, text: &str, error: &toml::de::Error) -> Self {
        let message = error.message().trim_end().to_owned();
        match error.span() {
            Some(span) => Self::at(path, text, span.start, message),
            None => Self::new(path, message),
        }
    }
}

impl From<FileError> for io::Error {
    /// For callers that deal in `io::Result`: the kind says the data was bad.
    fn from(error: FileError) -> Self {
        io::Error::new(io::ErrorKind::InvalidData, error.to_string())
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`; an offset past the
/// end, or inside a character, counts as the nearest boundary before it.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = before.matches('\n').count() + 1;
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    (line, column)
}

/// The text of `path`, refusing anything over `max` bytes or not UTF-8. Unlike
/// [`super::private::read`], any permissions are fine: these files are meant to be shared.
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::Invalid(FileError::new(
            path,
            "it is not a regular file",
        )));
    }
    if meta.len() > max {
        return Err(ReadError::Invalid(FileError::new(
            path,
            format!(
                "the file is {} bytes, more than the {max} bytes allowed",
                meta.len()
            ),
        )));
    }
    let mut bytes = Vec::new();
    // `take` again: the file may have grown since the metadata was read.
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::Invalid(FileError::new(
            path,
            format!("the file is larger than the {max} bytes allowed"),
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes());
        // The lossy text has the same bytes up to the first bad one.
        ReadError::Invalid(FileError::at(
            path,
            &text,
            valid,
            "the file is not valid UTF-8 here",
        ))
    })
}

/// Why [`read_text`] failed: the file could not be read at all (the caller may treat a
/// missing file as empty), or its content is refused.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    Invalid(FileError),
}

impl ReadError {
    /// As a [`FileError`] on `path`.
    pub fn into_file_error(self, path: &Path) -> FileError {
        match self {
            Self::Io(e) => FileError::new(path, e.to_string()),
            Self::Invalid(e) => e,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_lines_and_character_columns() {
        let text = "ab\néé=x\n\nlast";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (1, 3), "the newline itself");
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 3), "two 2-byte characters before");
        assert_eq!(line_column(text, 8), (2, 4));
        assert_eq!(line_column(text, 11), (4, 1));
        assert_eq!(line_column(text, 4), (2, 1), "inside é: its start");
        assert_eq!(line_column(text, 999), (4, 5), "past the end: the end");
    }

    #[test]
    fn errors_read_like_a_compiler_s() {
        let path = Path::new("/p/env.toml");
        let error = FileError::at(path, "a\nbc = ", 5, "expected a value");
        assert_eq!(error.to_string(), "/p/env.toml:2:4: expected a value");
        assert_eq!(
            FileError::new(path, "it is not a regular file").to_string(),
            "/p/env.toml: it is not a regular file"
        );
    }

    #[test]
    fn a_toml_error_is_placed_at_its_span() {
        let text = "a = 1\nb = \"x\nc = 2\n";
        let error = toml::from_str::<toml::Table>(text).expect_err("unclosed string");
        let error = FileError::toml(Path::new("f.toml"), text, &error);
        assert_eq!(error.line, Some(2), "{error}");
        assert!(error.column.is_some(), "{error}");
        assert!(!error.message.contains('\n'), "{error}");
    }

    #[test]
    fn reading_refuses_large_and_non_utf8_files() {
        let dir = std::env::temp_dir().join(format!("fs-file-error-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let big = dir.join("big.toml");
        std::fs::write(&big, "x".repeat(100)).expect("written");
        match read_text(&big, 10) {
            Err(ReadError::Invalid(e)) => assert!(e.message.contains("100 bytes"), "{e}"),
            other => panic!("expected a size error, got {other:?}"),
        }
        let bad = dir.join("bad.toml");
        std::fs::write(&bad, b"a = 1\nb = \xff\n").expect("written");
        match read_text(&bad, 1000) {
            Err(ReadError::Invalid(e)) => {
                assert_eq!((e.line, e.column), (Some(2), Some(5)), "{e}");
            }
            other => panic!("expected a UTF-8 error, got {other:?}"),
        }
        assert!(matches!(
            read_text(&dir.join("missing.toml"), 10),
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound
        ));
        assert_eq!(read_text(&big, 100).expect("fits").len(), 100);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
