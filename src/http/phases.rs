//! One hop's times, as the client takes them, folded into an exchange's [`Phases`]: the
//! connection's set-up as the connector measured it (none when the connection was open
//! already), the wait from the connection ready to the response's head, the body's reading.

use std::time::{Duration, Instant};

use super::connect::Setup;
use super::model::Phases;

/// The moments of one hop (one request of a redirect chain).
#[derive(Debug, Clone, Copy)]
pub(super) struct HopClock {
    /// When the request was handed to the client.
    pub started: Instant,
    /// The set-up of the connection made for it; `None`: it went on one already open.
    pub setup: Option<Setup>,
    /// When the response's head arrived.
    pub head: Option<Instant>,
    /// When its body was read.
    pub done: Option<Instant>,
}

impl HopClock {
    pub(super) fn start() -> Self {
        Self {
            started: Instant::now(),
            setup: None,
            head: None,
            done: None,
        }
    }

    /// Adds this hop's parts to `phases`; a hop that got no response adds nothing.
    pub(super) fn add_to(&self, phases: &mut Phases) {
        let (Some(head), Some(done)) = (self.head, self.done) else {
            return;
        };
        let ready = match &self.setup {
            Some(setup) => {
                phases.dns = plus(phases.dns, setup.dns);
                phases.connect = plus(phases.connect, Some(setup.connect));
                phases.tls = plus(phases.tls, setup.tls);
                setup.ready
            }
            None => self.started,
        };
        phases.first_byte += head.saturating_duration_since(ready);
        phases.body += done.saturating_duration_since(head);
    }
}

/// `a + b` where either may be missing; missing when both are.
fn plus(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or_default() + b.unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(base: Instant, ms: u64) -> Instant {
        base + Duration::from_millis(ms)
    }

    #[test]
    fn a_new_connection_gives_its_setup_and_waits_from_ready() {
        let t = Instant::now();
        let hop = HopClock {
            started: t,
            setup: Some(Setup {
                started: at(t, 1),
                dns: Some(Duration::from_millis(2)),
                connect: Duration::from_millis(3),
                tls: Some(Duration::from_millis(4)),
                ready: at(t, 10),
            }),
            head: Some(at(t, 30)),
            done: Some(at(t, 35)),
        };
        let mut phases = Phases::default();
        hop.add_to(&mut phases);
        assert_eq!(phases.dns, Some(Duration::from_millis(2)));
        assert_eq!(phases.connect, Some(Duration::from_millis(3)));
        assert_eq!(phases.tls, Some(Duration::from_millis(4)));
        assert_eq!(phases.first_byte, Duration::from_millis(20));
        assert_eq!(phases.body, Duration::from_millis(5));
        assert!(!phases.reused());
        assert_eq!(phases.sum(), Duration::from_millis(34));
    }

    #[test]
    fn hops_add_up_and_a_reused_one_has_no_setup() {
        let t = Instant::now();
        let reused = HopClock {
            started: t,
            setup: None,
            head: Some(at(t, 7)),
            done: Some(at(t, 8)),
        };
        let mut phases = Phases::default();
        reused.add_to(&mut phases);
        assert!(phases.reused());
        assert_eq!((phases.dns, phases.tls), (None, None));
        let plain = HopClock {
            started: at(t, 8),
            setup: Some(Setup {
                started: at(t, 8),
                dns: None,
                connect: Duration::from_millis(1),
                tls: None,
                ready: at(t, 9),
            }),
            head: Some(at(t, 12)),
            done: Some(at(t, 12)),
        };
        plain.add_to(&mut phases);
        assert_eq!(phases.connect, Some(Duration::from_millis(1)));
        assert_eq!(phases.dns, None, "an IP address is not looked up");
        assert_eq!(phases.first_byte, Duration::from_millis(10));
        assert_eq!(phases.body, Duration::from_millis(1));
    }

    #[test]
    fn a_hop_without_a_response_adds_nothing() {
        let mut phases = Phases::default();
        HopClock::start().add_to(&mut phases);
        assert_eq!(phases, Phases::default());
    }
}
