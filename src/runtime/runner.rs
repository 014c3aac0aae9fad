//! The runner: owns the consumer and the producer of one stage and moves records through
//! its [`Stage`].
//!
//! Threads and tasks:
//! - a **poll thread** owns `poll()` on the consumer: it accepts records (tracking their
//!   offsets), pauses the assignment while `max_buffered` records are unfinished, and runs
//!   the rebalance callbacks, where a revoke waits for that partition's in-flight work (up to
//!   the drain timeout) and commits synchronously;
//! - a **dispatcher** task schedules records per key (one record of a key at a time, in
//!   offset order; up to `max_in_flight` different keys concurrently) and, as records finish, stores the offsets
//!   that became safe (only up to the lowest offset still in flight of that partition);
//! - one **task per record**: decode, `process` (transient errors retried with backoff,
//!   permanent ones dead-lettered) and hand every output to the producer; then it
//!   **releases** its key and its running slot, waits for the broker's acknowledgements
//!   (and, for a ticket's last stage, records it as finished) and reports the offset done.
//!
//! Releasing the key once the outputs are enqueued, not once they are acknowledged, is
//! what keeps a key's records flowing at the producer's pace rather than one broker round
//! trip each: the idempotent producer keeps a partition's records in the order they were
//! enqueued, so a key's outputs still leave in offset order. The offset is still stored
//! only after the acknowledgements (at-least-once is unchanged). If an acknowledgement
//! fails for good (after `message.timeout.ms`), the output is produced again, after the
//! key's later outputs: the only case in which a key's outputs can leave out of order.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use futures::future::join_all;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Header, Headers, Message, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{DeliveryFuture, FutureProducer, FutureRecord};
use rdkafka::statistics::Statistics;
use rdkafka::{ClientContext, Offset, TopicPartitionList};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, info_span, warn, Instrument};

use super::backoff::Backoff;
use super::flag::Flag;
use super::keyed::KeyedQueue;
use super::metrics::StageMetrics;
use super::offsets::PartitionOffsets;
use super::stage::{Outcome, Stage, StageContext, StageError};
use crate::config::{KafkaConfig, RuntimeConfig};
use crate::messages::{
    now_ms, Channel, Codec, DeadLetter, DecodeError, EncodeError, Envelope, Hop, RecordKind,
};
use crate::state::StateDb;

/// What a stage reads from one topic.
#[derive(Debug, Clone)]
pub enum Input {
    /// Inbound tickets of a channel (Avro or JSON).
    Tickets {
        /// Physical topic.
        topic: String,
        /// Its channel.
        channel: Channel,
    },
    /// Envelopes from the previous stage.
    Envelopes {
        /// Physical topic.
        topic: String,
    },
}

impl Input {
    /// The physical topic.
    pub fn topic(&self) -> &str {
        match self {
            Input::Tickets { topic, .. } | Input::Envelopes { topic } => topic,
        }
    }
}

/// Where a stage reads and writes.
#[derive(Debug, Clone)]
pub struct Wiring {
    /// Topics read.
    pub inputs: Vec<Input>,
    /// Topic of [`Outcome::Forward`], if the stage forwards.
    pub forward: Option<String>,
    /// Resolutions topic.
    pub resolutions: String,
    /// Handoffs topic.
    pub handoffs: String,
    /// Audit topic.
    pub audit: String,
    /// Dead-letter topic.
    pub deadletter: String,
}

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

type Tp = (String, i32);

/// Offsets and in-flight counts shared by the poll thread, the dispatcher and the
/// rebalance callback.
#[derive(Default)]
struct Tracking {
    partitions: HashMap<Tp, PartitionState>,
    /// Records accepted and unfinished, over all partitions.
    in_flight: usize,
    /// The dispatcher has finished draining after shutdown.
    drained: bool,
    /// Threads waiting on `Shared::changed` (completions notify only when some are).
    waiters: usize,
}

struct PartitionState {
    offsets: PartitionOffsets,
    running: usize,
    revoked: bool,
    cancel: Flag,
}

impl PartitionState {
    fn new() -> Self {
        PartitionState {
            offsets: PartitionOffsets::default(),
            running: 0,
            revoked: false,
            cancel: Flag::new(),
        }
    }
}

/// Fetching held back while a dependency every record needs is unavailable.
#[derive(Default)]
struct Hold {
    until: Mutex<Option<Instant>>,
}

impl Hold {
    fn extend(&self, d: Duration) {
        let mut u = self.until.lock().unwrap_or_else(|p| p.into_inner());
        let t = Instant::now() + d;
        *u = Some(u.map_or(t, |x| x.max(t)));
    }

    fn active(&self) -> bool {
        self.until
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some_and(|t| Instant::now() < t)
    }
}

struct Shared {
    hold: Arc<Hold>,
    track: Mutex<Tracking>,
    changed: Condvar,
    drain_timeout: Duration,
    metrics: Arc<StageMetrics>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Tracking> {
        self.track.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits (up to `timeout`) for a change to the tracking state.
    fn wait<'a>(
        &self,
        mut t: std::sync::MutexGuard<'a, Tracking>,
        timeout: Duration,
    ) -> std::sync::MutexGuard<'a, Tracking> {
        t.waiters += 1;
        let mut t = self
            .changed
            .wait_timeout(t, timeout)
            .map(|(g, _)| g)
            .unwrap_or_else(|p| p.into_inner().0);
        t.waiters -= 1;
        t
    }

    /// Waits until no record of `tps` is running, or the drain timeout passes; then
    /// cancels what is still running there (it will be redelivered to the new owner).
    fn drain_partitions(&self, tps: &[Tp]) {
        let deadline = Instant::now() + self.drain_timeout;
        let mut t = self.lock();
        for tp in tps {
            if let Some(p) = t.partitions.get_mut(tp) {
                p.revoked = true;
            }
        }
        loop {
            let running: usize = tps
                .iter()
                .filter_map(|tp| t.partitions.get(tp))
                .map(|p| p.running)
                .sum();
            let now = Instant::now();
            if running == 0 || now >= deadline {
                if running > 0 {
                    warn!(running, "drain timeout on revoke: abandoning in-flight records (they will be redelivered)");
                }
                for tp in tps {
                    if let Some(p) = t.partitions.get(tp) {
                        p.cancel.raise();
                    }
                }
                return;
            }
            t = self.wait(t, deadline - now);
        }
    }

    fn forget_partitions(&self, tps: &[Tp]) {
        let mut t = self.lock();
        for tp in tps {
            if let Some(p) = t.partitions.remove(tp) {
                t.in_flight = t.in_flight.saturating_sub(p.offsets.in_flight());
            }
        }
        self.metrics
            .in_flight
            .store(t.in_flight as i64, Ordering::Relaxed);
        self.changed.notify_all();
    }
}

/// The consumer context: rebalance callbacks and statistics.
struct RunnerContext {
    shared: Arc<Shared>,
}

impl ClientContext for RunnerContext {
    fn stats(&self, stats: Statistics) {
        let assigned: HashSet<Tp> = self.shared.lock().partitions.keys().cloned().collect();
        let lag: i64 = stats
            .topics
            .iter()
            .flat_map(|(topic, t)| {
                t.partitions
                    .iter()
                    .map(move |(p, s)| ((topic.clone(), *p), s.consumer_lag))
            })
            .filter(|(tp, lag)| assigned.contains(tp) && *lag >= 0)
            .map(|(_, lag)| lag)
            .sum();
        self.shared
            .metrics
            .consumer_lag
            .store(lag, Ordering::Relaxed);
    }
}

fn tps_of(tpl: &TopicPartitionList) -> Vec<Tp> {
    tpl.elements()
        .iter()
        .map(|e| (e.topic().to_owned(), e.partition()))
        .collect()
}

impl ConsumerContext for RunnerContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(tpl) = rebalance {
            let tps = tps_of(tpl);
            info!(partitions = ?tps, "partitions revoked: draining in-flight work");
            self.shared.drain_partitions(&tps);
            if let Err(error) = consumer.commit_consumer_state(CommitMode::Sync) {
                debug!(%error, "commit on revoke (nothing stored is fine)");
            }
            self.shared.forget_partitions(&tps);
        }
    }

    fn post_rebalance(&self, _consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Assign(tpl) = rebalance {
            let tps = tps_of(tpl);
            info!(partitions = ?tps, "partitions assigned");
            let mut t = self.shared.lock();
            for tp in tps {
                t.partitions.entry(tp).or_insert_with(PartitionState::new);
            }
        }
    }
}

/// A finished (or abandoned) record, reported to the dispatcher.
struct Done {
    tp: Tp,
    offset: i64,
    finished: bool,
}

/// What a record's task tells the dispatcher, in this order: `Released` once, then `Done`.
enum Report {
    /// The record no longer needs its key or its running slot: its outputs are with the
    /// producer, or it was abandoned.
    Released(Vec<u8>),
    /// Its outputs are acknowledged (or it was abandoned): the offset can be booked.
    Done(Done),
}

/// Releases a record's key and slot exactly once: when told to, or when dropped.
struct Release {
    tx: mpsc::UnboundedSender<Report>,
    key: Option<Vec<u8>>,
}

impl Release {
    fn now(&mut self) {
        if let Some(key) = self.key.take() {
            let _ = self.tx.send(Report::Released(key));
        }
    }
}

impl Drop for Release {
    fn drop(&mut self) {
        self.now();
    }
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
        let hold = Arc::new(Hold::default());
        let shared = Arc::new(Shared {
            hold: hold.clone(),
            track: Mutex::new(Tracking::default()),
            changed: Condvar::new(),
            drain_timeout: self.runtime.drain_timeout,
            metrics: metrics.clone(),
        });
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

        let (tx, rx) = mpsc::unbounded_channel::<OwnedMessage>();
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
            produce_timeout: self.runtime.produce_timeout,
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
        dispatch(
            worker,
            consumer.clone(),
            shared.clone(),
            rx,
            shutdown,
            self.runtime.clone(),
        )
        .await;

        {
            let mut t = shared.lock();
            t.drained = true;
            shared.changed.notify_all();
        }
        let joined = tokio::task::spawn_blocking(move || poll.join()).await;
        if !matches!(joined, Ok(Ok(()))) {
            return Err(RunnerError::Thread("poll thread panicked".to_owned()));
        }
        info!(stage = name, "stage stopped");
        Ok(())
    }
}

/// How long a full stage stops polling before it pauses its assignment (and so serves no
/// rebalance callback meanwhile: keep it well under the session timeout).
const STALL_BEFORE_PAUSE: Duration = Duration::from_secs(1);

/// The poll thread: fetch, track, backpressure, rebalance callbacks; on shutdown wait for
/// the dispatcher's drain, commit synchronously and leave the group.
fn poll_loop(
    consumer: &BaseConsumer<RunnerContext>,
    shared: &Shared,
    tx: &mpsc::UnboundedSender<OwnedMessage>,
    shutdown: &CancellationToken,
    max_in_flight: usize,
) {
    let mut paused = false;
    let resume_below = (max_in_flight / 2).max(1);
    let unstall_below = (max_in_flight * 9 / 10).max(1);
    while !shutdown.is_cancelled() {
        let held = shared.hold.active();
        let mut in_flight = shared.lock().in_flight;
        if !paused && !held && in_flight >= max_in_flight {
            // Full: stop polling for a moment rather than pause. Pausing makes librdkafka
            // drop the records it has prefetched and fetch them again on resume, which
            // capped a stage at a few thousand records a second; a short backlog is
            // waited out here, and only a long one (a slow stage) pauses the assignment.
            let deadline = Instant::now() + STALL_BEFORE_PAUSE;
            let mut t = shared.lock();
            while t.in_flight >= unstall_below && !shutdown.is_cancelled() {
                let now = Instant::now();
                if now >= deadline {
                    break;
                }
                t = shared.wait(t, (deadline - now).min(Duration::from_millis(100)));
            }
            in_flight = t.in_flight;
        }
        if !paused && (in_flight >= max_in_flight || held) {
            if let Ok(a) = consumer.assignment() {
                if consumer.pause(&a).is_ok() {
                    paused = true;
                    shared.metrics.paused.store(1, Ordering::Relaxed);
                    if held {
                        info!(in_flight, "paused: a dependency is unavailable");
                    } else {
                        debug!(in_flight, "paused: in-flight limit reached");
                    }
                }
            }
        } else if paused && in_flight < resume_below && !held {
            if let Ok(a) = consumer.assignment() {
                if consumer.resume(&a).is_ok() {
                    paused = false;
                    shared.metrics.paused.store(0, Ordering::Relaxed);
                    info!(in_flight, "resumed");
                }
            }
        }
        match consumer.poll(Duration::from_millis(100)) {
            None => {}
            Some(Err(error)) => warn!(%error, "consumer error"),
            Some(Ok(msg)) => {
                let msg = msg.detach();
                {
                    let mut t = shared.lock();
                    let p = t
                        .partitions
                        .entry((msg.topic().to_owned(), msg.partition()))
                        .or_insert_with(PartitionState::new);
                    p.offsets.accept(msg.offset());
                    t.in_flight += 1;
                    shared
                        .metrics
                        .in_flight
                        .store(t.in_flight as i64, Ordering::Relaxed);
                }
                shared.metrics.consumed.fetch_add(1, Ordering::Relaxed);
                if tx.send(msg).is_err() {
                    break;
                }
            }
        }
    }
    // Wait for the dispatcher to drain (bounded by its own drain timeout), serving callbacks.
    loop {
        let t = shared.lock();
        if t.drained {
            break;
        }
        drop(shared.wait(t, Duration::from_millis(50)));
        drop(consumer.poll(Duration::ZERO));
    }
    if let Err(error) = consumer.commit_consumer_state(CommitMode::Sync) {
        debug!(%error, "final commit (nothing stored is fine)");
    }
    consumer.unsubscribe();
    // Serve the final revoke so the group rebalances promptly.
    let until = Instant::now() + Duration::from_millis(500);
    while Instant::now() < until {
        if consumer.poll(Duration::from_millis(50)).is_none()
            && consumer
                .assignment()
                .map(|a| a.count() == 0)
                .unwrap_or(true)
        {
            break;
        }
    }
}

/// The dispatcher: per-key scheduling, offset storing, drain on shutdown.
///
/// A record whose key is idle claims the key and waits in `ready` for one of the
/// `max_in_flight` running slots; a record whose key is claimed waits in the key's queue.
/// So one record per key runs at a time, in offset order, and up to `max_in_flight`
/// different keys run concurrently.
async fn dispatch(
    worker: Arc<Worker>,
    consumer: Arc<BaseConsumer<RunnerContext>>,
    shared: Arc<Shared>,
    mut rx: mpsc::UnboundedReceiver<OwnedMessage>,
    shutdown: CancellationToken,
    runtime: RuntimeConfig,
) {
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<Report>();
    let mut keys: KeyedQueue<OwnedMessage> = KeyedQueue::default();
    let mut ready: VecDeque<OwnedMessage> = VecDeque::new();
    // Records holding a running slot (deciding, or enqueueing their outputs).
    let mut running = 0usize;
    // Records started and not yet done (running, or waiting for acknowledgements).
    let mut unfinished = 0usize;
    let mut draining = false;
    let mut drain_deadline: Option<tokio::time::Instant> = None;

    // Starts a record; false if its partition was revoked (it stays unfinished, so the
    // new owner reads it again).
    let start = |msg: OwnedMessage,
                 running: &mut usize,
                 unfinished: &mut usize|
     -> Result<(), OwnedMessage> {
        let tp = (msg.topic().to_owned(), msg.partition());
        let cancel = {
            let mut t = shared.lock();
            match t.partitions.get_mut(&tp) {
                Some(p) if !p.revoked => {
                    p.running += 1;
                    p.cancel.clone()
                }
                _ => return Err(msg),
            }
        };
        *running += 1;
        *unfinished += 1;
        let worker = worker.clone();
        let done_tx = done_tx.clone();
        let stop = cancel;
        // Boxed: the record's future is large, and a task moves its future in and its
        // output over it; a box keeps those copies to a pointer.
        tokio::spawn(Box::pin(async move {
            let release = Release {
                tx: done_tx.clone(),
                key: Some(record_key(&msg)),
            };
            let offset = msg.offset();
            let finished = worker.handle(msg, &stop, release).await;
            let _ = done_tx.send(Report::Done(Done {
                tp,
                offset,
                finished,
            }));
        }));
        Ok(())
    };

    loop {
        // Fill free slots from the ready queue.
        while !draining && running < runtime.max_in_flight {
            let Some(msg) = ready.pop_front() else { break };
            if let Err(msg) = start(msg, &mut running, &mut unfinished) {
                // Revoked: release the key; its successors are of the same partition.
                let key = record_key(&msg);
                while keys.finish(&key).is_some() {}
            }
        }
        if draining && unfinished == 0 {
            break;
        }
        let deadline = drain_deadline;
        tokio::select! {
            biased;
            Some(report) = done_rx.recv() => {
                // Take whatever else has been reported too: offsets are booked (and
                // stored) once per burst rather than once per record.
                let mut report = Some(report);
                let mut done = Vec::new();
                while let Some(r) = report.take() {
                    match r {
                        Report::Released(key) => {
                            running -= 1;
                            // The key is free: its next record (if any) becomes ready.
                            if let Some(next) = keys.finish(&key) {
                                ready.push_back(next);
                            }
                        }
                        Report::Done(d) => {
                            unfinished -= 1;
                            done.push(d);
                        }
                    }
                    if done.len() < REPORT_BURST {
                        report = done_rx.try_recv().ok();
                    }
                }
                if !done.is_empty() {
                    complete(&shared, &consumer, &done);
                }
            },
            _ = shutdown.cancelled(), if !draining => {
                draining = true;
                drain_deadline = Some(tokio::time::Instant::now() + runtime.drain_timeout);
                let released = keys.drain_where(|_| true).len() + ready.len();
                ready.clear();
                info!(running, released, "draining in-flight work; queued records are left uncommitted");
            }
            _ = async { if let Some(d) = deadline { tokio::time::sleep_until(d).await } else { std::future::pending::<()>().await } }, if draining => {
                warn!(running, unfinished, "drain timeout: abandoning in-flight records (they will be redelivered)");
                for p in shared.lock().partitions.values() {
                    p.cancel.raise();
                }
                drain_deadline = None;
            }
            msg = rx.recv(), if !draining => {
                let Some(msg) = msg else { draining = true; continue };
                let key = record_key(&msg);
                if let Some(msg) = keys.offer(&key, msg) {
                    ready.push_back(msg);
                }
            }
        }
    }
}

/// Most finished records booked together.
const REPORT_BURST: usize = 512;

/// Books finished (or abandoned) records: their offsets leave the in-flight sets, and
/// each partition's commit position is stored if it moved.
fn complete(shared: &Shared, consumer: &BaseConsumer<RunnerContext>, done: &[Done]) {
    let mut t = shared.lock();
    let mut stores: HashMap<&Tp, i64> = HashMap::new();
    for d in done {
        let mut known = false;
        if let Some(p) = t.partitions.get_mut(&d.tp) {
            known = true;
            p.running = p.running.saturating_sub(1);
            if d.finished {
                if let Some(position) = p.offsets.complete(d.offset) {
                    stores.insert(&d.tp, position);
                }
            }
        }
        if d.finished && known {
            t.in_flight = t.in_flight.saturating_sub(1);
        }
    }
    if !stores.is_empty() {
        let mut tpl = TopicPartitionList::new();
        for ((topic, partition), position) in &stores {
            let _ = tpl.add_partition_offset(topic, *partition, Offset::Offset(*position));
        }
        if let Err(error) = consumer.store_offsets(&tpl) {
            debug!(%error, "offsets not stored (a partition is no longer assigned)");
        }
    }
    shared
        .metrics
        .in_flight
        .store(t.in_flight as i64, Ordering::Relaxed);
    if t.waiters > 0 {
        shared.changed.notify_all();
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

/// Null keys get a key of their own (topic, partition, offset): no ordering to keep.
fn record_key(msg: &OwnedMessage) -> Vec<u8> {
    match msg.key() {
        Some(k) => k.to_vec(),
        None => format!("\0{}/{}/{}", msg.topic(), msg.partition(), msg.offset()).into_bytes(),
    }
}

/// A record's stop signal: its partition's flag, raised when the partition is revoked
/// and its drain timeout passed, or when the shutdown drain timeout passed.
type Stop = Flag;

/// An output record ready to produce.
struct Output {
    topic: String,
    key: Vec<u8>,
    value: Vec<u8>,
}

/// An output handed to the producer, awaiting its acknowledgement.
struct Pending {
    output: Output,
    delivery: DeliveryFuture,
}

/// Everything one record produces, and whether it ends its ticket.
#[derive(Default)]
struct Planned {
    outputs: Vec<Output>,
    /// Set for a terminal outcome: recorded as finished once the outputs are acknowledged.
    finish: Option<Finish>,
}

struct Finish {
    ticket_id: String,
    conversation_id: String,
    outcome: &'static str,
}

/// Per-record work: everything that does not need the consumer.
struct Worker {
    stage: Arc<dyn Stage>,
    wiring: Wiring,
    codec: Codec,
    producer: FutureProducer,
    state: Option<StateDb>,
    metrics: Arc<StageMetrics>,
    hold: Arc<Hold>,
    backoff: Backoff,
    produce_timeout: Duration,
    /// Headers stamped on every produced record.
    headers: OwnedHeaders,
}

enum Step<T> {
    Ok(T),
    DeadLetter { kind: &'static str, reason: String },
    Abandoned,
}

impl Worker {
    /// Processes one record to the end. Returns whether it finished (outputs acknowledged);
    /// false means it was abandoned and must not be committed.
    async fn handle(&self, msg: OwnedMessage, stop: &Stop, mut release: Release) -> bool {
        let key = msg
            .key()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .unwrap_or_default();
        let span = info_span!(
            "record",
            stage = self.stage.name(),
            topic = msg.topic(),
            partition = msg.partition(),
            offset = msg.offset(),
            key = %key,
            ticket_id = tracing::field::Empty,
        );
        async {
            let started = Instant::now();
            let step = self.run_stage(&msg, stop).await;
            let staged_ms = started.elapsed().as_millis() as u64;
            let finished = match step {
                Step::Ok(planned) => self.deliver(planned, stop, &mut release).await,
                Step::DeadLetter { kind, reason } => {
                    warn!(error_kind = kind, %reason, "dead-lettering record");
                    let ok = match self.dead_letter(&msg, kind, &reason, stop).await {
                        Some(planned) => self.deliver(planned, stop, &mut release).await,
                        None => false,
                    };
                    if ok {
                        self.metrics.dead_letter(kind);
                    }
                    ok
                }
                Step::Abandoned => false,
            };
            debug!(
                finished,
                staged_ms,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "record done"
            );
            finished
        }
        .instrument(span)
        .await
    }

    async fn decode(&self, msg: &OwnedMessage) -> Result<Envelope, DecodeError> {
        let bytes = msg.payload().unwrap_or_default();
        let input = self.wiring.inputs.iter().find(|i| i.topic() == msg.topic());
        match input {
            Some(Input::Tickets { channel, .. }) => self
                .codec
                .decode_ticket(bytes, Some(*channel))
                .await
                .map(Envelope::new),
            _ => {
                self.codec
                    .decode::<Envelope>(RecordKind::Envelope, bytes)
                    .await
            }
        }
    }

    /// Decode and process, retrying transient failures until done or stopped.
    async fn run_stage(&self, msg: &OwnedMessage, stop: &Stop) -> Step<Planned> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            if stop.is_raised() {
                return Step::Abandoned;
            }
            let result = self.attempt(msg, attempt).await;
            match result {
                Ok(planned) => return Step::Ok(planned),
                Err(Failure::Permanent { kind, reason }) => {
                    return Step::DeadLetter { kind, reason }
                }
                Err(Failure::Unavailable {
                    reason,
                    retry_after,
                }) => {
                    // Hold the whole stage back (the poll thread pauses the assignment),
                    // then retry this record.
                    self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                    self.metrics
                        .dependency_holds
                        .fetch_add(1, Ordering::Relaxed);
                    self.hold.extend(retry_after);
                    warn!(attempt, %reason, hold_ms = retry_after.as_millis() as u64, "dependency unavailable: holding back");
                    tokio::select! {
                        _ = tokio::time::sleep(retry_after) => {}
                        _ = stop.raised() => return Step::Abandoned,
                    }
                }
                Err(Failure::Transient(reason)) => {
                    self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                    let delay = self.backoff.delay(attempt);
                    warn!(attempt, %reason, delay_ms = delay.as_millis() as u64, "transient failure: retrying");
                    tokio::select! {
                        _ = tokio::time::sleep(delay) => {}
                        _ = stop.raised() => return Step::Abandoned,
                    }
                }
            }
        }
    }

    async fn attempt(&self, msg: &OwnedMessage, attempt: u32) -> Result<Planned, Failure> {
        let mut envelope = self.decode(msg).await.map_err(|e| {
            if e.is_transient() {
                Failure::Transient(e.to_string())
            } else {
                Failure::Permanent {
                    kind: e.kind(),
                    reason: e.to_string(),
                }
            }
        })?;
        tracing::Span::current().record("ticket_id", envelope.ticket.ticket_id.as_str());
        let ticket_id = envelope.ticket.ticket_id.clone();
        let conversation_id = envelope.ticket.conversation_id.clone();
        // Only a stage that ends tickets (no forward topic) checks: earlier stages may
        // repeat their idempotent work on a redelivery; the terminal record is not repeated.
        let terminal_stage = self.wiring.forward.is_none();
        if let (true, Some(state)) = (terminal_stage, &self.state) {
            if state
                .is_finished(&ticket_id)
                .await
                .map_err(|e| Failure::Transient(e.to_string()))?
            {
                // A redelivery of a ticket whose outbound record was acknowledged already.
                self.metrics
                    .duplicates_skipped
                    .fetch_add(1, Ordering::Relaxed);
                info!("ticket already finished: skipping redelivered record");
                return Ok(Planned::default());
            }
        }
        let ctx = StageContext::new(msg.topic(), msg.partition(), msg.offset(), attempt);
        envelope.hops.push(Hop {
            stage: self.stage.name().to_owned(),
            at: now_ms(),
        });
        let outcome = self
            .stage
            .process(envelope, &ctx)
            .await
            .map_err(|e| match e {
                StageError::Permanent { kind, reason } => Failure::Permanent { kind, reason },
                StageError::Transient(r) => Failure::Transient(r),
                StageError::Unavailable {
                    reason,
                    retry_after,
                } => Failure::Unavailable {
                    reason,
                    retry_after,
                },
            })?;
        let key = conversation_id.clone().into_bytes();
        let mut outputs = Vec::new();
        let (kind, topic, value) = match &outcome {
            Outcome::Forward(env) => {
                let Some(topic) = &self.wiring.forward else {
                    return Err(Failure::Permanent {
                        kind: "no_forward_topic",
                        reason: format!(
                            "stage {} forwarded but has no next topic",
                            self.stage.name()
                        ),
                    });
                };
                (
                    RecordKind::Envelope,
                    topic,
                    self.encode(RecordKind::Envelope, topic, env.as_ref())
                        .await?,
                )
            }
            Outcome::Resolve(r) => (
                RecordKind::Resolution,
                &self.wiring.resolutions,
                self.encode(RecordKind::Resolution, &self.wiring.resolutions, r.as_ref())
                    .await?,
            ),
            Outcome::Handoff(h) => (
                RecordKind::Handoff,
                &self.wiring.handoffs,
                self.encode(RecordKind::Handoff, &self.wiring.handoffs, h.as_ref())
                    .await?,
            ),
        };
        debug!(
            outcome = outcome.label(),
            kind = kind.as_str(),
            "stage decided"
        );
        outputs.push(Output {
            topic: topic.clone(),
            key: key.clone(),
            value,
        });
        for record in ctx.take_audit() {
            let value = self
                .encode(RecordKind::Audit, &self.wiring.audit, &record)
                .await?;
            outputs.push(Output {
                topic: self.wiring.audit.clone(),
                key: key.clone(),
                value,
            });
        }
        let finish = outcome.is_terminal().then(|| Finish {
            ticket_id,
            conversation_id,
            outcome: outcome.label(),
        });
        Ok(Planned { outputs, finish })
    }

    async fn encode<T: serde::Serialize>(
        &self,
        kind: RecordKind,
        topic: &str,
        value: &T,
    ) -> Result<Vec<u8>, Failure> {
        self.codec
            .encode(kind, topic, value)
            .await
            .map_err(|e| match e {
                EncodeError::Registry(r) if r.is_transient() => Failure::Transient(r.to_string()),
                other => Failure::Permanent {
                    kind: "encode",
                    reason: other.to_string(),
                },
            })
    }

    /// Hands every output to the producer (waiting while its queue is full), releases the
    /// record's key and slot, then waits for the acknowledgements (see [`Worker::confirm`]).
    /// Returns false if stopped before everything was acknowledged.
    async fn deliver(&self, planned: Planned, stop: &Stop, release: &mut Release) -> bool {
        let mut pending = Vec::with_capacity(planned.outputs.len());
        for output in planned.outputs {
            let Some(delivery) = self.enqueue(&output, stop).await else {
                return false;
            };
            pending.push(Pending { output, delivery });
        }
        release.now();
        self.confirm(pending, planned.finish, stop).await
    }

    /// Waits for every enqueued output's acknowledgement, producing again (with backoff)
    /// any that failed; then records a terminal ticket as finished. Returns false if
    /// stopped before everything was acknowledged.
    async fn confirm(&self, pending: Vec<Pending>, finish: Option<Finish>, stop: &Stop) -> bool {
        // One wait for all the acknowledgements (the common case: each arrives).
        let mut pending = pending;
        let acks = join_all(pending.iter_mut().map(|p| &mut p.delivery));
        let acks = tokio::select! {
            acks = acks => acks,
            _ = stop.raised() => return false,
        };
        let mut acked = Vec::with_capacity(acks.len());
        for (p, ack) in pending.iter().zip(acks) {
            if matches!(ack, Ok(Ok(_))) {
                self.metrics.produced.fetch_add(1, Ordering::Relaxed);
                acked.push(true);
                continue;
            }
            self.metrics.retried.fetch_add(1, Ordering::Relaxed);
            warn!(topic = %p.output.topic, "delivery failed: producing again");
            acked.push(
                self.produce_one(&p.output.topic, &p.output.key, &p.output.value, stop)
                    .await,
            );
        }
        if !acked.iter().all(|ok| *ok) {
            return false;
        }
        let (Some(finish), Some(state)) = (finish, &self.state) else {
            return true;
        };
        self.retry("record the ticket as finished", stop, || {
            state.mark_finished(&finish.ticket_id, &finish.conversation_id, finish.outcome)
        })
        .await
        .is_some()
    }

    /// Runs `op` until it succeeds, waiting with backoff between attempts; `None` if
    /// stopped first (the record is then abandoned and redelivered later).
    async fn retry<T, E, F, Fut>(&self, what: &str, stop: &Stop, mut op: F) -> Option<T>
    where
        E: std::fmt::Display,
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match op().await {
                Ok(v) => return Some(v),
                Err(error) => {
                    warn!(%error, attempt, what, "failed: retrying");
                    tokio::select! {
                        _ = tokio::time::sleep(self.backoff.delay(attempt)) => {}
                        _ = stop.raised() => return None,
                    }
                }
            }
        }
    }

    /// The record an output is produced as, with this stage's headers.
    fn record<'a>(
        &self,
        topic: &'a str,
        key: &'a [u8],
        value: &'a [u8],
    ) -> FutureRecord<'a, [u8], [u8]> {
        FutureRecord::to(topic)
            .key(key)
            .payload(value)
            .headers(self.headers.clone())
    }

    /// Hands one output to the producer. A full queue is waited out; any other error is
    /// retried with backoff. `None` if stopped first.
    async fn enqueue(&self, output: &Output, stop: &Stop) -> Option<DeliveryFuture> {
        let mut attempt = 0;
        loop {
            let record = self.record(&output.topic, &output.key, &output.value);
            let delay = match self.producer.send_result(record) {
                Ok(delivery) => return Some(delivery),
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                    Duration::from_millis(2)
                }
                Err((error, _)) => {
                    attempt += 1;
                    self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                    warn!(%error, attempt, topic = %output.topic, "enqueue failed: retrying");
                    self.backoff.delay(attempt)
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = stop.raised() => return None,
            }
        }
    }

    /// Produces one record and waits for its acknowledgement, retrying until it is
    /// acknowledged; false if stopped first.
    async fn produce_one(&self, topic: &str, key: &[u8], value: &[u8], stop: &Stop) -> bool {
        let sent = self
            .retry("produce", stop, || async {
                self.producer
                    .send(self.record(topic, key, value), self.produce_timeout)
                    .await
                    .map_err(|(error, _)| {
                        self.metrics.retried.fetch_add(1, Ordering::Relaxed);
                        error
                    })
            })
            .await
            .is_some();
        if sent {
            self.metrics.produced.fetch_add(1, Ordering::Relaxed);
        }
        sent
    }

    /// The dead letter for `msg`, as the one output to deliver; `None` if stopped while
    /// encoding it.
    async fn dead_letter(
        &self,
        msg: &OwnedMessage,
        kind: &'static str,
        reason: &str,
        stop: &Stop,
    ) -> Option<Planned> {
        let headers = msg
            .headers()
            .map(|h| {
                h.iter()
                    .filter_map(|hd| {
                        hd.value
                            .and_then(|v| std::str::from_utf8(v).ok())
                            .map(|v| (hd.key.to_owned(), v.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let dl = DeadLetter {
            original_value: msg.payload().map(<[u8]>::to_vec),
            original_key: msg.key().map(<[u8]>::to_vec),
            source_topic: msg.topic().to_owned(),
            source_partition: msg.partition(),
            source_offset: msg.offset(),
            stage: self.stage.name().to_owned(),
            error_kind: kind.to_owned(),
            reason: reason.to_owned(),
            headers,
            failed_at: now_ms(),
        };
        let value = self
            .retry("encode the dead letter", stop, || {
                self.codec
                    .encode(RecordKind::DeadLetter, &self.wiring.deadletter, &dl)
            })
            .await?;
        Some(Planned {
            outputs: vec![Output {
                topic: self.wiring.deadletter.clone(),
                key: msg.key().unwrap_or_default().to_vec(),
                value,
            }],
            finish: None,
        })
    }
}

enum Failure {
    Permanent {
        kind: &'static str,
        reason: String,
    },
    Transient(String),
    Unavailable {
        reason: String,
        retry_after: Duration,
    },
}
