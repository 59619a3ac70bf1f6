//! Wall-clock times as Keystone writes them, without a date crate: `2026-07-23T09:41:07.113208Z`
//! (v3 `expires_at`/`issued_at`), `2026-07-23T09:41:07Z` (v2.0 `expires`) and
//! `2026-07-23T09:41:07.113208` (v2.0 `issued_at`, no zone).

use std::time::{SystemTime, UNIX_EPOCH};

/// RFC 3339 in UTC with microseconds and `Z`, as v3 tokens carry `expires_at`.
pub(super) fn rfc3339_micros(time: SystemTime) -> String {
    let (date, micros) = split(time);
    format!("{date}.{micros:06}Z")
}

/// RFC 3339 in UTC to the second, as v2.0 tokens carry `expires`.
pub(super) fn rfc3339_seconds(time: SystemTime) -> String {
    let (date, _) = split(time);
    format!("{date}Z")
}

/// ISO 8601 with microseconds and no zone, as v2.0 tokens carry `issued_at`.
pub(super) fn iso_micros_naive(time: SystemTime) -> String {
    let (date, micros) = split(time);
    format!("{date}.{micros:06}")
}

/// `YYYY-MM-DDTHH:MM:SS` and the microseconds; times before 1970 clamp to the epoch.
fn split(time: SystemTime) -> (String, u32) {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    let date = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    (date, since.subsec_micros())
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`, for non-negative day counts).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_like_keystone() {
        // 2015-11-07T02:58:43.578887Z, the expiry of keystone's own sample token.
        let time = UNIX_EPOCH + Duration::from_micros(1_446_865_123_578_887);
        assert_eq!(rfc3339_micros(time), "2015-11-07T02:58:43.578887Z");
        assert_eq!(rfc3339_seconds(time), "2015-11-07T02:58:43Z");
        assert_eq!(iso_micros_naive(time), "2015-11-07T02:58:43.578887");
    }

    #[test]
    fn leap_days_and_epoch() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        // 2024-02-29 is day 19782; 2100-03-01 is day 47541 (2100 is not a leap year).
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(47_541), (2100, 3, 1));
    }
}
