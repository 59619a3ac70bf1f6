//! Keystone token answers, v3 and v2.0, with any `expires_at`/`expires` and `issued_at`: a
//! token or a `BadResponse` sentence without control characters, never a panic; a timestamp
//! written in any of Keystone's forms (`Z`, an offset, v2.0's zoneless `issued_at`) reads back
//! as the instant it was written from; and a token's life is kept on the local clock.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use proptest::prelude::*;
use serde_json::{Value, json};

use super::{IdentityVersion, KeystoneError, token_from_body};

/// Text near a timestamp: digits, separators, zone letters and signs, multibyte characters.
fn timestamp_like() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(vec![
        "2026",
        "-",
        "11",
        "27",
        "T",
        "t",
        " ",
        "01",
        ":",
        "18",
        "19",
        ".",
        "578887",
        "Z",
        "z",
        "+",
        "1",
        "é",
        "😀",
        "00",
        "99999999999999999",
        "9223372036854775807",
        "\u{1b}",
        "\n",
        "24",
        "60",
        "0",
        "[UTC]",
        "[Europe/Paris]",
        "+01:00",
        "-05:00",
        "+0100",
    ]);
    proptest::collection::vec(piece, 0..14).prop_map(|pieces| pieces.concat())
}

/// A JSON value where a timestamp belongs: near-timestamps, any string, other JSON types.
fn stamp_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => timestamp_like().prop_map(Value::String),
        2 => any::<String>().prop_map(Value::String),
        1 => Just(Value::Null),
        1 => any::<i64>().prop_map(Value::from),
        1 => Just(json!({"at": "2026-11-27T01:18:19Z"})),
    ]
}

fn v3_body(expires: Option<&Value>, issued: Option<&Value>) -> Vec<u8> {
    let mut token = json!({"user": {"id": "u1", "name": "demo"}, "methods": ["password"]});
    if let Some(expires) = expires {
        token["expires_at"] = expires.clone();
    }
    if let Some(issued) = issued {
        token["issued_at"] = issued.clone();
    }
    json!({ "token": token }).to_string().into_bytes()
}

fn v2_body(expires: Option<&Value>, issued: Option<&Value>) -> Vec<u8> {
    let mut token = json!({"id": "gAAAAAB-token", "tenant": {"id": "p1", "name": "demo"}});
    if let Some(expires) = expires {
        token["expires"] = expires.clone();
    }
    if let Some(issued) = issued {
        token["issued_at"] = issued.clone();
    }
    json!({"access": {"token": token, "user": {"id": "u1", "name": "demo"}}})
        .to_string()
        .into_bytes()
}

fn parse(version: IdentityVersion, body: &[u8]) -> Result<super::Token, KeystoneError> {
    token_from_body(version, body, Some("gAAAAAB-subject"))
}

/// Writes `at` (whole microseconds) in Keystone's forms: `Z`, an offset `±HH:MM`, no zone.
fn keystone_text(at: i64, micros: u32, offset_minutes: i32, form: u8) -> String {
    let shifted = if form % 3 == 1 {
        at + i64::from(offset_minutes) * 60
    } else {
        at
    };
    let stamp = jiff::Timestamp::from_second(shifted).expect("in jiff's range");
    let civil = stamp.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    match form % 3 {
        0 => format!("{civil}.{micros:06}Z"),
        1 => {
            let sign = if offset_minutes < 0 { '-' } else { '+' };
            let minutes = offset_minutes.unsigned_abs();
            format!(
                "{civil}.{micros:06}{sign}{:02}:{:02}",
                minutes / 60,
                minutes % 60
            )
        }
        _ => format!("{civil}.{micros:06}"),
    }
}

fn instant(at: i64, micros: u32) -> SystemTime {
    let base = if at >= 0 {
        UNIX_EPOCH + Duration::from_secs(at.unsigned_abs())
    } else {
        UNIX_EPOCH - Duration::from_secs(at.unsigned_abs())
    };
    base + Duration::from_micros(u64::from(micros))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_timestamps_give_a_token_or_a_sentence(
        v2 in any::<bool>(),
        expires in proptest::option::of(stamp_value()),
        issued in proptest::option::of(stamp_value()),
    ) {
        let (version, body) = if v2 {
            (IdentityVersion::V2, v2_body(expires.as_ref(), issued.as_ref()))
        } else {
            (IdentityVersion::V3, v3_body(expires.as_ref(), issued.as_ref()))
        };
        match parse(version, &body) {
            Ok(token) => {
                prop_assert_eq!(Some(token.expires_at_text.as_str()),
                    expires.as_ref().and_then(Value::as_str));
            }
            Err(KeystoneError::BadResponse(sentence)) => {
                prop_assert!(sentence.contains("expiry"), "{}", sentence);
                prop_assert!(!sentence.chars().any(char::is_control), "{:?}", sentence);
                prop_assert!(sentence.chars().count() < 200, "{:?}", sentence);
            }
            Err(other) => prop_assert!(false, "not a BadResponse: {other:?}"),
        }
    }

    #[test]
    fn keystone_forms_read_back_as_the_instant_written(
        at in -2_000_000_000i64..32_000_000_000,
        micros in 0u32..1_000_000,
        offset_minutes in -(14 * 60)..=(14 * 60),
        form in any::<u8>(),
    ) {
        let text = keystone_text(at, micros, offset_minutes, form);
        prop_assert_eq!(super::time::parse_rfc3339(&text), Some(instant(at, micros)), "{}", text);
    }

    /// Whatever Keystone's clock reads, the token's life (issued to expiry, in any of the
    /// forms) is what it has on ours from its arrival.
    #[test]
    fn a_tokens_life_is_kept_from_its_arrival(
        v2 in any::<bool>(),
        at in -2_000_000_000i64..32_000_000_000,
        life in 0i64..10_000_000,
        micros in 0u32..1_000_000,
        offset_minutes in -(14 * 60)..=(14 * 60),
        form in any::<u8>(),
    ) {
        let expires = keystone_text(at + life, micros, offset_minutes, form);
        // v2.0 writes `issued_at` without a zone: it is UTC.
        let issued = keystone_text(at, micros, 0, 2);
        let (version, body) = if v2 {
            (IdentityVersion::V2, v2_body(Some(&json!(expires)), Some(&json!(issued))))
        } else {
            (IdentityVersion::V3, v3_body(Some(&json!(expires)), Some(&json!(issued))))
        };
        let before = SystemTime::now();
        let token = parse(version, &body).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(token.issued_at >= before && token.issued_at <= SystemTime::now());
        prop_assert_eq!(
            token.expires_at.duration_since(token.issued_at).ok(),
            Some(Duration::from_secs(life.unsigned_abs())),
            "{} to {}", issued, expires
        );
        prop_assert_eq!(token.expires_at_text, expires);
    }
}
