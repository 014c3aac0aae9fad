//! The inbound ticket.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use frontdesk_types::Channel;

/// The customer as the channel verified them. Text in the body is never identity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    /// Sender address for email.
    #[serde(default)]
    pub email: Option<String>,
    /// Sender number for SMS.
    #[serde(default)]
    pub phone: Option<String>,
    /// The helpdesk's user id for webhooks and logged-in chat.
    #[serde(default)]
    pub helpdesk_user_id: Option<String>,
    /// Display name, if the channel has one.
    #[serde(default)]
    pub name: Option<String>,
}

/// Metadata of an attachment (the bytes stay in the channel's storage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// File name as sent.
    pub filename: String,
    /// MIME type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Where the channel stores it.
    #[serde(default)]
    pub url: Option<String>,
}

/// One inbound customer message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// Unique per inbound message; the idempotency root of everything downstream.
    pub ticket_id: String,
    /// The thread; the Kafka key of every record produced for this ticket.
    pub conversation_id: String,
    /// The channel it arrived on.
    pub channel: Channel,
    /// The verified customer identity.
    #[serde(default)]
    pub customer: Identity,
    /// Email subject or helpdesk title.
    #[serde(default)]
    pub subject: Option<String>,
    /// The message text.
    pub body: String,
    /// Attachment metadata.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// When the channel received it, ms since the epoch.
    pub received_at: i64,
    /// Channel headers worth keeping (message id, in-reply-to, ...).
    #[serde(default)]
    pub headers: HashMap<String, String>,
    /// BCP-47 language tag (schema v2).
    #[serde(default)]
    pub locale: Option<String>,
}

impl Ticket {
    /// A ticket with no identity, subject, attachments, headers or locale, received now.
    pub fn new(
        ticket_id: impl Into<String>,
        conversation_id: impl Into<String>,
        channel: Channel,
        body: impl Into<String>,
    ) -> Ticket {
        Ticket {
            ticket_id: ticket_id.into(),
            conversation_id: conversation_id.into(),
            channel,
            customer: Identity::default(),
            subject: None,
            body: body.into(),
            attachments: Vec::new(),
            received_at: super::now_ms(),
            headers: HashMap::new(),
            locale: None,
        }
    }
}

/// The first line of `text`, at most `max_chars` characters: what a hand-off's summary quotes
/// of the customer's message.
pub fn first_line(text: &str, max_chars: usize) -> String {
    text.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(max_chars)
        .collect()
}
