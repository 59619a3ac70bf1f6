//! Pretty-printing by re-indenting the bytes rather than through `serde_json::Value`: numbers stay
//! as sent (`1.0`, 30-digit integers), keys stay in server order, and no tree is allocated.

use serde::de::IgnoredAny;

use super::string_end;

/// Indentation per nesting level.
const INDENT: &[u8] = b"  ";

/// Past this many levels the indentation stops growing: a 100 000-deep body would otherwise
/// pretty-print to some 20 GB of spaces (2 × depth² bytes).
pub const MAX_INDENT_LEVELS: usize = 100;

/// The indentation of a line at `depth`, in columns.
pub fn indent_width(depth: usize) -> usize {
    INDENT.len() * depth.min(MAX_INDENT_LEVELS)
}

/// A body that is not valid JSON, with where the parser gave up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid JSON at line {line}, column {column}: {message}")]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Checks that `bytes` is one JSON document.
pub fn validate(bytes: &[u8]) -> Result<(), JsonError> {
    serde_json::from_slice::<IgnoredAny>(bytes)
        .map(|_| ())
        .map_err(|e| JsonError {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        })
}

/// `serde_json` appends " at line L column C" to its messages; we report those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Validates `bytes` and returns it re-indented, two spaces a level.
pub fn pretty(bytes: &[u8]) -> Result<String, JsonError> {
    validate(bytes)?;
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 2);
    reindent(bytes, &mut out);
    // Valid JSON is valid UTF-8 and re-indenting only moves ASCII whitespace.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The document without insignificant whitespace (numbers and strings exactly as sent), for
/// yanking a value compactly. Expects valid JSON (a node's raw bytes from the index).
pub fn compact(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'"' => {
                let end = string_end(bytes, i);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Re-indents a document already known to be valid.
fn reindent(bytes: &[u8], out: &mut Vec<u8>) {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b'"' => {
                let end = string_end(bytes, i);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
                continue;
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                let next = next_significant(bytes, i + 1);
                if bytes.get(next) == Some(&close) {
                    out.push(b);
                    out.push(close);
                    i = next + 1;
                    continue;
                }
                out.push(b);
                depth += 1;
                newline(out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b',');
                newline(out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
        i += 1;
    }
}

fn newline(out: &mut Vec<u8>, depth: usize) {
    out.push(b'\n');
    out.resize(out.len() + indent_width(depth), b' ');
}

fn next_significant(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_stops_growing_past_the_cap() {
        let depth = 5_000;
        let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let text = pretty(body.as_bytes()).expect("valid");
        let widest = text.lines().map(str::len).max().unwrap_or(0);
        // The innermost `[]`, at the capped indentation.
        assert_eq!(widest, indent_width(MAX_INDENT_LEVELS) + 2);
        assert_eq!(text.lines().count(), 2 * depth - 1);
        assert!(
            text.len() < 2 * depth * (widest + 1),
            "linear, not quadratic"
        );
    }

    #[test]
    fn reindents_keeping_numbers_and_key_order() {
        let body = br#"{"z":1.0,"a":[1,12345678901234567890123,{}],"s":"x, y: {z}","e":[]}"#;
        let expected = "{\n  \"z\": 1.0,\n  \"a\": [\n    1,\n    12345678901234567890123,\n    {}\n  ],\n  \"s\": \"x, y: {z}\",\n  \"e\": []\n}";
        assert_eq!(pretty(body).as_deref(), Ok(expected));
    }

    #[test]
    fn escaped_quotes_stay_inside_strings() {
        let body = br#"["a\"b\\",  "c"]"#;
        assert_eq!(
            pretty(body).as_deref(),
            Ok("[\n  \"a\\\"b\\\\\",\n  \"c\"\n]")
        );
    }

    #[test]
    fn compact_drops_whitespace_outside_strings_only() {
        assert_eq!(
            compact(b"{ \"a b\" : [ 1.0 , \"x \\\" y\" ] }"),
            "{\"a b\":[1.0,\"x \\\" y\"]}"
        );
    }

    #[test]
    fn scalars_and_whitespace() {
        assert_eq!(pretty(b"  true \n").as_deref(), Ok("true"));
        assert_eq!(pretty(b"\"s\"").as_deref(), Ok("\"s\""));
    }

    #[test]
    fn invalid_json_reports_line_and_column() {
        let err = pretty(b"{\n  \"a\": 1,\n  \"b\" 2\n}").expect_err("must fail");
        assert_eq!((err.line, err.column), (3, 7));
        assert!(err.message.contains("expected `:`"), "{}", err.message);
        assert!(
            err.to_string()
                .starts_with("invalid JSON at line 3, column 7")
        );
    }
}
