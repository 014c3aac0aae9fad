//! What an outbound adapter is: it turns one resolution or handoff into one or more calls
//! to its provider, says how a failure should be treated, and (where the provider lets it
//! be asked) whether an interrupted call already went through.

use std::time::Duration;

use async_trait::async_trait;

use crate::channels::origin::{Origin, Provider};
use crate::messages::{Channel, Handoff, Identity, Notification, Resolution};

/// The record being delivered.
#[derive(Debug, Clone)]
pub enum Record {
    /// A resolution: the answer to send.
    Resolution(Box<Resolution>),
    /// A handoff: the case for a person.
    Handoff(Box<Handoff>),
    /// A message a resolution asks to send besides its reply (a one-time code).
    Notification(Box<Notice>),
}

/// One of a resolution's notifications, with the resolution it came with.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The resolution's ticket.
    pub ticket_id: String,
    /// The resolution's conversation.
    pub conversation_id: String,
    /// The resolution's customer.
    pub customer: Identity,
    /// Its place among the resolution's notifications (its outbox key holds it).
    pub index: usize,
    /// What to send, and to which address.
    pub notification: Notification,
}

/// One record on its way out, with where its ticket came from.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The record.
    pub record: Record,
    /// The provider the ticket came through (for an unknown origin: its channel's default).
    pub origin_provider: Provider,
    /// The provider's ids of the inbound message.
    pub origin: Origin,
}

impl Outgoing {
    /// `resolution`, `handoff` or `notification`.
    pub fn kind(&self) -> &'static str {
        match self.record {
            Record::Resolution(_) => "resolution",
            Record::Handoff(_) => "handoff",
            Record::Notification(_) => "notification",
        }
    }

    /// The ticket answered.
    pub fn ticket_id(&self) -> &str {
        match &self.record {
            Record::Resolution(r) => &r.ticket_id,
            Record::Handoff(h) => &h.ticket_id,
            Record::Notification(n) => &n.ticket_id,
        }
    }

    /// The ticket id of its outbox row: the ticket's, and for a notification its place
    /// too (a resolution may carry several).
    pub fn outbox_ticket_id(&self) -> String {
        match &self.record {
            Record::Notification(n) => format!("{}#notification-{}", n.ticket_id, n.index),
            _ => self.ticket_id().to_owned(),
        }
    }

    /// Its conversation.
    pub fn conversation_id(&self) -> &str {
        match &self.record {
            Record::Resolution(r) => &r.conversation_id,
            Record::Handoff(h) => &h.conversation_id,
            Record::Notification(n) => &n.conversation_id,
        }
    }

    /// Its channel (a notification's own, which may differ from its ticket's).
    pub fn channel(&self) -> Channel {
        match &self.record {
            Record::Resolution(r) => r.channel,
            Record::Handoff(h) => h.channel,
            Record::Notification(n) => n.notification.channel,
        }
    }

    /// The customer.
    pub fn customer(&self) -> &Identity {
        match &self.record {
            Record::Resolution(r) => &r.customer,
            Record::Handoff(h) => &h.customer,
            Record::Notification(n) => &n.customer,
        }
    }

    /// A resolution's notifications, each its own delivery on its own channel, to the
    /// address the pipeline chose (never the origin's reply address); none for others.
    pub fn notices(&self) -> Vec<Outgoing> {
        let Record::Resolution(r) = &self.record else {
            return Vec::new();
        };
        r.notifications
            .iter()
            .enumerate()
            .map(|(index, n)| Outgoing {
                record: Record::Notification(Box::new(Notice {
                    ticket_id: r.ticket_id.clone(),
                    conversation_id: r.conversation_id.clone(),
                    customer: r.customer.clone(),
                    index,
                    notification: n.clone(),
                })),
                origin_provider: Provider::default_for(n.channel),
                origin: Origin::default(),
            })
            .collect()
    }

    /// The notification this delivery sends, if it is one.
    pub fn notification(&self) -> Option<&Notification> {
        match &self.record {
            Record::Notification(n) => Some(&n.notification),
            _ => None,
        }
    }

    /// The provider's thread id: the origin's, else the part of the conversation id after
    /// `<provider>:` (a ticket imported from a helpdesk export).
    pub fn thread_id(&self, provider: Provider) -> Option<String> {
        self.origin.thread_id.clone().or_else(|| {
            self.conversation_id()
                .strip_prefix(provider.as_str())
                .and_then(|rest| rest.strip_prefix(':'))
                .filter(|rest| !rest.is_empty() && !rest.contains(':'))
                .map(str::to_owned)
        })
    }
}

/// Why a call failed, and so what to do next.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Failure {
    /// 429: wait `retry_after` (when the provider said), then retry.
    #[error("rate limited: {reason}")]
    RateLimited {
        /// The provider's `Retry-After`.
        retry_after: Option<Duration>,
        /// Status and body excerpt.
        reason: String,
    },
    /// 5xx, a timeout, a refused connection: retry with backoff within the budget.
    #[error("transient: {0}")]
    Transient(String),
    /// A 4xx other than 429, or a record that cannot be delivered (no address): dead-letter now.
    #[error("permanent: {0}")]
    Permanent(String),
}

/// One provider's outbound side.
#[async_trait]
pub trait Adapter: Send + Sync + 'static {
    /// The provider (outbox key, metrics label).
    fn provider(&self) -> Provider;

    /// How many calls delivering `out` takes (SMS segments, a note then an assignment):
    /// one unless the adapter says otherwise.
    fn parts(&self, _out: &Outgoing) -> Result<usize, Failure> {
        Ok(1)
    }

    /// Makes call `part`; returns the provider's id of what it created, if any.
    async fn send(&self, out: &Outgoing, part: usize, key: &str)
        -> Result<Option<String>, Failure>;

    /// Whether call `part` of an interrupted delivery already reached the provider. The
    /// default cannot tell (`false`: send again); adapters whose provider can be asked do.
    async fn already_sent(&self, _out: &Outgoing, _part: usize) -> Result<bool, Failure> {
        Ok(false)
    }
}
