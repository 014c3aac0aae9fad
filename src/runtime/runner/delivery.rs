//! Delivery: hand a record's outputs to the producer, release its key, wait for the
//! broker's acknowledgements (producing again what failed, within the produce budget),
//! then record a terminal ticket as finished.

use std::sync::atomic::Ordering;
use std::time::Duration;

use futures::future::join_all;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::OwnedHeaders;
use rdkafka::producer::{DeliveryFuture, FutureRecord};
use tracing::{debug, error, warn};

use super::report::Release;
use super::worker::{Finish, Output, Planned, Stop, Stopped, Worker};
use crate::runtime::budget::{Cause, RetryBudget, RetryHistory};

/// How a delivery ended.
pub(super) enum Delivered {
    /// Every output acknowledged (and a terminal ticket recorded as finished).
    Done,
    /// Stopped first (revoked or shutting down): the record will be read again.
    Stopped,
    /// The broker will not take the record's own output: too large, or its produce budget
    /// is spent. The ticket goes to the last resort.
    Refused(String),
}

/// An output handed to the producer, awaiting its acknowledgement.
struct Pending {
    output: Output,
    delivery: DeliveryFuture,
}

/// A produce error no retry can fix.
fn refused_for_good(e: &KafkaError) -> bool {
    use RDKafkaErrorCode as C;
    matches!(
        e.rdkafka_error_code(),
        Some(
            C::MessageSizeTooLarge
                | C::InvalidMessageSize
                | C::InvalidMessage
                | C::InvalidRecord
                | C::TopicAuthorizationFailed
                | C::UnknownTopic
        )
    )
}

/// Why one produce attempt did not count as delivered.
#[derive(Debug, thiserror::Error)]
enum ProduceError {
    /// The producer or the broker said no.
    #[error("{0}")]
    Kafka(KafkaError),
    /// Acknowledged without an offset: persistence inferred, not reported (see
    /// [`crate::kafka::appended`]).
    #[error("acknowledged without an offset, so not known to be in the log: producing again")]
    NoOffset,
}

/// A produce attempt that failed: `Stopped`, `Refused`, or a retry after the returned delay.
enum Failed {
    Stopped,
    Refused(String),
}

impl Worker {
    /// Hands every output to the producer (waiting while its queue is full), releases the
    /// record's key and slot, then waits for the acknowledgements and records a terminal
    /// ticket as finished. Produce errors are retried within `budget`; with `None` (the last
    /// resort) until acknowledged or stopped.
    pub(super) async fn deliver(
        &self,
        planned: Planned,
        stop: &Stop,
        release: &mut Release,
        budget: Option<RetryBudget>,
    ) -> Delivered {
        // A later copy of this ticket waits until its finished mark is written.
        let _finishing = planned
            .finish
            .as_ref()
            .map(|f| self.finishing.register(f.key.clone()));
        let mut history = RetryHistory::new();
        let headers = &planned.headers;
        let mut pending = Vec::with_capacity(planned.outputs.len());
        for (i, output) in planned.outputs.into_iter().enumerate() {
            match self
                .enqueue(&output, headers, stop, budget, &mut history)
                .await
            {
                Ok(delivery) => pending.push(Pending { output, delivery }),
                Err(Failed::Stopped) => return Delivered::Stopped,
                Err(Failed::Refused(reason)) if i == 0 => return Delivered::Refused(reason),
                Err(Failed::Refused(reason)) => self.audit_lost(&output, &reason),
            }
        }
        release.now();
        match self
            .confirm(pending, headers, stop, budget, &mut history)
            .await
        {
            Delivered::Done => {}
            other => return other,
        }
        match planned.finish {
            Some(finish) => self.mark_finished(&finish, stop).await,
            None => Delivered::Done,
        }
    }

    /// An audit record the broker refused: the decision stands, its record is lost.
    fn audit_lost(&self, output: &Output, reason: &str) {
        self.metrics.outputs_lost.fetch_add(1, Ordering::Relaxed);
        error!(topic = %output.topic, %reason, "an audit record could not be produced");
    }

    /// Waits for every enqueued output's acknowledgement, producing again (with backoff)
    /// any that failed.
    async fn confirm(
        &self,
        mut pending: Vec<Pending>,
        headers: &OwnedHeaders,
        stop: &Stop,
        budget: Option<RetryBudget>,
        history: &mut RetryHistory,
    ) -> Delivered {
        // One wait for all the acknowledgements (the common case: each arrives).
        let acks = join_all(pending.iter_mut().map(|p| &mut p.delivery));
        let acks = tokio::select! {
            acks = acks => acks,
            _ = stop.raised() => return Delivered::Stopped,
        };
        for (i, (p, ack)) in pending.iter().zip(acks).enumerate() {
            let error = match ack {
                Ok(Ok(at)) if crate::kafka::appended(&at) => {
                    self.metrics.produced.fetch_add(1, Ordering::Relaxed);
                    debug!(topic = %p.output.topic, partition = at.partition, offset = at.offset, "acknowledged");
                    continue;
                }
                Ok(Ok(_)) => ProduceError::NoOffset.to_string(),
                Ok(Err((e, _))) => e.to_string(),
                Err(_) => "the producer dropped the delivery".to_owned(),
            };
            warn!(topic = %p.output.topic, %error, "delivery failed: producing again");
            match self
                .produce_one(&p.output, headers, stop, budget, history)
                .await
            {
                Ok(()) => {}
                Err(Failed::Stopped) => return Delivered::Stopped,
                Err(Failed::Refused(reason)) if i == 0 => return Delivered::Refused(reason),
                Err(Failed::Refused(reason)) => self.audit_lost(&p.output, &reason),
            }
        }
        Delivered::Done
    }

    /// Records the ticket as finished, retrying within the transient budget. A mark that
    /// cannot be written is logged and the record still counts as done: its outcome is
    /// acknowledged, and holding the offset would stop the partition behind it.
    async fn mark_finished(&self, finish: &Finish, stop: &Stop) -> Delivered {
        let Some(state) = &self.state else {
            return Delivered::Done;
        };
        let marked = self
            .within_budget("record the ticket as finished", stop, || {
                state.mark_finished(&finish.key, &finish.conversation_id, finish.outcome)
            })
            .await;
        match marked {
            Ok(Some(())) => Delivered::Done,
            Ok(None) => {
                self.metrics
                    .finish_marks_lost
                    .fetch_add(1, Ordering::Relaxed);
                error!(ticket = %finish.key, "the finished mark could not be written: a redelivery of this ticket may repeat its outcome");
                Delivered::Done
            }
            Err(Stopped) => Delivered::Stopped,
        }
    }

    /// The record an output is produced as, with its record's headers.
    fn record<'a>(
        &self,
        output: &'a Output,
        headers: &OwnedHeaders,
    ) -> FutureRecord<'a, [u8], [u8]> {
        FutureRecord::to(&output.topic)
            .key(output.key.as_slice())
            .payload(output.value.as_slice())
            .headers(headers.clone())
    }

    /// Counts a failed produce of `output` against the budget; `Err` if no retry may
    /// follow, else the delay before the next attempt.
    fn produce_failed(
        &self,
        output: &Output,
        error: &ProduceError,
        budget: Option<RetryBudget>,
        history: &mut RetryHistory,
    ) -> Result<Duration, Failed> {
        self.metrics.retried.fetch_add(1, Ordering::Relaxed);
        if matches!(error, ProduceError::Kafka(e) if refused_for_good(e)) {
            return Err(Failed::Refused(format!(
                "the broker refused the record for {} ({} bytes): {error}",
                output.topic,
                output.value.len()
            )));
        }
        let spent = budget.is_some_and(|b| history.fail(Cause::Produce, &error.to_string(), b));
        if spent {
            return Err(Failed::Refused(history.summary(Cause::Produce)));
        }
        let attempt = history.attempts(Cause::Produce).max(1);
        warn!(%error, attempt, topic = %output.topic, "produce failed: retrying");
        Ok(self.backoff.delay(attempt))
    }

    /// Hands one output to the producer. A full queue is waited out; other errors are
    /// retried with backoff within `budget`.
    async fn enqueue(
        &self,
        output: &Output,
        headers: &OwnedHeaders,
        stop: &Stop,
        budget: Option<RetryBudget>,
        history: &mut RetryHistory,
    ) -> Result<DeliveryFuture, Failed> {
        loop {
            let delay = match self.producer.send_result(self.record(output, headers)) {
                Ok(delivery) => return Ok(delivery),
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                    Duration::from_millis(2)
                }
                Err((error, _)) => {
                    self.produce_failed(output, &ProduceError::Kafka(error), budget, history)?
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = stop.raised() => return Err(Failed::Stopped),
            }
        }
    }

    /// Produces one output and waits for its acknowledgement, retrying within `budget`.
    async fn produce_one(
        &self,
        output: &Output,
        headers: &OwnedHeaders,
        stop: &Stop,
        budget: Option<RetryBudget>,
        history: &mut RetryHistory,
    ) -> Result<(), Failed> {
        loop {
            let sent = tokio::select! {
                sent = self.producer.send(self.record(output, headers), self.produce_timeout) => sent,
                _ = stop.raised() => return Err(Failed::Stopped),
            };
            let error = match sent {
                Ok(at) if crate::kafka::appended(&at) => {
                    debug!(topic = %output.topic, partition = at.partition, offset = at.offset, "acknowledged");
                    self.metrics.produced.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                Ok(_) => ProduceError::NoOffset,
                Err((error, _)) => ProduceError::Kafka(error),
            };
            let delay = self.produce_failed(output, &error, budget, history)?;
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = stop.raised() => return Err(Failed::Stopped),
            }
        }
    }
}
