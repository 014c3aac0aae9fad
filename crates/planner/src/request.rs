//! What the planner is asked: [`PlanRequest`] and the conversation's
//! [`ConversationState`].

use serde::{Deserialize, Serialize};

use crate::ProposedWrite;

pub use frontdesk_types::Channel;

/// The identity the channel verified (the sender's address, phone, account).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Verified e-mail address.
    pub email: Option<String>,
    /// Verified phone number.
    pub phone: Option<String>,
    /// Verified store user id.
    pub user_id: Option<String>,
}

/// One intent the router gave the ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntentHint {
    /// Registry key, e.g. `cancel_order`.
    pub key: String,
    /// Calibrated confidence in `[0, 1]`.
    pub confidence: f64,
}

/// The conversation's memory between turns (stored as JSON, keyed by
/// conversation id).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationState {
    /// The authenticated customer, once known.
    pub user_id: Option<String>,
    /// Slots filled so far (name -> value), e.g. `authenticated_via`
    /// (`channel_user`, `channel_email`, `one_time_code`: [`crate::identity::Via`]). Request slots are re-derived each
    /// turn from [`ConversationState::context`] plus the new message.
    pub slots: std::collections::BTreeMap<String, String>,
    /// Writes proposed and awaiting the customer's "yes".
    pub pending: Vec<ProposedWrite>,
    /// The question last asked, if the conversation waits for an answer.
    pub question: Option<String>,
    /// The customer's earlier messages of the open request, oldest first,
    /// re-read with the answer so it can fill the missing slot.
    pub context: Vec<String>,
    /// A one-time code the conversation waits for (only its hash), when the customer is
    /// proving an account the channel did not verify.
    #[serde(default)]
    pub verification: Option<crate::identity::Verification>,
}

/// One planning request: a customer turn and what is known around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    /// Ticket subject (may be empty).
    pub subject: String,
    /// Ticket body.
    pub body: String,
    /// Channel the ticket came in on.
    pub channel: Channel,
    /// Identity the channel verified.
    pub identity: Identity,
    /// Intents routed for this turn, riskiest or most confident first.
    pub intents: Vec<IntentHint>,
    /// The conversation's state before this turn.
    pub state: ConversationState,
    /// The tools the route allows (a model planner is offered only these; the executor
    /// enforces the same list on every call).
    #[serde(default)]
    pub allow_list: Vec<String>,
}

impl PlanRequest {
    /// A new e-mail ticket with no routed intents and a fresh conversation.
    pub fn email(subject: &str, body: &str, identity: Identity) -> PlanRequest {
        PlanRequest {
            subject: subject.to_owned(),
            body: body.to_owned(),
            channel: Channel::Email,
            identity,
            intents: Vec::new(),
            state: ConversationState::default(),
            allow_list: Vec::new(),
        }
    }

    /// Subject and body as one text.
    pub fn text(&self) -> String {
        if self.subject.trim().is_empty() {
            self.body.clone()
        } else {
            format!("{}.\n{}", self.subject.trim(), self.body)
        }
    }
}
