//! What the planner answers: [`Plan`], its [`ProposedWrite`]s and [`Outcome`].

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ConversationState;

/// One read the planner made while planning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadCall {
    /// Tool name.
    pub tool: String,
    /// Arguments.
    pub args: Value,
    /// The result, or the error as text.
    pub result: Result<Value, String>,
}

/// A write the planner proposes; the caller executes it after the policy gate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedWrite {
    /// Tool name, e.g. `cancel_pending_order`.
    pub tool: String,
    /// Arguments, exactly as the tool takes them.
    pub args: Value,
    /// One line for the customer and the audit, e.g. "cancel order #W1 (no longer needed)".
    pub summary: String,
    /// The customer the write acts for.
    pub user_id: String,
    /// The order it acts on, if any.
    pub order_id: Option<String>,
    /// Number of items it touches (0 for whole-order or address writes).
    pub item_count: usize,
    /// Money returned to the customer (cancel, return, cheaper variant).
    pub refund_amount: Option<f64>,
    /// Money charged to the customer (dearer variant).
    pub charge_amount: Option<f64>,
    /// New minus old price of the changed items (exchange, modify).
    pub price_difference: Option<f64>,
    /// Where money goes or comes from: a payment method id.
    pub payment_method_id: Option<String>,
    /// Human description of that payment method, e.g. "gift card (balance $12.00)".
    pub payment_method_label: Option<String>,
}

/// What should happen with the ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Execute [`Plan::writes`] (each after the policy gate), then reply.
    Act,
    /// Ask the customer; the conversation waits for the answer.
    AskCustomer {
        /// The one question to ask.
        question: String,
    },
    /// A human takes over.
    HandOff {
        /// Why.
        reason: String,
    },
    /// Nothing to write: the reply answers.
    Answered,
}

/// The result of one executed write, as the caller observed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WriteResult {
    /// Tool name.
    pub tool: String,
    /// The tool's result (the changed order or user), or the error as text.
    pub result: Result<Value, String>,
}

/// The planner's answer for one turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Reads performed, in order.
    pub reads: Vec<ReadCall>,
    /// Writes proposed, in order (empty unless the outcome is [`Outcome::Act`]
    /// or the writes await confirmation).
    pub writes: Vec<ProposedWrite>,
    /// What should happen.
    pub outcome: Outcome,
    /// Facts for the reply, one sentence each (order statuses, tracking, ...).
    pub reply_facts: Vec<String>,
    /// The draft reply (before any write ran).
    pub draft: String,
    /// The procedure(s) that planned, e.g. `["cancel_order"]`.
    pub procedures: Vec<String>,
    /// The conversation's state after this turn.
    pub state: ConversationState,
    /// The planner could not make out what the customer wants (no request it knows, no
    /// fact to state): a model planner may try where the offline procedures gave up.
    #[serde(default)]
    pub unsure: bool,
    /// Tokens and cost of the model calls made while planning (zero offline).
    #[serde(default)]
    pub usage: ModelUsage,
}

/// Tokens and cost of model calls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelUsage {
    /// Input tokens billed.
    pub tokens_in: u64,
    /// Output tokens billed.
    pub tokens_out: u64,
    /// Cost in US dollars under the configured price table.
    pub usd: f64,
}

impl Plan {
    /// A plan with `outcome` and nothing else yet: no writes, facts, draft or procedures.
    pub fn new(reads: Vec<ReadCall>, outcome: Outcome, state: ConversationState) -> Plan {
        Plan {
            reads,
            writes: Vec::new(),
            outcome,
            reply_facts: Vec::new(),
            draft: String::new(),
            procedures: Vec::new(),
            state,
            unsure: false,
            usage: ModelUsage::default(),
        }
    }

    /// A plan that asks the customer `question` and waits for the answer: the question is
    /// the outcome, the draft reply and the conversation's open question.
    pub fn ask(reads: Vec<ReadCall>, mut state: ConversationState, question: String) -> Plan {
        state.question = Some(question.clone());
        let mut plan = Plan::new(
            reads,
            Outcome::AskCustomer {
                question: question.clone(),
            },
            state,
        );
        plan.draft = question;
        plan
    }
}
