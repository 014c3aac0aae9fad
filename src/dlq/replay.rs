//! Re-driving dead letters after a fix: each selected original is produced back to the
//! topic it was read from (same key, same headers, plus `frontdesk-replay-of`), once.
//!
//! Idempotent: a replayed letter is recorded in `dlq_replays` (by its dead-letter topic
//! coordinates) after the broker acknowledged the replay, and a second `replay` skips it. A
//! crash between the two replays that letter again, which the pipeline absorbs like any
//! redelivery. The runner handed a dead-lettered ticket to a person and recorded it as
//! finished (outcome `dead_lettered`); replaying it reopens that mark, so the re-driven
//! ticket gets its real outcome. A ticket finished any other way stays finished.

use std::time::Duration;

use rdkafka::message::{Header, OwnedHeaders, OwnedMessage, Timestamp};
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde::Serialize;

use super::{DlqError, Letter};
use crate::messages::{Codec, Envelope, RecordKind};
use crate::runtime::runner::identify;
use crate::state::{StateDb, TicketKey};
use crate::topics::Topics;

/// The header a replayed record carries: `<dead-letter topic>/<partition>/<offset>`.
pub const REPLAY_HEADER: &str = "frontdesk-replay-of";

/// What a replay did.
#[derive(Debug, Default, Serialize)]
pub struct ReplayReport {
    /// Letters selected.
    pub selected: usize,
    /// Produced back to their source topic now.
    pub replayed: usize,
    /// Skipped: replayed before.
    pub already_replayed: usize,
    /// Skipped: the original value was not kept (too large; it is still on its source topic).
    pub without_original: usize,
    /// Tickets whose dead-letter handoff mark was reopened.
    pub reopened: usize,
}

/// Replays `letters` (already selected) read from `dl_topic`. With `dry_run`, only counts.
pub async fn replay(
    letters: &[Letter],
    dl_topic: &str,
    producer: &FutureProducer,
    state: &StateDb,
    codec: &Codec,
    topics: &Topics,
    dry_run: bool,
) -> Result<ReplayReport, DlqError> {
    let mut report = ReplayReport {
        selected: letters.len(),
        ..Default::default()
    };
    for l in letters {
        if state.replayed(dl_topic, l.partition, l.offset).await? {
            report.already_replayed += 1;
            continue;
        }
        let d = &l.letter;
        let Some(value) = &d.original_value else {
            report.without_original += 1;
            continue;
        };
        if dry_run {
            report.replayed += 1;
            continue;
        }
        if let Some(key) = ticket_key(l, codec, topics).await {
            if state.reopen_dead_lettered(&key).await? {
                report.reopened += 1;
            }
        }
        let replay_of = format!("{dl_topic}/{}/{}", l.partition, l.offset);
        let mut headers = OwnedHeaders::new();
        for (k, v) in &d.headers {
            headers = headers.insert(Header {
                key: k,
                value: Some(v),
            });
        }
        headers = headers.insert(Header {
            key: REPLAY_HEADER,
            value: Some(&replay_of),
        });
        let record = || {
            let record = FutureRecord::<[u8], [u8]>::to(&d.source_topic)
                .payload(value)
                .headers(headers.clone());
            match &d.original_key {
                Some(k) => record.key(k),
                None => record,
            }
        };
        crate::kafka::send_appended(producer, record, Duration::from_secs(30)).await?;
        state.mark_replayed(dl_topic, l.partition, l.offset).await?;
        report.replayed += 1;
    }
    Ok(report)
}

/// The key the runner recorded the dead-lettered ticket under: the decoded ticket's, or
/// (undecodable) the one [`identify`] gives, as the runner did.
async fn ticket_key(l: &Letter, codec: &Codec, topics: &Topics) -> Option<TicketKey> {
    let d = &l.letter;
    let value = d.original_value.as_deref()?;
    let channel = topics.channel_of(&d.source_topic);
    let decoded = match channel {
        Some(c) => codec.decode_ticket(value, Some(c)).await.ok(),
        None => codec
            .decode::<Envelope>(RecordKind::Envelope, value)
            .await
            .ok()
            .map(|e| e.ticket),
    };
    if let Some(t) = decoded {
        return Some(TicketKey::of(&t));
    }
    let original = OwnedMessage::new(
        Some(value.to_vec()),
        d.original_key.clone(),
        d.source_topic.clone(),
        Timestamp::NotAvailable,
        d.source_partition,
        d.source_offset,
        None,
    );
    identify(&original, channel).map(|k| TicketKey::of(&k.ticket))
}
