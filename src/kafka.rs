//! Kafka client setup, in one place: client configs for every role, and the embedded
//! broker (librdkafka's mock cluster) used by `frontdesk demo` and the tests.

use std::sync::mpsc;
use std::thread::JoinHandle;

use rdkafka::admin::AdminClient;
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::message::ToBytes;
use rdkafka::mocking::MockCluster;
use rdkafka::producer::future_producer::Delivery;
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord};
use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};

use crate::config::KafkaConfig;

/// Errors setting up Kafka clients.
#[derive(Debug, thiserror::Error)]
pub enum KafkaSetupError {
    /// librdkafka refused the configuration.
    #[error("kafka client: {0}")]
    Client(#[from] rdkafka::error::KafkaError),
    /// The embedded broker could not start.
    #[error("embedded broker: {0}")]
    Embedded(String),
}

/// The base client config: brokers plus passthrough options.
pub fn base_config(brokers: &str, cfg: &KafkaConfig) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", brokers);
    c.set("client.id", "frontdesk");
    with_passthrough(c, cfg)
}

/// `c` with the configured raw librdkafka options set last, so they win.
fn with_passthrough(mut c: ClientConfig, cfg: &KafkaConfig) -> ClientConfig {
    for (k, v) in &cfg.librdkafka_options {
        c.set(k, v);
    }
    c
}

/// A producer that waits for every in-sync replica and never reorders or duplicates on retry.
pub fn producer_config(brokers: &str, cfg: &KafkaConfig) -> ClientConfig {
    let mut c = base_config(brokers, cfg);
    c.set("acks", "all")
        .set("enable.idempotence", "true")
        .set("linger.ms", "5")
        .set("compression.type", "lz4")
        .set("message.timeout.ms", "30000");
    with_passthrough(c, cfg)
}

/// A consumer for the group of a stage: offsets stored by the runner, committed in the background.
pub fn consumer_config(brokers: &str, group: &str, cfg: &KafkaConfig) -> ClientConfig {
    let mut c = base_config(brokers, cfg);
    c.set("group.id", group)
        .set("enable.auto.commit", "true")
        .set("auto.commit.interval.ms", "1000")
        .set("enable.auto.offset.store", "false")
        .set("auto.offset.reset", "earliest")
        .set(
            "session.timeout.ms",
            cfg.session_timeout.as_millis().to_string(),
        )
        .set(
            "max.poll.interval.ms",
            cfg.max_poll_interval.as_millis().to_string(),
        )
        .set("partition.assignment.strategy", "cooperative-sticky")
        .set("statistics.interval.ms", "5000")
        .set("enable.partition.eof", "false")
        // A stage is latency-sensitive: an idle fetch returns within `fetch_wait_max`
        // (100 ms by default) instead of librdkafka's 500 ms. (The embedded mock cluster
        // holds every fetch for the full wait, so at 500 ms each hop of a quiet pipeline
        // added up to half a second.)
        .set(
            "fetch.wait.max.ms",
            cfg.fetch_wait_max.as_millis().max(1).to_string(),
        )
        // Bounded read-ahead: the whole consumer queue, not per partition.
        .set(
            "queued.max.messages.kbytes",
            cfg.prefetch_max_kib.max(1).to_string(),
        );
    if let Some(id) = &cfg.group_instance_id {
        c.set("group.instance.id", id);
    }
    with_passthrough(c, cfg)
}

/// A consumer that reads `topics` from the beginning in a group of its own (`group`),
/// storing offsets as it reads: for watching outbound topics (demo, eval, bench, tests).
pub fn observer(
    brokers: &str,
    group: &str,
    cfg: &KafkaConfig,
    topics: &[&str],
) -> Result<StreamConsumer, KafkaSetupError> {
    let c: StreamConsumer = consumer_config(brokers, group, cfg)
        .set("enable.auto.offset.store", "true")
        .create()?;
    c.subscribe(topics)?;
    Ok(c)
}

/// A producer.
pub fn producer(brokers: &str, cfg: &KafkaConfig) -> Result<FutureProducer, KafkaSetupError> {
    Ok(producer_config(brokers, cfg).create()?)
}

/// Enqueues `record`, waiting while the producer's local queue is full (deliveries drain
/// it); returns the future of its acknowledgement. For bulk publishers (bench, chaos).
pub async fn enqueue<K, P>(
    producer: &FutureProducer,
    mut record: FutureRecord<'_, K, P>,
) -> DeliveryFuture
where
    K: ToBytes + ?Sized,
    P: ToBytes + ?Sized,
{
    loop {
        match producer.send_result(record) {
            Ok(ack) => return ack,
            Err((_, back)) => {
                record = back;
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            }
        }
    }
}

/// Whether an acknowledgement shows the broker appended the record: it names the offset.
///
/// librdkafka's idempotent producer also reports success without an offset when it infers
/// that a record was persisted (a retry answered `DUPLICATE_SEQUENCE_NUMBER`, say). A
/// broker that keeps the idempotence contract makes that inference sound; librdkafka's
/// mock cluster does not check a non-transactional producer's sequence numbers, and in the
/// fault suite records acknowledged that way were missing from the log (tickets lost; see
/// "Offset-less acknowledgements" in docs/ARCHITECTURE.md). So every producer here treats
/// an acknowledgement without an offset as none and produces the record again: at worst a
/// duplicate, which the pipeline de-duplicates by ticket id.
pub fn appended(d: &Delivery) -> bool {
    d.offset >= 0
}

/// Why [`send_appended`] gave up.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The producer or the broker refused the record.
    #[error("{0}")]
    Kafka(#[from] rdkafka::error::KafkaError),
    /// Every attempt was acknowledged without an offset.
    #[error("the broker acknowledged the record {0} times without an offset: not known to be in the log")]
    NoOffset(u32),
}

/// Most attempts [`send_appended`] makes after acknowledgements without an offset.
const NO_OFFSET_ATTEMPTS: u32 = 5;

/// Produces the record `make` builds and waits for an acknowledgement that names its
/// offset ([`appended`]), producing it again after one that does not (a few times).
pub async fn send_appended<'a, K, P>(
    producer: &FutureProducer,
    make: impl Fn() -> FutureRecord<'a, K, P>,
    queue_timeout: std::time::Duration,
) -> Result<Delivery, SendError>
where
    K: ToBytes + ?Sized + 'a,
    P: ToBytes + ?Sized + 'a,
{
    for _ in 0..NO_OFFSET_ATTEMPTS {
        let record = make();
        let topic = record.topic;
        let d = producer
            .send(record, queue_timeout)
            .await
            .map_err(|(e, _)| e)?;
        if appended(&d) {
            return Ok(d);
        }
        tracing::warn!(topic, "acknowledged without an offset: producing again");
    }
    Err(SendError::NoOffset(NO_OFFSET_ATTEMPTS))
}

/// Waits for `ack`, the acknowledgement of the record `make` builds; if it names no offset,
/// produces the record again through [`send_appended`]. For publishers that enqueue many
/// records first and await their acknowledgements after.
pub async fn confirm<'a, K, P>(
    ack: DeliveryFuture,
    producer: &FutureProducer,
    make: impl Fn() -> FutureRecord<'a, K, P>,
    queue_timeout: std::time::Duration,
) -> Result<Delivery, SendError>
where
    K: ToBytes + ?Sized + 'a,
    P: ToBytes + ?Sized + 'a,
{
    match ack.await {
        Ok(Ok(d)) if appended(&d) => Ok(d),
        Ok(Ok(_)) => send_appended(producer, make, queue_timeout).await,
        Ok(Err((e, _))) => Err(SendError::Kafka(e)),
        Err(_) => Err(SendError::Kafka(rdkafka::error::KafkaError::Canceled)),
    }
}

/// An admin client.
pub fn admin(
    brokers: &str,
    cfg: &KafkaConfig,
) -> Result<AdminClient<DefaultClientContext>, KafkaSetupError> {
    Ok(base_config(brokers, cfg).create()?)
}

enum MockCommand {
    CreateTopic {
        name: String,
        partitions: i32,
        reply: mpsc::Sender<Result<(), String>>,
    },
    Fault {
        fault: BrokerFault,
        reply: mpsc::Sender<Result<(), String>>,
    },
}

/// A fault the embedded broker can be made to show (the fault suite, `bench chaos`).
#[derive(Debug, Clone)]
pub enum BrokerFault {
    /// The next requests of `api` fail with these errors, one each, in order.
    RequestErrors {
        /// Which API.
        api: RDKafkaApiKey,
        /// The errors.
        errors: Vec<RDKafkaRespErr>,
    },
    /// Broker `id` (from 1) stops answering.
    BrokerDown(i32),
    /// Broker `id` answers again.
    BrokerUp(i32),
    /// Partition `partition` of `topic` is led by broker `broker` from now on.
    Leader {
        /// Topic.
        topic: String,
        /// Partition.
        partition: i32,
        /// New leader (from 1).
        broker: i32,
    },
}

fn apply_fault(
    cluster: &MockCluster<'_, rdkafka::producer::DefaultProducerContext>,
    fault: BrokerFault,
) -> Result<(), String> {
    let r = match fault {
        BrokerFault::RequestErrors { api, errors } => {
            cluster.request_errors(api, &errors);
            Ok(())
        }
        BrokerFault::BrokerDown(id) => cluster.broker_down(id),
        BrokerFault::BrokerUp(id) => cluster.broker_up(id),
        BrokerFault::Leader {
            topic,
            partition,
            broker,
        } => cluster.partition_leader(&topic, partition, Some(broker)),
    };
    r.map_err(|e| e.to_string())
}

/// librdkafka's mock cluster, run on a thread of its own (its handle is not `Send`), until
/// dropped. Its brokers listen on loopback, so other processes can use it too. It does not
/// answer the admin API's CreateTopics, so topics are created through [`EmbeddedBroker::create_topic`].
pub struct EmbeddedBroker {
    bootstrap: String,
    commands: Option<mpsc::Sender<MockCommand>>,
    thread: Option<JoinHandle<()>>,
}

impl EmbeddedBroker {
    /// Starts a mock cluster of `brokers` brokers listening on loopback.
    pub fn start(brokers: i32) -> Result<EmbeddedBroker, KafkaSetupError> {
        let (ready_tx, ready_rx) = mpsc::channel::<Result<String, String>>();
        let (cmd_tx, cmd_rx) = mpsc::channel::<MockCommand>();
        let thread = std::thread::Builder::new()
            .name("embedded-kafka".into())
            .spawn(move || match MockCluster::new(brokers) {
                Ok(cluster) => {
                    let _ = ready_tx.send(Ok(cluster.bootstrap_servers()));
                    // Serve commands until the owner is gone.
                    while let Ok(cmd) = cmd_rx.recv() {
                        match cmd {
                            MockCommand::CreateTopic {
                                name,
                                partitions,
                                reply,
                            } => {
                                let r = cluster
                                    .create_topic(&name, partitions, 1)
                                    .map_err(|e| e.to_string());
                                let _ = reply.send(r);
                            }
                            MockCommand::Fault { fault, reply } => {
                                let _ = reply.send(apply_fault(&cluster, fault));
                            }
                        }
                    }
                    drop(cluster);
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(e.to_string()));
                }
            })
            .map_err(|e| KafkaSetupError::Embedded(e.to_string()))?;
        let bootstrap = ready_rx
            .recv()
            .map_err(|e| KafkaSetupError::Embedded(e.to_string()))?
            .map_err(KafkaSetupError::Embedded)?;
        Ok(EmbeddedBroker {
            bootstrap,
            commands: Some(cmd_tx),
            thread: Some(thread),
        })
    }

    /// `host:port,...` of the mock brokers.
    pub fn bootstrap_servers(&self) -> &str {
        &self.bootstrap
    }

    /// Creates a topic (idempotent: an existing topic is left as it is).
    pub fn create_topic(&self, name: &str, partitions: i32) -> Result<(), KafkaSetupError> {
        let (reply, rx) = mpsc::channel();
        self.commands
            .as_ref()
            .ok_or_else(|| KafkaSetupError::Embedded("stopped".into()))?
            .send(MockCommand::CreateTopic {
                name: name.to_owned(),
                partitions,
                reply,
            })
            .map_err(|e| KafkaSetupError::Embedded(e.to_string()))?;
        rx.recv()
            .map_err(|e| KafkaSetupError::Embedded(e.to_string()))?
            .map_err(KafkaSetupError::Embedded)
    }
}

impl EmbeddedBroker {
    /// Makes the broker show `fault` (see [`BrokerFault`]).
    pub fn inject(&self, fault: BrokerFault) -> Result<(), KafkaSetupError> {
        let (reply, rx) = mpsc::channel();
        self.commands
            .as_ref()
            .ok_or_else(|| KafkaSetupError::Embedded("stopped".into()))?
            .send(MockCommand::Fault { fault, reply })
            .map_err(|e| KafkaSetupError::Embedded(e.to_string()))?;
        rx.recv()
            .map_err(|e| KafkaSetupError::Embedded(e.to_string()))?
            .map_err(KafkaSetupError::Embedded)
    }
}

impl Drop for EmbeddedBroker {
    fn drop(&mut self) {
        drop(self.commands.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::consumer_config;
    use crate::config::KafkaConfig;

    #[test]
    fn a_stage_consumer_bounds_its_read_ahead() {
        let mut cfg = KafkaConfig::default();
        let c = consumer_config("localhost:9092", "g", &cfg);
        assert_eq!(c.get("queued.max.messages.kbytes"), Some("8192"));
        cfg.prefetch_max_kib = 2048;
        let c = consumer_config("localhost:9092", "g", &cfg);
        assert_eq!(c.get("queued.max.messages.kbytes"), Some("2048"));
        // a raw librdkafka option still wins
        cfg.librdkafka_options
            .insert("queued.max.messages.kbytes".into(), "65536".into());
        let c = consumer_config("localhost:9092", "g", &cfg);
        assert_eq!(c.get("queued.max.messages.kbytes"), Some("65536"));
    }
}
