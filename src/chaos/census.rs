//! What the run's topics hold at its end, and where a lost ticket was last seen. Every topic
//! of the run (inbound, the stages' own, the dead letters, the outcomes) is read from its
//! start: per topic, the records, their bytes and whether the broker has deleted any (a log
//! that no longer starts at offset 0: the embedded mock cluster keeps at most 5 MiB or
//! 100,000 batches per partition, and a run that outgrows that loses records to the broker,
//! not to frontdesk); and each record naming a lost ticket's id, so a loss says which stage
//! had the ticket last instead of only that it is gone.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use memchr::memmem::Finder;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::{Message, Offset, TopicPartitionList};
use serde::Serialize;

use crate::config::KafkaConfig;

/// A ticket without an outcome, and the records that name it.
#[derive(Debug, Clone, Serialize)]
pub struct LostTicket {
    /// Its ticket id.
    pub ticket_id: String,
    /// Whether it was a customer's "yes" to a confirmation question.
    pub confirmation: bool,
    /// The records naming the ticket, in the order read.
    pub seen_at: Vec<SeenAt>,
}

/// A record naming a lost ticket, and how far the group reading its topic has committed.
#[derive(Debug, Clone, Serialize)]
pub struct SeenAt {
    /// Its topic.
    pub topic: String,
    /// Its partition.
    pub partition: i32,
    /// Its offset.
    pub offset: i64,
    /// The offset the stage reading this topic has committed on the partition: the next
    /// offset it will read. Above `offset`, the stage finished with the record (and the
    /// ticket's loss happened there); at or below, the record is still ahead of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reader_committed: Option<i64>,
}

/// What one topic holds at the end of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TopicCensus {
    /// Records read.
    pub records: u64,
    /// Their key and payload bytes.
    pub bytes: u64,
    /// The bytes of its fullest partition.
    pub largest_partition_bytes: u64,
    /// Records the broker deleted from the start of its partitions (their first offsets).
    pub deleted_by_broker: i64,
}

/// The topics at the end of a run, and the lost tickets in them.
#[derive(Debug, Default)]
pub struct Census {
    /// Topic → what it holds.
    pub topics: BTreeMap<String, TopicCensus>,
    /// Each lost ticket and the records naming it.
    pub lost: Vec<LostTicket>,
    /// Every record read, as `topic partition offset bytes`, when tickets were lost (to
    /// match against the positions the stage logs say their outputs were acknowledged at).
    pub positions: Vec<String>,
}

/// Lost tickets searched for (the first, by id): enough to see where tickets go missing,
/// and a run that lost thousands is not made slower still by the search.
const SEARCHED_AT_MOST: usize = 50;

/// How long the whole search may take.
const SEARCH_FOR: Duration = Duration::from_secs(60);

/// Reads every partition of `topics` (name, partitions) from its start to its end as of
/// now: what each topic holds, and per ticket of `lost` the records whose payload or key
/// names it, with the committed offset of the group reading that topic (`readers`: topic →
/// group). Blocks: call it from `spawn_blocking`.
pub fn census(
    brokers: &str,
    cfg: &KafkaConfig,
    topics: &[(String, i32)],
    readers: &HashMap<String, String>,
    lost: &[(String, bool)],
) -> anyhow::Result<Census> {
    let consumer: BaseConsumer = crate::kafka::base_config(brokers, cfg)
        .set("group.id", "chaos-lost")
        .set("enable.auto.commit", "false")
        .set("auto.offset.reset", "earliest")
        .create()?;
    let mut tpl = TopicPartitionList::new();
    let mut remaining: HashMap<(String, i32), i64> = HashMap::new();
    let mut per_topic: BTreeMap<String, TopicCensus> = BTreeMap::new();
    for (topic, partitions) in topics {
        let c = per_topic.entry(topic.clone()).or_default();
        for p in 0..*partitions {
            let (low, high) = consumer.fetch_watermarks(topic, p, Duration::from_secs(10))?;
            c.deleted_by_broker += low.max(0);
            if high > low {
                tpl.add_partition_offset(topic, p, Offset::Beginning)?;
                remaining.insert((topic.clone(), p), high);
            }
        }
    }
    consumer.assign(&tpl)?;
    let mut seen: Vec<LostTicket> = lost
        .iter()
        .take(SEARCHED_AT_MOST)
        .map(|(ticket_id, confirmation)| LostTicket {
            ticket_id: ticket_id.clone(),
            confirmation: *confirmation,
            seen_at: Vec::new(),
        })
        .collect();
    let finders: Vec<Finder<'static>> = seen
        .iter()
        .map(|t| Finder::new(t.ticket_id.as_bytes()).into_owned())
        .collect();
    let mut partition_bytes: HashMap<(String, i32), u64> = HashMap::new();
    let mut positions = Vec::new();
    let started = Instant::now();
    while !remaining.is_empty() && started.elapsed() < SEARCH_FOR {
        let Some(m) = consumer.poll(Duration::from_millis(200)) else {
            continue;
        };
        let Ok(m) = m else { continue };
        let at = (m.topic().to_owned(), m.partition());
        if remaining
            .get(&at)
            .is_some_and(|high| m.offset() + 1 >= *high)
        {
            remaining.remove(&at);
        }
        let (payload, key) = (m.payload().unwrap_or_default(), m.key().unwrap_or_default());
        let size = (payload.len() + key.len()) as u64;
        if !lost.is_empty() {
            positions.push(format!(
                "{} {} {} {size}",
                m.topic(),
                m.partition(),
                m.offset()
            ));
        }
        let c = per_topic.entry(m.topic().to_owned()).or_default();
        c.records += 1;
        c.bytes += size;
        let in_partition = partition_bytes.entry(at).or_default();
        *in_partition += size;
        c.largest_partition_bytes = c.largest_partition_bytes.max(*in_partition);
        for (t, id) in seen.iter_mut().zip(&finders) {
            if names(id, payload) || names(id, key) {
                t.seen_at.push(SeenAt {
                    topic: m.topic().to_owned(),
                    partition: m.partition(),
                    offset: m.offset(),
                    reader_committed: None,
                });
            }
        }
    }
    if !remaining.is_empty() {
        tracing::warn!(
            partitions = remaining.len(),
            "the topic census did not read every partition to its end"
        );
    }
    // One client per reading group, one lookup per partition, however many lost tickets
    // share them.
    let mut clients: HashMap<&str, BaseConsumer> = HashMap::new();
    let mut known: HashMap<(String, i32), Option<i64>> = HashMap::new();
    for at in seen.iter_mut().flat_map(|t| t.seen_at.iter_mut()) {
        let Some(group) = readers.get(&at.topic) else {
            continue;
        };
        let key = (at.topic.clone(), at.partition);
        at.reader_committed = match known.get(&key) {
            Some(c) => *c,
            None => {
                let c = committed(brokers, cfg, &mut clients, group, &at.topic, at.partition)
                    .unwrap_or_else(|error| {
                        tracing::warn!(%error, group, "could not read a group's committed offset");
                        None
                    });
                known.insert(key, c);
                c
            }
        };
    }
    Ok(Census {
        topics: per_topic,
        lost: seen,
        positions,
    })
}

/// Watches the stages' input topics for records the broker deleted before their stage read
/// them: the embedded mock cluster keeps at most 5 MiB (or 100,000 batches) per partition
/// and drops the oldest beyond that, so a backlog larger than that is lost to the broker
/// and a run waiting for it would only time out. (Records deleted after their stage
/// committed past them are no loss.)
pub struct BrokerLogs {
    /// Per reading group: a client of that group, and the topics it reads.
    readers: Vec<(BaseConsumer, Vec<(String, i32)>)>,
}

impl BrokerLogs {
    /// A watcher of `inputs`: (group, its topics with their partitions).
    pub fn new(
        brokers: &str,
        cfg: &KafkaConfig,
        inputs: Vec<(String, Vec<(String, i32)>)>,
    ) -> anyhow::Result<Self> {
        let readers = inputs
            .into_iter()
            .map(|(group, topics)| anyhow::Ok((group_client(brokers, cfg, &group)?, topics)))
            .collect::<anyhow::Result<_>>()?;
        Ok(BrokerLogs { readers })
    }

    /// Topics with records deleted before their stage committed past them, and how many.
    /// Blocks.
    pub fn deleted_unread(&self) -> anyhow::Result<BTreeMap<String, i64>> {
        let mut deleted = BTreeMap::new();
        for (consumer, topics) in &self.readers {
            let mut tpl = TopicPartitionList::new();
            for (topic, partitions) in topics {
                for p in 0..*partitions {
                    tpl.add_partition(topic, p);
                }
            }
            let committed = consumer.committed_offsets(tpl, CHECK_TIMEOUT)?;
            for e in committed.elements() {
                let (low, _) =
                    consumer.fetch_watermarks(e.topic(), e.partition(), CHECK_TIMEOUT)?;
                let read = committed_offset(e.offset()).unwrap_or(0);
                if low > read {
                    *deleted.entry(e.topic().to_owned()).or_default() += low - read;
                }
            }
        }
        Ok(deleted)
    }
}

/// What a [`BrokerLogs::watch`] found: the topics with records deleted unread, and how many.
pub type Deleted = std::sync::Arc<std::sync::Mutex<BTreeMap<String, i64>>>;

impl BrokerLogs {
    /// Checks every `every` in the background until `stop`, off the caller's loop (a check
    /// may wait on a broker that is down). A check that fails (a fault in the way) is
    /// skipped; the first deletion found stays in the returned cell.
    pub fn watch(self, every: Duration, stop: tokio_util::sync::CancellationToken) -> Deleted {
        let found: Deleted = Default::default();
        let cell = found.clone();
        let logs = std::sync::Arc::new(self);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(every) => {}
                    _ = stop.cancelled() => break,
                }
                let check = logs.clone();
                let checked = tokio::task::spawn_blocking(move || check.deleted_unread());
                let checked = tokio::select! {
                    checked = checked => checked,
                    _ = stop.cancelled() => break,
                };
                match checked {
                    Ok(Ok(deleted)) if !deleted.is_empty() => {
                        *cell.lock().unwrap_or_else(|p| p.into_inner()) = deleted;
                        break;
                    }
                    Ok(Ok(_)) => {}
                    Ok(Err(error)) => {
                        tracing::debug!(%error, "the broker's logs could not be checked this time");
                    }
                    Err(_) => break,
                }
            }
            // Closing the clients blocks: not on this runtime's workers.
            drop(tokio::task::spawn_blocking(move || drop(logs)));
        });
        found
    }
}

/// The deletion a [`BrokerLogs::watch`] found, if any, as the run's error.
pub fn deleted_found(found: &Deleted) -> Option<anyhow::Error> {
    let deleted = found.lock().unwrap_or_else(|p| p.into_inner());
    (!deleted.is_empty()).then(|| deleted_error(&deleted))
}

/// How long one request of a [`BrokerLogs`] check may wait: a check that meets a fault
/// gives up on its first failed request and is tried again next time.
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// Each stage's group (`<group_prefix>.<stage>`) and the topics it reads, with their
/// partitions.
pub fn stage_inputs(
    topics: &crate::topics::Topics,
    group_prefix: &str,
) -> Vec<(String, Vec<(String, i32)>)> {
    let partitions = |physical: &str| {
        topics
            .all()
            .iter()
            .find(|d| topics.physical(&d.name) == physical)
            .map_or(1, |d| d.partitions)
    };
    crate::stages::StageKind::ALL
        .iter()
        .map(|kind| {
            let inputs = crate::pipeline::wiring(*kind, topics)
                .inputs
                .iter()
                .map(|i| (i.topic().to_owned(), partitions(i.topic())))
                .collect();
            (format!("{group_prefix}.{}", kind.as_str()), inputs)
        })
        .collect()
}

/// Which stage's group reads each topic (topic → group), for the committed offsets of a lost
/// ticket's records.
pub fn readers(topics: &crate::topics::Topics, group_prefix: &str) -> HashMap<String, String> {
    stage_inputs(topics, group_prefix)
        .into_iter()
        .flat_map(|(group, inputs)| inputs.into_iter().map(move |(t, _)| (t, group.clone())))
        .collect()
}

/// The error of a run whose broker deleted records nobody had read yet.
pub fn deleted_error(deleted: &BTreeMap<String, i64>) -> anyhow::Error {
    anyhow::anyhow!(
        "the broker deleted records before they were read ({deleted:?}): the embedded broker \
         keeps at most 5 MiB per partition, so a run this large needs a real broker (--brokers)"
    )
}

/// A client of `group` that never commits: it reads the group's committed offsets.
fn group_client(brokers: &str, cfg: &KafkaConfig, group: &str) -> anyhow::Result<BaseConsumer> {
    Ok(crate::kafka::base_config(brokers, cfg)
        .set("group.id", group)
        .set("enable.auto.commit", "false")
        .create()?)
}

/// The offset a committed-offsets answer holds, if the group has committed one.
fn committed_offset(offset: Offset) -> Option<i64> {
    match offset {
        Offset::Offset(o) => Some(o),
        _ => None,
    }
}

/// The offset `group` has committed on `topic`'s `partition`, if any, through its client in
/// `clients` (made on first use).
fn committed<'g>(
    brokers: &str,
    cfg: &KafkaConfig,
    clients: &mut HashMap<&'g str, BaseConsumer>,
    group: &'g str,
    topic: &str,
    partition: i32,
) -> anyhow::Result<Option<i64>> {
    let consumer = match clients.entry(group) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(group_client(brokers, cfg, group)?)
        }
    };
    let mut tpl = TopicPartitionList::new();
    tpl.add_partition(topic, partition);
    let got = consumer.committed_offsets(tpl, CHECK_TIMEOUT)?;
    Ok(got
        .find_partition(topic, partition)
        .and_then(|e| committed_offset(e.offset())))
}

/// Whether `haystack` contains the id `id` looks for (an empty id names nothing).
fn names(id: &Finder<'_>, haystack: &[u8]) -> bool {
    !id.needle().is_empty() && id.find(haystack).is_some()
}

#[cfg(test)]
mod tests {
    use super::{names, Finder};

    #[test]
    fn finds_an_id_inside_a_payload_and_not_an_empty_one() {
        assert!(names(&Finder::new(b"t-42"), b"{\"ticket_id\":\"t-42\"}"));
        assert!(!names(&Finder::new(b"t-42"), b"{\"ticket_id\":\"t-4\"}"));
        assert!(!names(&Finder::new(b""), b"abc"));
    }
}
