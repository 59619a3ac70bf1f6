//! Keystone's timestamps (RFC 3339: `2026-11-27T01:18:19.000000Z`, or an offset instead of `Z`)
//! to `SystemTime` and back. Small enough not to need a date crate.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; a missing zone is taken as UTC, as Keystone
/// v2.0's `issued_at` is written.
pub fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let mut date_parts = date.splitn(3, '-');
    let year: i64 = date_parts.next()?.parse().ok()?;
    let month: u32 = date_parts.next()?.parse().ok()?;
    let day: u32 = date_parts.next()?.parse().ok()?;
    let (clock, offset_secs) = split_zone(time)?;
    let (whole, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut clock_parts = whole.splitn(3, ':');
    let hour: u32 = clock_parts.next()?.parse().ok()?;
    let minute: u32 = clock_parts.next()?.parse().ok()?;
    let second: u32 = clock_parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let nanos = fraction_nanos(fraction)?;
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)
        - offset_secs;
    let secs = u64::try_from(secs).ok()?;
    UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
}

/// `2026-11-27T01:18:19Z`, whole seconds, UTC.
pub fn format_rfc3339(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn split_zone(time: &str) -> Option<(&str, i64)> {
    if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        return Some((clock, 0));
    }
    match time.rfind(['+', '-']) {
        Some(at) if at >= 8 => {
            let (clock, zone) = time.split_at(at);
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (hours, minutes) = zone[1..]
                .split_once(':')
                .unwrap_or((&zone[1..zone.len().min(3)], &zone[zone.len().min(3)..]));
            let hours: i64 = hours.parse().ok()?;
            let minutes: i64 = if minutes.is_empty() {
                0
            } else {
                minutes.parse().ok()?
            };
            Some((clock, sign * (hours * 3600 + minutes * 60)))
        }
        _ => Some((time, 0)),
    }
}

fn fraction_nanos(fraction: &str) -> Option<u32> {
    if fraction.is_empty() {
        return Some(0);
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = fraction
        .chars()
        .chain(std::iter::repeat('0'))
        .take(9)
        .collect();
    digits.parse().ok()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> Option<u64> {
        parse_rfc3339(text).map(|t| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()))
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
    }

    #[test]
    fn nonsense_is_none() {
        for bad in [
            "",
            "tomorrow",
            "2015-13-01T00:00:00Z",
            "2015-11-07T25:00:00Z",
            "2015-11-07T02:58:43.x5Z",
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
