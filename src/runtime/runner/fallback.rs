//! The runner's own terminal records, for a ticket no stage could finish: a retry budget
//! spent, or a record dead-lettered (undecodable, panicking, state unreadable, too large).
//! Each is a handoff to a person ([`Rule::RetriesExhausted`], [`Rule::DeadLettered`],
//! [`Rule::OutputTooLarge`]) with an audit record of what was tried, so a stuck or broken
//! ticket always reaches someone and is recorded as finished once.

use rdkafka::message::{Message, OwnedMessage};
use serde_json::Value;

use crate::messages::{
    now_ms, AuditRecord, Channel, Cost, Envelope, Handoff, Identity, Route, Rule, Ticket, Turn,
};

/// Longest body a handoff of an unreadable record keeps.
const BODY_CHARS: usize = 2000;

/// A ticket, as much of it as could be read, and what the stages had learned about it.
pub(crate) struct Known {
    pub(crate) ticket: Ticket,
    pub(crate) route: Option<Route>,
    pub(crate) cost: Cost,
}

impl From<Envelope> for Known {
    fn from(env: Envelope) -> Known {
        Known {
            ticket: env.ticket,
            route: env.route,
            cost: env.cost,
        }
    }
}

/// Who a record that cannot be decoded whole is about, where that can be told: the fields
/// of a JSON object that parse, else (on an inbound topic, whose channel is known) the
/// record's key as the conversation. `None` when nothing identifies the conversation.
pub(crate) fn identify(msg: &OwnedMessage, channel: Option<Channel>) -> Option<Known> {
    let value = msg.payload().unwrap_or_default();
    let key = msg
        .key()
        .and_then(|k| std::str::from_utf8(k).ok())
        .filter(|k| !k.trim().is_empty());
    let object = serde_json::from_slice::<Value>(value)
        .ok()
        .filter(Value::is_object);
    let text = |v: &Option<Value>, field: &str| {
        v.as_ref()
            .and_then(|o| o.get(field))
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    };
    let channel = text(&object, "channel")
        .and_then(|c| Channel::parse(&c))
        .or(channel)?;
    let conversation_id = text(&object, "conversation_id").or(key.map(str::to_owned))?;
    let body = text(&object, "body")
        .map(|b| b.chars().take(BODY_CHARS).collect())
        .unwrap_or_else(|| "(the message could not be read)".to_owned());
    let ticket = Ticket {
        ticket_id: text(&object, "ticket_id").unwrap_or_else(|| unreadable_id(msg)),
        conversation_id,
        channel,
        customer: object
            .as_ref()
            .and_then(|o| o.get("customer"))
            .and_then(|c| serde_json::from_value::<Identity>(c.clone()).ok())
            .unwrap_or_default(),
        subject: text(&object, "subject"),
        body,
        attachments: Vec::new(),
        received_at: msg.timestamp().to_millis().unwrap_or_else(now_ms),
        headers: Default::default(),
        locale: None,
    };
    Some(Known {
        ticket,
        route: None,
        cost: Cost::default(),
    })
}

/// The ticket id of a record whose own id cannot be read: where it was read, so a
/// redelivery of the same record gets the same id (and is recognised as finished).
fn unreadable_id(msg: &OwnedMessage) -> String {
    format!(
        "unreadable:{}/{}/{}",
        msg.topic(),
        msg.partition(),
        msg.offset()
    )
}

/// A handoff of `known` for `rule`, with `reason` for the person who takes it.
pub(crate) fn handoff(known: &Known, rule: Rule, reason: &str) -> Handoff {
    let t = &known.ticket;
    let now = now_ms();
    let first_line = crate::messages::first_line(t.subject.as_deref().unwrap_or(&t.body), 120);
    Handoff {
        ticket_id: t.ticket_id.clone(),
        conversation_id: t.conversation_id.clone(),
        channel: t.channel,
        customer: t.customer.clone(),
        reason_code: rule,
        reason: reason.to_owned(),
        summary: format!("[{}] {rule}: \"{first_line}\"", t.channel.as_str()),
        draft_reply: String::new(),
        transcript: vec![Turn {
            role: "customer".to_owned(),
            text: t.body.clone(),
            at: t.received_at,
        }],
        tool_log: Vec::new(),
        proposed_action: None,
        route: known.route.clone(),
        citations: Vec::new(),
        cost: known.cost.clone(),
        latency_ms: (now - t.received_at).max(0),
        handed_off_at: now,
    }
}

/// The audit record of a runner handoff: `inputs` (what was tried) with PII masked.
pub(crate) fn audit(
    known: &Known,
    stage: &str,
    rule: Rule,
    reason: &str,
    inputs: &Value,
) -> AuditRecord {
    AuditRecord {
        ticket_id: known.ticket.ticket_id.clone(),
        conversation_id: known.ticket.conversation_id.clone(),
        stage: stage.to_owned(),
        rule,
        inputs_json: frontdesk_guard::mask(
            &inputs.to_string(),
            &frontdesk_guard::MaskConfig::strict(),
        ),
        outcome: "handoff".to_owned(),
        reason: reason.to_owned(),
        policy_version: "runtime".to_owned(),
        at: now_ms(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rdkafka::message::Timestamp;

    fn msg(key: Option<&str>, value: &[u8]) -> OwnedMessage {
        OwnedMessage::new(
            Some(value.to_vec()),
            key.map(|k| k.as_bytes().to_vec()),
            "in.chat".into(),
            Timestamp::CreateTime(1_000),
            3,
            77,
            None,
        )
    }

    #[test]
    fn a_json_ticket_that_fails_validation_keeps_what_parses() {
        let m = msg(
            Some("conv-1"),
            br#"{"ticket_id":"t-9","conversation_id":"conv-1","customer":{"email":"a@b.c"},"body":"help"}"#,
        );
        let k = identify(&m, Some(Channel::Chat)).unwrap();
        assert_eq!(k.ticket.ticket_id, "t-9");
        assert_eq!(k.ticket.customer.email.as_deref(), Some("a@b.c"));
        assert_eq!(k.ticket.body, "help");
    }

    #[test]
    fn garbage_on_an_inbound_topic_is_identified_by_its_key_and_coordinates() {
        let k = identify(
            &msg(Some("conv-2"), b"\x00\x00\x00\x00\x09junk"),
            Some(Channel::Sms),
        )
        .unwrap();
        assert_eq!(k.ticket.conversation_id, "conv-2");
        assert_eq!(k.ticket.ticket_id, "unreadable:in.chat/3/77");
        assert_eq!(k.ticket.channel, Channel::Sms);
        assert_eq!(k.ticket.received_at, 1_000);
    }

    #[test]
    fn nothing_identifies_keyless_garbage_or_an_internal_record() {
        assert!(identify(&msg(None, b"junk"), Some(Channel::Sms)).is_none());
        assert!(identify(&msg(Some("conv-3"), b"junk"), None).is_none());
    }

    #[test]
    fn the_handoff_says_why_and_keeps_the_message() {
        let k = identify(
            &msg(Some("c"), br#"{"body":"where is my order?"}"#),
            Some(Channel::Email),
        )
        .unwrap();
        let h = handoff(&k, Rule::DeadLettered, "the stage panicked");
        assert_eq!(h.reason_code, Rule::DeadLettered);
        assert_eq!(h.transcript[0].text, "where is my order?");
        assert!(h.summary.contains("dead_lettered"), "{}", h.summary);
    }
}
