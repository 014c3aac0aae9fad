//! The chaos run's reader of the outcome topics. It is the one long-lived client of the
//! run (the stage processes are restarted all the time), so a broker fault must not leave
//! it behind: it reads assigned partitions without a group, remembers the next offset of
//! each, and when nothing arrives for a while it is replaced by a fresh client that starts
//! where the last one stopped (no record read twice, none skipped). The same happens when
//! the client would reset a position itself: after the mock cluster moves a partition's
//! leader, librdkafka validates the position against the new leader epoch and may reset it
//! by `auto.offset.reset`, whose default (`latest`) would skip the records in between.

use std::collections::HashMap;
use std::time::Duration;

use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::{Message, Offset, TopicPartitionList};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::config::KafkaConfig;

/// No record for this long: replace the client.
const STALL: Duration = Duration::from_secs(10);

/// Forwards every record of `topics` (name, partitions) as (topic, payload) until stopped.
pub async fn observe(
    brokers: String,
    cfg: KafkaConfig,
    topics: Vec<(String, i32)>,
    tx: mpsc::UnboundedSender<(String, Vec<u8>)>,
    stop: CancellationToken,
) {
    let mut next: HashMap<(String, i32), i64> = topics
        .iter()
        .flat_map(|(t, n)| (0..*n).map(move |p| ((t.clone(), p), 0)))
        .collect();
    loop {
        let consumer = match assigned(&brokers, &cfg, &next) {
            Ok(c) => c,
            Err(error) => {
                tracing::warn!(%error, "the outcome reader could not start: retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        // Errors (a broker down, say) do not postpone the replacement: only records do.
        let mut stalled_at = tokio::time::Instant::now() + STALL;
        loop {
            let m = tokio::select! {
                m = consumer.recv() => m,
                _ = tokio::time::sleep_until(stalled_at) => break,
                _ = stop.cancelled() => return,
            };
            let m = match m {
                Ok(m) => m,
                Err(error) if resets_position(&error) => {
                    tracing::warn!(%error, "the outcome reader lost its position: restarting it from its offsets");
                    break;
                }
                Err(_) => continue,
            };
            stalled_at = tokio::time::Instant::now() + STALL;
            next.insert((m.topic().to_owned(), m.partition()), m.offset() + 1);
            let payload = m.payload().unwrap_or_default().to_vec();
            if tx.send((m.topic().to_owned(), payload)).is_err() {
                return;
            }
        }
    }
}

/// Whether `error` says the client gave up a position (a reset it may not make itself).
fn resets_position(error: &KafkaError) -> bool {
    matches!(
        error.rdkafka_error_code(),
        Some(
            RDKafkaErrorCode::AutoOffsetReset
                | RDKafkaErrorCode::LogTruncation
                | RDKafkaErrorCode::OffsetOutOfRange
        )
    )
}

/// A client assigned every partition of `next` from its offset.
fn assigned(
    brokers: &str,
    cfg: &KafkaConfig,
    next: &HashMap<(String, i32), i64>,
) -> anyhow::Result<StreamConsumer> {
    let consumer: StreamConsumer = crate::kafka::base_config(brokers, cfg)
        .set("group.id", "chaos-observer")
        .set("enable.auto.commit", "false")
        // Never move a position by itself: report it, and the reader starts over from its
        // own offsets.
        .set("auto.offset.reset", "error")
        .set("fetch.wait.max.ms", "100")
        .create()?;
    let mut tpl = TopicPartitionList::new();
    for ((topic, partition), offset) in next {
        tpl.add_partition_offset(topic, *partition, Offset::Offset(*offset))?;
    }
    consumer.assign(&tpl)?;
    Ok(consumer)
}
