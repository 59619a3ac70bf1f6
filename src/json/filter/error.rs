//! A filter's errors as one sentence and the byte offset in the filter where it went wrong.

use std::fmt;

use jaq_core::compile::Undefined;
use jaq_core::load::{self, lex, parse};

/// What went wrong and, for syntax errors and unknown names, where in the filter text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub message: String,
    /// Byte offset in the filter text.
    pub at: Option<usize>,
}

/// Longest message kept: jaq's errors quote whole values (`cannot index {…100 MB…}`).
const MAX_MESSAGE_CHARS: usize = 300;

impl FilterError {
    pub fn new(message: impl Into<String>) -> Self {
        let mut message: String = message.into();
        if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
            message.truncate(cut);
            message.push('…');
        }
        Self { message, at: None }
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{} (at column {})", self.message, at + 1),
            None => f.write_str(&self.message),
        }
    }
}

/// Where `part` starts in `code`, when it is a slice of it (errors can also point into jaq's
/// own library, which is not the user's text).
fn offset(code: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(code.as_ptr() as usize)?;
    (start <= code.len()).then_some(start)
}

/// `found` as the user sees it: the token, or the end of the filter.
fn found(part: &str) -> String {
    if part.is_empty() {
        "the end of the filter".to_owned()
    } else {
        let token: String = part.chars().take(20).collect();
        format!("`{token}`")
    }
}

fn lex_expected(expect: &lex::Expect<&str>) -> String {
    match expect {
        // jaq's own description panics on delimiters it does not know.
        lex::Expect::Delim(open) => format!("something to close `{open}`"),
        other => other.as_str().to_owned(),
    }
}

/// The first error of parsing (lexing) the filter.
pub(super) fn load(code: &str, errors: load::Errors<&str, ()>) -> FilterError {
    let Some((_, error)) = errors.into_iter().next() else {
        return FilterError::new("the filter does not parse");
    };
    let (expected, part) = match error {
        load::Error::Lex(errors) => match errors.into_iter().next() {
            Some((expect, part)) => (lex_expected(&expect), part),
            None => return FilterError::new("the filter does not parse"),
        },
        load::Error::Parse(errors) => match errors.into_iter().next() {
            Some((expect, part)) => (parse_expected(&expect), part),
            None => return FilterError::new("the filter does not parse"),
        },
        load::Error::Io(errors) => {
            let message = errors
                .into_iter()
                .next()
                .map_or_else(|| "cannot load a module".to_owned(), |(_, e)| e);
            return FilterError::new(message);
        }
    };
    FilterError {
        message: format!("expected {expected}, found {}", found(part)),
        at: offset(code, part),
    }
}

fn parse_expected(expect: &parse::Expect<&str>) -> String {
    match expect {
        parse::Expect::Just(token) => format!("`{token}`"),
        other => other.as_str().to_owned(),
    }
}

/// The first name the filter uses that nothing defines.
pub(super) fn compile(code: &str, errors: jaq_core::compile::Errors<&str, ()>) -> FilterError {
    let first = errors.into_iter().find_map(|(_, e)| e.into_iter().next());
    let Some((name, undefined)) = first else {
        return FilterError::new("the filter does not compile");
    };
    let what = match undefined {
        Undefined::Filter(arity) => format!("filter `{name}/{arity}`"),
        other => format!("{} `{name}`", other.as_str()),
    };
    FilterError {
        message: format!("undefined {what}"),
        at: offset(code, name),
    }
}
