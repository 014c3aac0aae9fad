//! The chaos run's reader of the outcome topics. It is the one long-lived client of the
//! run (the stage processes are restarted all the time), so a broker fault must not leave
//! it behind: it reads assigned partitions without a group, remembers the next offset of
//! each, and when nothing arrives for a while it is replaced by a fresh client that starts
//! where the last one stopped (no record read twice, none skipped).

use std::collections::HashMap;
use std::time::Duration;

use rdkafka::consumer::{Consumer, StreamConsumer};
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
        loop {
            let m = tokio::select! {
                m = consumer.recv() => m,
                _ = tokio::time::sleep(STALL) => break,
                _ = stop.cancelled() => return,
            };
            let Ok(m) = m else { continue };
            next.insert((m.topic().to_owned(), m.partition()), m.offset() + 1);
            let payload = m.payload().unwrap_or_default().to_vec();
            if tx.send((m.topic().to_owned(), payload)).is_err() {
                return;
            }
        }
    }
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
        .set("fetch.wait.max.ms", "100")
        .create()?;
    let mut tpl = TopicPartitionList::new();
    for ((topic, partition), offset) in next {
        tpl.add_partition_offset(topic, *partition, Offset::Offset(*offset))?;
    }
    consumer.assign(&tpl)?;
    Ok(consumer)
}
