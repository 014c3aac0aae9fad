//! The envelope: a ticket plus what each stage learned about it.

use serde::{Deserialize, Serialize};

use super::ticket::Ticket;
use super::verdict::{GateVerdict, PlanVerdict, Rule, Screen};

pub use frontdesk_types::{Band, Route, RoutedIntent};

/// A tool call the plan proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedCall {
    /// Tool name.
    pub tool: String,
    /// Arguments as canonical JSON text.
    pub arguments_json: String,
}

/// A tool call as executed (or refused), for the tool log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// Tool name.
    pub tool: String,
    /// Arguments as JSON text.
    pub arguments_json: String,
    /// Key sent to the store for writes.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// `ok`, `invalid_arguments`, `not_allowed`, `unauthorized`, `rejected` or `failed`.
    pub outcome: String,
    /// HTTP status of the last attempt.
    #[serde(default)]
    pub http_status: Option<i32>,
    /// Response body as JSON text.
    #[serde(default)]
    pub response_json: Option<String>,
    /// Human-readable error.
    #[serde(default)]
    pub error: Option<String>,
    /// Wall time over all attempts.
    pub latency_ms: i64,
    /// Attempts made.
    pub attempts: i32,
}

/// A retrieved help-center passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Document id (the citation).
    pub doc_id: String,
    /// Document title.
    pub title: String,
    /// Section heading, if split by headings.
    #[serde(default)]
    pub section: Option<String>,
    /// Passage text.
    pub text: String,
    /// Raw retrieval score.
    pub score: f64,
    /// Normalised confidence in [0, 1].
    pub confidence: f64,
}

/// A decision a stage took, kept on the envelope for the handoff and audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Stage that decided.
    pub stage: String,
    /// The rule it decided under.
    pub rule: Rule,
    /// What it decided (`pass`, `handoff`, `block`, ...).
    pub outcome: String,
    /// One human sentence.
    pub reason: String,
    /// When.
    pub at: i64,
}

/// A stage the envelope passed through, with the time it left it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hop {
    /// Stage name.
    pub stage: String,
    /// When it left that stage.
    pub at: i64,
}

/// A ticket on its way through the stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// The inbound ticket, unchanged.
    pub ticket: Ticket,
    /// Set by the router.
    #[serde(default)]
    pub route: Option<Route>,
    /// Calls the plan proposes.
    #[serde(default)]
    pub tool_plan: Vec<PlannedCall>,
    /// Calls made or refused.
    #[serde(default)]
    pub tool_log: Vec<ToolCall>,
    /// Retrieved passages.
    #[serde(default)]
    pub passages: Vec<Passage>,
    /// Grounding confidence, when grounding ran.
    #[serde(default)]
    pub grounding_confidence: Option<f64>,
    /// Decisions taken so far.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Reply drafted so far.
    #[serde(default)]
    pub draft_reply: Option<String>,
    /// Stages passed.
    #[serde(default)]
    pub hops: Vec<Hop>,
    /// Model tokens and cost spent on this ticket so far (schema v2; zero offline).
    #[serde(default)]
    pub cost: super::Cost,
    /// The router's screens of the text (schema v3).
    #[serde(default)]
    pub screen: Option<Screen>,
    /// The pre-action gates' verdict, once a stage ran them (schema v3).
    #[serde(default)]
    pub gate: Option<GateVerdict>,
    /// The tools stage's plan verdict (schema v3).
    #[serde(default)]
    pub plan: Option<PlanVerdict>,
    /// Messages to send besides the reply, e.g. a one-time code (schema v3).
    #[serde(default)]
    pub notifications: Vec<super::Notification>,
}

impl Envelope {
    /// A fresh envelope for an inbound ticket.
    pub fn new(ticket: Ticket) -> Self {
        Envelope {
            ticket,
            route: None,
            tool_plan: Vec::new(),
            tool_log: Vec::new(),
            passages: Vec::new(),
            grounding_confidence: None,
            decisions: Vec::new(),
            draft_reply: None,
            hops: Vec::new(),
            cost: Default::default(),
            screen: None,
            gate: None,
            plan: None,
            notifications: Vec::new(),
        }
    }

    /// Records a decision.
    pub fn decide(&mut self, stage: &str, rule: Rule, outcome: &str, reason: impl Into<String>) {
        self.decisions.push(Decision {
            stage: stage.to_owned(),
            rule,
            outcome: outcome.to_owned(),
            reason: reason.into(),
            at: super::now_ms(),
        });
    }

    /// Whether the router flagged the text as a prompt injection.
    pub fn injection_flagged(&self) -> bool {
        self.screen.is_some_and(|s| s.injection)
    }

    /// Whether the customer asked for a person.
    pub fn asked_for_human(&self) -> bool {
        self.screen.is_some_and(|s| s.asked_for_human)
    }

    /// Whether the router found a report of harm from a product. It is the router's
    /// decision under [`Rule::HarmReported`] (a decision, not a field of [`Screen`], so the
    /// envelope schema is unchanged; a build that does not know the rule reads it as
    /// `Rule::Unknown` and ignores it).
    pub fn harm_reported(&self) -> bool {
        self.router_flagged(Rule::HarmReported)
    }

    /// Whether the router flagged the ticket under `rule` (a report of harm, a legal threat,
    /// a disputed charge): decisions, like [`Self::harm_reported`], so the schema is unchanged.
    pub fn router_flagged(&self, rule: Rule) -> bool {
        self.decisions
            .iter()
            .any(|d| d.stage == "router" && d.rule == rule && d.outcome == "flagged")
    }

    /// Milliseconds since the ticket was received.
    pub fn age_ms(&self) -> i64 {
        (super::now_ms() - self.ticket.received_at).max(0)
    }
}
