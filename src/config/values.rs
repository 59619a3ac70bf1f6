//! Turning one TOML value into a setting, or a reason it cannot be one.
//! Reasons are phrased to follow "http.timeout: ".

use std::time::Duration;

use toml::de::{DeInteger, DeValue};

/// The longest timeout accepted: a day. Longer is surely a typo, and would overflow clocks.
const MAX_SECONDS: u64 = 86_400;

/// Seconds, whole or fractional, greater than zero and at most a day.
pub(super) fn seconds(value: &DeValue<'_>) -> Result<Duration, String> {
    let out_of_range =
        |shown: &str| format!("{shown} is not a number of seconds between 0 and {MAX_SECONDS}");
    match value {
        DeValue::Integer(i) => match whole(i) {
            Some(n) if n > 0 && n <= MAX_SECONDS => Ok(Duration::from_secs(n)),
            _ => Err(out_of_range(&i.to_string())),
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= MAX_SECONDS as f64 => {
                Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
            }
            _ => Err(out_of_range(f.as_str())),
        },
        other => Err(expected("a number of seconds", other)),
    }
}

/// A whole number, zero or more.
pub(super) fn count(value: &DeValue<'_>) -> Result<u64, String> {
    match value {
        DeValue::Integer(i) => {
            whole(i).ok_or_else(|| format!("{i} is not a whole number from 0 to {}", u64::MAX))
        }
        other => Err(expected("a whole number", other)),
    }
}

/// A whole number, one or more.
pub(super) fn positive(value: &DeValue<'_>) -> Result<u64, String> {
    match count(value)? {
        0 => Err("must be at least 1".to_owned()),
        n => Ok(n),
    }
}

pub(super) fn boolean(value: &DeValue<'_>) -> Result<bool, String> {
    value
        .as_bool()
        .ok_or_else(|| expected("true or false", value))
}

pub(super) fn string(value: &DeValue<'_>) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| expected("a string", value))
}

/// "expected a string, found integer 5".
pub(super) fn expected(what: &str, found: &DeValue<'_>) -> String {
    let shown = match found {
        DeValue::String(s) => format!(" {s:?}"),
        DeValue::Integer(i) => format!(" {i}"),
        DeValue::Float(f) => format!(" {}", f.as_str()),
        DeValue::Boolean(b) => format!(" {b}"),
        DeValue::Datetime(d) => format!(" {d}"),
        DeValue::Array(_) | DeValue::Table(_) => String::new(),
    };
    format!("expected {what}, found {}{shown}", found.type_str())
}

fn whole(i: &DeInteger<'_>) -> Option<u64> {
    u64::from_str_radix(i.as_str(), i.radix()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(toml: &str) -> DeValue<'_> {
        DeValue::parse(toml)
            .expect("test value parses")
            .into_inner()
    }

    #[test]
    fn seconds_accept_integers_and_fractions() {
        assert_eq!(seconds(&value("10")), Ok(Duration::from_secs(10)));
        assert_eq!(seconds(&value("0.5")), Ok(Duration::from_millis(500)));
        assert_eq!(seconds(&value("1_000")), Ok(Duration::from_secs(1000)));
        assert!(seconds(&value("0")).is_err());
        assert!(seconds(&value("-1")).is_err());
        assert!(seconds(&value("-0.5")).is_err());
        assert!(seconds(&value("inf")).is_err());
        assert!(seconds(&value("nan")).is_err());
        assert_eq!(
            seconds(&value("\"abc\"")),
            Err("expected a number of seconds, found string \"abc\"".to_owned())
        );
    }

    #[test]
    fn seconds_past_a_day_are_refused_rather_than_overflowing_clocks() {
        assert_eq!(seconds(&value("86400")), Ok(Duration::from_hours(24)));
        assert!(seconds(&value("86401")).is_err());
        assert!(seconds(&value("9223372036854775807")).is_err());
        assert!(seconds(&value("1e19")).is_err());
    }

    #[test]
    fn counts_are_whole_and_not_negative() {
        assert_eq!(count(&value("0")), Ok(0));
        assert_eq!(count(&value("0x10")), Ok(16));
        assert_eq!(count(&value("268_435_456")), Ok(268_435_456));
        assert!(count(&value("-1")).is_err());
        assert!(count(&value("1.5")).is_err());
        assert_eq!(positive(&value("0")), Err("must be at least 1".to_owned()));
        assert_eq!(positive(&value("5")), Ok(5));
    }

    #[test]
    fn booleans_and_strings() {
        assert_eq!(boolean(&value("true")), Ok(true));
        assert_eq!(
            boolean(&value("1")),
            Err("expected true or false, found integer 1".to_owned())
        );
        assert_eq!(string(&value("'ua'")), Ok("ua".to_owned()));
        assert_eq!(
            string(&value("[1]")),
            Err("expected a string, found array".to_owned())
        );
    }
}
