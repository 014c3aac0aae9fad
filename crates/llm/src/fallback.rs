//! What a stage does after a failed model call: pause (backpressure) or fall back.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::LlmError;

/// How long a stage keeps pausing for a rate-limited or unavailable model before it takes the
/// offline path (or hands off). No ticket is failed or dead-lettered because a model is slow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FallbackPolicy {
    /// Total time a ticket may wait for the model across pauses; then it falls back.
    #[serde(with = "humantime_serde", default = "default_give_up_after")]
    pub give_up_after: Duration,
    /// Pause when the error says nothing about when to come back.
    #[serde(with = "humantime_serde", default = "default_pause")]
    pub default_pause: Duration,
    /// Longest single pause, whatever `retry-after` says.
    #[serde(with = "humantime_serde", default = "default_max_pause")]
    pub max_pause: Duration,
}

const fn default_give_up_after() -> Duration {
    Duration::from_secs(120)
}
const fn default_pause() -> Duration {
    Duration::from_secs(5)
}
const fn default_max_pause() -> Duration {
    Duration::from_secs(60)
}

impl Default for FallbackPolicy {
    fn default() -> Self {
        Self {
            give_up_after: default_give_up_after(),
            default_pause: default_pause(),
            max_pause: default_max_pause(),
        }
    }
}

/// The next step after a failed call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// Pause the partition this long, then try the model again.
    Pause(Duration),
    /// Stop waiting: take the offline path or hand off.
    FallBack,
}

impl FallbackPolicy {
    /// The step after `error`, when the ticket has already waited `waited` for the model.
    /// Permanent errors fall back at once; transient ones pause for the provider's
    /// `retry-after` (else `default_pause`), capped by `max_pause` and by what is left of
    /// `give_up_after`.
    pub fn next_step(&self, error: &LlmError, waited: Duration) -> NextStep {
        if !error.is_transient() || waited >= self.give_up_after {
            return NextStep::FallBack;
        }
        let left = self.give_up_after - waited;
        let pause = error
            .retry_after()
            .unwrap_or(self.default_pause)
            .min(self.max_pause);
        if pause > left {
            NextStep::FallBack
        } else {
            NextStep::Pause(pause)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate_limited(secs: u64) -> LlmError {
        LlmError::RateLimited {
            retry_after: Some(Duration::from_secs(secs)),
            message: String::new(),
        }
    }

    #[test]
    fn transient_errors_pause_until_the_wait_is_spent() {
        let p = FallbackPolicy::default();
        assert_eq!(
            p.next_step(&rate_limited(20), Duration::ZERO),
            NextStep::Pause(Duration::from_secs(20))
        );
        assert_eq!(
            p.next_step(&rate_limited(600), Duration::ZERO),
            NextStep::Pause(Duration::from_secs(60)),
            "capped"
        );
        let down = LlmError::Timeout {
            after: Duration::from_secs(30),
        };
        assert_eq!(
            p.next_step(&down, Duration::from_secs(10)),
            NextStep::Pause(Duration::from_secs(5))
        );
        assert_eq!(
            p.next_step(&down, Duration::from_secs(120)),
            NextStep::FallBack
        );
        assert_eq!(
            p.next_step(&rate_limited(30), Duration::from_secs(100)),
            NextStep::FallBack,
            "the pause would outlast the wait"
        );
    }

    #[test]
    fn permanent_errors_fall_back_at_once() {
        let p = FallbackPolicy::default();
        let bad = LlmError::BadResponse("x".into());
        assert_eq!(p.next_step(&bad, Duration::ZERO), NextStep::FallBack);
    }
}
