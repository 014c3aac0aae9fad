//! `frontdesk deliver`: consumes the resolutions and handoffs topics (consumer group
//! `<group_prefix>.deliver`) and delivers each record where its ticket came from.
//!
//! Records are taken in batches; within a batch a conversation's records go one at a time,
//! in offset order, and up to `max_in_flight` conversations at once. While a batch runs the
//! consumer keeps polling (so a slow provider does not get the member evicted, and
//! rebalances are served); records that arrive meanwhile wait for the next batch, and once
//! a full next batch waits the assignment is paused until this one is done. A batch's offsets are stored when every record in it was delivered, found
//! delivered before, or dead-lettered (the dead letter acknowledged by the broker), and are
//! committed in the background; the outbox makes a record that comes again after a crash
//! a no-op. On shutdown the running batch has `drain_timeout` to finish; then the stored
//! offsets are committed synchronously.

use frontdesk_guard::PiiKind;
use std::collections::HashMap;
use std::time::Duration;

use futures::stream::{self, StreamExt};
use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::message::{Headers, Message, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};
use tokio_util::sync::CancellationToken;
use tracing::{info, info_span, warn, Instrument};

use super::adapter::{Outgoing, Record};
use super::attempt::{self, Delivered, Policy};
use super::outbox::Outbox;
use super::route::Routes;
use crate::channels::inbox::Inbox;
use crate::channels::metrics::{self, DELIVERIES};
use crate::channels::origin::{Origin, Provider};
use crate::messages::{now_ms, Codec, DeadLetter, Handoff, RecordKind, Resolution};
use crate::runtime::backoff::Backoff;

/// Errors that stop deliver.
#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    /// The consumer failed.
    #[error("kafka: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
}

/// Topic names deliver uses.
#[derive(Debug, Clone)]
pub struct DeliverTopics {
    /// Resolutions (read).
    pub resolutions: String,
    /// Handoffs (read).
    pub handoffs: String,
    /// Dead letters (written).
    pub deadletter: String,
}

/// The deliver process.
pub struct Deliver {
    consumer: StreamConsumer,
    producer: FutureProducer,
    codec: Codec,
    inbox: Inbox,
    outbox: Outbox,
    routes: Routes,
    policy: Policy,
    topics: DeliverTopics,
    max_in_flight: usize,
    max_batch: usize,
    drain_timeout: Duration,
    /// Backoff of a dependency every record needs (the database, the broker).
    hold: Backoff,
    reveal: Option<Reveal>,
}

/// How a reply to the customer gets their own values back: the vault, and the kinds it
/// shows in clear (`privacy.reply_reveals`; other tokens become the guard's placeholder).
#[derive(Debug, Clone)]
pub struct Reveal {
    /// The PII vault.
    pub vault: crate::privacy::Vault,
    /// The kinds shown in clear.
    pub kinds: Vec<frontdesk_guard::PiiKind>,
}

/// Everything [`Deliver::new`] needs.
pub struct DeliverParts {
    /// A consumer (offsets stored by deliver), not yet subscribed.
    pub consumer: StreamConsumer,
    /// A producer for dead letters.
    pub producer: FutureProducer,
    /// The record codec.
    pub codec: Codec,
    /// Origins of tickets.
    pub inbox: Inbox,
    /// What was sent.
    pub outbox: Outbox,
    /// The adapters.
    pub routes: Routes,
    /// Retries.
    pub policy: Policy,
    /// Topics.
    pub topics: DeliverTopics,
    /// Conversations in flight.
    pub max_in_flight: usize,
    /// Records per batch.
    pub max_batch: usize,
    /// Time a running batch gets at shutdown.
    pub drain_timeout: Duration,
    /// Tokens in a reply to the customer revealed; none: sent as they are.
    pub reveal: Option<Reveal>,
}

/// A record's place, for storing offsets.
type Tp = (String, i32);

impl Deliver {
    /// Assembles deliver and subscribes its consumer.
    pub fn new(p: DeliverParts) -> Result<Deliver, DeliverError> {
        p.consumer
            .subscribe(&[p.topics.resolutions.as_str(), p.topics.handoffs.as_str()])?;
        Ok(Deliver {
            consumer: p.consumer,
            producer: p.producer,
            codec: p.codec,
            inbox: p.inbox,
            outbox: p.outbox,
            routes: p.routes,
            policy: p.policy,
            topics: p.topics,
            max_in_flight: p.max_in_flight.max(1),
            max_batch: p.max_batch.max(1),
            drain_timeout: p.drain_timeout,
            hold: Backoff {
                initial: Duration::from_millis(200),
                max: Duration::from_secs(10),
            },
            reveal: p.reveal,
        })
    }

    /// Runs until `shutdown`.
    pub async fn run(self, shutdown: CancellationToken) -> Result<(), DeliverError> {
        info!(providers = ?self.routes.providers(), "deliver started");
        let mut carry: Vec<OwnedMessage> = Vec::new();
        while !shutdown.is_cancelled() {
            let mut batch = std::mem::take(&mut carry);
            if batch.is_empty() {
                tokio::select! {
                    biased;
                    _ = shutdown.cancelled() => break,
                    m = self.consumer.recv() => batch.push(m?.detach()),
                }
            }
            while batch.len() < self.max_batch {
                match tokio::time::timeout(Duration::from_millis(5), self.consumer.recv()).await {
                    Ok(m) => batch.push(m?.detach()),
                    Err(_) => break,
                }
            }
            if !self.run_batch(batch, &mut carry, &shutdown).await? {
                break;
            }
        }
        // The synchronous commit blocks on the broker: off the async workers.
        let consumer = self.consumer;
        let left = tokio::task::spawn_blocking(move || {
            if let Err(error) = consumer.commit_consumer_state(CommitMode::Sync) {
                // Nothing stored since the last commit is also an error here.
                info!(%error, "final commit");
            }
            consumer.unsubscribe();
        })
        .await;
        if let Err(error) = left {
            warn!(%error, "the final commit did not finish");
        }
        info!("deliver stopped");
        Ok(())
    }

    /// Delivers one batch while polling on; returns false when shutdown cut it short.
    async fn run_batch(
        &self,
        batch: Vec<OwnedMessage>,
        carry: &mut Vec<OwnedMessage>,
        shutdown: &CancellationToken,
    ) -> Result<bool, DeliverError> {
        let mut positions: HashMap<Tp, i64> = HashMap::new();
        for m in &batch {
            let e = positions
                .entry((m.topic().to_owned(), m.partition()))
                .or_insert(m.offset());
            *e = (*e).max(m.offset());
        }
        let work = self.deliver_batch(batch);
        tokio::pin!(work);
        let mut deadline: Option<tokio::time::Instant> = None;
        // The assignment is paused only once the next batch is full: pausing drops what the
        // client had fetched, and resuming costs a fetch round trip, which per batch capped
        // deliver at a few hundred records a second whatever the concurrency.
        let mut paused = false;
        let finished = loop {
            let until = deadline.unwrap_or_else(tokio::time::Instant::now);
            tokio::select! {
                biased;
                _ = &mut work => break true,
                _ = tokio::time::sleep_until(until), if deadline.is_some() => break false,
                _ = shutdown.cancelled(), if deadline.is_none() => {
                    deadline = Some(tokio::time::Instant::now() + self.drain_timeout);
                }
                m = self.consumer.recv() => {
                    carry.push(m?.detach());
                    if !paused && carry.len() >= self.max_batch {
                        if let Ok(assigned) = self.consumer.assignment() {
                            let _ = self.consumer.pause(&assigned);
                        }
                        paused = true;
                    }
                }
            }
        };
        if paused {
            if let Ok(assigned) = self.consumer.assignment() {
                let _ = self.consumer.resume(&assigned);
            }
        }
        if finished {
            let mut tpl = TopicPartitionList::new();
            for ((topic, partition), offset) in positions {
                let _ = tpl.add_partition_offset(&topic, partition, Offset::Offset(offset + 1));
            }
            if let Err(error) = self.consumer.store_offsets(&tpl) {
                // A partition revoked meanwhile: its new owner finds the outbox rows.
                warn!(%error, "Failed to store offsets after a batch.");
            }
        } else {
            warn!("shutdown: the running batch did not finish within drain_timeout; its records will be delivered again (the outbox skips what was sent)");
        }
        Ok(finished)
    }

    async fn deliver_batch(&self, batch: Vec<OwnedMessage>) {
        let mut by_key: Vec<(Vec<u8>, Vec<OwnedMessage>)> = Vec::new();
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        for m in batch {
            let key = m.key().unwrap_or_default().to_vec();
            match index.get(&key) {
                Some(&i) => by_key[i].1.push(m),
                None => {
                    index.insert(key.clone(), by_key.len());
                    by_key.push((key, vec![m]));
                }
            }
        }
        stream::iter(by_key)
            .for_each_concurrent(self.max_in_flight, |(_, records)| async move {
                for m in &records {
                    self.handle(m).await;
                }
            })
            .await;
    }

    async fn handle(&self, msg: &OwnedMessage) {
        let span = info_span!(
            "deliver",
            topic = msg.topic(),
            partition = msg.partition(),
            offset = msg.offset(),
            ticket_id = tracing::field::Empty,
        );
        // The delivery is the last span of the ticket's trace.
        crate::telemetry::follow(&span, msg.headers());
        async {
            let Some(out) = self.outgoing(msg).await else {
                return;
            };
            tracing::Span::current().record("ticket_id", out.ticket_id());
            self.deliver_to_targets(msg, &out).await;
            for mut notice in out.notices() {
                self.open(&mut notice).await;
                self.deliver_to_targets(msg, &notice).await;
            }
        }
        .instrument(span)
        .await
    }

    /// Opens a notification's sealed values: it goes to a contact on file, and the one-time
    /// code it carries crossed the topic as a vault token. Only the notice itself is opened,
    /// never the reply's copy of it.
    async fn open(&self, notice: &mut Outgoing) {
        let (Record::Notification(n), Some(reveal)) = (&mut notice.record, &self.reveal) else {
            return;
        };
        let mut kinds = reveal.kinds.clone();
        kinds.push(PiiKind::OneTimeCode);
        let (conversation, body) = (n.conversation_id.clone(), n.notification.body.clone());
        n.notification.body = self
            .retry_dependency("the PII vault", || {
                reveal
                    .vault
                    .reveal_for_customer(&conversation, &body, &kinds)
            })
            .await;
    }

    /// Delivers `out` to each of its targets; what cannot be delivered is dead-lettered
    /// (as `msg`, with the reason).
    async fn deliver_to_targets(&self, msg: &OwnedMessage, out: &Outgoing) {
        for target in self.routes.targets(out) {
            let adapter = match target {
                Ok(a) => a,
                Err(reason) => {
                    self.count(out.origin_provider.as_str(), out.kind(), "dead_lettered");
                    self.dead_letter(msg, "no_route", &format!("{}: {reason}", out.kind()))
                        .await;
                    continue;
                }
            };
            let provider = adapter.provider().as_str();
            let result = self
                .retry_dependency("the outbox", || {
                    attempt::deliver(adapter.as_ref(), out, &self.outbox, &self.policy)
                })
                .await;
            match result {
                Delivered::Sent => self.count(provider, out.kind(), "delivered"),
                Delivered::Before => self.count(provider, out.kind(), "duplicate"),
                Delivered::Dead { kind, reason } => {
                    self.count(provider, out.kind(), "dead_lettered");
                    let reason = format!("{}: {provider}: {reason}", out.kind());
                    self.dead_letter(msg, kind, &reason).await;
                }
            }
        }
    }

    fn count(&self, provider: &'static str, kind: &'static str, outcome: &'static str) {
        metrics::count(
            DELIVERIES,
            &[("provider", provider), ("kind", kind), ("outcome", outcome)],
        );
    }

    /// The record with its origin, or `None` when it was dead-lettered as undecodable.
    async fn outgoing(&self, msg: &OwnedMessage) -> Option<Outgoing> {
        let bytes = msg.payload().unwrap_or_default();
        let decoded = loop {
            let r = if msg.topic() == self.topics.resolutions {
                self.codec
                    .decode::<Resolution>(RecordKind::Resolution, bytes)
                    .await
                    .map(|r| Record::Resolution(Box::new(r)))
            } else {
                self.codec
                    .decode::<Handoff>(RecordKind::Handoff, bytes)
                    .await
                    .map(|h| Record::Handoff(Box::new(h)))
            };
            match r {
                Ok(record) => break record,
                Err(e) if e.is_transient() => {
                    warn!(error = %e, "schema registry unavailable; retrying");
                    tokio::time::sleep(self.hold.delay(1)).await;
                }
                Err(e) => {
                    self.count("none", "unknown", "dead_lettered");
                    self.dead_letter(msg, e.kind(), &e.to_string()).await;
                    return None;
                }
            }
        };
        let mut decoded = decoded;
        if let (Record::Resolution(r), Some(reveal)) = (&mut decoded, &self.reveal) {
            // The customer's own reply, the one place a value leaves in clear; the handoff
            // a person reads keeps its tokens.
            let (conversation, reply) = (r.conversation_id.clone(), r.reply.clone());
            r.reply = self
                .retry_dependency("the PII vault", || {
                    reveal
                        .vault
                        .reveal_for_customer(&conversation, &reply, &reveal.kinds)
                })
                .await;
        }
        let (ticket_id, channel, customer) = match &decoded {
            Record::Resolution(r) => (r.ticket_id.clone(), r.channel, r.customer.clone()),
            Record::Handoff(h) => (h.ticket_id.clone(), h.channel, h.customer.clone()),
            Record::Notification(n) => (
                n.ticket_id.clone(),
                n.notification.channel,
                n.customer.clone(),
            ),
        };
        let found = self
            .retry_dependency("the inbox", || self.inbox.origin(&ticket_id))
            .await;
        let (origin_provider, origin) = found.unwrap_or_else(|| {
            // A ticket some other producer wrote: answer on its channel, to its identity.
            (
                Provider::default_for(channel),
                Origin {
                    reply_to: customer.email.clone().or(customer.phone.clone()),
                    ..Default::default()
                },
            )
        });
        Some(Outgoing {
            record: decoded,
            origin_provider,
            origin,
        })
    }

    /// Runs `f` until it succeeds: a database every record needs is retried, not failed.
    async fn retry_dependency<T, E, F, Fut>(&self, what: &str, mut f: F) -> T
    where
        E: std::fmt::Display,
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        let mut attempt = 0;
        loop {
            match f().await {
                Ok(v) => return v,
                Err(error) => {
                    attempt += 1;
                    warn!(%error, attempt, "Failed to reach {what}; retrying.");
                    tokio::time::sleep(self.hold.delay(attempt)).await;
                }
            }
        }
    }

    /// Produces a dead letter for `msg` and waits for the broker (retrying until it does).
    async fn dead_letter(&self, msg: &OwnedMessage, kind: &str, reason: &str) {
        warn!(error_kind = kind, %reason, "dead-lettering a delivery");
        let headers = msg
            .headers()
            .map(|hs| {
                hs.iter()
                    .filter_map(|h| {
                        let v = std::str::from_utf8(h.value?).ok()?;
                        Some((h.key.to_owned(), v.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let dl = DeadLetter {
            original_value: msg.payload().map(<[u8]>::to_vec),
            original_key: msg.key().map(<[u8]>::to_vec),
            source_topic: msg.topic().to_owned(),
            source_partition: msg.partition(),
            source_offset: msg.offset(),
            stage: "deliver".to_owned(),
            error_kind: kind.to_owned(),
            reason: reason.to_owned(),
            headers,
            failed_at: now_ms(),
        };
        let topic = &self.topics.deadletter;
        let value = self
            .retry_dependency("the schema registry", || {
                self.codec.encode(RecordKind::DeadLetter, topic, &dl)
            })
            .await;
        let key = msg.key().unwrap_or_default();
        let trace = crate::telemetry::trace_headers(&tracing::Span::current(), msg.headers())
            .append_to(OwnedHeaders::new());
        self.retry_dependency("the broker", || {
            crate::kafka::send_appended(
                &self.producer,
                || {
                    FutureRecord::to(topic)
                        .key(key)
                        .payload(&value)
                        .headers(trace.clone())
                },
                Duration::from_secs(30),
            )
        })
        .await;
    }
}
