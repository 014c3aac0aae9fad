//! What the planner answers: [`Plan`], its [`ProposedWrite`]s and [`Outcome`].

use frontdesk_types::Rule;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::Arc;

use crate::ConversationState;

/// One read the planner made while planning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadCall {
    /// Tool name.
    pub tool: String,
    /// Arguments.
    pub args: Value,
    /// The result, or the error as text. Shared with whatever the planner keeps of it (the
    /// customer's orders and products), so a read is held once however often it is used.
    pub result: Result<Arc<Value>, String>,
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
    /// Every detail the customer confirms, one phrase each: the order, the items with their
    /// options, the new variants with theirs, the amounts and where money goes, the new
    /// address. The confirmation question lists them.
    #[serde(default)]
    pub details: Vec<String>,
}

impl ProposedWrite {
    /// A write of `tool` with `args` for `user_id`, described by `summary`; no order, items,
    /// amounts or payment method yet.
    pub fn new(tool: &str, args: Value, summary: String, user_id: &str) -> ProposedWrite {
        ProposedWrite {
            tool: tool.to_owned(),
            args,
            summary,
            user_id: user_id.to_owned(),
            order_id: None,
            item_count: 0,
            refund_amount: None,
            charge_amount: None,
            price_difference: None,
            payment_method_id: None,
            payment_method_label: None,
            details: Vec::new(),
        }
    }
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
        /// The rule that handed it off.
        rule: Rule,
        /// Why, for a person.
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
    /// How sure the planner is of this plan; a model planner is asked where it is not
    /// ([`Confidence::asks_a_model`]).
    #[serde(default)]
    pub confidence: Confidence,
    /// The planner found no request it knows and no fact to state. Kept for callers that
    /// have not moved to [`Plan::confidence`]: it is `confidence == Unsure(NoRequest)`.
    #[serde(default)]
    pub unsure: bool,
    /// A one-time code to deliver to the contact on file, when the plan asks the customer to
    /// prove who they are. Never serialised: the code leaves only through the caller's
    /// outbound message, and the conversation keeps only its hash.
    #[serde(skip)]
    pub one_time_code: Option<CodeDelivery>,
    /// Tokens and cost of the model calls made while planning (zero offline).
    #[serde(default)]
    pub usage: ModelUsage,
}

/// Why the planner is not sure of a plan: what a planner model (or a person) could resolve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "doubt", content = "detail", rename_all = "snake_case")]
pub enum Doubt {
    /// No request the procedures know, and no fact to state.
    NoRequest,
    /// The plan asks the customer for something the store and the text did not settle.
    Question,
    /// The text says something the procedures do not model (a condition they cannot
    /// evaluate, a reference they cannot resolve, a quantity they cannot map); the detail
    /// names it. Such a construct never becomes a write.
    Unmodelled(String),
    /// The plan hands off for a reason a reader of the text could resolve.
    HandOff,
}

/// How sure the planner is of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Confidence {
    /// Every request was understood and resolved against the store, or the plan is a
    /// decision no model may override (identity, the customer's own "no", a rule).
    #[default]
    Sure,
    /// Not sure, and why.
    Unsure {
        /// What is in doubt.
        #[serde(flatten)]
        doubt: Doubt,
    },
}

impl Confidence {
    /// Not sure because of `doubt`.
    pub fn unsure(doubt: Doubt) -> Confidence {
        Confidence::Unsure { doubt }
    }

    /// Whether a configured planner model should plan this turn instead.
    pub fn asks_a_model(&self) -> bool {
        matches!(self, Confidence::Unsure { .. })
    }
}

/// A one-time code the caller sends to the contact on file (never to the address the
/// ticket came from, unless that is the contact on file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDelivery {
    /// The account the code proves.
    pub user_id: String,
    /// The e-mail address on that account.
    pub email: String,
    /// The code itself.
    pub code: String,
    /// When it stops being accepted, in milliseconds since the Unix epoch.
    pub expires_at_ms: i64,
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
            confidence: Confidence::Sure,
            unsure: false,
            one_time_code: None,
            usage: ModelUsage::default(),
        }
    }

    /// Sets how sure the plan is (and the legacy [`Plan::unsure`] flag with it).
    pub fn with_confidence(mut self, confidence: Confidence) -> Plan {
        self.unsure = confidence == Confidence::unsure(Doubt::NoRequest);
        self.confidence = confidence;
        self
    }

    /// The plan with `facts` to state: on a plan that asks, they open the question itself, so
    /// a caller that sends only the question still states them.
    pub fn with_facts(mut self, facts: Vec<String>) -> Plan {
        if let Outcome::AskCustomer { question } = &mut self.outcome {
            if !facts.is_empty() {
                *question = format!("{}\n{question}", facts.join(" "));
                self.draft = question.clone();
                self.state.question = Some(question.clone());
            }
        }
        self.reply_facts = facts;
        self
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
        plan.with_confidence(Confidence::unsure(Doubt::Question))
    }
}
