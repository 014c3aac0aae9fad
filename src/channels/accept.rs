//! Accepting an inbound message: claim it in the inbox, publish its ticket, wait for the
//! broker, mark it published. The one sequence the gateway, the IMAP poller and import share.

use std::time::Duration;

use tracing::warn;

use super::inbox::{Claim, Entry, Inbox, InboxError};
use super::origin::{Origin, Provider};
use super::publish::{PublishError, TicketSink};
use crate::messages::Ticket;

/// A ticket built from a provider's message, with where it came from.
#[derive(Debug, Clone)]
pub struct Inbound {
    /// The ticket (its id derived from the provider's id of the message).
    pub ticket: Ticket,
    /// The provider.
    pub provider: Provider,
    /// The provider's ids, for the answer.
    pub origin: Origin,
}

impl Inbound {
    fn entry(&self) -> Entry<'_> {
        Entry {
            ticket_id: &self.ticket.ticket_id,
            conversation_id: &self.ticket.conversation_id,
            provider: self.provider,
            origin: &self.origin,
        }
    }
}

/// What became of one inbound message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// Published now; the broker acknowledged it.
    New,
    /// Published before (a retried webhook, a re-imported row): nothing was produced.
    Duplicate,
    /// Another request is publishing it right now: ask the sender to retry.
    Busy,
}

/// Why a message was not accepted; the sender should retry.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    /// The state database failed.
    #[error(transparent)]
    Inbox(#[from] InboxError),
    /// The broker failed.
    #[error(transparent)]
    Publish(#[from] PublishError),
}

/// Claims, publishes and records inbound messages.
#[derive(Clone)]
pub struct Acceptor {
    inbox: Inbox,
    sink: TicketSink,
    lease: Duration,
}

impl Acceptor {
    /// An acceptor; `lease` is how long a claim protects a message being published.
    pub fn new(inbox: Inbox, sink: TicketSink, lease: Duration) -> Self {
        Acceptor { inbox, sink, lease }
    }

    /// The inbox it records in.
    pub fn inbox(&self) -> &Inbox {
        &self.inbox
    }

    /// Accepts one message; returns only after its ticket is acknowledged (or was before).
    pub async fn accept(&self, inbound: &Inbound) -> Result<Accepted, AcceptError> {
        match self.inbox.claim(&inbound.entry(), self.lease).await? {
            Claim::Published => Ok(Accepted::Duplicate),
            Claim::Busy => Ok(Accepted::Busy),
            Claim::Fresh => {
                if let Err(e) = self.sink.publish(&inbound.ticket).await {
                    self.release(&inbound.ticket.ticket_id).await;
                    return Err(e.into());
                }
                self.inbox
                    .mark_published(&[inbound.ticket.ticket_id.as_str()])
                    .await?;
                Ok(Accepted::New)
            }
        }
    }

    /// Accepts many messages: one claim transaction, concurrent produces, one mark. Stops
    /// at the first failure to publish (the rest of the batch is released, so a resumed
    /// run publishes it).
    pub async fn accept_batch(&self, batch: &[Inbound]) -> Result<Vec<Accepted>, AcceptError> {
        let entries: Vec<Entry<'_>> = batch.iter().map(Inbound::entry).collect();
        let claims = self.inbox.claim_many(&entries, self.lease).await?;
        let fresh: Vec<&Ticket> = batch
            .iter()
            .zip(&claims)
            .filter(|(_, c)| **c == Claim::Fresh)
            .map(|(i, _)| &i.ticket)
            .collect();
        let results = self.sink.publish_all(&fresh).await;
        let mut published = Vec::with_capacity(fresh.len());
        let mut first_error = None;
        for (t, r) in fresh.iter().zip(results) {
            match r {
                Ok(()) => published.push(t.ticket_id.as_str()),
                Err(e) => {
                    self.release(&t.ticket_id).await;
                    first_error.get_or_insert(e);
                }
            }
        }
        self.inbox.mark_published(&published).await?;
        if let Some(e) = first_error {
            return Err(e.into());
        }
        Ok(claims
            .into_iter()
            .map(|c| match c {
                Claim::Fresh => Accepted::New,
                Claim::Published => Accepted::Duplicate,
                Claim::Busy => Accepted::Busy,
            })
            .collect())
    }

    async fn release(&self, ticket_id: &str) {
        if let Err(error) = self.inbox.release(ticket_id).await {
            // The claim then expires after its lease; a retry takes it over.
            warn!(%error, ticket_id, "Failed to release an inbox claim.");
        }
    }
}

/// The acceptor the config asks for: a producer to `brokers`, the configured topics and
/// codec, the inbox in `state`. The one build step the gateway, the poller and import share.
pub fn build(
    cfg: &crate::config::Config,
    brokers: &str,
    state: &crate::state::StateDb,
) -> anyhow::Result<Acceptor> {
    use anyhow::Context;
    let producer = crate::kafka::producer(brokers, &cfg.kafka).context("Failed to create the producer")?;
    let sink = TicketSink::new(
        producer,
        crate::pipeline::codec(cfg),
        crate::pipeline::topics(cfg)?,
        cfg.channels.gateway.produce_timeout,
    );
    Ok(Acceptor::new(
        Inbox::new(state.pool().clone()),
        sink,
        cfg.channels.gateway.claim_lease,
    ))
}
