//! Why and where a body is not valid JSON.

use std::fmt;

use super::JsonIndex;

/// What the parser expected where it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// Any JSON value.
    Value,
    /// A `"` opening an object key.
    Key,
    /// A key or `}` right after `{`.
    KeyOrBrace,
    Colon,
    CommaOrBrace,
    CommaOrBracket,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Value => "expected value",
            Expected::Key => "expected '\"' to begin a key",
            Expected::KeyOrBrace => "expected '\"' or '}'",
            Expected::Colon => "expected ':'",
            Expected::CommaOrBrace => "expected ',' or '}'",
            Expected::CommaOrBracket => "expected ',' or ']'",
        })
    }
}

/// The reason a body was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    /// Something else came where `Expected` was due.
    #[error("{0}")]
    Expected(Expected),
    /// The body ended where `Expected` was due (typically a truncated body).
    #[error("unexpected end of input: {0}")]
    EndOfInput(Expected),
    /// Positioned at the opening quote.
    #[error("unterminated string")]
    UnterminatedString,
    #[error("invalid escape")]
    InvalidEscape,
    #[error("invalid UTF-8 in string")]
    InvalidUtf8,
    #[error("control character in string")]
    ControlCharacter,
    #[error("invalid number: leading zero")]
    LeadingZero,
    #[error("invalid number: expected digit")]
    ExpectedDigit,
    #[error("NaN and Infinity are not JSON numbers")]
    NotANumber,
    #[error("invalid literal: expected `{0}`")]
    InvalidLiteral(&'static str),
    #[error("trailing characters")]
    TrailingCharacters,
    #[error("nesting deeper than {0} levels")]
    TooDeep(usize),
    #[error("body of {0} bytes is over the index limit of 4 GiB")]
    TooLarge(usize),
}

/// A body that is not valid JSON: where parsing stopped and why, and what was valid before it.
pub struct IndexError {
    /// 1-based line of `offset`.
    pub line: usize,
    /// 1-based column of `offset`, in characters (one past the last character at the end).
    pub column: usize,
    /// Byte offset where parsing stopped.
    pub offset: usize,
    pub kind: ErrorKind,
    /// The values indexed before the error; containers still open are closed at `offset` and
    /// flagged (`JsonIndex::is_unfinished`). `None` when nothing was indexed.
    pub partial: Option<Box<JsonIndex>>,
}

impl IndexError {
    pub(super) fn new(body: &[u8], offset: usize, kind: ErrorKind) -> IndexError {
        let (line, column) = line_column(body, offset);
        IndexError {
            line,
            column,
            offset,
            kind,
            partial: None,
        }
    }

    /// The message alone, without the position (`expected ',' or '}'`).
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid JSON at line {}, column {}: {}",
            self.line, self.column, self.kind
        )
    }
}

impl fmt::Debug for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IndexError")
            .field("line", &self.line)
            .field("column", &self.column)
            .field("offset", &self.offset)
            .field("kind", &self.kind)
            .field("partial_nodes", &self.partial.as_ref().map(|p| p.len()))
            .finish()
    }
}

impl std::error::Error for IndexError {}

/// 1-based line and column (in characters) of byte `offset`.
fn line_column(body: &[u8], offset: usize) -> (usize, usize) {
    let before = &body[..offset.min(body.len())];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = 1 + memchr::memchr_iter(b'\n', &before[..line_start]).count();
    // Count characters, not bytes: UTF-8 continuation bytes do not start one.
    let chars = before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, chars + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        assert_eq!(line_column(b"", 0), (1, 1));
        assert_eq!(line_column(b"abc", 2), (1, 3));
        assert_eq!(line_column(b"ab\ncd", 3), (2, 1));
        assert_eq!(line_column(b"ab\ncd", 5), (2, 3));
        assert_eq!(line_column("\"é☃x".as_bytes(), 6), (1, 4));
    }
}
