//! What the bench's runs share (the broker, the state database, the sandbox store, this
//! executable) and what each run has of its own (a topic prefix and consumer groups, the
//! config file its stage processes read, the tickets it publishes).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use rdkafka::producer::{FutureProducer, FutureRecord};
use tokio_util::sync::{CancellationToken, DropGuard};

use crate::chaos::census::{deleted_found, stage_inputs, BrokerLogs, Deleted};
use crate::chaos::run::LOGS_EVERY;
use crate::chaos::store::{self, StoreFaults};
use crate::chaos::supervisor::Supervisor;
use crate::chaos::tickets::{Inbound, TicketMaker};
use crate::config::Config;
use crate::kafka::EmbeddedBroker;
use crate::stages::StageKind;
use crate::state::StateDb;

/// Tickets that warm a run's stage processes up (model loading, group joins) before
/// anything is timed.
pub(super) const WARM_TICKETS: usize = 50;

/// Tickets enqueued before their acknowledgements are awaited, so the publisher holds a
/// bounded batch rather than the whole backlog.
const PUBLISH_BATCH: usize = 10_000;

/// The broker, database and store of every run.
pub(super) struct Rig {
    /// Temporary files: the store's and (by default) the state's SQLite files, the
    /// config files and the stage processes' logs.
    dir: tempfile::TempDir,
    /// The mock cluster when no `--brokers` was given; kept alive for the whole bench.
    embedded: Option<EmbeddedBroker>,
    /// Bootstrap servers, the mock cluster's loopback address included.
    pub(super) brokers: String,
    /// The stage config: brokers, state and store filled in.
    cfg: Config,
    /// The state database, to count finished tickets.
    state: StateDb,
    exe: PathBuf,
    data_dir: PathBuf,
    /// Asked to stop (SIGINT, SIGTERM): every wait gives up, and the children are killed.
    pub(super) stop: CancellationToken,
    /// Partitions of every topic, when the bench set them (`--partitions`).
    partitions: Option<i32>,
    _stop_store: DropGuard,
}

impl Rig {
    /// Leaves the rig's files (the stage processes' logs, the SQLite files) in place after
    /// the bench ends, and says where, so a failed run can be read.
    pub(super) fn keep_files(&mut self) {
        self.dir.disable_cleanup(true);
        eprintln!(
            "the bench's files are kept in {}",
            self.dir.path().display()
        );
    }

    /// Starts the broker (unless `brokers`) and the store, and migrates the state database
    /// (`state_url`, or a fresh SQLite file) once, so the stage processes do not race to.
    pub(super) async fn start(
        base: Config,
        brokers: Option<String>,
        state_url: Option<String>,
        data_dir: &Path,
        stop: CancellationToken,
    ) -> anyhow::Result<Rig> {
        let dir = tempfile::tempdir().context("Failed to create a temporary directory")?;
        let embedded = match &brokers {
            Some(_) => None,
            None => Some(EmbeddedBroker::start(1).context("Failed to start the embedded broker")?),
        };
        let brokers = match (brokers, &embedded) {
            (Some(b), _) => b,
            (None, Some(e)) => e.bootstrap_servers().to_owned(),
            (None, None) => unreachable!("one of the two is set"),
        };
        let mut cfg = base;
        cfg.kafka.brokers = brokers.clone();
        cfg.state.url = state_url.unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("state.db").display()
            )
        });
        let state = StateDb::connect(&cfg.state.url, 2).await?;
        let stop_store = CancellationToken::new();
        let no_faults = StoreFaults {
            fail_rate: 0.0,
            lose_rate: 0.0,
        };
        let store_db = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("store.db").display()
        );
        let (store_url, _, _) =
            store::serve(&store_db, data_dir, no_faults, stop_store.clone()).await?;
        cfg.agent.store_url = Some(store_url);
        Ok(Rig {
            dir,
            embedded,
            brokers,
            cfg,
            state,
            exe: std::env::current_exe().context("Failed to find this executable")?,
            data_dir: data_dir.to_owned(),
            stop,
            partitions: None,
            _stop_store: stop_store.drop_guard(),
        })
    }

    /// Every run's topics get `n` partitions: the declarations are written again, with that
    /// count, into the rig's directory, and the stage processes read them from there.
    pub(super) fn set_partitions(&mut self, n: i32) -> anyhow::Result<()> {
        anyhow::ensure!(n >= 1, "--partitions must be at least 1");
        let text = match &self.cfg.topics.file {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("Failed to read {}", path.display()))?,
            None => crate::topics::DEFAULT_TOPICS.to_owned(),
        };
        let mut decls: toml::Value = toml::from_str(&text).context("Invalid topic declarations")?;
        for topic in decls
            .get_mut("topic")
            .and_then(toml::Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(t) = topic.as_table_mut() {
                t.insert("partitions".to_owned(), toml::Value::Integer(i64::from(n)));
            }
        }
        let file = self.dir.path().join("topics.toml");
        std::fs::write(&file, toml::to_string(&decls)?)?;
        // Checked here rather than by the first run.
        crate::topics::Topics::parse(&std::fs::read_to_string(&file)?, "check")?;
        self.cfg.topics.file = Some(file);
        self.partitions = Some(n);
        Ok(())
    }

    /// Partitions of every topic, when the bench set them.
    pub(super) fn partitions(&self) -> Option<i32> {
        self.partitions
    }

    /// Which broker, for the report.
    pub(super) fn broker_name(&self) -> String {
        match &self.embedded {
            Some(_) => format!(
                "embedded (librdkafka mock cluster, 1 broker, in the bench process, reached over TCP at {})",
                self.brokers
            ),
            None => self.brokers.clone(),
        }
    }

    /// Which state database, for the report.
    pub(super) fn state_name(&self) -> &'static str {
        if self.cfg.state.url.starts_with("postgres") {
            "postgres"
        } else {
            "sqlite (one file shared by the stage processes)"
        }
    }

    /// The stage processes' `kafka.fetch_wait_max`.
    pub(super) fn fetch_wait_max(&self) -> Duration {
        self.cfg.kafka.fetch_wait_max
    }

    /// A run of its own: fresh topics (declared here) and consumer groups under
    /// `backlog-<random>-<name>`, and the config file its processes read.
    pub(super) async fn lane(&self, name: &str) -> anyhow::Result<Lane<'_>> {
        let prefix = format!(
            "backlog-{}-{name}",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        let mut cfg = self.cfg.clone();
        cfg.topics.prefix = prefix.clone();
        cfg.kafka.group_prefix = prefix.clone();
        let topics = crate::pipeline::topics(&cfg)?;
        match &self.embedded {
            Some(e) => topics.apply_embedded(e)?,
            None => {
                let admin = crate::kafka::admin(&self.brokers, &cfg.kafka)?;
                topics.apply(&admin, cfg.topics.replication_factor).await?;
            }
        }
        let config_file = self.dir.path().join(format!("{name}.toml"));
        std::fs::write(
            &config_file,
            toml::to_string(&cfg).context("Failed to write the stage config")?,
        )?;
        let codec = crate::pipeline::codec(&cfg);
        let maker = TicketMaker::new(&self.data_dir, &codec, &topics, &prefix).await?;
        let producer = crate::kafka::producer(&self.brokers, &cfg.kafka)?;
        let log_dir = self.dir.path().join(name);
        std::fs::create_dir_all(&log_dir)?;
        // The embedded broker drops the oldest records of a partition past 5 MiB.
        // The lane's watcher stops with the lane (or when the bench is asked to stop).
        let watching = self.stop.child_token();
        let deleted = match &self.embedded {
            Some(_) => Some(
                BrokerLogs::new(
                    &self.brokers,
                    &cfg.kafka,
                    stage_inputs(&topics, &cfg.kafka.group_prefix),
                )?
                .watch(LOGS_EVERY, watching.clone()),
            ),
            None => None,
        };
        Ok(Lane {
            rig: self,
            prefix,
            config_file,
            log_dir,
            maker,
            producer,
            deleted,
            _watching: watching.drop_guard(),
        })
    }
}

/// One run's topics, groups, tickets and stage processes.
pub(super) struct Lane<'a> {
    rig: &'a Rig,
    prefix: String,
    config_file: PathBuf,
    log_dir: PathBuf,
    maker: TicketMaker,
    producer: FutureProducer,
    /// Records the broker deleted before their stage read them (embedded broker only).
    deleted: Option<Deleted>,
    /// Stops the watcher behind `deleted` when the lane is dropped.
    _watching: DropGuard,
}

impl Lane<'_> {
    /// Starts `per_stage` processes of each of the four stages.
    pub(super) fn start_stages(&self, per_stage: usize) -> anyhow::Result<Supervisor> {
        let kinds: Vec<StageKind> = (0..per_stage)
            .flat_map(|_| StageKind::ALL.iter().copied())
            .collect();
        Supervisor::start(&self.rig.exe, &self.config_file, &self.log_dir, &kinds)
    }

    /// The `i`-th ticket of this run.
    pub(super) async fn ticket(&self, i: usize) -> anyhow::Result<Inbound> {
        self.maker.make(i).await
    }

    /// Enqueues a ticket; the returned future resolves when the broker acknowledged it (it
    /// keeps the ticket, to produce it again after an acknowledgement without an offset).
    pub(super) async fn send(
        &self,
        t: Inbound,
    ) -> impl std::future::Future<Output = anyhow::Result<()>> {
        let record = FutureRecord::to(&t.topic).key(&t.key).payload(&t.value);
        let ack = crate::kafka::enqueue(&self.producer, record).await;
        let producer = self.producer.clone();
        async move {
            let record = || FutureRecord::to(&t.topic).key(&t.key).payload(&t.value);
            crate::kafka::confirm(ack, &producer, record, Duration::from_secs(30))
                .await
                .map(|_| ())
                .map_err(|e| anyhow::anyhow!("publishing a ticket: {e}"))
        }
    }

    /// Publishes tickets `from..to` as fast as the broker takes them, in bounded batches.
    pub(super) async fn publish(&self, from: usize, to: usize) -> anyhow::Result<()> {
        let mut first = from;
        while first < to {
            let last = (first + PUBLISH_BATCH).min(to);
            let mut acks = Vec::with_capacity(last - first);
            for i in first..last {
                acks.push(self.send(self.ticket(i).await?).await);
            }
            for ack in acks {
                ack.await?;
            }
            first = last;
        }
        Ok(())
    }

    /// Publishes the first [`WARM_TICKETS`] tickets and waits until they are finished.
    pub(super) async fn warm_up(
        &self,
        stages: &mut Supervisor,
        timeout: Duration,
    ) -> anyhow::Result<()> {
        self.publish(0, WARM_TICKETS).await?;
        let quick = Duration::from_millis(20);
        self.wait_for(WARM_TICKETS as u64, stages, timeout, quick, |_, _| {})
            .await
    }

    /// Tickets of this run whose terminal outcome is acknowledged.
    pub(super) async fn finished(&self) -> anyhow::Result<u64> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM processed_tickets WHERE ticket_id LIKE $1")
                .bind(format!("{}-%", self.prefix))
                .fetch_one(self.rig.state.pool())
                .await
                .context("Failed to count the finished tickets")?;
        Ok(n.max(0) as u64)
    }

    /// When each finished ticket of this run finished (ms since the epoch), by ticket id.
    pub(super) async fn finished_at(&self) -> anyhow::Result<Vec<(String, i64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT ticket_id, finished_at FROM processed_tickets WHERE ticket_id LIKE $1",
        )
        .bind(format!("{}-%", self.prefix))
        .fetch_all(self.rig.state.pool())
        .await
        .context("Failed to read when the tickets finished")?;
        Ok(rows)
    }

    /// Waits until `total` tickets of this run are finished, polling every `every` and
    /// calling `each` with the count after each poll; fails on a stage process that exited
    /// by itself, after `timeout`, or when the bench is asked to stop.
    pub(super) async fn wait_for(
        &self,
        total: u64,
        stages: &mut Supervisor,
        timeout: Duration,
        every: Duration,
        mut each: impl FnMut(u64, &mut Supervisor),
    ) -> anyhow::Result<()> {
        let started = Instant::now();
        loop {
            let finished = self.finished().await?;
            each(finished, stages);
            if finished >= total {
                return Ok(());
            }
            if let Some(error) = self.deleted.as_ref().and_then(deleted_found) {
                return Err(error);
            }
            if let Some((kind, status)) = stages.exited() {
                anyhow::bail!(
                    "the {} stage process exited by itself ({status}); its log is in {}",
                    kind.as_str(),
                    self.log_dir.display()
                );
            }
            anyhow::ensure!(
                started.elapsed() < timeout,
                "{finished} of {total} tickets finished within {timeout:?}"
            );
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = self.rig.stop.cancelled() => anyhow::bail!("interrupted"),
            }
        }
    }
}

/// Stops the stage processes (SIGTERM, a graceful drain) off the runtime's threads.
pub(super) async fn stop_stages(stages: Supervisor) -> anyhow::Result<()> {
    tokio::task::spawn_blocking(move || stages.stop()).await?;
    Ok(())
}
