//! A running stage: builds the consumer, the producer, the poll thread, the dispatcher and
//! the record worker, and runs them until shutdown.

use std::sync::Arc;

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Header, OwnedHeaders};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::info;

use super::context::RunnerContext;
use super::dispatch::{dispatch, Fetched, Limits};
use super::finishing::Finishing;
use super::hold::Hold;
use super::poll::poll_loop;
use super::tracking::Shared;
use super::wiring::{Input, Wiring};
use super::worker::Worker;
use crate::config::{KafkaConfig, RuntimeConfig};
use crate::messages::Codec;
use crate::runtime::backoff::Backoff;
use crate::runtime::metrics::StageMetrics;
use crate::runtime::stage::Stage;
use crate::state::StateDb;

/// Errors that stop a runner.
#[derive(Debug, thiserror::Error)]
pub enum RunnerError {
    /// The consumer could not be created or subscribed.
    #[error("kafka: {0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    /// The poll thread could not start or died.
    #[error("runner thread: {0}")]
    Thread(String),
}

/// Runs one stage against Kafka.
pub struct Runner {
    stage: Arc<dyn Stage>,
    wiring: Wiring,
    codec: Codec,
    brokers: String,
    group: String,
    kafka: KafkaConfig,
    runtime: RuntimeConfig,
    state: Option<StateDb>,
}

impl Runner {
    /// A runner for `stage` in consumer group `group`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        stage: Arc<dyn Stage>,
        wiring: Wiring,
        codec: Codec,
        brokers: &str,
        group: &str,
        kafka: KafkaConfig,
        runtime: RuntimeConfig,
        state: Option<StateDb>,
    ) -> Self {
        Runner {
            stage,
            wiring,
            codec,
            brokers: brokers.to_owned(),
            group: group.to_owned(),
            kafka,
            runtime,
            state,
        }
    }

    /// Runs until `shutdown` is cancelled, then drains in-flight work, commits and returns.
    pub async fn run(self, shutdown: CancellationToken) -> Result<(), RunnerError> {
        let name = self.stage.name();
        let metrics = StageMetrics::register(name);
        // One group per stage name: a second runner of the stage in this process joins it.
        let _ = metrics.group.set(self.group.clone());
        let hold = Arc::new(Hold::default());
        let shared = Arc::new(Shared::new(
            hold.clone(),
            self.runtime.drain_timeout,
            metrics.clone(),
        ));
        let consumer: BaseConsumer<RunnerContext> =
            crate::kafka::consumer_config(&self.brokers, &self.group, &self.kafka)
                .create_with_context(RunnerContext {
                    shared: shared.clone(),
                })?;
        let topics: Vec<&str> = self.wiring.inputs.iter().map(Input::topic).collect();
        consumer.subscribe(&topics)?;
        let consumer = Arc::new(consumer);
        let producer = crate::kafka::producer(&self.brokers, &self.kafka)
            .map_err(|e| RunnerError::Thread(e.to_string()))?;
        info!(stage = name, group = %self.group, ?topics, "stage started");

        let (tx, rx) = mpsc::unbounded_channel::<Fetched>();
        let poll = {
            let consumer = consumer.clone();
            let shared = shared.clone();
            let shutdown = shutdown.clone();
            let max = self.runtime.max_buffered.max(self.runtime.max_in_flight);
            std::thread::Builder::new()
                .name(format!("poll-{name}"))
                .spawn(move || poll_loop(&consumer, &shared, &tx, &shutdown, max))
                .map_err(|e| RunnerError::Thread(e.to_string()))?
        };

        let worker = Arc::new(Worker {
            stage: self.stage.clone(),
            wiring: self.wiring,
            codec: self.codec,
            producer,
            state: self.state,
            metrics: metrics.clone(),
            hold,
            backoff: Backoff {
                initial: self.runtime.retry_initial_backoff,
                max: self.runtime.retry_max_backoff,
            },
            budgets: self.runtime.retry.clone(),
            produce_timeout: self.runtime.produce_timeout,
            max_output_bytes: self.runtime.max_output_bytes,
            finishing: Arc::new(Finishing::default()),
            headers: OwnedHeaders::new()
                .insert(Header {
                    key: "frontdesk-stage",
                    value: Some(name),
                })
                .insert(Header {
                    key: "frontdesk-instance",
                    value: Some(instance_id()),
                }),
        });
        let limits = Limits {
            max_in_flight: self.runtime.max_in_flight,
            drain_timeout: self.runtime.drain_timeout,
        };
        dispatch(
            worker,
            consumer.clone(),
            shared.clone(),
            rx,
            shutdown,
            limits,
        )
        .await;

        {
            let mut t = shared.lock();
            t.drained = true;
            shared.notify();
        }
        let joined = tokio::task::spawn_blocking(move || poll.join()).await;
        if !matches!(joined, Ok(Ok(()))) {
            return Err(RunnerError::Thread("poll thread panicked".to_owned()));
        }
        info!(stage = name, "stage stopped");
        Ok(())
    }
}

/// This process, as stamped on every produced record (`frontdesk-instance` header).
pub fn instance_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let host = std::fs::read_to_string("/etc/hostname")
            .map(|h| h.trim().to_owned())
            .unwrap_or_default();
        format!(
            "{}@{}",
            std::process::id(),
            if host.is_empty() { "localhost" } else { &host }
        )
    })
}
