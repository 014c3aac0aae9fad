//! Bounded exponential backoff with jitter.
//!
//! Retries happen only on transient failures (5xx, timeouts, connection
//! errors); a 4xx answer is final. Every retry reuses the call's idempotency
//! key, so a write the store already applied is not applied twice.

use std::time::Duration;

use rand::Rng;

use crate::config::RetryConfig;

/// How many attempts to make and how long to wait between them.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial: Duration,
    max: Duration,
    jitter: bool,
}

impl RetryPolicy {
    /// Builds the policy from config; at least one attempt is always made.
    pub fn from_config(cfg: &RetryConfig) -> Self {
        Self {
            max_attempts: cfg.max_attempts.max(1),
            initial: cfg.initial_backoff,
            max: cfg.max_backoff.max(cfg.initial_backoff),
            jitter: cfg.jitter,
        }
    }

    /// Total attempts allowed, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The delay before retry number `retry` (1 = the first retry) without
    /// jitter: `initial * 2^(retry-1)`, capped at the maximum.
    pub fn base_delay(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(31);
        self.initial
            .checked_mul(1u32 << exp)
            .unwrap_or(self.max)
            .min(self.max)
    }

    /// The delay to sleep before retry number `retry`: the base delay, or a
    /// uniform draw in `[base/2, base]` when jitter is on.
    pub fn delay(&self, retry: u32) -> Duration {
        let base = self.base_delay(retry);
        if !self.jitter || base.is_zero() {
            return base;
        }
        let nanos = u64::try_from(base.as_nanos()).unwrap_or(u64::MAX);
        let low = nanos / 2;
        Duration::from_nanos(rand::thread_rng().gen_range(low..=nanos))
    }
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
        let delays: Vec<u128> = (1..=6).map(|r| p.base_delay(r).as_millis()).collect();
        assert_eq!(delays, vec![100, 200, 400, 800, 1000, 1000]);
        assert_eq!(p.delay(3), Duration::from_millis(400));
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(policy(1, 1, false).max_attempts(), 1);
    }

    proptest! {
        #[test]
        fn jittered_delay_is_within_half_and_full_base(
            initial in 0u64..5_000, max in 0u64..60_000, retry in 1u32..100
        ) {
            let p = policy(initial, max, true);
            let base = p.base_delay(retry);
            let d = p.delay(retry);
            prop_assert!(d <= base);
            prop_assert!(d >= base / 2);
            prop_assert!(base <= Duration::from_millis(max.max(initial)));
        }
    }
}
