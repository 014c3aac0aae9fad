//! The record worker: everything one record needs that is not the consumer. It decodes the
//! record, runs the stage (retrying transient failures with backoff within their budgets),
//! encodes what the stage decided, bounded in size, and hands it to
//! [`delivery`](super::delivery). A record that cannot be processed — undecodable,
//! panicking, a permanent stage error, a spent budget, an output that will not fit — goes
//! to the [last resort](super::last_resort): a dead letter and/or a handoff to a person.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::FutureExt;
use rdkafka::message::{Message, OwnedHeaders, OwnedMessage};
use rdkafka::producer::FutureProducer;
use tracing::{debug, info, info_span, warn, Instrument};

use super::bound::Shrink;
use super::delivery::Delivered;
use super::dispatch::Handler;
use super::finishing::Finishing;
use super::hold::Hold;
use super::last_resort::LastResort;
use super::report::Release;
use super::wiring::{Input, Wiring};
use crate::messages::{
    now_ms, Channel, Codec, DecodeError, EncodeError, Envelope, Hop, RecordKind,
};
use crate::runtime::backoff::Backoff;
use crate::runtime::budget::{Cause, RetryBudgets, RetryHistory};
use crate::runtime::flag::Flag;
use crate::runtime::metrics::StageMetrics;
use crate::runtime::stage::{Outcome, Stage, StageContext, StageError};
use crate::state::{StateDb, TicketKey};

/// A record's stop signal: its partition's flag, raised when the partition is revoked
/// and its drain timeout passed, or when the shutdown drain timeout passed.
pub(super) type Stop = Flag;

/// An output record ready to produce.
pub(super) struct Output {
    pub(super) topic: String,
    pub(super) key: Vec<u8>,
    pub(super) value: Vec<u8>,
}

/// Everything one record produces, and whether it ends its ticket. The first output is
/// the record's own (forward, outcome or dead letter); the others are audit records.
#[derive(Default)]
pub(super) struct Planned {
    pub(super) outputs: Vec<Output>,
    /// The headers every output carries: the stage's and the record's trace context
    /// ([`Worker::headers_for`]).
    pub(super) headers: OwnedHeaders,
    /// Set for a terminal outcome: recorded as finished once the outputs are acknowledged.
    pub(super) finish: Option<Finish>,
}

/// A ticket to record as finished once its terminal record is acknowledged.
pub(super) struct Finish {
    pub(super) key: TicketKey,
    pub(super) conversation_id: String,
    /// `resolve`, `handoff`, or the rule of a runner handoff (`dead_lettered`, ...).
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
    pub(super) budgets: RetryBudgets,
    pub(super) produce_timeout: Duration,
    /// Largest output value produced; larger ones are shrunk ([`Shrink`]) or replaced.
    pub(super) max_output_bytes: usize,
    pub(super) finishing: Arc<Finishing>,
    /// Headers stamped on every produced record (the trace context is added per record).
    pub(super) headers: OwnedHeaders,
}

/// Stopped (the partition revoked, or shutting down) before the work was done: the record
/// is abandoned and read again.
pub(super) struct Stopped;

/// How processing a record ended.
enum Step {
    Ok(Planned),
    Failed(LastResort),
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
    /// An output does not fit even shrunk: hand the ticket to a person instead.
    TooLarge(String),
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

/// What a panic said.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
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
        // One trace per ticket: this record's span continues the producer's.
        crate::telemetry::follow(&span, msg.headers());
        let stop = &stop;
        async {
            let started = Instant::now();
            // A panic in the stage (or anywhere in processing) is this record's failure,
            // not the task's: it is dead-lettered and the offset moves on.
            let step = AssertUnwindSafe(self.run_stage(&msg, stop))
                .catch_unwind()
                .await
                .unwrap_or_else(|panic| {
                    Step::Failed(LastResort::DeadLetter {
                        kind: "panic",
                        reason: format!("the stage panicked: {}", panic_message(panic.as_ref())),
                    })
                });
            let staged_ms = started.elapsed().as_millis() as u64;
            let mut outcome = match &step {
                Step::Ok(planned) => planned.finish.as_ref().map_or("forward", |f| f.outcome),
                Step::Failed(LastResort::DeadLetter { .. }) => "dead_letter",
                Step::Failed(_) => "handoff",
                Step::Abandoned => "abandoned",
            };
            let finished = match step {
                Step::Ok(planned) => {
                    match self
                        .deliver(planned, stop, &mut release, Some(self.budgets.produce))
                        .await
                    {
                        Delivered::Done => true,
                        Delivered::Stopped => false,
                        Delivered::Refused(reason) => {
                            outcome = "handoff";
                            self.last_resort(
                                &msg,
                                LastResort::Refused { reason },
                                stop,
                                &mut release,
                            )
                            .await
                        }
                    }
                }
                Step::Failed(what) => self.last_resort(&msg, what, stop, &mut release).await,
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

    /// The channel of an inbound topic (`None` for the envelopes between stages).
    pub(super) fn channel_of(&self, topic: &str) -> Option<Channel> {
        self.wiring.inputs.iter().find_map(|i| match i {
            Input::Tickets { topic: t, channel } if t == topic => Some(*channel),
            _ => None,
        })
    }

    pub(super) async fn decode(&self, msg: &OwnedMessage) -> Result<Envelope, DecodeError> {
        let bytes = msg.payload().unwrap_or_default();
        match self.channel_of(msg.topic()) {
            Some(channel) => self
                .codec
                .decode_ticket(bytes, Some(channel))
                .await
                .map(Envelope::new),
            None => {
                self.codec
                    .decode::<Envelope>(RecordKind::Envelope, bytes)
                    .await
            }
        }
    }

    /// Decode and process, retrying transient failures until done, stopped, or their
    /// budget is spent.
    async fn run_stage(&self, msg: &OwnedMessage, stop: &Stop) -> Step {
        let mut attempt = 0u32;
        let mut history = RetryHistory::new();
        loop {
            attempt += 1;
            if stop.is_raised() {
                return Step::Abandoned;
            }
            let (cause, reason, delay) = match self.attempt(msg, attempt).await {
                Ok(planned) => return Step::Ok(planned),
                Err(Failure::Permanent { kind, reason }) => {
                    return Step::Failed(LastResort::DeadLetter { kind, reason })
                }
                Err(Failure::TooLarge(reason)) => {
                    return Step::Failed(LastResort::Refused { reason })
                }
                Err(Failure::Unavailable {
                    reason,
                    retry_after,
                }) => {
                    // Hold the whole stage back (the poll thread pauses the assignment),
                    // then retry this record.
                    self.metrics
                        .dependency_holds
                        .fetch_add(1, Ordering::Relaxed);
                    self.hold.extend(retry_after);
                    (Cause::Unavailable, reason, retry_after)
                }
                Err(Failure::Transient(reason)) => {
                    (Cause::Transient, reason, self.backoff.delay(attempt))
                }
            };
            if history.fail(cause, &reason, self.budgets.of(cause)) {
                warn!(attempt, cause = cause.as_str(), %reason, "retry budget spent: handing the ticket to a person");
                return Step::Failed(LastResort::Exhausted { cause, history });
            }
            self.metrics.retried.fetch_add(1, Ordering::Relaxed);
            warn!(attempt, cause = cause.as_str(), %reason, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = stop.raised() => return Step::Abandoned,
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
        let ticket_key = TicketKey::of(&envelope.ticket);
        let conversation_id = envelope.ticket.conversation_id.clone();
        // Only a stage that ends tickets (no forward topic) checks: earlier stages may
        // repeat their idempotent work on a redelivery; the terminal record is not repeated.
        let terminal_stage = self.wiring.forward.is_none();
        if let (true, Some(state)) = (terminal_stage, &self.state) {
            // A copy of a ticket whose outcome is still being acknowledged waits for it.
            self.finishing.settled(&ticket_key).await;
            if state
                .is_finished(&ticket_key)
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
        let mut outcome = self
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
        let label = outcome.label();
        let terminal = outcome.is_terminal();
        let (kind, topic, value) = match &mut outcome {
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
                let value = self
                    .encode_fitting(RecordKind::Envelope, topic, env.as_mut())
                    .await?;
                (RecordKind::Envelope, topic, value)
            }
            Outcome::Resolve(r) => {
                let topic = &self.wiring.resolutions;
                let value = self
                    .encode_fitting(RecordKind::Resolution, topic, r.as_mut())
                    .await?;
                (RecordKind::Resolution, topic, value)
            }
            Outcome::Handoff(h) => {
                let topic = &self.wiring.handoffs;
                let value = self
                    .encode_fitting(RecordKind::Handoff, topic, h.as_mut())
                    .await?;
                (RecordKind::Handoff, topic, value)
            }
        };
        debug!(outcome = label, kind = kind.as_str(), "stage decided");
        let mut outputs = vec![Output {
            topic: topic.clone(),
            key: key.clone(),
            value,
        }];
        for mut record in ctx.take_audit() {
            let value = self
                .encode_fitting(RecordKind::Audit, &self.wiring.audit, &mut record)
                .await?;
            outputs.push(Output {
                topic: self.wiring.audit.clone(),
                key: key.clone(),
                value,
            });
        }
        let finish = terminal.then_some(Finish {
            key: ticket_key,
            conversation_id,
            outcome: label,
        });
        Ok(Planned {
            outputs,
            headers: self.headers_for(msg),
            finish,
        })
    }

    /// The headers of what `msg` produces: the stage's own and the trace context of the
    /// current span (the record's; see [`crate::telemetry::trace_headers`]).
    pub(super) fn headers_for(&self, msg: &OwnedMessage) -> OwnedHeaders {
        crate::telemetry::trace_headers(&tracing::Span::current(), msg.headers())
            .append_to(self.headers.clone())
    }

    /// Runs `op` until it succeeds, with backoff, within the transient budget. `Ok(None)`:
    /// the budget is spent (logged as `what`); `Err(Stopped)`: stopped first.
    pub(super) async fn within_budget<T, E, F, Fut>(
        &self,
        what: &str,
        stop: &Stop,
        mut op: F,
    ) -> Result<Option<T>, Stopped>
    where
        E: std::fmt::Display,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let mut history = RetryHistory::new();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let error = match op().await {
                Ok(v) => return Ok(Some(v)),
                Err(e) => e.to_string(),
            };
            if history.fail(Cause::Transient, &error, self.budgets.transient) {
                warn!(%error, attempt, what, "retry budget spent");
                return Ok(None);
            }
            warn!(%error, attempt, what, "failed: retrying");
            tokio::select! {
                _ = tokio::time::sleep(self.backoff.delay(attempt)) => {}
                _ = stop.raised() => return Err(Stopped),
            }
        }
    }

    /// Encodes `value`, shrinking it until it fits `max_output_bytes`; `TooLarge` if it
    /// cannot be shrunk enough.
    pub(super) async fn encode_fitting<T: serde::Serialize + Shrink>(
        &self,
        kind: RecordKind,
        topic: &str,
        value: &mut T,
    ) -> Result<Vec<u8>, Failure> {
        loop {
            let bytes = self
                .codec
                .encode(kind, topic, &*value)
                .await
                .map_err(|e| match e {
                    EncodeError::Registry(r) if r.is_transient() => {
                        Failure::Transient(r.to_string())
                    }
                    other => Failure::Permanent {
                        kind: "encode",
                        reason: other.to_string(),
                    },
                })?;
            if bytes.len() <= self.max_output_bytes {
                return Ok(bytes);
            }
            if !value.shrink() {
                return Err(Failure::TooLarge(format!(
                    "the {} for {topic} is {} bytes, over the {} the runner produces",
                    kind.as_str(),
                    bytes.len(),
                    self.max_output_bytes
                )));
            }
            self.metrics.shrunk.fetch_add(1, Ordering::Relaxed);
        }
    }
}
