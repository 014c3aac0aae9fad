//! Delivery: hand a record's outputs to the producer, release its key, wait for the
//! broker's acknowledgements (producing again what failed), then record a terminal
//! ticket as finished.

use std::sync::atomic::Ordering;
use std::time::Duration;

use futures::future::join_all;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::producer::{DeliveryFuture, FutureRecord};
use tracing::warn;

use super::report::Release;
use super::worker::{Finish, Output, Planned, Stop, Worker};

/// An output handed to the producer, awaiting its acknowledgement.
struct Pending {
    output: Output,
    delivery: DeliveryFuture,
}

impl Worker {
    /// Hands every output to the producer (waiting while its queue is full), releases the
    /// record's key and slot, then waits for the acknowledgements (see [`Worker::confirm`]).
    /// Returns false if stopped before everything was acknowledged.
    pub(super) async fn deliver(
        &self,
        planned: Planned,
        stop: &Stop,
        release: &mut Release,
    ) -> bool {
        let mut pending = Vec::with_capacity(planned.outputs.len());
        for output in planned.outputs {
            let Some(delivery) = self.enqueue(&output, stop).await else {
                return false;
            };
            pending.push(Pending { output, delivery });
        }
        release.now();
        self.confirm(pending, planned.finish, stop).await
    }

    /// Waits for every enqueued output's acknowledgement, producing again (with backoff)
    /// any that failed; then records a terminal ticket as finished. Returns false if
    /// stopped before everything was acknowledged.
    async fn confirm(&self, pending: Vec<Pending>, finish: Option<Finish>, stop: &Stop) -> bool {
        // One wait for all the acknowledgements (the common case: each arrives).
        let mut pending = pending;
        let acks = join_all(pending.iter_mut().map(|p| &mut p.delivery));
        let acks = tokio::select! {
            acks = acks => acks,
            _ = stop.raised() => return false,
        };
        let mut acked = Vec::with_capacity(acks.len());
        for (p, ack) in pending.iter().zip(acks) {
            if matches!(ack, Ok(Ok(_))) {
                self.metrics.produced.fetch_add(1, Ordering::Relaxed);
                acked.push(true);
                continue;
            }
            self.metrics.retried.fetch_add(1, Ordering::Relaxed);
            warn!(topic = %p.output.topic, "delivery failed: producing again");
            acked.push(
                self.produce_one(&p.output.topic, &p.output.key, &p.output.value, stop)
                    .await,
            );
        }
        if !acked.iter().all(|ok| *ok) {
            return false;
        }
        let (Some(finish), Some(state)) = (finish, &self.state) else {
            return true;
        };
        self.retry("record the ticket as finished", stop, || {
            state.mark_finished(&finish.ticket_id, &finish.conversation_id, finish.outcome)
        })
        .await
        .is_some()
    }

    /// Runs `op` until it succeeds, waiting with backoff between attempts; `None` if
    /// stopped first (the record is then abandoned and redelivered later).
    pub(super) async fn retry<T, E, F, Fut>(&self, what: &str, stop: &Stop, mut op: F) -> Option<T>
    where
        E: std::fmt::Display,
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match op().await {
                Ok(v) => return Some(v),
                Err(error) => {
                    warn!(%error, attempt, what, "failed: retrying");
                    tokio::select! {
                        _ = tokio::time::sleep(self.backoff.delay(attempt)) => {}
                        _ = stop.raised() => return None,
                    }
                }
            }
        }
    }

    /// The record an output is produced as, with this stage's headers.
    fn record<'a>(
        &self,
        topic: &'a str,
        key: &'a [u8],
        value: &'a [u8],
    ) -> FutureRecord<'a, [u8], [u8]> {
        FutureRecord::to(topic)
            .key(key)
            .payload(value)
            .headers(self.headers.clone())
    }

    /// Hands one output to the producer. A full queue is waited out; any other error is
    /// retried with backoff. `None` if stopped first.
    async fn enqueue(&self, output: &Output, stop: &Stop) -> Option<DeliveryFuture> {
        let mut attempt = 0;
        loop {
            let record = self.record(&output.topic, &output.key, &output.value);
            let delay = match self.producer.send_result(record) {
                Ok(delivery) => return Some(delivery),
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                    Duration::from_millis(2)
                }
                Err((error, _)) => {
                    attempt += 1;
                    self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                    warn!(%error, attempt, topic = %output.topic, "enqueue failed: retrying");
                    self.backoff.delay(attempt)
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = stop.raised() => return None,
            }
        }
    }

    /// Produces one record and waits for its acknowledgement, retrying until it is
    /// acknowledged; false if stopped first.
    async fn produce_one(&self, topic: &str, key: &[u8], value: &[u8], stop: &Stop) -> bool {
        let sent = self
            .retry("produce", stop, || async {
                self.producer
                    .send(self.record(topic, key, value), self.produce_timeout)
                    .await
                    .map_err(|(error, _)| {
                        self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                        error
                    })
            })
            .await
            .is_some();
        if sent {
            self.metrics.produced.fetch_add(1, Ordering::Relaxed);
        }
        sent
    }
}
