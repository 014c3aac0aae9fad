//! The last resort for a record no stage could finish: a dead letter (the record kept whole
//! with its reason, so the offset moves on and `frontdesk dlq replay` can re-drive it), and
//! a handoff to a person wherever the conversation can be identified, with an audit record
//! of what was tried. Delivered without a produce budget: without a broker nothing can
//! finish and nothing is committed, so retrying until acknowledged loses nothing.

use std::sync::atomic::Ordering;

use rdkafka::message::{Headers, Message, OwnedMessage};
use serde_json::json;
use tracing::{error, warn};

use super::delivery::Delivered;
use super::fallback::{self, Known};
use super::report::Release;
use super::worker::{Failure, Finish, Output, Planned, Stop, Stopped, Worker};
use crate::messages::{now_ms, DeadLetter, RecordKind, Rule};
use crate::runtime::budget::{Cause, RetryHistory};
use crate::state::TicketKey;

/// Why a record ends here.
pub(super) enum LastResort {
    /// It cannot be processed at all (undecodable, a permanent stage error, panicked,
    /// state unreadable): dead letter, and a handoff where the conversation is known.
    DeadLetter {
        /// Bounded kind (`invalid_avro`, `panic`, `state_unreadable`, ...).
        kind: &'static str,
        /// Why.
        reason: String,
    },
    /// A retry budget is spent: a handoff (a dead letter too if the ticket cannot be read,
    /// since then no person can be told).
    Exhausted {
        /// The cause whose budget is spent.
        cause: Cause,
        /// What was tried.
        history: RetryHistory,
    },
    /// Its own output will not go (too large, or its produce budget is spent): a handoff.
    Refused {
        /// Why.
        reason: String,
    },
}

impl Worker {
    /// Delivers the last-resort records for `msg`; true once they are acknowledged (or,
    /// if even they are refused, once that is logged: the offset never waits on a record
    /// that cannot be written anywhere).
    pub(super) async fn last_resort(
        &self,
        msg: &OwnedMessage,
        what: LastResort,
        stop: &Stop,
        release: &mut Release,
    ) -> bool {
        let known: Option<Known> = match self.decode(msg).await {
            Ok(env) => Some(env.into()),
            Err(_) => fallback::identify(msg, self.channel_of(msg.topic())),
        };
        let (rule, reason, inputs, dead_letter) = match &what {
            LastResort::DeadLetter { kind, reason } => (
                Rule::DeadLettered,
                format!("This message could not be processed ({kind}): {reason}"),
                json!({"error_kind": kind, "reason": reason}),
                Some((*kind, reason.clone())),
            ),
            LastResort::Exhausted { cause, history } => (
                Rule::RetriesExhausted,
                format!("A dependency kept failing. {}", history.summary(*cause)),
                history.to_json(*cause),
                known
                    .is_none()
                    .then(|| ("retries_exhausted", history.summary(*cause))),
            ),
            LastResort::Refused { reason } => (
                Rule::OutputTooLarge,
                format!("The answer could not be sent: {reason}"),
                json!({"reason": reason}),
                None,
            ),
        };
        let mut planned = Planned {
            headers: self.headers_for(msg),
            ..Planned::default()
        };
        if let Some((kind, why)) = &dead_letter {
            warn!(error_kind = kind, reason = %why, "dead-lettering record");
            match self.dead_letter(msg, kind, why, stop).await {
                Ok(output) => planned.outputs.extend(output),
                Err(Stopped) => return false,
            }
        }
        if let Some(known) = &known {
            match self.handoff(known, rule, &reason, &inputs, stop).await {
                Ok((outputs, finish)) => {
                    planned.outputs.extend(outputs);
                    planned.finish = finish;
                }
                Err(Stopped) => return false,
            }
        }
        let counted = match &dead_letter {
            Some((kind, _)) => *kind,
            None => rule.as_str(),
        };
        match self.deliver(planned, stop, release, None).await {
            Delivered::Done => {
                self.metrics.last_resort(counted, dead_letter.is_some());
                true
            }
            Delivered::Stopped => false,
            Delivered::Refused(reason) => {
                self.metrics.outputs_lost.fetch_add(1, Ordering::Relaxed);
                error!(%reason, "even the last-resort records were refused: moving on");
                true
            }
        }
    }

    /// The handoff (and its audit record) of `known`, unless the ticket already finished;
    /// `None` if stopped while checking.
    async fn handoff(
        &self,
        known: &Known,
        rule: Rule,
        reason: &str,
        inputs: &serde_json::Value,
        stop: &Stop,
    ) -> Result<(Vec<Output>, Option<Finish>), Stopped> {
        let key = TicketKey::of(&known.ticket);
        if let Some(state) = &self.state {
            // A redelivery of a record already handed off is not handed off twice. (If the
            // database stays down past the budget, the handoff goes anyway: a second
            // handoff is better than none.)
            let finished = self
                .within_budget("check the ticket is not finished", stop, || {
                    state.is_finished(&key)
                })
                .await?;
            if finished == Some(true) {
                return Ok((Vec::new(), None));
            }
        }
        let conversation = known.ticket.conversation_id.clone().into_bytes();
        let mut handoff = fallback::handoff(known, rule, reason);
        let mut audit = fallback::audit(known, self.stage.name(), rule, reason, inputs);
        let mut outputs = Vec::with_capacity(2);
        let Some(value) = self
            .encode_or_retry(
                stop,
                RecordKind::Handoff,
                &self.wiring.handoffs,
                &mut handoff,
            )
            .await?
        else {
            return Ok((outputs, None));
        };
        outputs.push(Output {
            topic: self.wiring.handoffs.clone(),
            key: conversation.clone(),
            value,
        });
        if let Some(value) = self
            .encode_or_retry(stop, RecordKind::Audit, &self.wiring.audit, &mut audit)
            .await?
        {
            outputs.push(Output {
                topic: self.wiring.audit.clone(),
                key: conversation,
                value,
            });
        }
        let finish = Finish {
            key,
            conversation_id: known.ticket.conversation_id.clone(),
            outcome: rule.as_str(),
        };
        Ok((outputs, Some(finish)))
    }

    /// The dead letter of `msg`; `None` if stopped while encoding it.
    async fn dead_letter(
        &self,
        msg: &OwnedMessage,
        kind: &str,
        reason: &str,
        stop: &Stop,
    ) -> Result<Option<Output>, Stopped> {
        let headers = msg
            .headers()
            .map(|h| {
                h.iter()
                    .filter_map(|hd| {
                        hd.value
                            .and_then(|v| std::str::from_utf8(v).ok())
                            .map(|v| (hd.key.to_owned(), v.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut dl = DeadLetter {
            original_value: msg.payload().map(<[u8]>::to_vec),
            original_key: msg.key().map(<[u8]>::to_vec),
            source_topic: msg.topic().to_owned(),
            source_partition: msg.partition(),
            source_offset: msg.offset(),
            stage: self.stage.name().to_owned(),
            error_kind: kind.to_owned(),
            reason: reason.to_owned(),
            headers,
            failed_at: now_ms(),
        };
        let value = self
            .encode_or_retry(
                stop,
                RecordKind::DeadLetter,
                &self.wiring.deadletter,
                &mut dl,
            )
            .await?;
        Ok(value.map(|value| Output {
            topic: self.wiring.deadletter.clone(),
            key: msg.key().unwrap_or_default().to_vec(),
            value,
        }))
    }

    /// Encodes a last-resort record (shrunk to fit), retrying a transient encoder failure
    /// (a schema registry down) within the transient budget. `Ok(None)`: it cannot be
    /// encoded (to fit), and is left out (logged, counted as lost).
    async fn encode_or_retry<T: serde::Serialize + super::bound::Shrink>(
        &self,
        stop: &Stop,
        kind: RecordKind,
        topic: &str,
        value: &mut T,
    ) -> Result<Option<Vec<u8>>, Stopped> {
        let mut history = RetryHistory::new();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (error, retriable) = match self.encode_fitting(kind, topic, value).await {
                Ok(bytes) => return Ok(Some(bytes)),
                Err(Failure::Transient(e) | Failure::Unavailable { reason: e, .. }) => (e, true),
                Err(Failure::Permanent { reason, .. } | Failure::TooLarge(reason)) => {
                    (reason, false)
                }
            };
            if !retriable || history.fail(Cause::Transient, &error, self.budgets.transient) {
                self.metrics.outputs_lost.fetch_add(1, Ordering::Relaxed);
                error!(%error, kind = kind.as_str(), "a last-resort record cannot be produced");
                return Ok(None);
            }
            tokio::select! {
                _ = tokio::time::sleep(self.backoff.delay(attempt)) => {}
                _ = stop.raised() => return Err(Stopped),
            }
        }
    }
}
