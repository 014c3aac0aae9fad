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
    /// A ticket that arrived whole as `Ticket` JSON at the generic webhook: its answer goes
    /// back through the generic signed webhook.
    pub fn generic(ticket: Ticket) -> Inbound {
        Inbound::whole(ticket, Provider::Generic)
    }

    /// A ticket from a backlog row (JSONL, CSV): answered on its channel's usual provider
    /// (e-mail by SMTP to the customer's address, SMS by Twilio to their number, chat and
    /// webhook tickets by the signed webhook).
    pub fn imported(ticket: Ticket) -> Inbound {
        let provider = Provider::default_for(ticket.channel);
        Inbound::whole(ticket, provider)
    }

    fn whole(mut ticket: Ticket, provider: Provider) -> Inbound {
        let origin = Origin {
            message_id: Some(ticket.ticket_id.clone()),
            reply_to: match provider {
                Provider::Email => ticket.customer.email.clone(),
                Provider::Twilio => ticket.customer.phone.clone(),
                _ => None,
            },
            subject: ticket.subject.clone(),
            ..Default::default()
        };
        for (k, v) in origin.headers(provider) {
            ticket.headers.entry(k).or_insert(v);
        }
        Inbound {
            ticket,
            provider,
            origin,
        }
    }

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

    /// The same acceptor with another claim lease. Imports use zero: a claim left by an
    /// interrupted import is taken over at once by the resumed one.
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
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
        // A ticket twice in one batch is claimed once; the repeat is a duplicate.
        let mut seen = std::collections::HashSet::new();
        let first: Vec<bool> = batch
            .iter()
            .map(|i| seen.insert(i.ticket.ticket_id.as_str()))
            .collect();
        let entries: Vec<Entry<'_>> = batch
            .iter()
            .zip(&first)
            .filter(|(_, f)| **f)
            .map(|(i, _)| i.entry())
            .collect();
        let mut claims = self
            .inbox
            .claim_many(&entries, self.lease)
            .await?
            .into_iter();
        let claims: Vec<Claim> = first
            .iter()
            .map(|f| match f {
                true => claims.next().unwrap_or(Claim::Busy),
                false => Claim::Published,
            })
            .collect();
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
    // librdkafka itself gives up on a ticket at the gateway's timeout: a ticket the
    // provider was told to retry is never delivered late as well.
    let timeout = cfg.channels.gateway.produce_timeout;
    let producer = crate::kafka::producer_config(brokers, &cfg.kafka)
        .set("message.timeout.ms", timeout.as_millis().max(1).to_string())
        .create()
        .context("Failed to create the producer")?;
    let sink = TicketSink::new(
        producer,
        crate::pipeline::codec(cfg),
        crate::pipeline::topics(cfg)?,
        timeout + Duration::from_secs(1),
    )
    .with_vault(crate::privacy::build_vault(cfg, state)?);
    Ok(Acceptor::new(
        Inbox::new(state.pool().clone()),
        sink,
        cfg.channels.gateway.claim_lease,
    ))
}
