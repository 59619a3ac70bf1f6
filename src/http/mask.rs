//! Secret fields of a request body masked in place: the string values of `password`,
//! `original_password`, `secret`, token ids and the rest of
//! [`SECRET_FIELDS`](crate::redaction::SECRET_FIELDS) become `***` in a
//! JSON body, and in a form-encoded one (`password=…&…`). Everything else stays byte for
//! byte — the layout of a body typed in the composer too — so the masked text is still the
//! one the user wrote, and it works on a body being typed that is not JSON yet.

use std::ops::Range;

use crate::redaction::SECRET_FIELDS;

/// What a masked value becomes.
pub const MASK: &str = "***";

/// Whose text is masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// A body as sent: every secret value goes.
    Sent,
    /// The composer's text (a draft, a saved request): a value made only of
    /// `{{placeholders}}` names a variable, not a secret, and stays.
    Template,
}

/// `body` with its secret values as `***`; `None` when there is nothing to mask.
pub fn mask_body(body: &[u8], values: Values) -> Option<Vec<u8>> {
    let ranges: Vec<Range<usize>> = secret_values(body)
        .into_iter()
        .map(|(_, value)| value)
        .filter(|value| hides_a_secret(&body[value.clone()], values))
        .collect();
    if ranges.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(body.len());
    let mut copied = 0;
    for range in ranges {
        out.extend_from_slice(&body[copied..range.start]);
        out.extend_from_slice(MASK.as_bytes());
        copied = range.end;
    }
    out.extend_from_slice(&body[copied..]);
    Some(out)
}

/// The names of the secret fields whose value is `***`: a body stored masked, which cannot
/// be sent as it is.
pub fn masked_fields(body: &[u8]) -> Vec<String> {
    let mut names: Vec<String> = secret_values(body)
        .into_iter()
        .filter(|(_, value)| &body[value.clone()] == MASK.as_bytes())
        .map(|(name, _)| name)
        .collect();
    names.dedup();
    names
}

/// Whether the value at hand is a secret to mask: not empty, not masked already, and in the
/// composer's text not only placeholders.
fn hides_a_secret(value: &[u8], values: Values) -> bool {
    if value.is_empty() || value == MASK.as_bytes() {
        return false;
    }
    match (values, std::str::from_utf8(value)) {
        (Values::Template, Ok(text)) => !crate::http::template::only_placeholders(text),
        _ => true,
    }
}

/// Each secret field's name and the byte range of its value (inside the quotes in JSON).
fn secret_values(body: &[u8]) -> Vec<(String, Range<usize>)> {
    let names_one = SECRET_FIELDS
        .iter()
        .any(|name| memchr::memmem::find(body, name.as_bytes()).is_some());
    if !names_one {
        return Vec::new();
    }
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => json_secret_values(body),
        Some(_) if body.contains(&b'=') => form_secret_values(body),
        _ => Vec::new(),
    }
}

fn is_secret_field(name: &[u8]) -> bool {
    SECRET_FIELDS.iter().any(|s| s.as_bytes() == name)
}

/// A scan of JSON text (complete or not): a string followed by `:` is a key; a string value
/// of a secret key is a secret, and so is the `id` of an object under `token` (Keystone's
/// token method). Malformed text ends the scan where it stops making sense.
fn json_secret_values(body: &[u8]) -> Vec<(String, Range<usize>)> {
    let mut found = Vec::new();
    // For each open container, the key it is the value of.
    let mut opened_by: Vec<Option<Range<usize>>> = Vec::new();
    let mut key: Option<Range<usize>> = None;
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'"' => {
                let Some(end) = string_end(body, i + 1) else {
                    break;
                };
                let inner = i + 1..end;
                let next = skip_blanks(body, end + 1);
                if body.get(next) == Some(&b':') {
                    key = Some(inner);
                } else if let Some(name) = key.take() {
                    let under_token = opened_by
                        .last()
                        .and_then(Option::as_ref)
                        .is_some_and(|k| &body[k.clone()] == b"token");
                    let name_bytes = &body[name];
                    if is_secret_field(name_bytes) || (under_token && name_bytes == b"id") {
                        found.push((String::from_utf8_lossy(name_bytes).into_owned(), inner));
                    }
                }
                i = end + 1;
            }
            b'{' | b'[' => {
                opened_by.push(key.take());
                i += 1;
            }
            b'}' | b']' => {
                opened_by.pop();
                key = None;
                i += 1;
            }
            b',' => {
                key = None;
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// The closing quote of the string whose text starts at `from`.
fn string_end(body: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn skip_blanks(body: &[u8], mut i: usize) -> usize {
    while body.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// `name=value&…`: the values of secret names (names percent-decoded).
fn form_secret_values(body: &[u8]) -> Vec<(String, Range<usize>)> {
    let mut found = Vec::new();
    let mut start = 0;
    for field in body.split(|&b| b == b'&') {
        if let Some(eq) = memchr::memchr(b'=', field) {
            let name: String = url::form_urlencoded::parse(&field[..eq])
                .next()
                .map(|(n, _)| n.into_owned())
                .unwrap_or_default();
            if is_secret_field(name.as_bytes()) {
                found.push((name, start + eq + 1..start + field.len()));
            }
        }
        start += field.len() + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(body: &str, values: Values) -> Option<String> {
        mask_body(body.as_bytes(), values).map(|b| String::from_utf8(b).expect("UTF-8"))
    }

    #[test]
    fn keystones_passwords_are_masked_and_the_layout_kept() {
        let body = "{\n  \"user\": {\n    \"password\": \"new-pw-1\",\n    \"original_password\" : \"old-pw-2\"\n  }\n}";
        assert_eq!(
            masked(body, Values::Sent).as_deref(),
            Some(
                "{\n  \"user\": {\n    \"password\": \"***\",\n    \"original_password\" : \"***\"\n  }\n}"
            )
        );
        let token =
            r#"{"auth":{"identity":{"methods":["token"],"token":{"id":"gAAAAAold"}}},"id":"keep"}"#;
        assert_eq!(
            masked(token, Values::Sent).as_deref(),
            Some(r#"{"auth":{"identity":{"methods":["token"],"token":{"id":"***"}}},"id":"keep"}"#)
        );
    }

    #[test]
    fn what_is_not_a_secret_value_stays() {
        for body in [
            r#"{"name": "password", "description": "the password field"}"#,
            r#"{"password": ""}"#,
            r#"{"password": "***"}"#,
            r#"{"password": ["a", "b"], "n": 1}"#,
            r#"{"q": "a \"password\": \"x\""}"#,
            "no json at all",
            "q=password+reset&page=2",
        ] {
            assert_eq!(masked(body, Values::Sent), None, "{body}");
        }
    }

    #[test]
    fn placeholders_stay_in_the_composers_text_only() {
        let body = r#"{"password": "{{os_password}}", "secret": "{{a}} {{b}}", "token": "x{{t}}"}"#;
        assert_eq!(
            masked(body, Values::Template).as_deref(),
            Some(r#"{"password": "{{os_password}}", "secret": "{{a}} {{b}}", "token": "***"}"#)
        );
        assert_eq!(
            masked(body, Values::Sent).as_deref(),
            Some(r#"{"password": "***", "secret": "***", "token": "***"}"#)
        );
    }

    #[test]
    fn half_typed_json_and_form_bodies() {
        assert_eq!(
            masked(r#"{"auth": {"password": "hunter2", "user": "#, Values::Sent).as_deref(),
            Some(r#"{"auth": {"password": "***", "user": "#)
        );
        assert_eq!(
            masked(
                "grant_type=password&password=hunter%212&client_secret=s&x=1",
                Values::Sent
            )
            .as_deref(),
            Some("grant_type=password&password=***&client_secret=***&x=1")
        );
    }

    #[test]
    fn masked_fields_are_named() {
        let body = br#"{"user": {"password": "***", "original_password": "***", "name": "***"}}"#;
        assert_eq!(masked_fields(body), ["password", "original_password"]);
        assert!(masked_fields(br#"{"password": "typed"}"#).is_empty());
        assert_eq!(masked_fields(b"username=a&password=***"), ["password"]);
    }
}
