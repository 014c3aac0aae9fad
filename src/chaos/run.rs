//! One chaos run, start to finish.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context;
use rand::Rng;
use serde::Serialize;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::census::{
    census, deleted_found, readers, stage_inputs, BrokerLogs, LostTicket, TopicCensus,
};
use super::faults::{self, FaultCounts};
use super::observer;
use super::outcomes::{duplicate_writes, find_ticket, DuplicateWrites, Outcomes, Score};
use super::store::{self, StoreFaults};
use super::supervisor::{StageMemory, Supervisor};
use super::tickets;
use crate::bench::procfs::rss_kib;
use crate::config::Config;
use crate::kafka::EmbeddedBroker;
use crate::messages::{Codec, Handoff, RecordKind, Resolution};
use crate::stages::StageKind;
use crate::topics::names;

/// What to run.
#[derive(Debug, Clone)]
pub struct ChaosOptions {
    /// Tickets to send.
    pub tickets: usize,
    /// Tickets published per second (`None`: as fast as possible), so the faults meet a
    /// steady flow rather than one burst.
    pub rate: Option<u32>,
    /// Mean time between SIGKILLs of a random stage process; `None`: no kills.
    pub kill_every: Option<Duration>,
    /// Inject broker faults (embedded broker only).
    pub broker_faults: bool,
    /// Mean time between broker faults.
    pub fault_every: Duration,
    /// Store faults.
    pub store: StoreFaults,
    /// An external cluster instead of the embedded broker (no broker faults then).
    pub brokers: Option<String>,
    /// The state database; a fresh SQLite file when unset.
    pub state_url: Option<String>,
    /// Publish every ticket before starting the stages, and no faults: the memory run.
    pub backlog: bool,
    /// Give up waiting for outcomes after this long.
    pub timeout: Duration,
    /// Retail data directory.
    pub data_dir: std::path::PathBuf,
}

impl Default for ChaosOptions {
    fn default() -> Self {
        ChaosOptions {
            tickets: 10_000,
            rate: Some(250),
            kill_every: Some(Duration::from_secs(4)),
            broker_faults: true,
            fault_every: Duration::from_secs(3),
            store: StoreFaults {
                fail_rate: 0.05,
                lose_rate: 0.05,
            },
            brokers: None,
            state_url: None,
            backlog: false,
            timeout: Duration::from_secs(1800),
            // the shipped store data; a missing directory is reported when the store starts
            data_dir: crate::demo::default_data_dir()
                .unwrap_or_else(|_| std::path::PathBuf::from("data/retail")),
        }
    }
}

/// What a run measured.
#[derive(Debug, Serialize)]
pub struct ChaosReport {
    /// Tickets sent: the first messages and the confirmations.
    pub tickets: usize,
    /// Of these, the customer's "yes" sent because the agent asked to confirm a write.
    pub confirmations: usize,
    /// Tickets the broker never acknowledged (the producer's delivery timed out): not
    /// counted in `tickets`, not waited for.
    pub unpublished: usize,
    /// The outcomes per ticket: exactly once, contradictory, raw duplicates, lost, and
    /// the resolutions and handoffs by reason (first outcome per ticket).
    #[serde(flatten)]
    pub score: Score,
    /// Writes the store applied twice (same key, or the same order changed twice by one
    /// conversation).
    pub duplicate_writes: usize,
    /// The writes the store applied, and the detail of the duplicates.
    pub writes: DuplicateWrites,
    /// Seconds from the last ticket published to the last outcome.
    pub drain_secs: f64,
    /// Seconds from the first ticket published to the last outcome.
    pub total_secs: f64,
    /// Stage processes SIGKILLed (and restarted).
    pub kills: usize,
    /// Broker faults injected, by kind.
    pub broker_faults: FaultCounts,
    /// Store writes failed before the store, and applied with the answer lost.
    pub store_failed: u64,
    /// Store writes whose answer was lost after the store applied them.
    pub store_lost_responses: u64,
    /// Resident memory of each stage process.
    pub stage_memory: BTreeMap<String, StageMemory>,
    /// Peak resident memory of this process (the embedded broker holding every topic,
    /// the store and the observer), MiB.
    pub harness_peak_rss_mib: f64,
    /// Which broker.
    pub broker: String,
    /// What each topic holds at the end: records, bytes, and records the broker deleted
    /// (a run that outgrew the embedded broker's log limit says so here).
    pub topics: BTreeMap<String, TopicCensus>,
    /// Each lost ticket and the topics whose records name it (empty when none is lost).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lost_tickets: Vec<LostTicket>,
    /// Where the stage processes' logs were kept, when tickets were lost (otherwise they
    /// go with the run's temporary directory).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logs_kept_in: Option<String>,
}

/// Share of tickets with an outcome after which kills and broker faults stop and the rest
/// drains. Store faults go on until that share of the confirmations sent so far has an
/// outcome too: the confirmations, which make the writes, queue behind the first messages,
/// so most writes would otherwise meet no store fault.
const FAULTS_UNTIL: f64 = 0.9;

/// How often the stages' input logs are checked for records the broker deleted unread.
pub(crate) const LOGS_EVERY: Duration = Duration::from_secs(5);

/// Runs the suite with `base` (brokers, topics, groups, state and store are set here).
pub async fn run(base: Config, opts: ChaosOptions) -> anyhow::Result<ChaosReport> {
    let dir = tempfile::tempdir().context("Failed to create a temporary directory")?;
    let embedded = match &opts.brokers {
        Some(_) => None,
        None => Some(
            EmbeddedBroker::start(faults::BROKERS)
                .context("Failed to start the embedded broker")?,
        ),
    };
    let brokers = match (&opts.brokers, &embedded) {
        (Some(b), _) => b.clone(),
        (None, Some(e)) => e.bootstrap_servers().to_owned(),
        (None, None) => unreachable!("one of the two is set"),
    };
    let mut cfg = base;
    let prefix = format!("chaos-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    cfg.kafka.brokers = brokers.clone();
    cfg.topics.prefix = prefix.clone();
    cfg.kafka.group_prefix = prefix.clone();
    // Shorter sessions and static membership: a restarted stage takes its partitions
    // back at once instead of after the dead member's session times out.
    cfg.kafka.session_timeout = Duration::from_secs(6);
    cfg.kafka.max_poll_interval = Duration::from_secs(20);
    cfg.kafka.group_instance_id = Some("chaos".to_owned());
    cfg.runtime.drain_timeout = Duration::from_secs(3);
    cfg.state.url = opts.state_url.clone().unwrap_or_else(|| {
        format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("state.db").display()
        )
    });
    let topics = crate::pipeline::topics(&cfg)?;
    match &embedded {
        Some(e) => topics.apply_embedded(e)?,
        None => {
            topics
                .apply(
                    &crate::kafka::admin(&brokers, &cfg.kafka)?,
                    cfg.topics.replication_factor,
                )
                .await?;
        }
    }
    // Migrate once here, so the stage processes do not race to create the tables.
    crate::state::StateDb::connect(&cfg.state.url, 2).await?;
    let stop_store = CancellationToken::new();
    let store_db = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("store.db").display()
    );
    let store_faults = if opts.backlog {
        StoreFaults {
            fail_rate: 0.0,
            lose_rate: 0.0,
        }
    } else {
        opts.store
    };
    let (store_url, store, store_counts) =
        store::serve(&store_db, &opts.data_dir, store_faults, stop_store.clone()).await?;
    // The store stops however this returns (an error half-way too).
    let _stop_store = stop_store.drop_guard();
    cfg.agent.store_url = Some(store_url);
    let config_file = dir.path().join("chaos.toml");
    std::fs::write(
        &config_file,
        toml::to_string(&cfg).context("Failed to write the stage config")?,
    )?;

    let codec: Codec = crate::pipeline::codec(&cfg);
    let tickets::Tickets {
        inbound,
        writes: mut to_confirm,
    } = tickets::tickets(&opts.data_dir, opts.tickets, &codec, &topics).await?;
    let mut expected: HashSet<String> = inbound.iter().map(|t| t.ticket_id.clone()).collect();
    let mut conversations: HashMap<String, String> = inbound
        .iter()
        .map(|t| (t.ticket_id.clone(), t.key.clone()))
        .collect();
    let producer = crate::kafka::producer(&brokers, &cfg.kafka)?;
    let (resolutions, handoffs) = (
        topics.physical(names::RESOLUTIONS),
        topics.physical(names::HANDOFFS),
    );
    let (records_tx, mut records) = mpsc::unbounded_channel::<(String, Vec<u8>)>();
    let fault_topics: Vec<(String, i32)> = topics
        .all()
        .iter()
        .map(|d| (topics.physical(&d.name), d.partitions))
        .collect();
    let outcome_topics: Vec<(String, i32)> = fault_topics
        .iter()
        .filter(|(t, _)| *t == resolutions || *t == handoffs)
        .cloned()
        .collect();
    let stop_observer = CancellationToken::new();
    tokio::spawn(observer::observe(
        brokers.clone(),
        cfg.kafka.clone(),
        outcome_topics,
        records_tx,
        stop_observer.clone(),
    ));
    // The observer stops however this returns.
    let _stop_observer = stop_observer.drop_guard();

    // A run that outgrows the embedded broker's logs loses records to it: stop and say so.
    let stop_watch = CancellationToken::new();
    let deleted = match &embedded {
        Some(_) => Some(
            BrokerLogs::new(
                &brokers,
                &cfg.kafka,
                stage_inputs(&topics, &cfg.kafka.group_prefix),
            )?
            .watch(LOGS_EVERY, stop_watch.clone()),
        ),
        None => None,
    };
    let _stop_watch = stop_watch.drop_guard();
    let exe = std::env::current_exe().context("Failed to find this executable")?;
    let start = Instant::now();
    let mut published_at = None;
    let (unpublished_tx, mut unpublished_rx) = mpsc::unbounded_channel::<String>();
    let publishing = if opts.backlog {
        tickets::publish(&producer, &inbound, None, &unpublished_tx).await;
        published_at = Some(Instant::now());
        None
    } else {
        let (producer, unpublished) = (producer.clone(), unpublished_tx.clone());
        let rate = opts.rate;
        Some(tokio::spawn(async move {
            tickets::publish(&producer, &inbound, rate, &unpublished).await
        }))
    };
    let mut supervisor = Supervisor::start(&exe, &config_file, dir.path(), &StageKind::ALL)?;

    let mut outcomes = Outcomes::default();
    // The customers' "yes" on their way to the broker (through the same faults); what is
    // still on its way when the run ends is dropped with the set.
    let mut confirming = tokio::task::JoinSet::new();
    let (mut confirmations, mut unpublished) = (0, 0);
    // The confirmations sent (and not failed), for the end of the faults.
    let mut confirming_ids: HashSet<String> = HashSet::new();
    let mut kills = 0;
    let mut fault_counts = FaultCounts::new();
    let mut harness_peak = 0u64;
    let mut next_kill = next_after(opts.kill_every.filter(|_| !opts.backlog));
    let mut next_fault = next_after(
        Some(opts.fault_every)
            .filter(|_| opts.broker_faults && !opts.backlog && embedded.is_some()),
    );
    let mut last_outcome = start;
    let mut faults_on = !opts.backlog;
    let mut sampled = Instant::now();
    loop {
        while let Ok((topic, bytes)) = records.try_recv() {
            if topic == handoffs {
                let h: Handoff = codec.decode(RecordKind::Handoff, &bytes).await?;
                outcomes.handoff(&h);
            } else {
                let r: Resolution = codec.decode(RecordKind::Resolution, &bytes).await?;
                outcomes.resolution(&r);
                // The agent asks before it writes: the customer says yes, once.
                let request = r
                    .awaiting_customer
                    .then(|| to_confirm.remove(&r.ticket_id))
                    .flatten();
                if let Some(request) = request {
                    let yes = tickets::confirmation(&request, &codec, &topics).await?;
                    expected.insert(yes.ticket_id.clone());
                    confirming_ids.insert(yes.ticket_id.clone());
                    conversations.insert(yes.ticket_id.clone(), yes.key.clone());
                    let (producer, failed) = (producer.clone(), unpublished_tx.clone());
                    confirming.spawn(async move {
                        tickets::publish(&producer, &[yes], None, &failed).await
                    });
                    confirmations += 1;
                }
            }
            last_outcome = Instant::now();
        }
        while let Ok(ticket) = unpublished_rx.try_recv() {
            // Never acknowledged by the broker: not sent, so not waited for.
            expected.remove(&ticket);
            confirming_ids.remove(&ticket);
            unpublished += 1;
        }
        while confirming.try_join_next().is_some() {}
        if let Some(p) = &publishing {
            if p.is_finished() && published_at.is_none() {
                published_at = Some(Instant::now());
            }
        }
        let done = outcomes.done(&expected);
        if done == expected.len() || start.elapsed() > opts.timeout {
            break;
        }
        let mostly = |done: usize, of: usize| done as f64 >= FAULTS_UNTIL * of as f64;
        if faults_on && mostly(done, expected.len()) {
            faults_on = false;
        }
        if store_counts.active.load(Ordering::Relaxed)
            && !faults_on
            && mostly(outcomes.done(&confirming_ids), confirming_ids.len())
        {
            store_counts.active.store(false, Ordering::Relaxed);
        }
        if let Some((kind, status)) = supervisor.exited() {
            anyhow::bail!("the {} stage exited by itself ({status})", kind.as_str());
        }
        let now = Instant::now();
        if faults_on && next_kill.is_some_and(|t| now >= t) && !supervisor.is_empty() {
            let i = rand::thread_rng().gen_range(0..supervisor.len());
            supervisor.kill_and_restart(i)?;
            kills += 1;
            next_kill = next_after(opts.kill_every);
        }
        if let (true, Some(e), Some(t)) = (faults_on, &embedded, next_fault) {
            if now >= t {
                match faults::inject_one(e, &fault_topics).await {
                    Ok(kind) => *fault_counts.entry(kind).or_default() += 1,
                    Err(error) => tracing::warn!(%error, "a broker fault could not be injected"),
                }
                next_fault = next_after(Some(opts.fault_every));
            }
        }
        if let Some(error) = deleted.as_ref().and_then(deleted_found) {
            return Err(error);
        }
        if sampled.elapsed() >= Duration::from_secs(1) {
            supervisor.sample();
            harness_peak = harness_peak.max(rss_kib(std::process::id()).unwrap_or(0));
            sampled = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    if let Some(p) = publishing {
        // Finished unless the run timed out; then what it still waits for is not sent.
        p.abort();
    }
    let stage_memory = supervisor.memory();
    tokio::task::spawn_blocking(move || supervisor.stop()).await?;
    let ledger = store.ledger().await?;
    let writes = duplicate_writes(&ledger, |e| {
        e.idempotency_key
            .as_deref()
            .and_then(|k| outcomes.conversation_of_key(k))
            .map(str::to_owned)
            .or_else(|| find_ticket(e, &expected).and_then(|t| conversations.get(&t).cloned()))
    });
    let score = outcomes.score(&expected);
    let lost: Vec<(String, bool)> = outcomes
        .missing(&expected)
        .into_iter()
        .map(|t| {
            let confirmation = confirming_ids.contains(&t);
            (t, confirmation)
        })
        .collect();
    // Which stage's group reads each topic, for the committed offsets of a lost ticket.
    let readers = readers(&topics, &cfg.kafka.group_prefix);
    let (census_brokers, kafka, all_topics) =
        (brokers.clone(), cfg.kafka.clone(), fault_topics.clone());
    let census = tokio::task::spawn_blocking(move || {
        census(&census_brokers, &kafka, &all_topics, &readers, &lost)
    })
    .await?
    .unwrap_or_else(|error| {
        tracing::warn!(%error, "could not read the topics at the end of the run");
        Default::default()
    });
    // The stage logs say what happened to a lost ticket: keep them.
    let logs_kept_in = if score.lost > 0 {
        let kept = dir.keep();
        if let Err(error) = std::fs::write(kept.join("records.txt"), census.positions.join("\n")) {
            tracing::warn!(%error, "the list of record positions could not be written");
        }
        Some(kept.display().to_string())
    } else {
        None
    };
    let published_at = published_at.unwrap_or(start);
    Ok(ChaosReport {
        tickets: expected.len(),
        confirmations,
        unpublished,
        score,
        duplicate_writes: writes.total(),
        writes,
        drain_secs: last_outcome
            .saturating_duration_since(published_at)
            .as_secs_f64(),
        total_secs: last_outcome.saturating_duration_since(start).as_secs_f64(),
        kills,
        broker_faults: fault_counts,
        store_failed: store_counts.failed.load(Ordering::Relaxed),
        store_lost_responses: store_counts.lost.load(Ordering::Relaxed),
        stage_memory,
        harness_peak_rss_mib: harness_peak as f64 / 1024.0,
        broker: if embedded.is_some() {
            "embedded (librdkafka mock cluster, 3 brokers)".to_owned()
        } else {
            brokers
        },
        topics: census.topics,
        lost_tickets: census.lost,
        logs_kept_in,
    })
}

/// A random instant around `mean` from now (uniform in [mean/2, 3·mean/2]).
fn next_after(mean: Option<Duration>) -> Option<Instant> {
    let mean = mean?;
    let ms = mean.as_millis().max(2) as u64;
    Some(Instant::now() + Duration::from_millis(rand::thread_rng().gen_range(ms / 2..=ms * 3 / 2)))
}
