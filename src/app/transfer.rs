//! A response body arriving: the bytes so far and the rate, from the samples the runtime
//! takes on its ticks while the request is in flight.

use std::time::{Duration, Instant};

/// How often the rate is measured again: shorter windows make it jump.
const RATE_WINDOW: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transfer {
    /// Body bytes received, as they came over the wire.
    pub bytes: u64,
    /// Bytes a second over the last window, once a window has passed.
    pub rate: Option<f64>,
    window_start: (Instant, u64),
}

impl Transfer {
    pub fn new(bytes: u64, now: Instant) -> Self {
        Self {
            bytes,
            rate: None,
            window_start: (now, bytes),
        }
    }

    /// A new sample: `bytes` received by `now`.
    pub fn update(&mut self, bytes: u64, now: Instant) {
        self.bytes = bytes;
        let (since, at_start) = self.window_start;
        let elapsed = now.saturating_duration_since(since);
        if elapsed >= RATE_WINDOW {
            #[allow(clippy::cast_precision_loss)] // a rate shown to one decimal
            let rate = bytes.saturating_sub(at_start) as f64 / elapsed.as_secs_f64();
            self.rate = Some(rate);
            self.window_start = (now, bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_measured_over_half_a_second_windows() {
        let start = Instant::now();
        let mut transfer = Transfer::new(0, start);
        transfer.update(1000, start + Duration::from_millis(100));
        assert_eq!(transfer.bytes, 1000);
        assert_eq!(transfer.rate, None, "no window has passed yet");
        transfer.update(4000, start + Duration::from_secs(1));
        assert_eq!(transfer.rate, Some(4000.0));
        // A stalled body: the rate falls to nothing in the next window.
        transfer.update(4000, start + Duration::from_secs(2));
        assert_eq!(transfer.rate, Some(0.0));
        assert_eq!(transfer.bytes, 4000);
    }
}
