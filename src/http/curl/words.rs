//! A command line split into words as bash splits it: blanks separate words, `'…'` is literal,
//! `"…"` keeps all but `\"`, `\\`, `\$`, `` \` `` and a backslash-newline, `$'…'` takes C
//! escapes (what browsers' "Copy as cURL" writes), a backslash outside quotes escapes the next
//! character and a backslash-newline joins lines. No expansion of any kind: `$HOME` stays.

use std::fmt;

/// A quote opened and never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unbalanced {
    pub quote: char,
    /// Byte offset of the opening quote.
    pub at: usize,
    /// Its line and column, from 1.
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Unbalanced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} opened at line {}, column {} is never closed",
            self.quote, self.line, self.column
        )
    }
}

/// The words of `text` (bytes, since `$'\xff'` can make any).
pub fn split(text: &str) -> Result<Vec<Vec<u8>>, Unbalanced> {
    let mut words = Vec::new();
    let mut word: Option<Vec<u8>> = None;
    let mut chars = text.char_indices().peekable();
    let unbalanced = |quote: char, at: usize| {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Unbalanced {
            quote,
            at,
            line,
            column,
        }
    };
    while let Some((at, c)) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if let Some(done) = word.take() {
                    words.push(done);
                }
            }
            '\\' => match chars.next() {
                Some((_, '\n')) | None => {}
                Some((_, '\r')) if chars.peek().is_some_and(|&(_, c)| c == '\n') => {
                    chars.next();
                }
                Some((_, escaped)) => push(&mut word, escaped),
            },
            '\'' => {
                let current = word.get_or_insert_with(Vec::new);
                loop {
                    match chars.next() {
                        Some((_, '\'')) => break,
                        Some((_, c)) => push_char(current, c),
                        None => return Err(unbalanced('\'', at)),
                    }
                }
            }
            '"' => {
                let current = word.get_or_insert_with(Vec::new);
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.next() {
                            Some((_, c @ ('"' | '\\' | '$' | '`'))) => push_char(current, c),
                            Some((_, '\n')) => {}
                            Some((_, c)) => {
                                current.push(b'\\');
                                push_char(current, c);
                            }
                            None => return Err(unbalanced('"', at)),
                        },
                        Some((_, c)) => push_char(current, c),
                        None => return Err(unbalanced('"', at)),
                    }
                }
            }
            '$' if chars.peek().is_some_and(|&(_, c)| c == '\'') => {
                chars.next();
                let current = word.get_or_insert_with(Vec::new);
                ansi_c(&mut chars, current).ok_or_else(|| unbalanced('\'', at + 1))?;
            }
            c => push(&mut word, c),
        }
    }
    if let Some(done) = word {
        words.push(done);
    }
    Ok(words)
}

fn push(word: &mut Option<Vec<u8>>, c: char) {
    push_char(word.get_or_insert_with(Vec::new), c);
}

fn push_char(word: &mut Vec<u8>, c: char) {
    word.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

/// The inside of `$'…'` up to its closing quote; `None` when it never closes.
fn ansi_c(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    word: &mut Vec<u8>,
) -> Option<()> {
    loop {
        let (_, c) = chars.next()?;
        match c {
            '\'' => return Some(()),
            '\\' => {
                let (_, escaped) = chars.next()?;
                match escaped {
                    'n' => word.push(b'\n'),
                    't' => word.push(b'\t'),
                    'r' => word.push(b'\r'),
                    'a' => word.push(0x07),
                    'b' => word.push(0x08),
                    'e' | 'E' => word.push(0x1b),
                    'f' => word.push(0x0c),
                    'v' => word.push(0x0b),
                    'x' => {
                        let mut value = 0u8;
                        let mut digits = 0;
                        while digits < 2 {
                            let Some(d) = chars.peek().and_then(|&(_, c)| c.to_digit(16)) else {
                                break;
                            };
                            chars.next();
                            value = value * 16 + d as u8;
                            digits += 1;
                        }
                        if digits == 0 {
                            word.extend_from_slice(b"\\x");
                        } else {
                            word.push(value);
                        }
                    }
                    'u' | 'U' => {
                        let max = if escaped == 'u' { 4 } else { 8 };
                        let mut value = 0u32;
                        let mut digits = 0;
                        while digits < max {
                            let Some(d) = chars.peek().and_then(|&(_, c)| c.to_digit(16)) else {
                                break;
                            };
                            chars.next();
                            value = value * 16 + d;
                            digits += 1;
                        }
                        push_char(word, char::from_u32(value).unwrap_or('\u{fffd}'));
                    }
                    c @ ('\\' | '\'' | '"' | '?') => push_char(word, c),
                    other => {
                        word.push(b'\\');
                        push_char(word, other);
                    }
                }
            }
            c => push_char(word, c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        split(text)
            .expect("balanced")
            .into_iter()
            .map(|w| String::from_utf8(w).expect("UTF-8"))
            .collect()
    }

    #[test]
    fn quotes_and_escapes_as_bash_reads_them() {
        assert_eq!(
            words(r#"curl 'a b' "c \"d\" \$e \n" f\ g $'h\ti\x41' "$HOME""#),
            ["curl", "a b", "c \"d\" $e \\n", "f g", "h\tiA", "$HOME"]
        );
        assert_eq!(
            words("curl \\\n  -X POST \\\r\n url"),
            ["curl", "-X", "POST", "url"]
        );
        assert_eq!(words("a''b \"\""), ["ab", ""]);
    }

    #[test]
    fn an_unclosed_quote_says_where_it_opened() {
        let e = split("curl -H 'X: 1' \\\n -d \"{\n").expect_err("unbalanced");
        assert_eq!((e.quote, e.line, e.column), ('"', 2, 5));
        assert_eq!(
            e.to_string(),
            "the \" opened at line 2, column 5 is never closed"
        );
        assert!(split("curl $'abc").is_err());
    }
}
