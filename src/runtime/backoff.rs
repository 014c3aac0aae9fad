//! Retry delays: backon's exponential schedule with jitter, the one the tools executor
//! and the model client use (`crates/tools/src/retry.rs`).

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};

/// Retry delays: retry `n` waits `initial * 2^(n-1)` capped at `max`, drawn uniformly in
/// `[that/2, that)` (backon adds up to 100 % to a halved schedule), so records that failed
/// together do not retry in lock-step.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    /// First delay cap.
    pub initial: Duration,
    /// Largest delay.
    pub max: Duration,
}

impl Backoff {
    /// The delay before retry number `attempt` (1-based). The retry loops count their
    /// attempts themselves (the budgets bound them), so the schedule is walked to it.
    pub fn delay(&self, attempt: u32) -> Duration {
        let max = self.max.max(self.initial);
        ExponentialBuilder::new()
            .with_min_delay(self.initial / 2)
            .with_max_delay(max / 2)
            .with_jitter()
            .without_max_times()
            .build()
            .nth(attempt.saturating_sub(1) as usize)
            .unwrap_or(max)
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
        // The upper bound of retry `attempt`: 100, 200, 400, ... ms, then 2 s.
        let cap =
            |attempt: u32| (Duration::from_millis(100) * 2u32.pow(attempt.min(6) - 1)).min(b.max);
        for attempt in 1..40 {
            let d = b.delay(attempt);
            assert!(
                d <= cap(attempt) && d >= cap(attempt) / 2,
                "{attempt}: {d:?}"
            );
        }
        assert!(b.delay(30) >= Duration::from_secs(1));
        assert!(b.delay(1) < Duration::from_millis(100));
    }
}
