//! Where an exchange's time went, as one line: `DNS 0.1 ms · connect 0.3 ms · TLS 4.1 ms ·
//! first byte 12 ms · body 1 ms · total 18 ms`. A part that did not happen is left out (no
//! DNS for an IP address, no TLS for plain HTTP); a connection already open says so instead
//! of its set-up. The Headers view and `send --view headers` print it.

use std::time::Duration;

use crate::http::Timings;

/// The split of `timings`, when it was measured.
pub fn split_line(timings: &Timings) -> Option<String> {
    let phases = timings.phases?;
    let mut parts = Vec::with_capacity(6);
    if phases.reused() {
        parts.push("connection reused".to_owned());
    }
    let named = [
        ("DNS", phases.dns),
        ("connect", phases.connect),
        ("TLS", phases.tls),
        ("first byte", Some(phases.first_byte)),
        ("body", Some(phases.body)),
        ("total", Some(timings.total)),
    ];
    parts.extend(
        named
            .into_iter()
            .filter_map(|(name, part)| part.map(|d| format!("{name} {}", fine(d)))),
    );
    Some(parts.join(" · "))
}

/// `0.3 ms` and `4.1 ms` below 10 ms (a whole one as `1 ms`), `12 ms` below a second,
/// `1.25 s` above: a connection's set-up is often well under a millisecond.
pub fn fine(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        return format!("{:.2} s", d.as_secs_f64());
    }
    if d >= Duration::from_millis(10) {
        return format!("{} ms", d.as_millis());
    }
    let tenths = (d.as_micros() + 50) / 100;
    if tenths.is_multiple_of(10) {
        format!("{} ms", tenths / 10)
    } else {
        format!("{}.{} ms", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::http::Phases;

    fn ms(n: f64) -> Duration {
        Duration::from_secs_f64(n / 1000.0)
    }

    fn timings(phases: Option<Phases>, total: Duration) -> Timings {
        Timings {
            started_at: SystemTime::UNIX_EPOCH,
            first_byte: None,
            total,
            phases,
        }
    }

    #[test]
    fn every_part_in_order() {
        let phases = Phases {
            dns: Some(ms(0.1)),
            connect: Some(ms(0.3)),
            tls: Some(ms(4.1)),
            first_byte: ms(12.0),
            body: ms(1.0),
        };
        assert_eq!(
            split_line(&timings(Some(phases), ms(18.0))).as_deref(),
            Some(
                "DNS 0.1 ms · connect 0.3 ms · TLS 4.1 ms · first byte 12 ms · body 1 ms · total 18 ms"
            )
        );
    }

    #[test]
    fn parts_that_did_not_happen_are_left_out() {
        let ip_literal = Phases {
            connect: Some(ms(0.4)),
            first_byte: ms(2.0),
            body: ms(0.0),
            ..Phases::default()
        };
        assert_eq!(
            split_line(&timings(Some(ip_literal), ms(2.5))).as_deref(),
            Some("connect 0.4 ms · first byte 2 ms · body 0 ms · total 2.5 ms")
        );
        let reused = Phases {
            first_byte: ms(12.0),
            body: ms(1.0),
            ..Phases::default()
        };
        assert_eq!(
            split_line(&timings(Some(reused), ms(13.0))).as_deref(),
            Some("connection reused · first byte 12 ms · body 1 ms · total 13 ms")
        );
        assert_eq!(split_line(&timings(None, ms(13.0))), None);
    }

    #[test]
    fn fine_keeps_a_tenth_below_ten_milliseconds() {
        assert_eq!(fine(Duration::from_micros(40)), "0 ms");
        assert_eq!(fine(Duration::from_micros(120)), "0.1 ms");
        assert_eq!(fine(Duration::from_micros(9_960)), "10 ms");
        assert_eq!(fine(Duration::from_micros(12_400)), "12 ms");
        assert_eq!(fine(Duration::from_millis(1_250)), "1.25 s");
    }
}
