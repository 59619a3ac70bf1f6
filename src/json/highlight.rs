//! Token classes for one line of pretty-printed JSON, computed only for the rows on screen.

use super::string_end;

/// What a run of characters on a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Key,
    String,
    Number,
    Literal,
    Punctuation,
    Whitespace,
}

/// A run of `kind` over `start..end` byte offsets of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// Splits a line of (pretty or compact) JSON into tokens. Text that is not JSON comes back as
/// plain runs; this never fails and never reads past the line.
pub fn tokenize_line(line: &str) -> Vec<Token> {
    let bytes = line.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let kind = match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                if next_non_space(bytes, i) == Some(b':') {
                    TokenKind::Key
                } else {
                    TokenKind::String
                }
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                i += 1;
                TokenKind::Punctuation
            }
            b' ' | b'\t' => {
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                    i += 1;
                }
                TokenKind::Whitespace
            }
            b'-' | b'0'..=b'9' => {
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                TokenKind::Number
            }
            _ => {
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b'"' | b'{' | b'}' | b'[' | b']' | b',' | b':' | b' '
                    )
                {
                    i += 1;
                }
                TokenKind::Literal
            }
        };
        // Offsets must fall on char boundaries for the caller to slice the line.
        while i < bytes.len() && !line.is_char_boundary(i) {
            i += 1;
        }
        tokens.push(Token {
            kind,
            start,
            end: i,
        });
    }
    tokens
}

fn next_non_space(bytes: &[u8], from: usize) -> Option<u8> {
    bytes.get(from..)?.iter().copied().find(|b| *b != b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(TokenKind, &str)> {
        tokenize_line(line)
            .into_iter()
            .map(|t| (t.kind, &line[t.start..t.end]))
            .collect()
    }

    #[test]
    fn classifies_a_pretty_line() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"  "name": "m1.tiny","#),
            vec![
                (Whitespace, "  "),
                (Key, "\"name\""),
                (Punctuation, ":"),
                (Whitespace, " "),
                (String, "\"m1.tiny\""),
                (Punctuation, ",")
            ]
        );
        assert_eq!(kinds("-1.5e3"), vec![(Number, "-1.5e3")]);
        assert_eq!(kinds("null"), vec![(Literal, "null")]);
    }

    #[test]
    fn tolerates_non_json_and_unicode() {
        let line = "not json: ünïcode \"unterminated";
        let tokens = tokenize_line(line);
        assert_eq!(tokens.last().map(|t| t.end), Some(line.len()));
        for t in tokens {
            assert!(line.is_char_boundary(t.start) && line.is_char_boundary(t.end));
        }
    }
}
