//! What a body is, from its content type and its bytes.

/// How a body is best shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Text,
    Binary,
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type is JSON (`application/json`, `application/problem+json`, …).
pub fn is_json_type(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json") || media == "text/json"
}

fn is_text_type(media: &str) -> bool {
    media.starts_with("text/")
        || media.ends_with("+xml")
        || matches!(
            media,
            "application/xml"
                | "application/javascript"
                | "application/x-www-form-urlencoded"
                | "application/yaml"
                | "application/x-yaml"
        )
}

/// Classifies a body: the content type decides when it is known; otherwise the bytes do
/// (UTF-8 without NUL in the first 8 KiB reads as text, a leading `{` or `[` as JSON).
pub fn classify(content_type: Option<&str>, body: &[u8]) -> BodyKind {
    let media = content_type.map(media_type).unwrap_or_default();
    if is_json_type(&media) {
        return BodyKind::Json;
    }
    let head = &body[..body.len().min(8192)];
    let looks_textual = !head.contains(&0) && utf8_prefix_ok(head);
    if is_text_type(&media) {
        // Declared text with a stray invalid byte still reads best as text (shown as U+FFFD).
        return if head.contains(&0) {
            BodyKind::Binary
        } else {
            BodyKind::Text
        };
    }
    if !media.is_empty() && !media.starts_with("application/octet-stream") && !looks_textual {
        return BodyKind::Binary;
    }
    if !looks_textual {
        return BodyKind::Binary;
    }
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') if media.is_empty() => BodyKind::Json,
        _ => BodyKind::Text,
    }
}

/// UTF-8 check that forgives a multi-byte character cut off at the end of the sample.
fn utf8_prefix_ok(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_decides_when_known() {
        assert_eq!(
            classify(Some("application/json; charset=utf-8"), b"oops"),
            BodyKind::Json
        );
        assert_eq!(
            classify(Some("application/problem+json"), b"{}"),
            BodyKind::Json
        );
        assert_eq!(classify(Some("text/html"), b"<p>"), BodyKind::Text);
        assert_eq!(
            classify(Some("image/png"), b"\x89PNG\r\n\x1a\n\0"),
            BodyKind::Binary
        );
    }

    #[test]
    fn bytes_decide_otherwise() {
        assert_eq!(classify(None, b"  {\"a\": 1}"), BodyKind::Json);
        assert_eq!(classify(None, b"plain words"), BodyKind::Text);
        assert_eq!(classify(None, b"\x00\x01\x02"), BodyKind::Binary);
        assert_eq!(
            classify(Some("application/octet-stream"), b"\xff\xfe"),
            BodyKind::Binary
        );
        assert_eq!(
            classify(None, "é".as_bytes().get(..1).unwrap_or_default()),
            BodyKind::Text
        );
    }
}
