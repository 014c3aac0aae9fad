//! The JSON ticket accepted at ingress: the Avro field names, most of them optional.

use std::collections::HashMap;

use serde::Deserialize;

use super::DecodeError;
use crate::messages::ticket::{Attachment, Channel, Identity, Ticket};

/// The JSON shape accepted at ingress: the Avro field names, most of them optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTicket {
    ticket_id: Option<String>,
    conversation_id: Option<String>,
    channel: Option<String>,
    #[serde(default)]
    customer: Identity,
    subject: Option<String>,
    body: Option<String>,
    #[serde(default)]
    attachments: Vec<Attachment>,
    received_at: Option<i64>,
    #[serde(default)]
    headers: HashMap<String, String>,
    locale: Option<String>,
}

pub(super) fn decode_json_ticket(
    bytes: &[u8],
    topic_channel: Option<Channel>,
) -> Result<Ticket, DecodeError> {
    let text = std::str::from_utf8(bytes).map_err(|e| DecodeError::InvalidUtf8(e.valid_up_to()))?;
    let j: JsonTicket = serde_json::from_str(text).map_err(|e| DecodeError::Json(e.to_string()))?;
    let required =
        |v: Option<String>, name: &str| v.ok_or_else(|| DecodeError::MissingField(name.to_owned()));
    let channel = match j.channel {
        Some(c) => Channel::parse(&c).ok_or(DecodeError::InvalidField {
            field: "channel",
            reason: format!("`{c}` is not one of email, chat, sms, webhook"),
        })?,
        None => topic_channel.ok_or_else(|| DecodeError::MissingField("channel".to_owned()))?,
    };
    Ok(Ticket {
        ticket_id: required(j.ticket_id, "ticket_id")?,
        conversation_id: required(j.conversation_id, "conversation_id")?,
        channel,
        customer: j.customer,
        subject: j.subject,
        body: required(j.body, "body")?,
        attachments: j.attachments,
        received_at: j.received_at.unwrap_or_else(crate::messages::now_ms),
        headers: j.headers,
        locale: j.locale,
    })
}
