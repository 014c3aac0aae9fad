//! Our own per-minute request and token budget, so we slow down before the provider says 429.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Budget limits of one provider account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetConfig {
    /// Requests allowed per minute (also the burst).
    pub requests_per_minute: NonZeroU32,
    /// Estimated tokens (input + `max_tokens`) allowed per minute (also the burst).
    pub tokens_per_minute: NonZeroU32,
    /// How long [`Budget::acquire`] may wait for room before it answers
    /// [`BudgetError::WouldExceed`]; zero never waits (pure backpressure).
    #[serde(with = "humantime_serde", default = "default_max_wait")]
    pub max_wait: Duration,
}

const fn default_max_wait() -> Duration {
    Duration::from_secs(2)
}

/// Why a call does not fit the budget.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BudgetError {
    /// Not now: room comes back after `retry_after`. Treat as backpressure.
    #[error("per-minute {limit} budget would be exceeded; room in {retry_after:?}")]
    WouldExceed {
        /// Which limit: `requests` or `tokens`.
        limit: &'static str,
        /// When the call would fit.
        retry_after: Duration,
    },
    /// Never: the call alone needs more tokens than a whole minute's budget.
    #[error("{requested} estimated tokens exceed the per-minute budget of {capacity}")]
    TooLarge {
        /// Tokens the call asked for.
        requested: u32,
        /// Tokens per minute.
        capacity: u32,
    },
}

impl BudgetError {
    /// `WouldExceed` passes with time; `TooLarge` never does.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::WouldExceed { .. })
    }
}

type Limiter<C> = RateLimiter<NotKeyed, InMemoryState, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// A per-minute request and token budget (GCRA through `governor`). Generic over the clock so
/// tests drive it with `governor::clock::FakeRelativeClock`.
///
/// A call first takes one request, then its estimated tokens; when the tokens do not fit, the
/// request it took stays spent (governor cannot peek), which errs on the cautious side.
pub struct Budget<C: Clock = DefaultClock> {
    requests: Limiter<C>,
    tokens: Limiter<C>,
    tokens_per_minute: u32,
    clock: C,
    max_wait: Duration,
}

impl<C: Clock> std::fmt::Debug for Budget<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("tokens_per_minute", &self.tokens_per_minute)
            .field("max_wait", &self.max_wait)
            .finish_non_exhaustive()
    }
}

impl Budget<DefaultClock> {
    /// A budget on the real clock.
    pub fn new(config: &BudgetConfig) -> Self {
        Self::with_clock(config, DefaultClock::default())
    }
}

impl<C: Clock + Clone> Budget<C> {
    /// A budget on `clock`.
    pub fn with_clock(config: &BudgetConfig, clock: C) -> Self {
        Self {
            requests: RateLimiter::direct_with_clock(
                Quota::per_minute(config.requests_per_minute),
                clock.clone(),
            ),
            tokens: RateLimiter::direct_with_clock(
                Quota::per_minute(config.tokens_per_minute),
                clock.clone(),
            ),
            tokens_per_minute: config.tokens_per_minute.get(),
            clock,
            max_wait: config.max_wait,
        }
    }

    /// Takes one request and `estimated_tokens` now, or says when they would fit.
    pub fn try_acquire(&self, estimated_tokens: u32) -> Result<(), BudgetError> {
        let n = NonZeroU32::new(estimated_tokens).unwrap_or(NonZeroU32::MIN);
        if n.get() > self.tokens_per_minute {
            return Err(BudgetError::TooLarge {
                requested: n.get(),
                capacity: self.tokens_per_minute,
            });
        }
        if let Err(not_until) = self.requests.check() {
            return Err(BudgetError::WouldExceed {
                limit: "requests",
                retry_after: not_until.wait_time_from(self.clock.now()),
            });
        }
        match self.tokens.check_n(n) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(not_until)) => Err(BudgetError::WouldExceed {
                limit: "tokens",
                retry_after: not_until.wait_time_from(self.clock.now()),
            }),
            Err(_) => Err(BudgetError::TooLarge {
                requested: n.get(),
                capacity: self.tokens_per_minute,
            }),
        }
    }

    /// Takes one request and `estimated_tokens`, waiting up to the configured `max_wait`;
    /// past that it returns [`BudgetError::WouldExceed`] for the caller to treat as
    /// backpressure (pause the partition, retry after `retry_after`).
    pub async fn acquire(&self, estimated_tokens: u32) -> Result<(), BudgetError> {
        let mut waited = Duration::ZERO;
        loop {
            match self.try_acquire(estimated_tokens) {
                Err(BudgetError::WouldExceed { retry_after, .. })
                    if waited + retry_after <= self.max_wait =>
                {
                    let step = retry_after.max(Duration::from_millis(1));
                    tokio::time::sleep(step).await;
                    waited += step;
                }
                other => return other,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    fn config(rpm: u32, tpm: u32) -> BudgetConfig {
        BudgetConfig {
            requests_per_minute: NonZeroU32::new(rpm).unwrap(),
            tokens_per_minute: NonZeroU32::new(tpm).unwrap(),
            max_wait: Duration::ZERO,
        }
    }

    #[test]
    fn request_budget_runs_out_and_refills() {
        let clock = FakeRelativeClock::default();
        let b = Budget::with_clock(&config(2, 10_000), clock.clone());
        b.try_acquire(10).unwrap();
        b.try_acquire(10).unwrap();
        let err = b.try_acquire(10).unwrap_err();
        let BudgetError::WouldExceed { limit, retry_after } = err else {
            panic!("{err:?}")
        };
        assert_eq!(limit, "requests");
        assert_eq!(retry_after, Duration::from_secs(30));
        clock.advance(Duration::from_secs(30));
        b.try_acquire(10).unwrap();
    }

    #[test]
    fn token_budget_runs_out() {
        let clock = FakeRelativeClock::default();
        let b = Budget::with_clock(&config(100, 1_000), clock.clone());
        b.try_acquire(800).unwrap();
        let err = b.try_acquire(400).unwrap_err();
        assert!(
            matches!(
                err,
                BudgetError::WouldExceed {
                    limit: "tokens",
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(err.is_transient());
        clock.advance(Duration::from_secs(60));
        b.try_acquire(400).unwrap();
    }

    #[test]
    fn a_call_larger_than_the_minute_is_never_transient() {
        let b = Budget::with_clock(&config(100, 1_000), FakeRelativeClock::default());
        let err = b.try_acquire(5_000).unwrap_err();
        assert_eq!(
            err,
            BudgetError::TooLarge {
                requested: 5_000,
                capacity: 1_000
            }
        );
        assert!(!err.is_transient());
    }

    #[tokio::test]
    async fn acquire_without_wait_is_backpressure() {
        let b = Budget::with_clock(&config(1, 1_000), FakeRelativeClock::default());
        b.acquire(1).await.unwrap();
        assert!(b.acquire(1).await.unwrap_err().is_transient());
    }

    #[tokio::test]
    async fn acquire_waits_when_room_comes_soon() {
        // 600/min = one every 100 ms: spending the burst takes far less than that, so
        // the next request must wait on any machine, however loaded.
        let mut c = config(600, 1_000_000);
        c.max_wait = Duration::from_secs(1);
        let b = Budget::new(&c);
        for _ in 0..600 {
            b.try_acquire(1).unwrap();
        }
        let start = std::time::Instant::now();
        b.acquire(1).await.unwrap();
        assert!(start.elapsed() >= Duration::from_millis(50));
    }
}
