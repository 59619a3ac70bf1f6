//! Reading one setting out of a parsed cloud: YAML gives numbers, booleans and strings where
//! openstacksdk would `str()` them, so the getters are as lenient and the errors as precise.

use serde_json::{Map, Value};

use super::error::CloudsError;
use crate::openstack::Secret;

/// Which cloud a value belongs to, for error messages.
pub(super) struct Place<'a> {
    pub cloud: &'a str,
    /// "in /path/clouds.yaml", "from the OS_* variables".
    pub origin: &'a str,
}

impl<'a> Place<'a> {
    pub fn new(cloud: &'a str, origin: &'a str) -> Self {
        Self { cloud, origin }
    }

    pub fn invalid(&self, key: &str, expected: &'static str, found: String) -> CloudsError {
        CloudsError::InvalidValue {
            cloud: self.cloud.to_owned(),
            origin: self.origin.to_owned(),
            key: key.to_owned(),
            expected,
            found,
        }
    }
}

/// A string setting; numbers and booleans are taken as their text (`identity_api_version: 3`,
/// an all-digit project id). Null and `""` count as unset.
pub(super) fn string(
    place: &Place<'_>,
    map: &Map<String, Value>,
    key: &str,
) -> Result<Option<String>, CloudsError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.is_empty() => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(Value::Number(number)) => Ok(Some(number.to_string())),
        Some(Value::Bool(flag)) => Ok(Some(flag.to_string())),
        Some(other) => Err(place.invalid(key, "a string", kind(other).to_owned())),
    }
}

/// Like [`string`], but the value never appears in an error.
pub(super) fn secret(
    place: &Place<'_>,
    map: &Map<String, Value>,
    key: &str,
) -> Result<Option<Secret>, CloudsError> {
    match map.get(key) {
        Some(value @ (Value::Array(_) | Value::Object(_))) => {
            Err(place.invalid(key, "a string", kind(value).to_owned()))
        }
        _ => Ok(string(place, map, key)?.map(Secret::new)),
    }
}

/// A boolean setting: YAML booleans, or the words true/false, yes/no, on/off, 1/0 in any case
/// (environment variables are strings).
pub(super) fn boolean(
    place: &Place<'_>,
    map: &Map<String, Value>,
    key: &str,
) -> Result<Option<bool>, CloudsError> {
    let value = match map.get(key) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Bool(flag)) => return Ok(Some(*flag)),
        Some(value) => value,
    };
    let word = match value {
        Value::String(text) => text.trim().to_ascii_lowercase(),
        Value::Number(number) => number.to_string(),
        other => return Err(place.invalid(key, "true or false", kind(other).to_owned())),
    };
    match word.as_str() {
        "" => Ok(None),
        "true" | "yes" | "on" | "1" => Ok(Some(true)),
        "false" | "no" | "off" | "0" => Ok(Some(false)),
        _ => Err(place.invalid(key, "true or false", format!("{value}"))),
    }
}

/// "a list", "a mapping"…: how an error names a value it must not or need not quote.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => panic!("test value is an object"),
        }
    }

    #[test]
    fn strings_accept_scalars() {
        let place = Place::new("c", "in f");
        let settings = map(json!({
            "a": "x", "b": 3, "c": 2.0, "d": true, "e": null, "f": "", "g": [1]
        }));
        let cases = [
            ("a", Some("x")),
            ("b", Some("3")),
            ("c", Some("2.0")),
            ("d", Some("true")),
            ("e", None),
            ("f", None),
            ("absent", None),
        ];
        for (key, expected) in cases {
            let got = string(&place, &settings, key).expect("scalar");
            assert_eq!(got.as_deref(), expected, "{key}");
        }
        let error = string(&place, &settings, "g").expect_err("a list is no string");
        assert_eq!(
            error.to_string(),
            "cloud c in f: g must be a string, not a list"
        );
    }

    #[test]
    fn booleans_accept_words() {
        let place = Place::new("c", "in f");
        let cases = [
            (json!(true), Some(true)),
            (json!("True"), Some(true)),
            (json!("yes"), Some(true)),
            (json!(1), Some(true)),
            (json!("false"), Some(false)),
            (json!("OFF"), Some(false)),
            (json!(0), Some(false)),
            (json!(""), None),
            (json!(null), None),
        ];
        for (value, expected) in cases {
            let settings = map(json!({ "k": value.clone() }));
            assert_eq!(
                boolean(&place, &settings, "k").expect("boolean"),
                expected,
                "{value}"
            );
        }
        let settings = map(json!({"k": [true]}));
        assert!(boolean(&place, &settings, "k").is_err());
    }

    #[test]
    fn a_bad_secret_is_described_not_quoted() {
        let place = Place::new("c", "in f");
        let settings = map(json!({"password": {"nested": "hunter2"}}));
        let error = secret(&place, &settings, "password").expect_err("a mapping is no secret");
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("password must be a string, not a mapping"));
        let settings = map(json!({"password": 1234}));
        let password = secret(&place, &settings, "password").expect("number as text");
        assert_eq!(password.as_ref().map(Secret::expose), Some("1234"));
    }
}
