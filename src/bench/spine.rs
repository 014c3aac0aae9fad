//! `frontdesk bench spine`: throughput and latency of the stage runtime, each figure next
//! to a baseline measured in the same run on the same broker.
//!
//! - `raw_passthrough_tps`: plain rdkafka consume→produce over 4 hops, same payloads.
//! - `pipeline_tps`: the four stages, end to end, same payloads (the minimal stages).
//! - `keyed_concurrency_tps`: one stage that waits 1 s per ticket, `max_in_flight` 256,
//!   2,000 tickets over 500 keys; the bound is 256/s.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use async_trait::async_trait;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::Message;
use serde::Serialize;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::procfs::process_cpu_secs;
use crate::config::Config;
use crate::harness::{self, Broker, Harness, HarnessOptions};
use crate::messages::{now_ms, Channel, Codec, Envelope, Identity, RecordKind, Ticket};
use crate::runtime::{Input, Outcome, Runner, Stage, StageContext, StageError, Wiring};
use crate::stages::StageKind;
use crate::state::StateDb;
use crate::topics::names;

/// Bench options.
#[derive(Debug, Clone)]
pub struct SpineOptions {
    /// Tickets for the throughput runs.
    pub tickets: usize,
    /// Tickets for the keyed-concurrency run.
    pub keyed_tickets: usize,
    /// Distinct keys in the keyed-concurrency run.
    pub keyed_keys: usize,
    /// Per-ticket wait of the keyed stage.
    pub keyed_wait: Duration,
    /// `max_in_flight` of the keyed stage.
    pub keyed_in_flight: usize,
    /// Brokers; an embedded mock cluster when None.
    pub brokers: Option<String>,
}

impl Default for SpineOptions {
    fn default() -> Self {
        SpineOptions {
            tickets: 20_000,
            keyed_tickets: 2_000,
            keyed_keys: 500,
            keyed_wait: Duration::from_secs(1),
            keyed_in_flight: 256,
            brokers: None,
        }
    }
}

/// The figures.
#[derive(Debug, Serialize)]
pub struct SpineReport {
    /// Tickets per throughput run.
    pub tickets: usize,
    /// Baseline: rdkafka consume→produce over 4 hops.
    pub raw_passthrough_tps: f64,
    /// The pipeline with the minimal stages (the runtime's own cost: decode, per-key order,
    /// envelope encode, offsets, the processed-tickets table, four hops).
    pub pipeline_tps: f64,
    /// pipeline / raw.
    pub pipeline_ratio: f64,
    /// CPU time of this process (stages, clients and the embedded broker) per record over
    /// the raw run's timed window, in microseconds; None off Linux.
    pub raw_cpu_us_per_record: Option<f64>,
    /// The same for the pipeline run (minimal stages). Less sensitive than the rates to
    /// other load on the machine: raw_cpu_us_per_record / this is what pipeline_ratio
    /// would be if both runs were bound by this process's CPU alone.
    pub pipeline_cpu_us_per_ticket: Option<f64>,
    /// The pipeline with the offline agent's stages (intent model, injection detector,
    /// retrieval, policy, conversation state; no store configured, so no tool calls).
    pub agent_pipeline_tps: f64,
    /// agent pipeline / raw.
    pub agent_pipeline_ratio: f64,
    /// A stage waiting 1 s per ticket.
    pub keyed_concurrency_tps: f64,
    /// keyed / (max_in_flight / wait).
    pub keyed_concurrency_ratio: f64,
    /// Pipeline (minimal stages) end-to-end latency, median.
    pub p50_ms: f64,
    /// Pipeline (minimal stages) end-to-end latency, 99th percentile.
    pub p99_ms: f64,
    /// Agent pipeline end-to-end latency, median.
    pub agent_p50_ms: f64,
    /// Agent pipeline end-to-end latency, 99th percentile.
    pub agent_p99_ms: f64,
    /// Which broker.
    pub broker: String,
}

fn ticket(i: usize, keys: usize) -> Ticket {
    Ticket {
        ticket_id: format!("bench-{i}-{}", uuid::Uuid::new_v4().simple()),
        conversation_id: format!("conv-{}", i % keys),
        channel: Channel::Email,
        customer: Identity {
            email: Some(format!("user{}@example.com", i % keys)),
            ..Default::default()
        },
        subject: Some("Order status".into()),
        body: format!(
            "Hi, where is my order #W{:07}? It was supposed to arrive last week.",
            i
        ),
        attachments: vec![],
        received_at: now_ms(),
        headers: Default::default(),
        locale: None,
    }
}

/// Tickets `range` over `keys` conversations, Avro-encoded for `topic`, keyed by
/// conversation.
async fn encoded_tickets(
    codec: &Codec,
    topic: &str,
    range: std::ops::Range<usize>,
    keys: usize,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::with_capacity(range.len());
    for i in range {
        let t = ticket(i, keys);
        out.push((
            t.conversation_id.clone(),
            codec.encode(RecordKind::Ticket, topic, &t).await?,
        ));
    }
    Ok(out)
}

/// Publishes without waiting record by record: enqueue everything, then await the acks.
async fn publish(
    producer: &FutureProducer,
    topic: &str,
    payloads: &[(String, Vec<u8>)],
) -> anyhow::Result<()> {
    let mut acks = Vec::with_capacity(payloads.len());
    for (k, v) in payloads {
        let record = FutureRecord::to(topic).key(k).payload(v);
        acks.push(crate::kafka::enqueue(producer, record).await);
    }
    for ((k, v), ack) in payloads.iter().zip(acks) {
        let record = || FutureRecord::to(topic).key(k).payload(v);
        crate::kafka::confirm(ack, producer, record, std::time::Duration::from_secs(30))
            .await
            .map_err(|e| anyhow::anyhow!("publish: {e}"))?;
    }
    Ok(())
}

/// Rate and CPU time per record of one timed window.
#[derive(Debug, Clone, Copy)]
struct Timed {
    tps: f64,
    cpu_us_per_record: Option<f64>,
}

impl Timed {
    fn measure(records: usize, started: Instant, cpu_at_start: Option<f64>) -> Timed {
        let secs = started.elapsed().as_secs_f64();
        let cpu = cpu_at_start
            .zip(process_cpu_secs())
            .map(|(a, b)| (b - a) * 1e6 / records.max(1) as f64);
        Timed {
            tps: records as f64 / secs,
            cpu_us_per_record: cpu,
        }
    }
}

/// Records sent and awaited before timing starts, so group joins are not measured.
const WARMUP: usize = 50;

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

/// Counts records on `topic` until `n` arrived; returns per-record arrival latency (ms since
/// `received_at` header-free: measured from the payload's ticket when `decode` is given).
async fn drain(
    consumer: &StreamConsumer,
    n: usize,
    timeout: Duration,
) -> anyhow::Result<Vec<(Vec<u8>, i64)>> {
    let mut out = Vec::with_capacity(n);
    let deadline = tokio::time::Instant::now() + timeout;
    while out.len() < n {
        let m = tokio::time::timeout_at(deadline, consumer.recv())
            .await
            .map_err(|_| anyhow::anyhow!("timed out after {} of {n} records", out.len()))??;
        out.push((m.payload().unwrap_or_default().to_vec(), now_ms()));
    }
    Ok(out)
}

fn observer(brokers: &str, cfg: &Config, topic: &str) -> anyhow::Result<StreamConsumer> {
    Ok(crate::kafka::observer(
        brokers,
        &unique("bench-observer"),
        &cfg.kafka,
        &[topic],
    )?)
}

/// Raw librdkafka passthrough over `hops` hops: consume, produce without per-record waits.
async fn raw_passthrough(
    broker: &Broker,
    cfg: &Config,
    payloads: &[(String, Vec<u8>)],
    hops: usize,
) -> anyhow::Result<Timed> {
    let prefix = unique("raw");
    let topics: Vec<String> = (0..=hops).map(|i| format!("{prefix}.{i}")).collect();
    create_topics(broker, cfg, &topics).await?;
    let brokers = &broker.bootstrap();
    let shutdown = CancellationToken::new();
    let mut tasks = JoinSet::new();
    for i in 0..hops {
        let consumer: StreamConsumer =
            crate::kafka::consumer_config(brokers, &format!("{prefix}-g{i}"), &cfg.kafka)
                .set("enable.auto.offset.store", "true")
                .create()?;
        consumer.subscribe(&[topics[i].as_str()])?;
        let producer: FutureProducer = crate::kafka::producer(brokers, &cfg.kafka)?;
        let out = topics[i + 1].clone();
        let stop = shutdown.clone();
        tasks.spawn(async move {
            loop {
                let m = tokio::select! { m = consumer.recv() => m, _ = stop.cancelled() => break };
                let Ok(m) = m else { continue };
                let mut record = FutureRecord::to(&out).payload(m.payload().unwrap_or_default());
                if let Some(k) = m.key() {
                    record = record.key(k);
                }
                // Enqueue only; delivery is confirmed by the final observer.
                let mut rec = record;
                loop {
                    match producer.send_result(rec) {
                        Ok(_) => break,
                        Err((_, back)) => {
                            rec = back;
                            tokio::time::sleep(Duration::from_millis(1)).await;
                        }
                    }
                }
            }
            let _ = producer.flush(Duration::from_secs(10));
        });
    }
    let obs = observer(brokers, cfg, &topics[hops])?;
    let producer = crate::kafka::producer(brokers, &cfg.kafka)?;
    let (warm, main) = payloads.split_at(WARMUP.min(payloads.len()));
    publish(&producer, &topics[0], warm).await?;
    drain(&obs, warm.len(), Duration::from_secs(120)).await?;
    let (start, cpu) = (Instant::now(), process_cpu_secs());
    publish(&producer, &topics[0], main).await?;
    drain(&obs, main.len(), Duration::from_secs(300)).await?;
    let timed = Timed::measure(main.len(), start, cpu);
    shutdown.cancel();
    while tasks.join_next().await.is_some() {}
    Ok(timed)
}

/// Creates `names` (6 partitions each): through the mock cluster's own API, or the admin API.
async fn create_topics(broker: &Broker, cfg: &Config, names: &[String]) -> anyhow::Result<()> {
    use rdkafka::admin::{AdminOptions, NewTopic, TopicReplication};
    match broker {
        Broker::Embedded(b) => {
            for n in names {
                b.create_topic(n, 6)?;
            }
        }
        Broker::External(brokers) => {
            let admin = crate::kafka::admin(brokers, &cfg.kafka)?;
            let new: Vec<NewTopic> = names
                .iter()
                .map(|n| NewTopic::new(n, 6, TopicReplication::Fixed(1)))
                .collect();
            admin
                .create_topics(new.iter(), &AdminOptions::new())
                .await?;
        }
    }
    Ok(())
}

/// The `p` quantile of ascending `sorted` (nearest rank), 0 when empty.
pub(super) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

/// A stage that waits, then forwards: a stand-in for a 1-second model or tool call.
struct WaitStage(Duration);

#[async_trait]
impl Stage for WaitStage {
    fn name(&self) -> &'static str {
        "bench-wait"
    }
    async fn process(&self, env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        tokio::time::sleep(self.0).await;
        Ok(Outcome::Forward(Box::new(env)))
    }
}

/// A minimal stage: forwards the envelope untouched (router, tools, grounding).
struct PassStage(&'static str);

#[async_trait]
impl Stage for PassStage {
    fn name(&self) -> &'static str {
        self.0
    }
    async fn process(&self, env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        Ok(Outcome::Forward(Box::new(env)))
    }
}

/// The minimal policy stage: escalates every ticket (nothing is clearly answerable).
struct EscalateStage;

#[async_trait]
impl Stage for EscalateStage {
    fn name(&self) -> &'static str {
        "policy"
    }
    async fn process(&self, env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        let t = &env.ticket;
        Ok(Outcome::Handoff(Box::new(crate::messages::Handoff {
            ticket_id: t.ticket_id.clone(),
            conversation_id: t.conversation_id.clone(),
            channel: t.channel,
            customer: t.customer.clone(),
            reason_code: crate::messages::Rule::NoAnswer,
            reason: "The minimal policy escalates every ticket.".to_owned(),
            summary: t.subject.clone().unwrap_or_default(),
            draft_reply: String::new(),
            transcript: Vec::new(),
            tool_log: env.tool_log.clone(),
            proposed_action: None,
            route: env.route.clone(),
            citations: Vec::new(),
            cost: env.cost.clone(),
            latency_ms: env.age_ms(),
            handed_off_at: now_ms(),
        })))
    }
}

/// Which stages a pipeline run uses.
#[derive(Clone, Copy)]
enum Stages {
    /// Pass-through stages and an escalating policy: the runtime's own cost.
    Minimal,
    /// The offline agent (`pipeline::build_stage`).
    Agent,
}

/// Runs the four stages on fresh topics and times `tickets` through them: (tps, sorted
/// end-to-end latencies in ms).
async fn pipeline_run(
    base: &Config,
    broker: &Broker,
    state_url: &str,
    tickets: usize,
    stages: Stages,
) -> anyhow::Result<(Timed, Vec<f64>)> {
    let mut cfg = base.clone();
    cfg.topics.prefix = unique("pipe");
    cfg.kafka.group_prefix = cfg.topics.prefix.clone();
    cfg.state.url = state_url.to_owned();
    let stages = match stages {
        Stages::Agent => harness::Stages::Configured(StageKind::ALL.to_vec()),
        Stages::Minimal => harness::Stages::Given(
            StageKind::ALL
                .into_iter()
                .map(|k| {
                    let stage: Arc<dyn Stage> = match k {
                        StageKind::Policy => Arc::new(EscalateStage),
                        k => Arc::new(PassStage(k.as_str())),
                    };
                    (k, stage)
                })
                .collect(),
        ),
    };
    let pipe = Harness::start(
        cfg,
        HarnessOptions {
            broker: broker.clone(),
            store: harness::Store::None,
            stages,
            keep_state_url: true,
            declare_topics: true,
        },
    )
    .await?;
    let (cfg, brokers, topics, codec) =
        (&pipe.cfg, pipe.brokers.as_str(), &pipe.topics, &pipe.codec);
    let obs = observer(brokers, cfg, &topics.physical(names::HANDOFFS))?;
    let producer = crate::kafka::producer(brokers, &cfg.kafka)?;
    let inbound = topics
        .inbound_for(Channel::Email)
        .context("no email inbound topic")?;
    let warm = encoded_tickets(codec, "bench", 0..WARMUP.min(tickets), 1000).await?;
    publish(&producer, &inbound, &warm).await?;
    drain(&obs, warm.len(), Duration::from_secs(120)).await?;
    // Built after the warm-up (group joins), so `received_at` is stamped just before
    // publishing and the latencies are end to end.
    let main = encoded_tickets(codec, "bench", warm.len()..tickets, 1000).await?;
    let (start, cpu) = (Instant::now(), process_cpu_secs());
    publish(&producer, &inbound, &main).await?;
    let arrived = drain(&obs, main.len(), Duration::from_secs(600)).await?;
    let timed = Timed::measure(main.len(), start, cpu);
    let mut lat = Vec::with_capacity(arrived.len());
    for (bytes, at) in &arrived {
        let h: crate::messages::Handoff = codec.decode(RecordKind::Handoff, bytes).await?;
        lat.push((at - (h.handed_off_at - h.latency_ms)) as f64);
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    drop((obs, producer));
    pipe.stop().await?;
    Ok((timed, lat))
}

/// Runs the spine bench.
pub async fn spine(base: Config, opts: SpineOptions) -> anyhow::Result<SpineReport> {
    let broker = match &opts.brokers {
        Some(b) => Broker::External(b.clone()),
        None => Broker::embedded()?,
    };
    let brokers = broker.bootstrap();
    let mut cfg = base;
    cfg.runtime.drain_timeout = Duration::from_secs(5);
    let codec: Codec = crate::pipeline::codec(&cfg);
    let dir = tempfile::tempdir()?;
    let state_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let state = StateDb::connect(&state_url, cfg.state.max_connections).await?;

    // Same payloads for both runs: Avro tickets over 1,000 conversations.
    let payloads = encoded_tickets(&codec, "bench", 0..opts.tickets, 1000).await?;

    let raw = raw_passthrough(&broker, &cfg, &payloads, 4).await?;
    let raw_tps = raw.tps;

    let (pipeline, lat) =
        pipeline_run(&cfg, &broker, &state_url, opts.tickets, Stages::Minimal).await?;
    let pipeline_tps = pipeline.tps;
    let (agent, agent_lat) =
        pipeline_run(&cfg, &broker, &state_url, opts.tickets, Stages::Agent).await?;

    let agent_tps = agent.tps;
    // Keyed concurrency: one waiting stage.
    let keyed_tps = keyed(&broker, &cfg, &codec, &state, &opts).await?;
    let bound = opts.keyed_in_flight as f64 / opts.keyed_wait.as_secs_f64();
    Ok(SpineReport {
        tickets: opts.tickets,
        raw_passthrough_tps: raw_tps,
        pipeline_tps,
        pipeline_ratio: pipeline_tps / raw_tps,
        raw_cpu_us_per_record: raw.cpu_us_per_record,
        pipeline_cpu_us_per_ticket: pipeline.cpu_us_per_record,
        agent_pipeline_tps: agent_tps,
        agent_pipeline_ratio: agent_tps / raw_tps,
        agent_p50_ms: percentile(&agent_lat, 0.50),
        agent_p99_ms: percentile(&agent_lat, 0.99),
        keyed_concurrency_tps: keyed_tps,
        keyed_concurrency_ratio: keyed_tps / bound,
        p50_ms: percentile(&lat, 0.50),
        p99_ms: percentile(&lat, 0.99),
        broker: if opts.brokers.is_some() {
            brokers
        } else {
            "embedded (librdkafka mock cluster)".to_owned()
        },
    })
}

async fn keyed(
    broker: &Broker,
    cfg: &Config,
    codec: &Codec,
    state: &StateDb,
    opts: &SpineOptions,
) -> anyhow::Result<f64> {
    let prefix = unique("keyed");
    let (input, output) = (format!("{prefix}.in"), format!("{prefix}.out"));
    let dl = format!("{prefix}.dl");
    create_topics(broker, cfg, &[input.clone(), output.clone(), dl.clone()]).await?;
    let brokers = &broker.bootstrap();
    let mut runtime = cfg.runtime.clone();
    runtime.max_in_flight = opts.keyed_in_flight;
    let wiring = Wiring {
        inputs: vec![Input::Tickets {
            topic: input.clone(),
            channel: Channel::Chat,
        }],
        forward: Some(output.clone()),
        resolutions: dl.clone(),
        handoffs: dl.clone(),
        audit: dl.clone(),
        deadletter: dl,
    };
    let runner = Runner::new(
        Arc::new(WaitStage(opts.keyed_wait)),
        wiring,
        codec.clone(),
        brokers,
        &format!("{prefix}-g"),
        cfg.kafka.clone(),
        runtime,
        Some(state.clone()),
    );
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(runner.run(shutdown.clone()));
    let obs = observer(brokers, cfg, &output)?;
    let payloads = encoded_tickets(codec, &input, 0..opts.keyed_tickets, opts.keyed_keys).await?;
    let producer = crate::kafka::producer(brokers, &cfg.kafka)?;
    // Warm up (group join, assignment) with one ticket of its own, then time the batch.
    let warm = ticket(usize::MAX / 2, 1);
    let warm_payload = vec![(
        warm.conversation_id.clone(),
        codec.encode(RecordKind::Ticket, &input, &warm).await?,
    )];
    publish(&producer, &input, &warm_payload).await?;
    drain(&obs, 1, Duration::from_secs(120)).await?;
    let start = Instant::now();
    publish(&producer, &input, &payloads).await?;
    let rest = drain(&obs, opts.keyed_tickets, Duration::from_secs(600)).await?;
    let elapsed = start.elapsed().as_secs_f64();
    anyhow::ensure!(rest.len() == opts.keyed_tickets, "keyed run lost records");
    shutdown.cancel();
    task.await??;
    Ok(opts.keyed_tickets as f64 / elapsed)
}
