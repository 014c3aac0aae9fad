//! What an outbound adapter is: it turns one resolution or handoff into one or more calls
//! to its provider, says how a failure should be treated, and (where the provider lets it
//! be asked) whether an interrupted call already went through.

use std::time::Duration;

use async_trait::async_trait;

use crate::channels::origin::{Origin, Provider};
use crate::messages::{Channel, Handoff, Identity, Resolution};

/// The record being delivered.
#[derive(Debug, Clone)]
pub enum Record {
    /// A resolution: the answer to send.
    Resolution(Box<Resolution>),
    /// A handoff: the case for a person.
    Handoff(Box<Handoff>),
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
    /// `resolution` or `handoff`.
    pub fn kind(&self) -> &'static str {
        match self.record {
            Record::Resolution(_) => "resolution",
            Record::Handoff(_) => "handoff",
        }
    }

    /// The ticket answered.
    pub fn ticket_id(&self) -> &str {
        match &self.record {
            Record::Resolution(r) => &r.ticket_id,
            Record::Handoff(h) => &h.ticket_id,
        }
    }

    /// Its conversation.
    pub fn conversation_id(&self) -> &str {
        match &self.record {
            Record::Resolution(r) => &r.conversation_id,
            Record::Handoff(h) => &h.conversation_id,
        }
    }

    /// Its channel.
    pub fn channel(&self) -> Channel {
        match &self.record {
            Record::Resolution(r) => r.channel,
            Record::Handoff(h) => h.channel,
        }
    }

    /// The customer.
    pub fn customer(&self) -> &Identity {
        match &self.record {
            Record::Resolution(r) => &r.customer,
            Record::Handoff(h) => &h.customer,
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
