//! Retry budgets: every retry the runner makes is bounded in attempts and in time, per
//! cause. A spent budget hands the ticket to a person with the reason and the history of
//! what was tried ([`RetryHistory`]), instead of retrying it forever.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Why a record is being retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// A stage's transient failure: a store, database or schema registry down or slow.
    Transient,
    /// A dependency every record needs is unavailable; the stage is held back meanwhile.
    Unavailable,
    /// An output could not be produced (other than a full local queue).
    Produce,
}

impl Cause {
    /// Stable name (metrics label, audit record, handoff reason).
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::Transient => "transient",
            Cause::Unavailable => "unavailable",
            Cause::Produce => "produce",
        }
    }
}

/// One cause's budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetryBudget {
    /// Most attempts, the first included; at it the record is handed to a person.
    pub max_attempts: u32,
    /// Longest time from the record's first attempt; no retry starts after it.
    #[serde(with = "humantime_serde")]
    pub max_elapsed: Duration,
}

/// The budgets of the runner, per cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetryBudgets {
    /// A stage's transient failure (a store, database or schema registry down): the record
    /// and its conversation wait, others go on.
    pub transient: RetryBudget,
    /// A dependency every record needs is unavailable (a model provider rate-limited): the
    /// whole stage holds back between attempts.
    pub unavailable: RetryBudget,
    /// Producing an output failed (a broker error other than a full local queue). The last
    /// resort (the handoff or dead letter that replaces the record's outputs) is retried
    /// until acknowledged: without a broker nothing can finish, and nothing is committed.
    pub produce: RetryBudget,
}

impl Default for RetryBudgets {
    fn default() -> Self {
        RetryBudgets {
            transient: RetryBudget {
                max_attempts: 10,
                max_elapsed: Duration::from_secs(300),
            },
            unavailable: RetryBudget {
                max_attempts: 200,
                max_elapsed: Duration::from_secs(30 * 60),
            },
            produce: RetryBudget {
                max_attempts: 10,
                max_elapsed: Duration::from_secs(300),
            },
        }
    }
}

impl RetryBudgets {
    /// The budget of `cause`.
    pub fn of(&self, cause: Cause) -> RetryBudget {
        match cause {
            Cause::Transient => self.transient,
            Cause::Unavailable => self.unavailable,
            Cause::Produce => self.produce,
        }
    }
}

/// One failed attempt, as kept in the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedAttempt {
    /// Why it failed.
    pub cause: Cause,
    /// The error, shortened.
    pub error: String,
    /// Milliseconds after the first attempt.
    pub after_ms: u64,
}

/// Most failed attempts kept in a history (the first ones and the last ones).
const KEPT: usize = 12;
/// Longest error text kept per attempt.
const ERROR_CHARS: usize = 240;

/// The failed attempts of one record.
#[derive(Debug, Clone)]
pub struct RetryHistory {
    started: Instant,
    /// Attempts per cause, in [`Cause`] order.
    counts: [u32; 3],
    kept: Vec<FailedAttempt>,
    /// Failed attempts not kept (between the first and the last ones).
    elided: u32,
}

impl RetryHistory {
    /// A history starting now.
    pub fn new() -> Self {
        RetryHistory::starting(Instant::now())
    }

    /// A history starting at `started`.
    pub fn starting(started: Instant) -> Self {
        RetryHistory {
            started,
            counts: [0; 3],
            kept: Vec::new(),
            elided: 0,
        }
    }

    /// Records a failed attempt; returns whether `budget` is now spent for its cause
    /// (no further attempt may start).
    pub fn fail(&mut self, cause: Cause, error: &str, budget: RetryBudget) -> bool {
        self.fail_at(cause, error, budget, Instant::now())
    }

    /// [`RetryHistory::fail`] at a given time (tests).
    pub fn fail_at(
        &mut self,
        cause: Cause,
        error: &str,
        budget: RetryBudget,
        now: Instant,
    ) -> bool {
        let n = &mut self.counts[cause as usize];
        *n += 1;
        let attempts = *n;
        let elapsed = now.saturating_duration_since(self.started);
        let attempt = FailedAttempt {
            cause,
            error: error.chars().take(ERROR_CHARS).collect(),
            after_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
        };
        if self.kept.len() < KEPT {
            self.kept.push(attempt);
        } else {
            // Keep the first half as they were and the most recent ones after them.
            self.kept.remove(KEPT / 2);
            self.kept.push(attempt);
            self.elided += 1;
        }
        attempts >= budget.max_attempts || elapsed >= budget.max_elapsed
    }

    /// Failed attempts of `cause` so far.
    pub fn attempts(&self, cause: Cause) -> u32 {
        self.counts[cause as usize]
    }

    /// Failed attempts over all causes.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// Time since the first attempt.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The kept attempts, oldest first.
    pub fn kept(&self) -> &[FailedAttempt] {
        &self.kept
    }

    /// One sentence for the person who takes the ticket.
    pub fn summary(&self, cause: Cause) -> String {
        let last = self
            .kept
            .last()
            .map(|a| a.error.as_str())
            .unwrap_or_default();
        format!(
            "Tried {} time(s) over {}s ({}); the last error: {last}",
            self.total(),
            self.elapsed().as_secs(),
            cause.as_str()
        )
    }

    /// The history as JSON (the audit record's inputs).
    pub fn to_json(&self, cause: Cause) -> serde_json::Value {
        serde_json::json!({
            "cause": cause.as_str(),
            "attempts": {
                "transient": self.counts[Cause::Transient as usize],
                "unavailable": self.counts[Cause::Unavailable as usize],
                "produce": self.counts[Cause::Produce as usize],
            },
            "elapsed_ms": u64::try_from(self.elapsed().as_millis()).unwrap_or(u64::MAX),
            "failures": self.kept,
            "failures_not_kept": self.elided,
        })
    }
}

impl Default for RetryHistory {
    fn default() -> Self {
        RetryHistory::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: RetryBudget = RetryBudget {
        max_attempts: 3,
        max_elapsed: Duration::from_secs(60),
    };

    #[test]
    fn spent_after_max_attempts_of_one_cause() {
        let t0 = Instant::now();
        let mut h = RetryHistory::starting(t0);
        assert!(!h.fail_at(Cause::Transient, "503", B, t0));
        assert!(
            !h.fail_at(Cause::Unavailable, "429", B, t0),
            "counted per cause"
        );
        assert!(!h.fail_at(Cause::Transient, "503", B, t0));
        assert!(h.fail_at(Cause::Transient, "503", B, t0));
        assert_eq!(h.attempts(Cause::Transient), 3);
        assert_eq!(h.total(), 4);
    }

    #[test]
    fn spent_after_max_elapsed_whatever_the_attempts() {
        let t0 = Instant::now();
        let mut h = RetryHistory::starting(t0);
        assert!(!h.fail_at(Cause::Produce, "timeout", B, t0 + Duration::from_secs(59)));
        assert!(h.fail_at(Cause::Produce, "timeout", B, t0 + Duration::from_secs(60)));
    }

    #[test]
    fn keeps_the_first_and_the_latest_attempts_and_counts_the_rest() {
        let t0 = Instant::now();
        let mut h = RetryHistory::starting(t0);
        let many = RetryBudget {
            max_attempts: 1000,
            max_elapsed: Duration::from_secs(3600),
        };
        for i in 0..30 {
            h.fail_at(Cause::Transient, &format!("e{i}"), many, t0);
        }
        let errors: Vec<&str> = h.kept().iter().map(|a| a.error.as_str()).collect();
        assert_eq!(errors.len(), KEPT);
        assert_eq!(errors[..KEPT / 2], ["e0", "e1", "e2", "e3", "e4", "e5"]);
        assert_eq!(errors.last(), Some(&"e29"));
        assert_eq!(h.to_json(Cause::Transient)["failures_not_kept"], 18);
    }
}
