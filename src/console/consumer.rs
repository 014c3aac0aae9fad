//! The console's reader of the handoffs topic: every handoff into the `handoffs` table.
//!
//! Its own consumer group (`<group_prefix>.<console.group>`), shared by every replica of the
//! console. At least once: an offset is stored only after its row is committed, and the
//! insert is keyed by ticket id, so a redelivered record changes nothing. A record that does
//! not decode is logged and skipped (the pipeline wrote it; there is nothing to retry); a
//! database failure is retried with backoff until it passes or the console stops.

use std::collections::BTreeMap;
use std::time::Duration;

use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::message::{BorrowedMessage, Headers, Message};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::handoffs::Handoffs;
use crate::messages::{Codec, Handoff, RecordKind};

/// The UTF-8 headers of a record.
fn headers(m: &BorrowedMessage<'_>) -> BTreeMap<String, String> {
    m.headers()
        .map(|h| {
            h.iter()
                .filter_map(|x| {
                    let v = std::str::from_utf8(x.value?).ok()?;
                    Some((x.key.to_owned(), v.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Waits out one retry delay (doubling it, up to 10 s); `false` when stopped first.
async fn backoff(delay: &mut Duration, stop: &CancellationToken) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(*delay) => {}
        _ = stop.cancelled() => return false,
    }
    *delay = (*delay * 2).min(Duration::from_secs(10));
    true
}

/// Stores one record, retrying what can pass later (a schema lookup, the database);
/// `false` only when stopped before it was stored.
async fn store(
    m: &BorrowedMessage<'_>,
    codec: &Codec,
    handoffs: &Handoffs,
    stop: &CancellationToken,
) -> bool {
    let Some(payload) = m.payload() else {
        tracing::warn!("a handoff record without a value: skipped");
        return true;
    };
    let mut delay = Duration::from_millis(100);
    let h: Handoff = loop {
        match codec.decode(RecordKind::Handoff, payload).await {
            Ok(h) => break h,
            Err(error) if error.is_transient() => {
                tracing::warn!(%error, "handoff not decoded yet: retrying");
                if !backoff(&mut delay, stop).await {
                    return false;
                }
            }
            Err(error) => {
                tracing::warn!(%error, "undecodable handoff record: skipped");
                return true;
            }
        }
    };
    let headers = headers(m);
    loop {
        match handoffs.insert(&h, &headers).await {
            Ok(new) => {
                tracing::debug!(ticket_id = %h.ticket_id, new, "handoff stored");
                return true;
            }
            Err(error) => {
                tracing::warn!(%error, ticket_id = %h.ticket_id, "Failed to store a handoff: retrying");
                if !backoff(&mut delay, stop).await {
                    return false;
                }
            }
        }
    }
}

/// Reads handoffs into the table until `stop`; then commits what was stored.
pub async fn run(
    consumer: StreamConsumer,
    codec: Codec,
    handoffs: Handoffs,
    stop: CancellationToken,
) {
    loop {
        let m = tokio::select! {
            biased;
            _ = stop.cancelled() => break,
            m = consumer.recv() => m,
        };
        let m = match m {
            Ok(m) => m,
            Err(error) => {
                tracing::warn!(%error, "handoffs consumer");
                continue;
            }
        };
        let span = tracing::info_span!(
            "console.handoff",
            topic = m.topic(),
            partition = m.partition(),
            offset = m.offset()
        );
        if !store(&m, &codec, &handoffs, &stop).instrument(span).await {
            // Stopped: the offset stays, and the record comes again.
            break;
        }
        if let Err(error) = consumer.store_offset_from_message(&m) {
            tracing::warn!(%error, "Failed to store a handoffs offset.");
        }
    }
    if let Err(error) = consumer.commit_consumer_state(CommitMode::Sync) {
        tracing::debug!(%error, "nothing to commit on the handoffs topic");
    }
}
