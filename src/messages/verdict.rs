//! Typed verdicts between stages: what the router's screens found ([`Screen`]), what the
//! pre-action gates decided ([`GateVerdict`]) and what the planner decided
//! ([`PlanVerdict`]). They travel on the envelope (schema v3) so a later stage reads a
//! decision as a value, never by parsing a sentence; rule and reason codes are
//! [`Rule`]s.

use serde::{Deserialize, Serialize};

pub use frontdesk_types::Rule;

/// The router's screens of the customer's text, run before any model or tool sees it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Screen {
    /// Prompt-injection score in [0, 1].
    pub injection_score: f64,
    /// Flagged as a prompt injection: the ticket never writes by itself.
    pub injection: bool,
    /// The customer asked for a person.
    pub asked_for_human: bool,
}

/// The pre-action gates' verdict on a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateVerdict {
    /// The gate that stopped the ticket; `None` when every gate passed.
    pub blocked_by: Option<Rule>,
    /// One human sentence.
    pub reason: String,
}

impl GateVerdict {
    /// Every gate passed.
    pub fn passed() -> GateVerdict {
        GateVerdict {
            blocked_by: None,
            reason: "every pre-action gate passed".to_owned(),
        }
    }

    /// Stopped by `rule`, for `reason`.
    pub fn blocked(rule: Rule, reason: impl Into<String>) -> GateVerdict {
        GateVerdict {
            blocked_by: Some(rule),
            reason: reason.into(),
        }
    }
}

/// What the planner decided for the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanOutcome {
    /// Writes ran (or none were needed) and the reply states what was done.
    Acted,
    /// The reply asks the customer one question; the conversation waits.
    Ask,
    /// A person must take over; the verdict's reason says why.
    Handoff,
    /// A read-only answer was drafted.
    Answered,
    /// A pre-action gate stopped planning.
    Blocked,
}

impl PlanOutcome {
    /// The code on the wire and in decisions.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanOutcome::Acted => "acted",
            PlanOutcome::Ask => "ask",
            PlanOutcome::Handoff => "handoff",
            PlanOutcome::Answered => "answered",
            PlanOutcome::Blocked => "blocked",
        }
    }
}

/// The tools stage's plan verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanVerdict {
    /// What happens next.
    pub outcome: PlanOutcome,
    /// For a handoff or a block: the rule that sent the ticket to a person.
    pub reason: Option<Rule>,
    /// One human sentence.
    pub detail: String,
}

impl PlanVerdict {
    /// A verdict that needs no reason code (acted, ask, answered).
    pub fn new(outcome: PlanOutcome, detail: impl Into<String>) -> PlanVerdict {
        PlanVerdict {
            outcome,
            reason: None,
            detail: detail.into(),
        }
    }

    /// A handoff for `reason`.
    pub fn handoff(reason: Rule, detail: impl Into<String>) -> PlanVerdict {
        PlanVerdict {
            outcome: PlanOutcome::Handoff,
            reason: Some(reason),
            detail: detail.into(),
        }
    }
}
