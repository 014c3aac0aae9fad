//! The tickets of a chaos run: the demo's requests from the shipped retail store's real
//! customers and orders (where is my order, cancel, return, exchange, address change,
//! policy questions, a person, legal, account deletion, off-topic), on every channel, in
//! Avro and JSON, repeated with fresh ticket and conversation ids up to the count asked;
//! and the customer's "yes" that a request for a write gets when the agent asks for it.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rdkafka::producer::{FutureProducer, FutureRecord};
use tokio::sync::mpsc;

use crate::messages::{Codec, RecordKind, Ticket};
use crate::topics::Topics;

/// One ticket ready to publish.
pub struct Inbound {
    /// Its ticket id.
    pub ticket_id: String,
    /// Inbound topic.
    pub topic: String,
    /// Kafka key (the conversation).
    pub key: String,
    /// Avro or JSON.
    pub value: Vec<u8>,
}

/// A ticket sent whose request implies a write, kept to answer the agent's confirmation
/// question in the same conversation, on the same channel, with the same identity and
/// encoding.
#[derive(Debug, Clone)]
pub struct WriteRequest {
    ticket: Ticket,
    avro: bool,
}

/// What the customer answers to a confirmation question (the eval sets' second message).
pub const YES: &str = "Yes, please go ahead.";

/// The tickets of a run.
pub struct Tickets {
    /// Every first message, in publishing order.
    pub inbound: Vec<Inbound>,
    /// The tickets among them that ask for a write, by ticket id.
    pub writes: HashMap<String, WriteRequest>,
}

/// The most sample tickets taken from the store (one per customer).
const SAMPLES: usize = 10_000;

/// Makes the `i`-th well-formed ticket of a run on demand, so a long run need not hold
/// every ticket at once (the backlog benchmark publishes a million).
pub struct TicketMaker {
    /// Each sample ticket, and whether its request implies a write.
    samples: Vec<(Ticket, bool)>,
    codec: Codec,
    topics: Topics,
    prefix: String,
}

impl TicketMaker {
    /// A maker over the shipped store's sample tickets; ids are `<prefix>-<i>` and
    /// `<prefix>-conv-<i>`.
    pub async fn new(
        data_dir: &Path,
        codec: &Codec,
        topics: &Topics,
        prefix: &str,
    ) -> anyhow::Result<Self> {
        // One sample per customer of the store (500 in the shipped data), cycled.
        let samples: Vec<_> = crate::demo::sample_tickets(data_dir, SAMPLES, codec, topics)
            .await?
            .into_iter()
            .filter_map(|s| Some((s.ticket?, s.writes)))
            .collect();
        anyhow::ensure!(
            !samples.is_empty(),
            "no sample tickets in {}",
            data_dir.display()
        );
        Ok(TicketMaker {
            samples,
            codec: codec.clone(),
            topics: topics.clone(),
            prefix: prefix.to_owned(),
        })
    }

    /// The `i`-th ticket: the samples in turn, each its own conversation, Avro for even
    /// `i` and JSON for odd; with it the request to confirm when it asks for a write.
    pub async fn make_with_request(
        &self,
        i: usize,
    ) -> anyhow::Result<(Inbound, Option<WriteRequest>)> {
        let (sample, writes) = &self.samples[i % self.samples.len()];
        let mut t = sample.clone();
        t.ticket_id = format!("{}-{i:07}", self.prefix);
        t.conversation_id = format!("{}-conv-{i:07}", self.prefix);
        t.received_at = crate::messages::now_ms();
        let avro = i % 2 == 0;
        let inbound = encode(&t, avro, &self.codec, &self.topics).await?;
        Ok((inbound, writes.then_some(WriteRequest { ticket: t, avro })))
    }

    /// The `i`-th ticket (see [`TicketMaker::make_with_request`]).
    pub async fn make(&self, i: usize) -> anyhow::Result<Inbound> {
        Ok(self.make_with_request(i).await?.0)
    }
}

/// `count` well-formed tickets, each its own conversation.
pub async fn tickets(
    data_dir: &Path,
    count: usize,
    codec: &Codec,
    topics: &Topics,
) -> anyhow::Result<Tickets> {
    let maker = TicketMaker::new(data_dir, codec, topics, "chaos").await?;
    let mut out = Tickets {
        inbound: Vec::with_capacity(count),
        writes: HashMap::new(),
    };
    for i in 0..count {
        let (inbound, request) = maker.make_with_request(i).await?;
        if let Some(request) = request {
            out.writes.insert(inbound.ticket_id.clone(), request);
        }
        out.inbound.push(inbound);
    }
    Ok(out)
}

/// The customer's "yes" to the confirmation question `request` got: the conversation's next
/// ticket, with a fresh ticket id.
pub async fn confirmation(
    request: &WriteRequest,
    codec: &Codec,
    topics: &Topics,
) -> anyhow::Result<Inbound> {
    let mut t = request.ticket.clone();
    t.ticket_id = format!("{}-yes", t.ticket_id);
    t.subject = t.subject.map(|s| format!("Re: {s}"));
    t.body = YES.to_owned();
    t.received_at = crate::messages::now_ms();
    encode(&t, request.avro, codec, topics).await
}

async fn encode(t: &Ticket, avro: bool, codec: &Codec, topics: &Topics) -> anyhow::Result<Inbound> {
    let topic = topics.inbound_for(t.channel).unwrap_or_default();
    let value = if avro {
        codec.encode(RecordKind::Ticket, &topic, t).await?
    } else {
        serde_json::to_vec(t)?
    };
    Ok(Inbound {
        ticket_id: t.ticket_id.clone(),
        topic,
        key: t.conversation_id.clone(),
        value,
    })
}
/// Publishes every ticket, at most `per_second` a second (`None`: as fast as it goes),
/// waiting out a full local queue; returns once each is acknowledged or has failed (the
/// idempotent producer retries through broker faults until `message.timeout.ms`). The id
/// of each ticket the broker never acknowledged goes to `unpublished`, so the run counts
/// it apart instead of waiting for its outcome.
pub async fn publish(
    producer: &FutureProducer,
    tickets: &[Inbound],
    per_second: Option<u32>,
    unpublished: &mpsc::UnboundedSender<String>,
) {
    let mut acks = Vec::with_capacity(tickets.len());
    let started = tokio::time::Instant::now();
    for (i, t) in tickets.iter().enumerate() {
        if let Some(rate) = per_second.filter(|r| *r > 0) {
            // Paced in steps of a tenth of a second.
            let due = started + Duration::from_millis(i as u64 * 1000 / u64::from(rate));
            if due > tokio::time::Instant::now() + Duration::from_millis(100) {
                tokio::time::sleep_until(due).await;
            }
        }
        let record = FutureRecord::to(&t.topic).key(&t.key).payload(&t.value);
        acks.push(crate::kafka::enqueue(producer, record).await);
    }
    for (t, ack) in tickets.iter().zip(acks) {
        let ticket = &t.ticket_id;
        let record = || FutureRecord::to(&t.topic).key(&t.key).payload(&t.value);
        let error =
            match crate::kafka::confirm(ack, producer, record, Duration::from_secs(30)).await {
                Ok(_) => continue,
                Err(e) => e.to_string(),
            };
        tracing::warn!(ticket, %error, "a chaos ticket was not published");
        // The receiver is gone only when the run is over.
        let _ = unpublished.send(ticket.clone());
    }
}
