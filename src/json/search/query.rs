//! The search pattern: a `regex::bytes` regex with smart case, bounded in size, that never
//! matches empty text.

use regex::bytes::{Regex, RegexBuilder};

/// Longest pattern accepted, in bytes: a search line, not a program.
pub const MAX_PATTERN_BYTES: usize = 4096;
/// Bound on the compiled program (the regex crate's `size_limit`, default 10 MiB): Unicode
/// `\w{64}` fits (about 45 KiB a `\w`), `\w{100}` or `(a{1000}){100}` fail with
/// [`SearchError::TooBig`] instead of eating memory.
pub const PROGRAM_LIMIT: usize = 4 << 20;
/// Bound on the lazy DFA's cache (`dfa_size_limit`, default 2 MiB): more than the default so a
/// Unicode class over 100 MB rarely falls back to the slower NFA engine, still bounded.
pub const DFA_CACHE_LIMIT: usize = 8 << 20;
/// Bound on nesting (`nest_limit`, default 250): `((((…))))` is refused before it gets deep.
const NEST_LIMIT: u32 = 64;

/// One character from each class the regex's zero-width assertions tell apart (ASCII word,
/// Unicode-only word, other, `\n`, `\r`); every pair of them is tried, so an empty match is
/// found if the pattern has one anywhere.
const PROBE_CHARS: [char; 5] = ['a', 'é', ' ', '\n', '\r'];

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// Nothing to search for.
    #[error("empty pattern")]
    Empty,
    #[error("pattern longer than {MAX_PATTERN_BYTES} bytes")]
    TooLong,
    /// Not a valid regex, with where the regex crate points (`None` when it does not).
    #[error("{message}{}", position.map_or(String::new(), |p| format!(" at column {}", p.column + 1)))]
    Syntax {
        message: String,
        position: Option<ErrorPosition>,
    },
    /// The compiled regex would exceed [`PROGRAM_LIMIT`].
    #[error("pattern too big (over {limit} bytes compiled)")]
    TooBig { limit: usize },
    /// The pattern can match empty text (`a*`, `x?`, `^`, `\b`): every byte would be a hit.
    #[error("pattern matches empty text (try `+` for `*`)")]
    MatchesEmpty,
}

/// Where in the pattern a syntax error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorPosition {
    /// Byte offset into the pattern.
    pub byte: usize,
    /// The same place in characters from the start (0-based), for a cursor in the search line.
    pub column: usize,
}

/// A compiled search: the text as typed, its regex, and whether case was ignored.
#[derive(Debug, Clone)]
pub struct SearchQuery {
    text: String,
    regex: Regex,
    ignore_case: bool,
}

impl SearchQuery {
    /// Compiles `text` as a regex with smart case: case-insensitive unless the pattern has an
    /// uppercase letter of its own (not one in an escape such as `\W`, `\p{Lu}`, `\xFF`, nor
    /// in a group name or the `U` flag). `(?i)` / `(?-i)` in the pattern still win.
    pub fn parse(text: &str) -> Result<SearchQuery, SearchError> {
        if text.is_empty() {
            return Err(SearchError::Empty);
        }
        if text.len() > MAX_PATTERN_BYTES {
            return Err(SearchError::TooLong);
        }
        let ignore_case = !has_own_uppercase(text);
        let regex = RegexBuilder::new(text)
            .case_insensitive(ignore_case)
            .size_limit(PROGRAM_LIMIT)
            .dfa_size_limit(DFA_CACHE_LIMIT)
            .nest_limit(NEST_LIMIT)
            .build()
            .map_err(|e| from_regex_error(text, &e))?;
        if matches_empty(&regex) {
            return Err(SearchError::MatchesEmpty);
        }
        Ok(SearchQuery {
            text: text.to_owned(),
            regex,
            ignore_case,
        })
    }

    /// The pattern as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The compiled regex, e.g. to find matches again in one displayed (unescaped) value.
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Smart case chose case-insensitive matching.
    pub fn ignores_case(&self) -> bool {
        self.ignore_case
    }
}

/// Whether the pattern can match empty text anywhere: an empty match consumes nothing, so it
/// depends only on the characters on either side, and [`PROBE_CHARS`] covers every kind.
fn matches_empty(regex: &Regex) -> bool {
    let mut probe = [0u8; 8];
    let empty_at = |text: &[u8]| regex.find_iter(text).any(|m| m.is_empty());
    if empty_at(b"") {
        return true;
    }
    for a in PROBE_CHARS {
        for b in PROBE_CHARS {
            let len = a.encode_utf8(&mut probe).len();
            let len = len + b.encode_utf8(&mut probe[len..]).len();
            if empty_at(&probe[..len]) {
                return true;
            }
        }
    }
    false
}

/// Smart case's test: an uppercase letter the user typed as a literal. Skips escapes (`\S`,
/// `\p{Lu}`, `\x{1F600}`, `\xAB`), group names (`(?P<Name>`, `(?<Name>`) and flag groups
/// (`(?U)`, `(?iU:`).
pub(super) fn has_own_uppercase(pattern: &str) -> bool {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('p' | 'P' | 'x' | 'u' | 'U') if chars.peek() == Some(&'{') => {
                    chars.by_ref().find(|&c| c == '}');
                }
                Some(escape @ ('x' | 'u' | 'U')) => {
                    let digits = match escape {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    for _ in 0..digits {
                        chars.next_if(char::is_ascii_hexdigit);
                    }
                }
                // `\pL`: a one-letter class name.
                Some('p' | 'P') => {
                    chars.next();
                }
                _ => {}
            },
            '(' if chars.next_if_eq(&'?').is_some() => {
                if chars.next_if_eq(&'P').is_some() || chars.peek() == Some(&'<') {
                    chars.by_ref().find(|&c| c == '>');
                } else {
                    // Flags up to `:` or `)`; `U` (swap greed) is one of them.
                    while chars.next_if(|&c| c != ':' && c != ')').is_some() {}
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

/// A regex crate error as a [`SearchError`], with the byte position its caret points at.
fn from_regex_error(pattern: &str, error: &regex::Error) -> SearchError {
    match error {
        regex::Error::CompiledTooBig(limit) => SearchError::TooBig { limit: *limit },
        regex::Error::Syntax(text) => syntax_error(pattern, text),
        other => SearchError::Syntax {
            message: other.to_string(),
            position: None,
        },
    }
}

/// Reads regex-syntax's notation of a one-line pattern:
///
/// ```text
/// regex parse error:
///     a(b
///      ^
/// error: unclosed group
/// ```
///
/// The carets' column (in characters) becomes a byte offset into `pattern`.
fn syntax_error(pattern: &str, text: &str) -> SearchError {
    let message = text
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("error: "))
        .unwrap_or(text)
        .to_owned();
    let position = if pattern.contains('\n') {
        None
    } else {
        text.lines()
            .nth(2)
            .and_then(|line| line.strip_prefix("    "))
            .filter(|carets| carets.trim_start().starts_with('^'))
            .and_then(|carets| {
                let column = carets.len() - carets.trim_start().len();
                let byte = pattern
                    .char_indices()
                    .map(|(at, _)| at)
                    .chain(std::iter::once(pattern.len()))
                    .nth(column)?;
                Some(ErrorPosition { byte, column })
            })
    };
    SearchError::Syntax { message, position }
}
