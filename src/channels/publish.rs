//! Publishing tickets onto their channel's inbound topic and waiting for the broker's
//! acknowledgement: every inbound path (gateway, IMAP poller, import) goes through here.
//! Each ticket's trace starts here: its `publish` span is the root, and its context goes
//! out in the record's headers for the stages to continue ([`crate::telemetry`]).

use std::time::Duration;

use futures::future::join_all;
use rdkafka::message::OwnedHeaders;
use rdkafka::producer::{FutureProducer, FutureRecord};
use tracing::{info_span, Instrument};

use crate::messages::{Codec, EncodeError, RecordKind, Ticket};
use crate::topics::Topics;

/// Why a ticket did not reach its topic.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// No inbound topic is declared for the ticket's channel: a configuration defect.
    #[error("no inbound topic for channel {0}")]
    NoTopic(String),
    /// The ticket does not fit its schema: a defect in the adapter that built it.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The broker did not acknowledge it in time (or refused it): retry later.
    #[error("broker: {0}")]
    Broker(String),
    /// The PII vault (the state database) could not store the ticket's values: retry later.
    #[error(transparent)]
    Vault(#[from] crate::privacy::VaultError),
}

/// Encodes tickets (Avro, Confluent framing) and produces them keyed by conversation.
#[derive(Clone)]
pub struct TicketSink {
    producer: FutureProducer,
    codec: Codec,
    topics: Topics,
    timeout: Duration,
    vault: Option<crate::privacy::Vault>,
}

impl TicketSink {
    /// A sink over a producer; `timeout` bounds the wait for each acknowledgement.
    pub fn new(producer: FutureProducer, codec: Codec, topics: Topics, timeout: Duration) -> Self {
        TicketSink {
            producer,
            codec,
            topics,
            timeout,
            vault: None,
        }
    }

    /// Tokenises each ticket's PII into `vault` before it is published, so the inbound
    /// topic carries tokens too.
    pub fn with_vault(mut self, vault: Option<crate::privacy::Vault>) -> Self {
        self.vault = vault;
        self
    }

    /// Publishes one ticket; returns once the broker acknowledged it. Opens the ticket's
    /// trace (the root span, whatever span the caller is in).
    pub async fn publish(&self, ticket: &Ticket) -> Result<(), PublishError> {
        let span = info_span!(
            parent: None,
            "publish",
            channel = %ticket.channel,
            ticket_id = %ticket.ticket_id,
            conversation_id = %ticket.conversation_id,
        );
        let headers = crate::telemetry::trace_headers(&span, None::<&OwnedHeaders>)
            .append_to(OwnedHeaders::new());
        async {
            let (topic, bytes) = match &self.vault {
                Some(vault) => {
                    let mut t = ticket.clone();
                    vault.protect_ticket(&mut t).await?;
                    self.encode(&t).await?
                }
                None => self.encode(ticket).await?,
            };
            self.send(&topic, &ticket.conversation_id, &bytes, headers)
                .await
        }
        .instrument(span)
        .await
    }

    /// Publishes tickets concurrently; the result of each, in order.
    pub async fn publish_all(&self, tickets: &[&Ticket]) -> Vec<Result<(), PublishError>> {
        join_all(tickets.iter().map(|t| self.publish(t))).await
    }

    async fn encode(&self, ticket: &Ticket) -> Result<(String, Vec<u8>), PublishError> {
        let topic = self
            .topics
            .inbound_for(ticket.channel)
            .ok_or_else(|| PublishError::NoTopic(ticket.channel.to_string()))?;
        let bytes = self
            .codec
            .encode(RecordKind::Ticket, &topic, ticket)
            .await?;
        Ok((topic, bytes))
    }

    async fn send(
        &self,
        topic: &str,
        key: &str,
        bytes: &[u8],
        headers: OwnedHeaders,
    ) -> Result<(), PublishError> {
        let record = || {
            FutureRecord::to(topic)
                .key(key)
                .payload(bytes)
                .headers(headers.clone())
        };
        let sent = crate::kafka::send_appended(&self.producer, record, self.timeout);
        match tokio::time::timeout(self.timeout, sent).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(PublishError::Broker(e.to_string())),
            Err(_) => Err(PublishError::Broker(format!(
                "no acknowledgement within {:?}",
                self.timeout
            ))),
        }
    }
}
