//! Typed configuration: defaults, then a TOML file, then `FRONTDESK__SECTION__KEY`
//! environment variables. Unknown keys are errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

/// The whole configuration.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Kafka connection.
    pub kafka: KafkaConfig,
    /// Topic names.
    pub topics: TopicsConfig,
    /// Stage runtime tuning.
    pub runtime: RuntimeConfig,
    /// State database.
    pub state: StateConfig,
    /// Schema registry.
    pub schema_registry: SchemaRegistryConfig,
    /// Metrics endpoint.
    pub metrics: MetricsConfig,
    /// The agent's models, registry, tools and help center.
    pub agent: AgentConfig,
    /// Model providers and roles (`frontdesk-llm`); empty: fully offline.
    pub llm: frontdesk_llm::LlmConfig,
    /// Helpdesks and mailboxes: the webhook gateway, the IMAP poller, import and deliver.
    pub channels: crate::channels::ChannelsConfig,
    /// The agent-assist console (`frontdesk console serve`).
    pub console: crate::console::ConsoleConfig,
    /// PII tokenised at ingress, the vault and its keys.
    pub privacy: crate::privacy::PrivacyConfig,
    /// How long each state table keeps its rows (`frontdesk retention run`).
    pub retention: crate::privacy::RetentionConfig,
    /// Shadow mode (`frontdesk run --shadow`): its own topics, groups and state; no writes.
    pub shadow: crate::shadow::ShadowConfig,
}

/// What the stages load: relative paths are looked up in the working directory, then in
/// the frontdesk home (`FRONTDESK_HOME`; see [`crate::home`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AgentConfig {
    /// Intent registry (bands, thresholds, allow-lists).
    pub registry: PathBuf,
    /// Trained router model directory.
    pub router_model: PathBuf,
    /// Tool declarations.
    pub tools: PathBuf,
    /// Base URL of the store's API; the tools stage calls nothing when unset.
    pub store_url: Option<String>,
    /// Ticket headers passed through to the store on every tool call, added to the tools
    /// config's `forward_ticket_headers` (the eval sets `x-sandbox-tenant` here so each case
    /// acts on its own sandbox store).
    pub store_forward_headers: Vec<String>,
    /// Offline planner procedures; the planner's shipped procedures when unset.
    pub procedures: Option<PathBuf>,
    /// Write-action gate: value ceilings, rate limits, daily cap.
    pub limits: PathBuf,
    /// PII kinds a handoff keeps unmasked for the person who takes it (transcript and tool
    /// log); everything else is masked. Resolutions' tool records and audit records are
    /// always masked in full.
    pub handoff_pii: frontdesk_guard::MaskConfig,
    /// Help-center sources: `.md` policy files (split by section) or `.jsonl` documents.
    pub help_center: Vec<PathBuf>,
    /// Minimum router confidence to resolve without a human.
    pub min_route_confidence: f64,
    /// Tickets the tools stage plans and acts on at once (per process). Each holds its
    /// customer's store reads (user, orders, products) until its output is built; the
    /// rest of `runtime.max_in_flight` wait holding only their envelope. Bounds the tools
    /// stage's memory under a backlog.
    pub max_concurrent_plans: usize,
}

impl Default for AgentConfig {
    fn default() -> Self {
        AgentConfig {
            registry: PathBuf::from("config/intents.toml"),
            router_model: PathBuf::from("models/router/retail"),
            tools: PathBuf::from("config/tools.toml"),
            store_url: None,
            store_forward_headers: vec![],
            procedures: None,
            limits: PathBuf::from("config/limits.toml"),
            handoff_pii: frontdesk_guard::MaskConfig::handoff(),
            help_center: vec![PathBuf::from("data/retail/policy.md")],
            min_route_confidence: 0.5,
            max_concurrent_plans: 32,
        }
    }
}

/// Kafka connection settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KafkaConfig {
    /// `host:port,...`, or `embedded` for librdkafka's in-process mock cluster.
    pub brokers: String,
    /// Prefix of every consumer group id: the group of a stage is `<prefix>.<stage>`.
    pub group_prefix: String,
    /// Consumer session timeout; the drain deadline on revoke must be shorter.
    #[serde(with = "humantime_serde")]
    pub session_timeout: Duration,
    /// Longest time between polls before the member is considered stuck; also the group's
    /// rebalance timeout, i.e. how long a rebalance waits for members to rejoin.
    #[serde(with = "humantime_serde")]
    pub max_poll_interval: Duration,
    /// Static group membership (`group.instance.id`): a stage process restarted with the
    /// same id takes its partitions back at once, instead of after the dead member's
    /// session times out. Unique per process of a stage; unset: dynamic membership.
    pub group_instance_id: Option<String>,
    /// Longest time a stage's fetch waits at the broker for records before it returns empty
    /// (`fetch.wait.max.ms`): on a quiet pipeline each hop can wait this long, so it bounds
    /// a ticket's latency at low load from above (librdkafka's default is 500 ms); shorter
    /// costs more empty fetches while idle. `frontdesk bench backlog` measures the floor.
    #[serde(with = "humantime_serde")]
    pub fetch_wait_max: Duration,
    /// Most kibibytes of records a stage's consumer fetches ahead of the records it works
    /// on (`queued.max.messages.kbytes`, counted as the broker stores them, i.e. before
    /// lz4 decompression). Under a backlog this read-ahead is most of a stage's memory:
    /// librdkafka's default (64 MiB compressed) grew the tools stage by about 150 MiB over a
    /// drain (`docs/MEASUREMENTS.md`, issue #18). A few MiB are many seconds of work.
    pub prefetch_max_kib: u32,
    /// Raw librdkafka options, applied last (e.g. `security.protocol`).
    pub librdkafka_options: BTreeMap<String, String>,
}

impl KafkaConfig {
    /// The value of `brokers` that means librdkafka's in-process mock cluster.
    pub const EMBEDDED: &'static str = "embedded";

    /// Whether `brokers` names the in-process mock cluster (one process, nothing else can
    /// reach it) rather than a real cluster.
    pub fn is_embedded(&self) -> bool {
        self.brokers == Self::EMBEDDED
    }
}

impl Default for KafkaConfig {
    fn default() -> Self {
        KafkaConfig {
            brokers: KafkaConfig::EMBEDDED.to_owned(),
            group_prefix: "frontdesk".to_owned(),
            session_timeout: Duration::from_secs(45),
            max_poll_interval: Duration::from_secs(300),
            group_instance_id: None,
            fetch_wait_max: Duration::from_millis(100),
            prefetch_max_kib: 8 * 1024,
            librdkafka_options: BTreeMap::new(),
        }
    }
}

/// Where topics are declared and how their names are formed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TopicsConfig {
    /// Physical topic name = `<prefix>.<name>`.
    pub prefix: String,
    /// Declarations file; the compiled-in `topics/topics.toml` when unset.
    pub file: Option<PathBuf>,
    /// Replication factor used by `topics apply`.
    pub replication_factor: i32,
}

impl Default for TopicsConfig {
    fn default() -> Self {
        TopicsConfig {
            prefix: "frontdesk".to_owned(),
            file: None,
            replication_factor: 1,
        }
    }
}

/// Stage runtime tuning.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuntimeConfig {
    /// Records processed concurrently per stage (each of a different key).
    pub max_in_flight: usize,
    /// Records accepted and unfinished per stage (running, ready, or queued behind a
    /// running record of their key, or awaiting acknowledgements); at it, fetching stops,
    /// and the assignment is paused if the backlog does not clear within a second.
    pub max_buffered: usize,
    /// On revoke or shutdown, how long in-flight work may take to finish.
    #[serde(with = "humantime_serde")]
    pub drain_timeout: Duration,
    /// First retry delay of a transient failure.
    #[serde(with = "humantime_serde")]
    pub retry_initial_backoff: Duration,
    /// Longest retry delay.
    #[serde(with = "humantime_serde")]
    pub retry_max_backoff: Duration,
    /// Largest record value accepted; larger ones are dead-lettered.
    pub max_record_bytes: usize,
    /// Largest ticket body accepted; larger ones are dead-lettered.
    pub max_body_bytes: usize,
    /// How long a produce may wait for the broker's acknowledgement before retrying.
    #[serde(with = "humantime_serde")]
    pub produce_timeout: Duration,
    /// Largest output value the runner produces (below the producer's and the broker's
    /// `message.max.bytes`, 1,000,000 by default); larger outputs are shrunk (a handoff's
    /// transcript windowed, tool responses dropped) or handed to a person.
    pub max_output_bytes: usize,
    /// Retry budgets per cause: when one is spent the ticket goes to a person.
    pub retry: crate::runtime::budget::RetryBudgets,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            max_in_flight: 256,
            max_buffered: 2048,
            drain_timeout: Duration::from_secs(20),
            retry_initial_backoff: Duration::from_millis(200),
            retry_max_backoff: Duration::from_secs(30),
            max_record_bytes: 1 << 20,
            max_body_bytes: 64 * 1024,
            produce_timeout: Duration::from_secs(30),
            max_output_bytes: 900_000,
            retry: Default::default(),
        }
    }
}

/// State database.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StateConfig {
    /// `sqlite://path?mode=rwc` (default) or `postgres://...`.
    pub url: String,
    /// Connection pool size.
    pub max_connections: u32,
}

impl Default for StateConfig {
    fn default() -> Self {
        StateConfig {
            url: "sqlite://.frontdesk/state.db?mode=rwc".to_owned(),
            max_connections: 8,
        }
    }
}

/// Schema registry.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SchemaRegistryConfig {
    /// Confluent-compatible registry URL; the compiled-in `schemas/` when unset.
    pub url: Option<String>,
    /// Request timeout.
    #[serde(with = "humantime_serde")]
    pub timeout: Duration,
}

impl Default for SchemaRegistryConfig {
    fn default() -> Self {
        SchemaRegistryConfig {
            url: None,
            timeout: Duration::from_secs(5),
        }
    }
}

/// Prometheus metrics endpoint.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    /// `host:port` to serve `/metrics` on; off when unset.
    pub listen: Option<String>,
}

/// A shipped file or directory (`data/...`, `models/...`, `config/...`): under the
/// working directory if it is there, else under the frontdesk home ([`crate::home`]:
/// `$FRONTDESK_HOME`, beside the binary, `/usr/share/frontdesk`, the source tree).
pub fn resolve_path(relative: impl AsRef<Path>) -> Result<PathBuf, crate::home::MissingFile> {
    crate::home::shipped(relative)
}

/// Errors loading configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The sources do not form a valid config.
    #[error("invalid configuration: {0}")]
    Invalid(#[from] Box<figment::Error>),
    /// A cross-field rule is broken.
    #[error("invalid configuration: {0}")]
    Rule(String),
}

impl Config {
    /// Loads defaults, then `file` if given, then `FRONTDESK__*` environment variables.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        if let Some(f) = file {
            fig = fig.merge(Toml::file_exact(f));
        }
        fig = fig.merge(Env::prefixed("FRONTDESK__").split("__").lowercase(true));
        let cfg: Config = fig.extract().map_err(Box::new)?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Cross-field rules.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.runtime.drain_timeout >= self.kafka.session_timeout {
            return Err(ConfigError::Rule(format!(
                "runtime.drain_timeout ({:?}) must be shorter than kafka.session_timeout ({:?}) so a revoked partition is released before the group evicts this member",
                self.runtime.drain_timeout, self.kafka.session_timeout
            )));
        }
        self.console.validate().map_err(ConfigError::Rule)?;
        if self.runtime.max_in_flight == 0 {
            return Err(ConfigError::Rule(
                "runtime.max_in_flight must be at least 1".to_owned(),
            ));
        }
        if self.agent.max_concurrent_plans == 0 {
            return Err(ConfigError::Rule(
                "agent.max_concurrent_plans must be at least 1".to_owned(),
            ));
        }
        self.channels.validate().map_err(ConfigError::Rule)?;
        self.shadow.validate(self).map_err(ConfigError::Rule)?;
        let acks = self.kafka.librdkafka_options.get("acks");
        if acks.is_some_and(|a| a.trim() == "0") {
            return Err(ConfigError::Rule(
                "kafka.librdkafka_options.acks = 0: the broker would never say a record is in its log, \
                 so no output could ever be confirmed (every producer here waits for the offset)"
                    .to_owned(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        Config::default().validate().unwrap();
    }

    #[test]
    fn acks_zero_is_refused() {
        let mut cfg = Config::default();
        cfg.kafka
            .librdkafka_options
            .insert("acks".to_owned(), "0".to_owned());
        let error = cfg.validate().unwrap_err().to_string();
        assert!(error.contains("acks"), "{error}");
        cfg.kafka
            .librdkafka_options
            .insert("acks".to_owned(), "1".to_owned());
        cfg.validate().unwrap();
    }

    #[test]
    fn the_shipped_example_config_is_valid() {
        let f = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/frontdesk.example.toml");
        Config::load(Some(Path::new(f))).unwrap();
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.toml");
        std::fs::write(&f, "[runtime]\nmax_in_flite = 3\n").unwrap();
        let err = Config::load(Some(&f)).unwrap_err().to_string();
        assert!(err.contains("max_in_flite"), "{err}");
    }

    #[test]
    fn file_values_and_durations_parse_and_drain_must_undercut_session() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.toml");
        std::fs::write(
            &f,
            "[runtime]\nmax_in_flight = 3\ndrain_timeout = \"50s\"\n",
        )
        .unwrap();
        let err = Config::load(Some(&f)).unwrap_err().to_string();
        assert!(err.contains("drain_timeout"), "{err}");
        std::fs::write(&f, "[runtime]\nmax_in_flight = 3\ndrain_timeout = \"5s\"\n").unwrap();
        let cfg = Config::load(Some(&f)).unwrap();
        assert_eq!(cfg.runtime.max_in_flight, 3);
        assert_eq!(cfg.runtime.drain_timeout, Duration::from_secs(5));
    }
}
