//! Keystone's timestamps (RFC 3339: `2026-11-27T01:18:19.000000Z`, or an offset instead of `Z`,
//! or no zone at all as v2.0 writes `issued_at`) to `SystemTime` and back. Parsed by jiff (a
//! maintained date-time crate, already built for jaq): whatever the text, a time or `None`.

use std::time::{SystemTime, UNIX_EPOCH};

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; a missing zone is taken as UTC, as Keystone
/// v2.0's `issued_at` is written. A date without a time of day is not a timestamp.
pub fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let pieces = Pieces::parse(text.trim()).ok()?;
    let time = pieces.time()?;
    let offset = pieces
        .offset()
        .map_or(Offset::UTC, |offset| offset.to_numeric_offset());
    let stamp = offset
        .to_timestamp(DateTime::from_parts(pieces.date(), time))
        .ok()?;
    system_time(stamp)
}

/// `2026-11-27T01:18:19Z`, whole seconds, UTC; a time jiff cannot hold (before year -9999 or
/// after 9999) is written as the epoch.
pub fn format_rfc3339(time: SystemTime) -> String {
    let stamp = Timestamp::try_from(time).unwrap_or(Timestamp::UNIX_EPOCH);
    stamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A `Retry-After` value as seconds to wait: delay-seconds (`120`), or an HTTP-date
/// (`Tue, 08 Dec 2026 02:42:49 GMT`) counted from `sent_at` — the answer's own `Date` when
/// it has one, so a clock that differs from the server's does not matter. A date already past
/// is no wait; anything else is `None`.
pub fn retry_after_seconds(value: &str, sent_at: Option<&str>) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds);
    }
    let http_date = |text: &str| {
        jiff::fmt::rfc2822::parse(text.trim())
            .ok()
            .map(|z| z.timestamp())
    };
    let until = http_date(value)?;
    let from = sent_at.and_then(http_date).unwrap_or_else(Timestamp::now);
    let wait = until.as_second() - from.as_second();
    Some(u64::try_from(wait).unwrap_or(0))
}

/// Checked, so no platform's `SystemTime` range can turn a far date into a panic.
fn system_time(stamp: Timestamp) -> Option<SystemTime> {
    let since_epoch = stamp.as_duration();
    if since_epoch.is_negative() {
        UNIX_EPOCH.checked_sub(since_epoch.unsigned_abs())
    } else {
        UNIX_EPOCH.checked_add(since_epoch.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> Option<u64> {
        parse_rfc3339(text).map(|t| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()))
    }

    #[test]
    fn retry_after_in_seconds_or_as_an_http_date() {
        let date = Some("Tue, 08 Dec 2026 02:40:49 GMT");
        assert_eq!(retry_after_seconds(" 120 ", date), Some(120));
        assert_eq!(
            retry_after_seconds("Tue, 08 Dec 2026 02:42:49 GMT", date),
            Some(120),
            "two minutes after the answer's Date"
        );
        assert_eq!(
            retry_after_seconds("Tue, 08 Dec 2026 02:40:00 GMT", date),
            Some(0),
            "past: no wait"
        );
        // Without a Date, from now: a date a year ahead is a long wait.
        let ahead = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(24 * 365))
            .expect("in range");
        let text = jiff::fmt::rfc2822::to_string(&ahead.to_zoned(jiff::tz::TimeZone::UTC))
            .expect("formats");
        assert!(retry_after_seconds(&text, None).is_some_and(|s| s > 360 * 24 * 3600));
        for junk in ["", "soon", "-5", "1.5", "Tue, 99 Dec 2026 02:40:49 GMT"] {
            assert_eq!(retry_after_seconds(junk, date), None, "{junk:?}");
        }
    }

    #[test]
    fn keystone_forms() {
        assert_eq!(secs("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(secs("2015-11-07T02:58:43.578887Z"), Some(1_446_865_123));
        assert_eq!(secs("2014-01-31T17:09:57Z"), Some(1_391_188_197));
        assert_eq!(secs("2014-01-30T17:09:57.647795"), Some(1_391_101_797));
        assert_eq!(secs("2015-11-07T03:58:43+01:00"), Some(1_446_865_123));
        assert_eq!(secs("2015-11-06T21:58:43-05:00"), Some(1_446_865_123));
        assert_eq!(secs("2024-02-29T12:00:00Z"), Some(1_709_208_000));
        assert_eq!(secs("2015-11-07 02:58:43Z"), Some(1_446_865_123));
        assert_eq!(secs("2015-11-07t02:58:43.5z"), Some(1_446_865_123));
        assert_eq!(secs("2015-11-07T03:58:43+0100"), Some(1_446_865_123));
        assert_eq!(secs(" 2015-11-07T02:58:43-00:00\n"), Some(1_446_865_123));
    }

    #[test]
    fn nonsense_is_none() {
        for bad in [
            "",
            "tomorrow",
            "2015-13-01T00:00:00Z",
            "2015-11-07T25:00:00Z",
            "2015-11-07T02:58:43.x5Z",
            "2015-11-07",
        ] {
            assert_eq!(secs(bad), None, "{bad}");
        }
    }

    /// Found by review: `+1é` sliced inside `é`; huge years and offsets overflowed the
    /// arithmetic (a wrong time in release, a panic in debug).
    #[test]
    fn hostile_zones_and_sizes_are_none_not_a_panic() {
        for bad in [
            "2026-11-27T01:18:19+1é",
            "2026-11-27T01:18:19-é",
            "2026-11-27T01:18:19+é1:00",
            "2026-11-27T01:18:19+99999999999999999:00",
            "2026-11-27T01:18:19+9999999999999:00",
            "2026-11-27T01:18:19+99:00",
            "9223372036854775807-01-01T00:00:00Z",
            "99999999999-01-01T00:00:00Z",
            "-9223372036854775808-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-27T01:18:19Zjunk",
        ] {
            assert_eq!(secs(bad), None, "{bad}");
        }
    }

    #[test]
    fn round_trip() {
        for text in [
            "2026-11-27T01:18:19Z",
            "2000-02-29T23:59:59Z",
            "1999-12-31T00:00:00Z",
        ] {
            assert_eq!(
                parse_rfc3339(text).map(format_rfc3339).as_deref(),
                Some(text)
            );
        }
    }
}
