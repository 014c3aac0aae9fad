//! Records frontdesk publishes for others: resolutions, handoffs, dead letters, audit.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::envelope::{PlannedCall, Route, ToolCall};
use super::ticket::{Channel, Identity};

/// Model usage and its cost, summed per ticket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    /// Prompt tokens.
    pub tokens_in: i64,
    /// Completion tokens.
    pub tokens_out: i64,
    /// Cost in US dollars from the configured price table.
    pub usd: f64,
}

impl Cost {
    /// Adds one model call's usage.
    pub fn add(&mut self, tokens_in: u64, tokens_out: u64, usd: f64) {
        self.tokens_in += i64::try_from(tokens_in).unwrap_or(i64::MAX);
        self.tokens_out += i64::try_from(tokens_out).unwrap_or(i64::MAX);
        self.usd += usd;
    }
}

/// A message to a contact other than the ticket's sender, sent by the channel adapters
/// beside the reply: a one-time code goes to the e-mail address on file, never to the
/// address that asked for it (unless that is the one on file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    /// The channel to send it on.
    pub channel: Channel,
    /// The address on that channel (an e-mail address, a phone number).
    pub to: String,
    /// A subject, where the channel has one.
    #[serde(default)]
    pub subject: Option<String>,
    /// The text.
    pub body: String,
}

/// A ticket the agent resolved: what it did and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    /// Ticket resolved.
    pub ticket_id: String,
    /// Its thread.
    pub conversation_id: String,
    /// Channel to answer on.
    pub channel: Channel,
    /// Who to answer.
    pub customer: Identity,
    /// The reply text.
    pub reply: String,
    /// Intents handled.
    pub intents: Vec<String>,
    /// Actions taken, with results.
    pub actions: Vec<ToolCall>,
    /// Document ids cited.
    pub citations: Vec<String>,
    /// Model cost.
    pub cost: Cost,
    /// Received-to-resolved time.
    pub latency_ms: i64,
    /// When.
    pub resolved_at: i64,
    /// The reply asks the customer something and the conversation waits (schema v2).
    #[serde(default)]
    pub awaiting_customer: bool,
    /// Messages to send besides the reply (schema v3).
    #[serde(default)]
    pub notifications: Vec<Notification>,
}

/// One turn of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// `customer` or `agent`.
    pub role: String,
    /// What was said.
    pub text: String,
    /// When.
    pub at: i64,
}

/// A warm handoff to a human, with the legwork done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    /// Ticket handed off.
    pub ticket_id: String,
    /// Its thread.
    pub conversation_id: String,
    /// Channel it came from.
    pub channel: Channel,
    /// The customer.
    pub customer: Identity,
    /// Machine-readable reason (`always_escalate`, `low_confidence`, ...).
    pub reason_code: super::Rule,
    /// One human sentence.
    pub reason: String,
    /// One-line summary of the case.
    pub summary: String,
    /// A reply the human can send or edit.
    pub draft_reply: String,
    /// The whole thread so far.
    pub transcript: Vec<Turn>,
    /// What was looked up or refused, and why.
    pub tool_log: Vec<ToolCall>,
    /// An action pre-drafted for a human to approve.
    #[serde(default)]
    pub proposed_action: Option<PlannedCall>,
    /// The router's decision.
    #[serde(default)]
    pub route: Option<Route>,
    /// Document ids retrieved.
    pub citations: Vec<String>,
    /// Model cost.
    pub cost: Cost,
    /// Received-to-handoff time.
    pub latency_ms: i64,
    /// When.
    pub handed_off_at: i64,
}

/// A record no stage could process, kept whole with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadLetter {
    /// The original value bytes.
    #[serde(with = "opt_bytes")]
    pub original_value: Option<Vec<u8>>,
    /// The original key bytes.
    #[serde(with = "opt_bytes")]
    pub original_key: Option<Vec<u8>>,
    /// Where it was read.
    pub source_topic: String,
    /// Partition it was read from.
    pub source_partition: i32,
    /// Offset it was read at.
    pub source_offset: i64,
    /// Stage that failed on it.
    pub stage: String,
    /// Bounded error kind (`undecodable`, `unknown_schema`, ...).
    pub error_kind: String,
    /// Human-readable reason.
    pub reason: String,
    /// Original headers (UTF-8 ones).
    #[serde(default)]
    pub headers: HashMap<String, String>,
    /// When.
    pub failed_at: i64,
}

/// One policy decision, for the audit topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Ticket decided on.
    pub ticket_id: String,
    /// Its thread.
    pub conversation_id: String,
    /// Stage that decided.
    pub stage: String,
    /// The rule it decided under.
    pub rule: super::Rule,
    /// The rule's inputs as JSON text.
    pub inputs_json: String,
    /// What it decided.
    pub outcome: String,
    /// One human sentence.
    pub reason: String,
    /// Version of the policy config.
    pub policy_version: String,
    /// When.
    pub at: i64,
}

/// Serde for `Option<Vec<u8>>` as bytes (Avro `["null","bytes"]`; a number array in JSON).
mod opt_bytes {
    use serde::de::{Deserializer, SeqAccess, Visitor};
    use serde::Serializer;
    use std::fmt;

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_some(&Bytes(b)),
            None => s.serialize_none(),
        }
    }

    struct Bytes<'a>(&'a [u8]);
    impl serde::Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    struct BufVisitor;
    impl<'de> Visitor<'de> for BufVisitor {
        type Value = Vec<u8>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("bytes")
        }
        fn visit_bytes<E>(self, v: &[u8]) -> Result<Self::Value, E> {
            Ok(v.to_vec())
        }
        fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Self::Value, E> {
            Ok(v)
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(v.as_bytes().to_vec())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(b) = a.next_element::<u8>()? {
                out.push(b);
            }
            Ok(out)
        }
    }

    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<Vec<u8>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("optional bytes")
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_byte_buf(BufVisitor).map(Some)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        d.deserialize_option(OptVisitor)
    }
}
