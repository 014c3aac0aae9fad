//! Reading the dead-letter topic whole: every partition from its first offset to its high
//! watermark at the time of the call, without a consumer group (nothing is committed, so
//! listing twice shows the same letters).

use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::{Message, Offset, TopicPartitionList};

use super::DlqError;
use crate::config::KafkaConfig;
use crate::messages::{Codec, DeadLetter, RecordKind};

/// One dead letter and where it is on the dead-letter topic.
#[derive(Debug, Clone)]
pub struct Letter {
    /// Partition of the dead-letter topic.
    pub partition: i32,
    /// Offset there.
    pub offset: i64,
    /// The dead letter.
    pub letter: DeadLetter,
}

/// How long one partition may take to read before giving up.
const READ_TIMEOUT: Duration = Duration::from_secs(60);

/// Every dead letter on `topic`, in partition and offset order.
pub async fn read_all(
    brokers: &str,
    kafka: &KafkaConfig,
    topic: &str,
    codec: &Codec,
) -> Result<Vec<Letter>, DlqError> {
    let group = format!("frontdesk-dlq-{}", uuid::Uuid::new_v4().simple());
    let consumer: BaseConsumer = crate::kafka::consumer_config(brokers, &group, kafka)
        .set("enable.auto.commit", "false")
        .create()?;
    let topic = topic.to_owned();
    let raw = tokio::task::spawn_blocking(move || read_raw(&consumer, &topic))
        .await
        .map_err(|e| DlqError::Timeout(e.to_string()))??;
    let mut out = Vec::with_capacity(raw.len());
    for (partition, offset, bytes) in raw {
        let letter = codec
            .decode::<DeadLetter>(RecordKind::DeadLetter, &bytes)
            .await
            .map_err(|e| DlqError::Decode {
                partition,
                offset,
                reason: e.to_string(),
            })?;
        out.push(Letter {
            partition,
            offset,
            letter,
        });
    }
    out.sort_by_key(|l| (l.partition, l.offset));
    Ok(out)
}

/// The raw records of every partition up to its current high watermark (also how
/// `frontdesk shadow report` reads a shadow run's outputs).
pub fn read_raw(
    consumer: &BaseConsumer,
    topic: &str,
) -> Result<Vec<(i32, i64, Vec<u8>)>, DlqError> {
    let metadata = consumer.fetch_metadata(Some(topic), Duration::from_secs(10))?;
    let partitions: Vec<i32> = metadata
        .topics()
        .iter()
        .filter(|t| t.name() == topic)
        .flat_map(|t| t.partitions().iter().map(|p| p.id()))
        .collect();
    let mut ends = Vec::new();
    let mut tpl = TopicPartitionList::new();
    for p in partitions {
        let (low, high) = consumer.fetch_watermarks(topic, p, Duration::from_secs(10))?;
        if high > low {
            ends.push((p, high));
            tpl.add_partition_offset(topic, p, Offset::Offset(low))?;
        }
    }
    let mut out = Vec::new();
    if ends.is_empty() {
        return Ok(out);
    }
    consumer.assign(&tpl)?;
    let deadline = Instant::now() + READ_TIMEOUT * ends.len() as u32;
    let mut open: Vec<(i32, i64)> = ends;
    while !open.is_empty() {
        if Instant::now() >= deadline {
            return Err(DlqError::Timeout(format!(
                "{} partition(s) not read to the end",
                open.len()
            )));
        }
        let Some(msg) = consumer.poll(Duration::from_millis(200)) else {
            continue;
        };
        let msg = msg?;
        let (p, o) = (msg.partition(), msg.offset());
        if let Some(end) = open.iter().find(|(q, _)| *q == p).map(|(_, h)| *h) {
            if o < end {
                out.push((p, o, msg.payload().unwrap_or_default().to_vec()));
            }
            if o + 1 >= end {
                open.retain(|(q, _)| *q != p);
            }
        }
    }
    Ok(out)
}
