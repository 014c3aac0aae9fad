//! What the gate is asked (a [`WriteRequest`]) and what it answers (a [`Decision`]).

use serde::{Deserialize, Serialize};

use crate::error::LimitsError;

/// A write action a tool call is about to make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WriteRequest {
    /// The action (tool) name, e.g. `return_delivered_order_items`.
    pub action: String,
    /// The conversation the write belongs to.
    pub conversation_id: String,
    /// The authenticated customer the write is for.
    pub customer_id: String,
    /// Money the action moves (refund or charge), if any.
    pub amount: Option<f64>,
    /// Price difference of an exchange or item modification, if any (either sign).
    pub price_difference: Option<f64>,
    /// Number of items the action touches, if any.
    pub item_count: Option<u32>,
    /// The ticket that asked for the write.
    pub ticket_id: String,
    /// Stable across redeliveries of the same ticket (e.g. the tool call's idempotency key):
    /// a second check with the same key re-uses the first reservation.
    pub idempotency_key: String,
}

impl WriteRequest {
    pub(crate) fn validate(&self) -> Result<(), LimitsError> {
        for (name, v) in [
            ("action", &self.action),
            ("conversation_id", &self.conversation_id),
            ("customer_id", &self.customer_id),
            ("idempotency_key", &self.idempotency_key),
        ] {
            if v.trim().is_empty() {
                return Err(LimitsError::InvalidRequest(format!("{name} is empty")));
            }
        }
        Ok(())
    }
}

/// The gate's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Decision {
    /// The write may run; a daily-cap slot is held for it.
    Allow {
        /// The slot; give it back with [`crate::Gate::release`] if the write then fails.
        reservation: Reservation,
    },
    /// The write must not run autonomously.
    Deny {
        /// Which rule said no.
        rule: DenyRule,
        /// One human sentence.
        reason: String,
        /// The values the rule looked at (action, limits, observed values, policy version),
        /// for the decision record.
        inputs: serde_json::Value,
    },
}

impl Decision {
    /// Whether the write may run.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow { .. })
    }

    /// The rule of a denial, if denied.
    pub fn rule(&self) -> Option<DenyRule> {
        match self {
            Decision::Allow { .. } => None,
            Decision::Deny { rule, .. } => Some(*rule),
        }
    }

    /// Whether a human could approve this write as drafted (a value ceiling), so the handoff
    /// should carry the action pre-drafted.
    pub fn needs_approval(&self) -> bool {
        self.rule().is_some_and(DenyRule::needs_approval)
    }
}

/// The rules that can deny a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DenyRule {
    /// A value is above its ceiling: hand off with the action pre-drafted for approval.
    ValueCeiling,
    /// The action has no ceilings table and `unlisted_actions = "handoff"`.
    UnlistedAction,
    /// The conversation made too many writes in its window.
    ConversationRate,
    /// The customer reached the daily cap (persisted, across instances).
    CustomerDailyCap,
    /// The action is over its global per-minute rate.
    GlobalActionRate,
}

impl DenyRule {
    /// The rule's code as written in decision records (`value_ceiling`, ...).
    pub fn as_str(self) -> &'static str {
        self.rule().as_str()
    }

    /// The rule in the shared vocabulary (decisions, audit records, handoffs).
    pub fn rule(self) -> frontdesk_types::Rule {
        use frontdesk_types::Rule;
        match self {
            DenyRule::ValueCeiling => Rule::ValueCeiling,
            DenyRule::UnlistedAction => Rule::UnlistedAction,
            DenyRule::ConversationRate => Rule::ConversationRate,
            DenyRule::CustomerDailyCap => Rule::CustomerDailyCap,
            DenyRule::GlobalActionRate => Rule::GlobalActionRate,
        }
    }

    /// Whether a human could approve the write as drafted: true for a value ceiling only
    /// (rate limits and unlisted actions are not a matter of one approval).
    pub fn needs_approval(self) -> bool {
        matches!(self, DenyRule::ValueCeiling)
    }
}

impl std::fmt::Display for DenyRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A held daily-cap slot of one write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    /// The request's idempotency key (the reservation's identity).
    pub idempotency_key: String,
    /// The customer whose daily count holds the slot.
    pub customer_id: String,
    /// The UTC day (`YYYY-MM-DD`) the slot counts against.
    pub day: String,
    /// The action reserved.
    pub action: String,
    /// The customer's count for that day after this reservation was made.
    pub count: i64,
    /// True when this is an earlier reservation of the same key (a redelivered ticket),
    /// returned again without consuming anything.
    pub reused: bool,
}
