//! The tickets of a chaos run: the demo's requests from the shipped retail store's real
//! customers and orders (where is my order, cancel, return, exchange, address change,
//! policy questions, a person, legal, account deletion, off-topic), on every channel, in
//! Avro and JSON, repeated with fresh ticket and conversation ids up to the count asked.

use std::path::Path;
use std::time::Duration;

use rdkafka::producer::{FutureProducer, FutureRecord};

use crate::messages::{Codec, RecordKind};
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

/// The most sample tickets taken from the store (one per customer).
const SAMPLES: usize = 10_000;

/// Makes the `i`-th well-formed ticket of a run on demand, so a long run need not hold
/// every ticket at once (the backlog benchmark publishes a million).
pub struct TicketMaker {
    samples: Vec<crate::messages::Ticket>,
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
            .filter_map(|s| s.ticket)
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
    /// `i` and JSON for odd.
    pub async fn make(&self, i: usize) -> anyhow::Result<Inbound> {
        let mut t = self.samples[i % self.samples.len()].clone();
        t.ticket_id = format!("{}-{i:07}", self.prefix);
        t.conversation_id = format!("{}-conv-{i:07}", self.prefix);
        t.received_at = crate::messages::now_ms();
        let topic = self.topics.inbound_for(t.channel).unwrap_or_default();
        let value = if i % 2 == 0 {
            self.codec.encode(RecordKind::Ticket, &topic, &t).await?
        } else {
            serde_json::to_vec(&t)?
        };
        Ok(Inbound {
            ticket_id: t.ticket_id,
            topic,
            key: t.conversation_id,
            value,
        })
    }
}

/// `count` well-formed tickets, each its own conversation.
pub async fn tickets(
    data_dir: &Path,
    count: usize,
    codec: &Codec,
    topics: &Topics,
) -> anyhow::Result<Vec<Inbound>> {
    let maker = TicketMaker::new(data_dir, codec, topics, "chaos").await?;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        out.push(maker.make(i).await?);
    }
    Ok(out)
}

/// Publishes every ticket, at most `per_second` a second (`None`: as fast as it goes),
/// waiting out a full local queue; returns once all are acknowledged (the idempotent
/// producer retries through broker faults).
pub async fn publish(
    producer: &FutureProducer,
    tickets: &[Inbound],
    per_second: Option<u32>,
) -> anyhow::Result<()> {
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
    for ack in acks {
        ack.await?
            .map_err(|(e, _)| anyhow::anyhow!("publishing a chaos ticket: {e}"))?;
    }
    Ok(())
}
