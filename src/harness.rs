//! The in-process harness: a broker, the state database, the topics, the sandbox store and
//! the stages, started in one call and stopped in one call. `frontdesk demo`, `frontdesk
//! eval`, `frontdesk bench` and the integration tests all start the pipeline through it, so
//! there is one start-up path to read and to get right.
//!
//! ```text
//! Harness::start(cfg, HarnessOptions { .. })
//!   broker   embedded mock cluster, a shared one, or an external cluster
//!   topics   `cfg.topics` declared on it (mock API or admin client)
//!   state    `cfg.state.url`, or a fresh SQLite file in a temporary directory
//!   store    none, one sandbox store, or one store per tenant (eval); `agent.store_url` set
//!   stages   the configured stages (`pipeline::build_stage`) or given ones, one runner each
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use tokio::task::{JoinHandle, JoinSet};
use tokio_util::sync::CancellationToken;

use crate::config::Config;
use crate::kafka::EmbeddedBroker;
use crate::messages::Codec;
use crate::runtime::{RunnerError, Stage};
use crate::stages::StageKind;
use crate::state::StateDb;
use crate::topics::Topics;

/// Which broker the pipeline runs on.
#[derive(Clone)]
pub enum Broker {
    /// librdkafka's in-process mock cluster (shared: several harnesses may use one).
    Embedded(Arc<EmbeddedBroker>),
    /// A real cluster, by bootstrap servers.
    External(String),
}

impl Broker {
    /// A fresh single-broker mock cluster.
    pub fn embedded() -> anyhow::Result<Broker> {
        Ok(Broker::Embedded(Arc::new(
            EmbeddedBroker::start(1).context("Failed to start the embedded broker")?,
        )))
    }

    /// The bootstrap servers.
    pub fn bootstrap(&self) -> String {
        match self {
            Broker::Embedded(b) => b.bootstrap_servers().to_owned(),
            Broker::External(s) => s.clone(),
        }
    }

    /// Declares `topics` (the mock cluster has no admin API for it; a cluster has).
    pub async fn create_topics(&self, topics: &Topics, cfg: &Config) -> anyhow::Result<()> {
        match self {
            Broker::Embedded(b) => topics
                .apply_embedded(b)
                .context("Failed to create topics on the embedded broker"),
            Broker::External(s) => {
                let admin = crate::kafka::admin(s, &cfg.kafka)?;
                topics
                    .apply(&admin, cfg.topics.replication_factor)
                    .await
                    .context("Failed to create topics")?;
                Ok(())
            }
        }
    }
}

/// The store the tools stage calls.
pub enum Store {
    /// No store: the tools stage calls nothing.
    None,
    /// The shipped retail store from `data_dir`, persisted at `db_url`.
    Sandbox {
        /// sqlx URL of the store's database.
        db_url: String,
        /// The retail data it is seeded from.
        data_dir: PathBuf,
    },
    /// One fresh store per tenant (the `x-sandbox-tenant` header), as the eval uses.
    Tenants(frontdesk_sandbox::Tenants),
}

/// Which stages run.
pub enum Stages {
    /// The configured stage logic of these kinds ([`crate::pipeline::build_stage`]).
    Configured(Vec<StageKind>),
    /// Given stage logic (benchmarks, tests), one runner each.
    Given(Vec<(StageKind, Arc<dyn Stage>)>),
}

/// What to start.
pub struct HarnessOptions {
    /// The broker.
    pub broker: Broker,
    /// The store.
    pub store: Store,
    /// The stages.
    pub stages: Stages,
    /// Use `cfg.state.url` as it is; otherwise a fresh SQLite file in a temporary directory.
    pub keep_state_url: bool,
    /// Declare `cfg.topics` on an external cluster too (they are always declared on the
    /// embedded broker, which nothing else can reach). `frontdesk run` leaves this to
    /// `frontdesk topics apply`.
    pub declare_topics: bool,
}

/// A running pipeline.
pub struct Harness {
    /// The config the stages run with (store URL and state URL filled in).
    pub cfg: Config,
    /// The broker.
    pub broker: Broker,
    /// Its bootstrap servers.
    pub brokers: String,
    /// The declared topics.
    pub topics: Topics,
    /// The codec of the config.
    pub codec: Codec,
    /// The state database.
    pub state: StateDb,
    /// Cancelled by [`Harness::stop`]; stages and the store drain on it.
    pub shutdown: CancellationToken,
    tasks: JoinSet<Result<(), RunnerError>>,
    store: Option<JoinHandle<std::io::Result<()>>>,
    _dir: Option<tempfile::TempDir>,
}

impl Harness {
    /// Starts broker topics, state, store and stages.
    pub async fn start(mut cfg: Config, opts: HarnessOptions) -> anyhow::Result<Harness> {
        let brokers = opts.broker.bootstrap();
        let topics = crate::pipeline::topics(&cfg)?;
        if opts.declare_topics || matches!(opts.broker, Broker::Embedded(_)) {
            opts.broker.create_topics(&topics, &cfg).await?;
        }
        if cfg.shadow.enabled {
            // A shadow run owns its topics: it declares them wherever it runs.
            let shadow = crate::shadow::topics(&cfg)?;
            opts.broker.create_topics(&shadow, &cfg).await?;
        }
        let dir = if opts.keep_state_url {
            None
        } else {
            let dir = tempfile::tempdir().context("Failed to create a temporary directory")?;
            cfg.state.url = format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("state.db").display()
            );
            Some(dir)
        };
        let state = StateDb::connect(&cfg.state.url, cfg.state.max_connections)
            .await
            .context("Failed to open the state database")?;
        let shutdown = CancellationToken::new();
        let store = serve_store(opts.store, &mut cfg, &shutdown).await?;
        let codec = crate::pipeline::codec(&cfg);
        let mut tasks = JoinSet::new();
        match opts.stages {
            Stages::Configured(kinds) => {
                crate::pipeline::spawn_stages(&cfg, &brokers, &kinds, &state, &shutdown, &mut tasks)
                    .await?
            }
            Stages::Given(given) => {
                for (kind, stage) in given {
                    let runner = crate::pipeline::runner(kind, stage, &cfg, &brokers, &state)?;
                    tasks.spawn(runner.run(shutdown.clone()));
                }
            }
        }
        Ok(Harness {
            cfg,
            broker: opts.broker,
            brokers,
            topics,
            codec,
            state,
            shutdown,
            tasks,
            store,
            _dir: dir,
        })
    }

    /// Runs until [`Harness::shutdown`] is cancelled (a signal, say) or a stage fails: a
    /// failing stage stops them all. Then stops the store. The first failure is the result.
    pub async fn run_until_stopped(mut self) -> anyhow::Result<()> {
        let mut result = Ok(());
        while let Some(r) = self.tasks.join_next().await {
            let r = r
                .map_err(anyhow::Error::from)
                .and_then(|r| r.map_err(anyhow::Error::from));
            if let Err(e) = r {
                tracing::error!(error = %e, "stage failed: stopping");
                self.shutdown.cancel();
                if result.is_ok() {
                    result = Err(e);
                }
            }
        }
        self.stop().await.and(result)
    }

    /// Stops everything: the stages drain and commit, then the store stops. The first
    /// stage or store failure is the result.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        self.shutdown.cancel();
        crate::pipeline::join_stages(&mut self.tasks).await?;
        if let Some(store) = self.store.take() {
            store
                .await
                .context("sandbox task panicked")?
                .context("sandbox failed")?;
        }
        Ok(())
    }
}

/// Serves the store on a loopback port and points `agent.store_url` at it.
async fn serve_store(
    store: Store,
    cfg: &mut Config,
    shutdown: &CancellationToken,
) -> anyhow::Result<Option<JoinHandle<std::io::Result<()>>>> {
    let stop = shutdown.clone();
    let stopped = async move { stop.cancelled().await };
    let task = match store {
        Store::None => return Ok(None),
        Store::Sandbox { db_url, data_dir } => {
            let store = frontdesk_sandbox::Store::open(&db_url, &data_dir)
                .await
                .context("Failed to open the sandbox store")?;
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            cfg.agent.store_url = Some(format!("http://{}", listener.local_addr()?));
            tokio::spawn(frontdesk_sandbox::serve(listener, store, stopped))
        }
        Store::Tenants(tenants) => {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            cfg.agent.store_url = Some(format!("http://{}", listener.local_addr()?));
            let header = frontdesk_sandbox::TENANT_HEADER.to_owned();
            if !cfg.agent.store_forward_headers.contains(&header) {
                cfg.agent.store_forward_headers.push(header);
            }
            tokio::spawn(tenants.serve(listener, stopped))
        }
    };
    Ok(Some(task))
}
