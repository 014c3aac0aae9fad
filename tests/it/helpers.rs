//! Shared helpers: brokers, random names, child processes, outbound collectors.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use frontdesk::config::Config;
use frontdesk::messages::{Codec, LocalSchemas};
use rdkafka::consumer::StreamConsumer;
use rdkafka::message::{Headers, Message};
use rdkafka::producer::{FutureProducer, FutureRecord};

pub use frontdesk::harness::Broker;

/// Which broker a test runs on.
#[derive(Clone, Copy, Debug)]
pub enum Which {
    Mock,
    Tansu,
}

/// The broker, or None when tansu is not configured and not required (the test is skipped
/// with a message; `scripts/test.sh` sets `FRONTDESK_REQUIRE_EXTERNAL=1`, making it fail).
pub fn broker(which: Which) -> Option<Broker> {
    match which {
        Which::Mock => Some(Broker::embedded().expect("mock cluster starts")),
        Which::Tansu => match std::env::var("FRONTDESK_TEST_KAFKA") {
            Ok(addr) => Some(Broker::External(addr)),
            Err(_) => {
                assert!(
                    std::env::var("FRONTDESK_REQUIRE_EXTERNAL").is_err(),
                    "FRONTDESK_TEST_KAFKA is not set but FRONTDESK_REQUIRE_EXTERNAL is: run scripts/test.sh"
                );
                eprintln!(
                    "skipped: FRONTDESK_TEST_KAFKA is not set (scripts/test.sh starts tansu)"
                );
                None
            }
        },
    }
}

/// The PII vault's keys for child processes (base64 of 32 bytes each): every process of a
/// test reads the others' tokens.
pub const VAULT_KEYS: [(&str, &str); 2] = [
    (
        "FRONTDESK_TOKEN_KEY",
        "dGVzdC10b2tlbi1rZXktdGhpcnR5LXR3by1ieXRlcyE=",
    ),
    (
        "FRONTDESK_VAULT_KEY",
        "dGVzdC12YXVsdC1rZXktdGhpcnR5LXR3by1ieXRlcyE=",
    ),
];

pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

/// A config with random topic and group names and a fresh SQLite state file.
pub fn test_config(dir: &std::path::Path) -> Config {
    let mut cfg = Config::default();
    let prefix = unique("it");
    cfg.topics.prefix = prefix.clone();
    cfg.kafka.group_prefix = prefix;
    cfg.kafka.session_timeout = Duration::from_secs(10);
    cfg.kafka.max_poll_interval = Duration::from_secs(20);
    cfg.runtime.drain_timeout = Duration::from_secs(5);
    cfg.runtime.retry_initial_backoff = Duration::from_millis(20);
    cfg.runtime.retry_max_backoff = Duration::from_millis(500);
    cfg.state.url = format!("sqlite://{}?mode=rwc", dir.join("state.db").display());
    cfg
}

pub fn codec() -> Codec {
    Codec::new(std::sync::Arc::new(LocalSchemas), Default::default())
}

pub async fn apply_topics(cfg: &Config, broker: &Broker) -> frontdesk::topics::Topics {
    let topics = frontdesk::pipeline::topics(cfg).unwrap();
    broker.create_topics(&topics, cfg).await.unwrap();
    topics
}

pub async fn create_topic(cfg: &Config, broker: &Broker, name: &str, partitions: i32) {
    use rdkafka::admin::{AdminOptions, NewTopic, TopicReplication};
    let brokers = match broker {
        Broker::Embedded(m) => return m.create_topic(name, partitions).unwrap(),
        Broker::External(b) => b,
    };
    let admin = frontdesk::kafka::admin(brokers, &cfg.kafka).unwrap();
    let t = NewTopic::new(name, partitions, TopicReplication::Fixed(1));
    let r = admin
        .create_topics([&t], &AdminOptions::new())
        .await
        .unwrap();
    for x in r {
        x.unwrap();
    }
}

pub fn producer(cfg: &Config, brokers: &str) -> FutureProducer {
    frontdesk::kafka::producer(brokers, &cfg.kafka).unwrap()
}

pub async fn send(p: &FutureProducer, topic: &str, key: &str, value: &[u8]) {
    p.send(
        FutureRecord::to(topic).key(key).payload(value),
        Duration::from_secs(30),
    )
    .await
    .map_err(|(e, _)| e)
    .unwrap();
}

/// A consumer of `topics` from the beginning, in a group of its own.
/// A reader of every partition of `topics` from its start. It is assigned its partitions,
/// not a member of a consumer group: what a test sees then never depends on the broker's
/// group coordinator (tansu 0.6 does not always give a rejoining member its partitions back),
/// only on what the topics hold.
pub fn observer(cfg: &Config, brokers: &str, topics: &[&str]) -> StreamConsumer {
    use rdkafka::consumer::Consumer;
    let c: StreamConsumer = frontdesk::kafka::base_config(brokers, &cfg.kafka)
        .set("group.id", unique("observer"))
        .set("enable.auto.commit", "false")
        .create()
        .unwrap();
    let mut tpl = rdkafka::TopicPartitionList::new();
    for topic in topics {
        let partitions = (0..50)
            .find_map(|_| {
                let md = c.fetch_metadata(Some(topic), Duration::from_secs(5)).ok()?;
                let n = md.topics().first().map_or(0, |t| t.partitions().len());
                if n == 0 {
                    std::thread::sleep(Duration::from_millis(200));
                }
                (n > 0).then_some(n)
            })
            .unwrap_or_else(|| panic!("no partitions of {topic} in the metadata"));
        for p in 0..partitions as i32 {
            tpl.add_partition_offset(topic, p, rdkafka::Offset::Beginning)
                .unwrap();
        }
    }
    c.assign(&tpl).unwrap();
    c
}

/// A record seen by an observer.
#[derive(Debug, Clone)]
pub struct Seen {
    pub topic: String,
    pub value: Vec<u8>,
    pub headers: HashMap<String, String>,
}

/// Collects whatever arrives within `window`.
pub async fn collect_for(c: &StreamConsumer, window: Duration) -> Vec<Seen> {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + window;
    while let Ok(m) = tokio::time::timeout_at(deadline, c.recv()).await {
        seen.push(to_seen(&m.unwrap()));
    }
    seen
}

fn to_seen(m: &rdkafka::message::BorrowedMessage<'_>) -> Seen {
    let headers = m
        .headers()
        .map(|h| {
            h.iter()
                .filter_map(|x| {
                    x.value
                        .map(|v| (x.key.to_owned(), String::from_utf8_lossy(v).into_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    Seen {
        topic: m.topic().to_owned(),
        value: m.payload().unwrap_or_default().to_vec(),
        headers,
    }
}

/// Collects records until `done` says so, or panics after `timeout`.
pub async fn collect_until(
    c: &StreamConsumer,
    timeout: Duration,
    done: impl FnMut(&[Seen]) -> bool,
) -> Vec<Seen> {
    match try_collect_until(c, timeout, done).await {
        Ok(seen) => seen,
        Err(seen) => {
            let mut by_topic: std::collections::BTreeMap<&str, usize> = Default::default();
            for s in &seen {
                *by_topic.entry(s.topic.as_str()).or_default() += 1;
            }
            panic!(
                "timed out after collecting {} records ({by_topic:?})",
                seen.len()
            )
        }
    }
}

/// Collects records until `done` says so: `Err` with what was collected after `timeout`.
pub async fn try_collect_until(
    c: &StreamConsumer,
    timeout: Duration,
    mut done: impl FnMut(&[Seen]) -> bool,
) -> Result<Vec<Seen>, Vec<Seen>> {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + timeout;
    while !done(&seen) {
        match tokio::time::timeout_at(deadline, c.recv()).await {
            Ok(m) => seen.push(to_seen(&m.unwrap())),
            Err(_) => return Err(seen),
        }
    }
    Ok(seen)
}

/// A `frontdesk run` child process configured by environment.
pub struct ChildStage {
    pub child: Child,
}

impl ChildStage {
    pub fn spawn(cfg: &Config, brokers: &str, stages: &str) -> ChildStage {
        ChildStage::spawn_with(cfg, brokers, stages, &[])
    }

    /// Like [`ChildStage::spawn`], with extra environment variables.
    pub fn spawn_with(
        cfg: &Config,
        brokers: &str,
        stages: &str,
        env: &[(&str, &str)],
    ) -> ChildStage {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
        // The embedded broker lives in this test process: its sockets must not leak into
        // the child (see `no_inherited_descriptors`).
        frontdesk::chaos::supervisor::no_inherited_descriptors(&mut cmd);
        let child = cmd
            .envs(env.iter().copied())
            .args(["run", "--demo", "--stages", stages])
            .env("FRONTDESK__KAFKA__BROKERS", brokers)
            .env("FRONTDESK__TOPICS__PREFIX", &cfg.topics.prefix)
            .env("FRONTDESK__KAFKA__GROUP_PREFIX", &cfg.kafka.group_prefix)
            .env("FRONTDESK__KAFKA__SESSION_TIMEOUT", "10s")
            .env("FRONTDESK__KAFKA__MAX_POLL_INTERVAL", "20s")
            .env("FRONTDESK__RUNTIME__DRAIN_TIMEOUT", "5s")
            .env("FRONTDESK__STATE__URL", &cfg.state.url)
            .envs(VAULT_KEYS)
            // FRONTDESK_STAGE_LOG sets the child's filter, to read a failing run's stages
            .env(
                "RUST_LOG",
                std::env::var("FRONTDESK_STAGE_LOG")
                    .unwrap_or_else(|_| "warn,frontdesk=info".into()),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn frontdesk");
        ChildStage { child }
    }

    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// SIGKILL: no drain, no commit.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then wait for a clean exit; returns the exit code.
    pub fn terminate(mut self) -> Option<i32> {
        unsafe_kill(self.pid(), "TERM");
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            if std::time::Instant::now() > deadline {
                let _ = self.child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ChildStage {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unsafe_kill(pid: i32, sig: &str) {
    let _ = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status();
}
