//! Bounded exponential backoff with jitter (backon's exponential schedule).
//!
//! Retries happen only on transient failures (5xx, timeouts, connection
//! errors); a 4xx answer is final. Every retry reuses the call's idempotency
//! key, so a write the store already applied is not applied twice.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};

use crate::config::RetryConfig;

/// How many attempts to make and how long to wait between them.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    max_attempts: u32,
    schedule: ExponentialBuilder,
}

impl RetryPolicy {
    /// Builds the policy from config; at least one attempt is always made. Retry `n` waits
    /// `initial * 2^(n-1)` capped at the maximum; with jitter a uniform draw in
    /// `[that/2, that)` (backon adds up to 100 % to a halved schedule), so many tickets do
    /// not retry in lock-step.
    pub fn from_config(cfg: &RetryConfig) -> Self {
        let max = cfg.max_backoff.max(cfg.initial_backoff);
        let (first, cap) = if cfg.jitter {
            (cfg.initial_backoff / 2, max / 2)
        } else {
            (cfg.initial_backoff, max)
        };
        let mut schedule = ExponentialBuilder::new()
            .with_min_delay(first)
            .with_max_delay(cap)
            .without_max_times();
        if cfg.jitter {
            schedule = schedule.with_jitter();
        }
        Self {
            max_attempts: cfg.max_attempts.max(1),
            schedule,
        }
    }

    /// Total attempts allowed, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The delays before retry 1, 2, ... of one call.
    pub fn delays(&self) -> ExponentialBackoff {
        self.schedule.build()
    }
}

/// The delay before the next retry (the schedule never ends: attempts bound the loop).
pub fn next(delays: &mut ExponentialBackoff) -> Duration {
    delays.next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn policy(initial_ms: u64, max_ms: u64, jitter: bool) -> RetryPolicy {
        RetryPolicy::from_config(&RetryConfig {
            max_attempts: 0,
            initial_backoff: Duration::from_millis(initial_ms),
            max_backoff: Duration::from_millis(max_ms),
            jitter,
        })
    }

    #[test]
    fn doubles_then_caps() {
        let p = policy(100, 1000, false);
        let delays: Vec<u128> = p.delays().take(6).map(|d| d.as_millis()).collect();
        assert_eq!(delays, vec![100, 200, 400, 800, 1000, 1000]);
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(policy(1, 1, false).max_attempts(), 1);
    }

    proptest! {
        #[test]
        fn jittered_delays_are_within_half_and_full_base(
            initial in 2u64..5_000, max in 0u64..60_000, retries in 1usize..30
        ) {
            let exact = policy(initial, max, false);
            let jittered = policy(initial, max, true);
            for (base, d) in exact.delays().zip(jittered.delays()).take(retries) {
                // One millisecond of slack: halving rounds down.
                prop_assert!(d <= base + Duration::from_millis(1), "{d:?} > {base:?}");
                prop_assert!(d + Duration::from_millis(1) >= base / 2, "{d:?} < {base:?}/2");
                prop_assert!(base <= Duration::from_millis(max.max(initial)));
            }
        }
    }
}
