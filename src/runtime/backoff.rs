//! Exponential backoff with full jitter.

use std::time::Duration;

use rand::Rng;

/// Retry delays: `initial * 2^(attempt-1)`, capped at `max`, drawn uniformly below that.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    /// First delay cap.
    pub initial: Duration,
    /// Largest delay.
    pub max: Duration,
}

impl Backoff {
    /// The delay before retry number `attempt` (1-based).
    pub fn delay(&self, attempt: u32) -> Duration {
        let cap = self.cap(attempt);
        let ms = cap.as_millis() as u64;
        if ms == 0 {
            return Duration::ZERO;
        }
        let low = ms / 2;
        Duration::from_millis(rand::thread_rng().gen_range(low..=ms))
    }

    /// The upper bound of the delay before retry `attempt`.
    pub fn cap(&self, attempt: u32) -> Duration {
        let exp = attempt.saturating_sub(1).min(20);
        self.initial.saturating_mul(1u32 << exp).min(self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_then_caps_and_stays_within_bounds() {
        let b = Backoff {
            initial: Duration::from_millis(100),
            max: Duration::from_secs(2),
        };
        assert_eq!(b.cap(1), Duration::from_millis(100));
        assert_eq!(b.cap(3), Duration::from_millis(400));
        assert_eq!(b.cap(30), Duration::from_secs(2));
        for attempt in 1..40 {
            let d = b.delay(attempt);
            assert!(d <= b.cap(attempt) && d >= b.cap(attempt) / 2, "{d:?}");
        }
    }
}
