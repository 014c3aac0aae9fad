//! [`Rule`]: the one vocabulary of rules and reasons every stage uses.
//!
//! A stage records each decision under a rule; a handoff names the rule that sent it to
//! a person (`Handoff::reason_code`); the audit topic carries the same code. The code is a
//! stable snake_case string on the wire: never rename one, only add.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! rules {
    ($($(#[doc = $doc:literal])* $variant:ident => $code:literal,)*) => {
        /// A rule a stage decided under, or the reason a ticket went to a person.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($(#[doc = $doc])* $variant,)*
            /// A code this build does not know (written by a newer version).
            Unknown,
        }

        impl Rule {
            /// Every known rule.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable code on the wire, in config and on the audit topic.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rule::$variant => $code,)*
                    Rule::Unknown => "unknown",
                }
            }

            /// The rule of a code; `None` for a code this build does not know.
            pub fn parse(code: &str) -> Option<Rule> {
                match code {
                    $($code => Some(Rule::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

rules! {
    // --- the router's screens and classification
    /// The text looks like a prompt injection.
    PromptInjection => "prompt_injection",
    /// The customer asked for a person.
    AskedForHuman => "asked_for_human",
    /// The customer reports that a product harmed someone (injury, illness, fire, medical
    /// care): safety and liability go to a person.
    HarmReported => "harm_reported",
    /// The customer threatens legal action or a complaint to a regulator: a person answers.
    LegalThreat => "legal_threat",
    /// The customer disputes a charge (a chargeback, the bank, a charge they never made): a
    /// refund paid while the bank reverses the charge is paid twice, so a person answers.
    ChargeDispute => "charge_dispute",
    /// Intents, band and allow-list from the offline model.
    Classify => "classify",
    /// A model chose the intent where the offline route was unsure.
    ModelFallback => "llm_fallback",

    // --- the pre-action gates (policy plane; run once, before anything acts)
    /// A person holds the conversation (its handoff is open in the console): the message
    /// goes to them.
    HeldByPerson => "held_by_person",
    /// The conversation went too many rounds without being settled.
    RepeatedFailures => "repeated_failures",
    /// The customer has been frustrated across several messages.
    Frustration => "frustration",
    /// The router did not classify the ticket.
    NoRoute => "no_route",
    /// No intent of the registry applies.
    OutOfScope => "out_of_scope",
    /// The intent is always handled by a person.
    AlwaysEscalate => "always_escalate",
    /// The router is not confident enough to act.
    LowConfidence => "low_confidence",

    // --- the tools stage
    /// No tool executor is configured: nothing was called.
    NoExecutor => "no_executor",
    /// What the planner decided for the ticket.
    Plan => "plan",
    /// A model planned where the offline procedures were not confident.
    ModelPlan => "model_plan",
    /// A proposed write passed (or failed) the write gate.
    WriteGate => "write_gate",
    /// The write gate: a value is above its ceiling.
    ValueCeiling => "value_ceiling",
    /// The write gate: the action has no ceilings table and unlisted actions hand off.
    UnlistedAction => "unlisted_action",
    /// The write gate: the conversation made too many writes in its window.
    ConversationRate => "conversation_rate",
    /// The write gate: the customer reached the daily cap.
    CustomerDailyCap => "customer_daily_cap",
    /// The write gate: the action is over its global rate.
    GlobalActionRate => "global_action_rate",
    /// A write is above a value ceiling: a person approves it.
    ApprovalRequired => "approval_required",
    /// A write limit (per conversation, customer or action) was reached.
    WriteLimit => "write_limit",
    /// No write gate is configured: writes need a person.
    WriteGateMissing => "write_gate_missing",
    /// The write gate could not decide.
    WriteGateError => "write_gate_error",
    /// The store refused a write.
    ActionFailed => "action_failed",
    /// A read-only (autonomous) route proposed a write.
    AutonomousWrite => "autonomous_write",
    /// The planner handed the ticket to a person; the detail says why.
    Planner => "planner",
    /// The planner failed on this ticket.
    PlannerError => "planner_error",
    /// The identity claimed in the text is not the one the channel verified.
    IdentityMismatch => "identity_mismatch",
    /// The channel verified no identity and the customer could not be verified.
    Unverified => "unverified",
    /// The conversation was about another customer than the one this channel verified.
    IdentityChanged => "identity_changed",
    /// The message tries to override the agent's rules.
    RuleOverride => "rule_override",
    /// The request depends on a condition the agent cannot check.
    UnmodelledCondition => "unmodelled_condition",
    /// Part of the message asks for a change no request was read from.
    UnreadRequest => "unread_request",
    /// Part of the message asks a question (an order's status, a product, the account)
    /// the store's records gave no answer to.
    UnansweredQuestion => "unanswered_question",
    /// The planner: the request needs a write this ticket's route does not allow (not on
    /// its allow-list); handed off before the customer is asked to confirm it.
    NotAllowed => "not_allowed",
    /// The planner: the customer's reply left the agent's question unanswered, and the agent
    /// would ask it again; a person takes the conversation instead.
    QuestionUnanswered => "question_unanswered",
    /// A dependency kept failing past its retry budget.
    RetriesExhausted => "retries_exhausted",

    // --- grounding
    /// No help-center index is configured.
    NoIndex => "no_index",
    /// The help-center passages' confidence against the intent's threshold.
    ConfidenceGate => "confidence_gate",

    // --- the policy stage
    /// Resolved: confident, within policy and grounded.
    Resolve => "resolve",
    /// The reply asks the customer something; the conversation waits.
    AskCustomer => "ask_customer",
    /// No reply was drafted.
    NoAnswer => "no_answer",
    /// The request needs an action that was not taken.
    ActionNotTaken => "action_not_taken",
    /// The help-center evidence is too weak to answer alone.
    LowGrounding => "low_grounding",
    /// Whether a model's rewording of the reply was used.
    ReplyModel => "reply_model",

    // --- the agent-assist console (a person acting on a handoff)
    /// A person worked a handoff: claimed, released, assigned, replied, noted, closed or
    /// handed it back (the audit record's outcome says which).
    HumanAction => "human_action",
    /// A person approved or rejected the action proposed on a handoff.
    HumanApproval => "human_approval",

    // --- privacy
    /// A customer's data was erased on request (`frontdesk erase`).
    Erasure => "erasure",

    // --- the runtime
    /// The record could not be processed at all (undecodable, too large, panicked).
    DeadLettered => "dead_lettered",
    /// The ticket's outcome was too large for the broker even shrunk, or could not be
    /// produced within its retry budget.
    OutputTooLarge => "output_too_large",
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Rule::parse(&code).unwrap_or(Rule::Unknown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_distinct_and_round_trips() {
        let mut seen = std::collections::HashSet::new();
        for r in Rule::ALL {
            assert!(seen.insert(r.as_str()), "code {} twice", r.as_str());
            assert_eq!(Rule::parse(r.as_str()), Some(*r));
            let json = serde_json::to_string(r).unwrap();
            assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), *r);
        }
    }

    #[test]
    fn a_code_from_a_newer_writer_reads_as_unknown() {
        let r: Rule = serde_json::from_str("\"invented_later\"").unwrap();
        assert_eq!(r, Rule::Unknown);
    }
}
