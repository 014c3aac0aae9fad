//! The record worker: everything one record needs that is not the consumer. It decodes the
//! record, runs the stage (retrying transient failures with backoff, dead-lettering
//! permanent ones), encodes what the stage decided and hands it to [`delivery`](super::delivery).

use std::future::Future;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::message::{Message, OwnedHeaders, OwnedMessage};
use rdkafka::producer::FutureProducer;
use tracing::{debug, info, info_span, warn, Instrument};

use super::dispatch::Handler;
use super::hold::Hold;
use super::report::Release;
use super::wiring::{Input, Wiring};
use crate::messages::{now_ms, Codec, DecodeError, EncodeError, Envelope, Hop, RecordKind};
use crate::runtime::backoff::Backoff;
use crate::runtime::flag::Flag;
use crate::runtime::metrics::StageMetrics;
use crate::runtime::stage::{Outcome, Stage, StageContext, StageError};
use crate::state::StateDb;

/// A record's stop signal: its partition's flag, raised when the partition is revoked
/// and its drain timeout passed, or when the shutdown drain timeout passed.
pub(super) type Stop = Flag;

/// An output record ready to produce.
pub(super) struct Output {
    pub(super) topic: String,
    pub(super) key: Vec<u8>,
    pub(super) value: Vec<u8>,
}

/// Everything one record produces, and whether it ends its ticket.
#[derive(Default)]
pub(super) struct Planned {
    pub(super) outputs: Vec<Output>,
    /// Set for a terminal outcome: recorded as finished once the outputs are acknowledged.
    pub(super) finish: Option<Finish>,
}

/// A ticket to record as finished once its terminal record is acknowledged.
pub(super) struct Finish {
    pub(super) ticket_id: String,
    pub(super) conversation_id: String,
    pub(super) outcome: &'static str,
}

/// Per-record work: everything that does not need the consumer.
pub(super) struct Worker {
    pub(super) stage: Arc<dyn Stage>,
    pub(super) wiring: Wiring,
    pub(super) codec: Codec,
    pub(super) producer: FutureProducer,
    pub(super) state: Option<StateDb>,
    pub(super) metrics: Arc<StageMetrics>,
    pub(super) hold: Arc<Hold>,
    pub(super) backoff: Backoff,
    pub(super) produce_timeout: Duration,
    /// Headers stamped on every produced record.
    pub(super) headers: OwnedHeaders,
}

enum Step<T> {
    Ok(T),
    DeadLetter { kind: &'static str, reason: String },
    Abandoned,
}

/// Why an attempt failed, as the runner treats it.
pub(super) enum Failure {
    /// Dead-letter the record.
    Permanent { kind: &'static str, reason: String },
    /// Retry this record after a backoff.
    Transient(String),
    /// Hold the whole stage back, then retry.
    Unavailable {
        reason: String,
        retry_after: Duration,
    },
}

impl Handler for Worker {
    fn handle(
        &self,
        msg: OwnedMessage,
        stop: Flag,
        release: Release,
    ) -> impl Future<Output = bool> + Send {
        self.handle_record(msg, stop, release)
    }
}

impl Worker {
    /// Processes one record to the end. Returns whether it finished (outputs acknowledged);
    /// false means it was abandoned and must not be committed.
    async fn handle_record(&self, msg: OwnedMessage, stop: Stop, mut release: Release) -> bool {
        let key = msg
            .key()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .unwrap_or_default();
        let span = info_span!(
            "record",
            stage = self.stage.name(),
            topic = msg.topic(),
            partition = msg.partition(),
            offset = msg.offset(),
            key = %key,
            ticket_id = tracing::field::Empty,
        );
        let stop = &stop;
        async {
            let started = Instant::now();
            let step = self.run_stage(&msg, stop).await;
            let staged_ms = started.elapsed().as_millis() as u64;
            let outcome = match &step {
                Step::Ok(planned) => planned.finish.as_ref().map_or("forward", |f| f.outcome),
                Step::DeadLetter { .. } => "dead_letter",
                Step::Abandoned => "abandoned",
            };
            let finished = match step {
                Step::Ok(planned) => self.deliver(planned, stop, &mut release).await,
                Step::DeadLetter { kind, reason } => {
                    warn!(error_kind = kind, %reason, "dead-lettering record");
                    let ok = match self.dead_letter(&msg, kind, &reason, stop).await {
                        Some(planned) => self.deliver(planned, stop, &mut release).await,
                        None => false,
                    };
                    if ok {
                        self.metrics.dead_letter(kind);
                    }
                    ok
                }
                Step::Abandoned => false,
            };
            if finished {
                self.metrics.observe(outcome, started.elapsed());
            }
            debug!(
                finished,
                outcome,
                staged_ms,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "record done"
            );
            finished
        }
        .instrument(span)
        .await
    }

    async fn decode(&self, msg: &OwnedMessage) -> Result<Envelope, DecodeError> {
        let bytes = msg.payload().unwrap_or_default();
        let input = self.wiring.inputs.iter().find(|i| i.topic() == msg.topic());
        match input {
            Some(Input::Tickets { channel, .. }) => self
                .codec
                .decode_ticket(bytes, Some(*channel))
                .await
                .map(Envelope::new),
            _ => {
                self.codec
                    .decode::<Envelope>(RecordKind::Envelope, bytes)
                    .await
            }
        }
    }

    /// Decode and process, retrying transient failures until done or stopped.
    async fn run_stage(&self, msg: &OwnedMessage, stop: &Stop) -> Step<Planned> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            if stop.is_raised() {
                return Step::Abandoned;
            }
            let result = self.attempt(msg, attempt).await;
            match result {
                Ok(planned) => return Step::Ok(planned),
                Err(Failure::Permanent { kind, reason }) => {
                    return Step::DeadLetter { kind, reason }
                }
                Err(Failure::Unavailable {
                    reason,
                    retry_after,
                }) => {
                    // Hold the whole stage back (the poll thread pauses the assignment),
                    // then retry this record.
                    self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                    self.metrics
                        .dependency_holds
                        .fetch_add(1, Ordering::Relaxed);
                    self.hold.extend(retry_after);
                    warn!(attempt, %reason, hold_ms = retry_after.as_millis() as u64, "dependency unavailable: holding back");
                    tokio::select! {
                        _ = tokio::time::sleep(retry_after) => {}
                        _ = stop.raised() => return Step::Abandoned,
                    }
                }
                Err(Failure::Transient(reason)) => {
                    self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                    let delay = self.backoff.delay(attempt);
                    warn!(attempt, %reason, delay_ms = delay.as_millis() as u64, "transient failure: retrying");
                    tokio::select! {
                        _ = tokio::time::sleep(delay) => {}
                        _ = stop.raised() => return Step::Abandoned,
                    }
                }
            }
        }
    }

    async fn attempt(&self, msg: &OwnedMessage, attempt: u32) -> Result<Planned, Failure> {
        let mut envelope = self.decode(msg).await.map_err(|e| {
            if e.is_transient() {
                Failure::Transient(e.to_string())
            } else {
                Failure::Permanent {
                    kind: e.kind(),
                    reason: e.to_string(),
                }
            }
        })?;
        tracing::Span::current().record("ticket_id", envelope.ticket.ticket_id.as_str());
        let ticket_id = envelope.ticket.ticket_id.clone();
        let conversation_id = envelope.ticket.conversation_id.clone();
        // Only a stage that ends tickets (no forward topic) checks: earlier stages may
        // repeat their idempotent work on a redelivery; the terminal record is not repeated.
        let terminal_stage = self.wiring.forward.is_none();
        if let (true, Some(state)) = (terminal_stage, &self.state) {
            if state
                .is_finished(&ticket_id)
                .await
                .map_err(|e| Failure::Transient(e.to_string()))?
            {
                // A redelivery of a ticket whose outbound record was acknowledged already.
                self.metrics
                    .duplicates_skipped
                    .fetch_add(1, Ordering::Relaxed);
                info!("ticket already finished: skipping redelivered record");
                return Ok(Planned::default());
            }
        }
        let ctx = StageContext::new(msg.topic(), msg.partition(), msg.offset(), attempt);
        envelope.hops.push(Hop {
            stage: self.stage.name().to_owned(),
            at: now_ms(),
        });
        let outcome = self
            .stage
            .process(envelope, &ctx)
            .await
            .map_err(|e| match e {
                StageError::Permanent { kind, reason } => Failure::Permanent { kind, reason },
                StageError::Transient(r) => Failure::Transient(r),
                StageError::Unavailable {
                    reason,
                    retry_after,
                } => Failure::Unavailable {
                    reason,
                    retry_after,
                },
            })?;
        let key = conversation_id.clone().into_bytes();
        let mut outputs = Vec::new();
        let (kind, topic, value) = match &outcome {
            Outcome::Forward(env) => {
                let Some(topic) = &self.wiring.forward else {
                    return Err(Failure::Permanent {
                        kind: "no_forward_topic",
                        reason: format!(
                            "stage {} forwarded but has no next topic",
                            self.stage.name()
                        ),
                    });
                };
                (
                    RecordKind::Envelope,
                    topic,
                    self.encode(RecordKind::Envelope, topic, env.as_ref())
                        .await?,
                )
            }
            Outcome::Resolve(r) => (
                RecordKind::Resolution,
                &self.wiring.resolutions,
                self.encode(RecordKind::Resolution, &self.wiring.resolutions, r.as_ref())
                    .await?,
            ),
            Outcome::Handoff(h) => (
                RecordKind::Handoff,
                &self.wiring.handoffs,
                self.encode(RecordKind::Handoff, &self.wiring.handoffs, h.as_ref())
                    .await?,
            ),
        };
        debug!(
            outcome = outcome.label(),
            kind = kind.as_str(),
            "stage decided"
        );
        outputs.push(Output {
            topic: topic.clone(),
            key: key.clone(),
            value,
        });
        for record in ctx.take_audit() {
            let value = self
                .encode(RecordKind::Audit, &self.wiring.audit, &record)
                .await?;
            outputs.push(Output {
                topic: self.wiring.audit.clone(),
                key: key.clone(),
                value,
            });
        }
        let finish = outcome.is_terminal().then(|| Finish {
            ticket_id,
            conversation_id,
            outcome: outcome.label(),
        });
        Ok(Planned { outputs, finish })
    }

    async fn encode<T: serde::Serialize>(
        &self,
        kind: RecordKind,
        topic: &str,
        value: &T,
    ) -> Result<Vec<u8>, Failure> {
        self.codec
            .encode(kind, topic, value)
            .await
            .map_err(|e| match e {
                EncodeError::Registry(r) if r.is_transient() => Failure::Transient(r.to_string()),
                other => Failure::Permanent {
                    kind: "encode",
                    reason: other.to_string(),
                },
            })
    }
}
