//! `frontdesk bench backlog`: how long a backlog takes to drain, and what it costs in
//! memory while it drains.
//!
//! `N` tickets of the shipped kinds (the chaos suite's: every channel, Avro and JSON, the
//! store's real customers) are published onto the inbound topics with no stage running;
//! then the four stages start in this process with the sandbox store (over HTTP on
//! loopback) and drain them. Every second it samples this process's resident set
//! (`VmRSS`) and the tickets finished (rows of `processed_tickets`, one per ticket with
//! its terminal outcome acknowledged).
//!
//! The broker's share of the memory: on the embedded mock cluster the topics live in this
//! process, so the resident set after pre-loading, before any stage starts, is reported as
//! the baseline (the broker holding the backlog); the mock also keeps every record the
//! stages produce, so its share grows while the backlog drains. With `--brokers` (tansu
//! in its own process, say) this process holds only the stages, the store and the client
//! buffers, and "flat after warm-up" can be read off the figures directly.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use rdkafka::producer::FutureRecord;
use serde::Serialize;

use super::spine::process_cpu_secs;
use crate::chaos::supervisor::rss_kib;
use crate::chaos::tickets::TicketMaker;
use crate::config::Config;
use crate::harness::{Broker, Harness, HarnessOptions, Stages, Store};
use crate::kafka::EmbeddedBroker;
use crate::stages::StageKind;

/// Tickets enqueued before their acknowledgements are awaited, so the publisher holds a
/// bounded batch rather than the whole backlog.
const PUBLISH_BATCH: usize = 10_000;

/// The share of the tickets finished at which the stages count as warmed up.
const WARM_AT: f64 = 0.10;

/// Bench options.
#[derive(Debug, Clone)]
pub struct BacklogOptions {
    /// Tickets in the backlog.
    pub tickets: usize,
    /// Brokers; an embedded mock cluster when `None`.
    pub brokers: Option<String>,
    /// The shipped retail data (customers for the tickets, the sandbox store's seed).
    pub data_dir: PathBuf,
    /// Give up when the backlog has not drained within this time.
    pub timeout: Duration,
}

/// Resident memory when a share of the backlog was finished.
#[derive(Debug, Clone, Serialize)]
pub struct RssAt {
    /// Tickets finished.
    pub finished: u64,
    /// Seconds since the stages started.
    pub secs: f64,
    /// Resident set of this process, MiB.
    pub rss_mib: f64,
}

/// The figures.
#[derive(Debug, Serialize)]
pub struct BacklogReport {
    /// Tickets in the backlog (all finished).
    pub tickets: usize,
    /// Which broker.
    pub broker: String,
    /// Time to publish the backlog, seconds.
    pub publish_secs: f64,
    /// From starting the stages to the last ticket finished, seconds (group joins
    /// included).
    pub drain_secs: f64,
    /// tickets / drain_secs.
    pub tickets_per_sec: f64,
    /// CPU time (user + system) of this process per ticket while draining, microseconds:
    /// the four stages, the store and, on the embedded broker, the broker.
    pub cpu_us_per_ticket: Option<f64>,
    /// Resident set before publishing, MiB.
    pub rss_start_mib: f64,
    /// Resident set after publishing, before any stage started, MiB: the baseline (on the
    /// embedded broker it holds the backlog).
    pub rss_loaded_mib: f64,
    /// Resident set when 10 % of the tickets were finished (after warm-up), MiB.
    pub rss_warm_mib: f64,
    /// Highest resident set sampled while draining, MiB.
    pub peak_rss_mib: f64,
    /// Resident set when the last ticket finished, MiB.
    pub rss_end_mib: f64,
    /// Resident set at each tenth of the backlog finished: the shape of the curve.
    pub rss_by_tenth: Vec<RssAt>,
}

fn rss_mib() -> f64 {
    rss_kib(std::process::id()).unwrap_or(0) as f64 / 1024.0
}

/// Runs the backlog bench on `base`'s config.
pub async fn backlog(base: Config, opts: BacklogOptions) -> anyhow::Result<BacklogReport> {
    anyhow::ensure!(opts.tickets > 0, "--tickets must be at least 1");
    let rss_start_mib = rss_mib();
    let embedded = match &opts.brokers {
        Some(_) => None,
        None => Some(EmbeddedBroker::start(1).context("Failed to start the embedded broker")?),
    };
    let brokers = match (&opts.brokers, &embedded) {
        (Some(b), _) => b.clone(),
        (None, Some(e)) => e.bootstrap_servers().to_owned(),
        (None, None) => unreachable!("one of the two is set"),
    };
    let mut cfg = base;
    let prefix = format!(
        "backlog-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    // With its own in-process broker the bench is a one-process run like the eval: the
    // config keeps saying `embedded` (so, e.g., the PII vault may draw ephemeral keys);
    // every connection below uses `brokers`.
    if opts.brokers.is_some() {
        cfg.kafka.brokers = brokers.clone();
    }
    cfg.topics.prefix = prefix.clone();
    cfg.kafka.group_prefix = prefix.clone();
    let topics = crate::pipeline::topics(&cfg)?;
    match &embedded {
        Some(e) => topics.apply_embedded(e)?,
        None => {
            let admin = crate::kafka::admin(&brokers, &cfg.kafka)?;
            topics.apply(&admin, cfg.topics.replication_factor).await?;
        }
    }

    let published = Instant::now();
    let codec = crate::pipeline::codec(&cfg);
    let maker = TicketMaker::new(&opts.data_dir, &codec, &topics, &prefix).await?;
    let producer = crate::kafka::producer(&brokers, &cfg.kafka)?;
    let mut first = 0;
    while first < opts.tickets {
        let last = (first + PUBLISH_BATCH).min(opts.tickets);
        let mut acks = Vec::with_capacity(last - first);
        for i in first..last {
            let t = maker.make(i).await?;
            let record = FutureRecord::to(&t.topic).key(&t.key).payload(&t.value);
            acks.push(crate::kafka::enqueue(&producer, record).await);
        }
        for ack in acks {
            ack.await?
                .map_err(|(e, _)| anyhow::anyhow!("publishing the backlog: {e}"))?;
        }
        first = last;
    }
    drop(producer);
    let publish_secs = published.elapsed().as_secs_f64();
    let rss_loaded_mib = rss_mib();

    let store_dir = tempfile::tempdir().context("Failed to create a temporary directory")?;
    let harness = Harness::start(
        cfg,
        HarnessOptions {
            // Topics are declared above; the embedded broker is reached by its address.
            broker: Broker::External(brokers.clone()),
            store: Store::Sandbox {
                db_url: format!(
                    "sqlite://{}?mode=rwc",
                    store_dir.path().join("store.db").display()
                ),
                data_dir: opts.data_dir.clone(),
            },
            stages: Stages::Configured(StageKind::ALL.to_vec()),
            keep_state_url: false,
            declare_topics: false,
        },
    )
    .await?;
    let (started, cpu_at_start) = (Instant::now(), process_cpu_secs());
    let total = opts.tickets as u64;
    let mut rss_by_tenth: Vec<RssAt> = Vec::with_capacity(10);
    let mut peak_rss_mib: f64 = 0.0;
    let mut rss_warm_mib = None;
    let mut finished = 0;
    while finished < total {
        anyhow::ensure!(
            started.elapsed() < opts.timeout,
            "the backlog did not drain within {:?}: {finished} of {total} tickets finished",
            opts.timeout
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
        finished = finished_tickets(&harness).await?;
        let at = RssAt {
            finished,
            secs: started.elapsed().as_secs_f64(),
            rss_mib: rss_mib(),
        };
        peak_rss_mib = peak_rss_mib.max(at.rss_mib);
        if rss_warm_mib.is_none() && finished as f64 >= total as f64 * WARM_AT {
            rss_warm_mib = Some(at.rss_mib);
        }
        let tenths = (finished * 10 / total) as usize;
        while rss_by_tenth.len() < tenths {
            rss_by_tenth.push(at.clone());
        }
    }
    let drain_secs = started.elapsed().as_secs_f64();
    let cpu_us_per_ticket = cpu_at_start
        .zip(process_cpu_secs())
        .map(|(a, b)| (b - a) * 1e6 / opts.tickets as f64);
    let rss_end_mib = rss_mib();
    harness.stop().await?;
    Ok(BacklogReport {
        tickets: opts.tickets,
        broker: if embedded.is_some() {
            "embedded (librdkafka mock cluster, in this process)".to_owned()
        } else {
            brokers
        },
        publish_secs,
        drain_secs,
        tickets_per_sec: opts.tickets as f64 / drain_secs,
        cpu_us_per_ticket,
        rss_start_mib,
        rss_loaded_mib,
        rss_warm_mib: rss_warm_mib.unwrap_or(rss_end_mib),
        peak_rss_mib: peak_rss_mib.max(rss_end_mib),
        rss_end_mib,
        rss_by_tenth,
    })
}

/// Tickets whose terminal outcome is acknowledged (one row per ticket).
async fn finished_tickets(harness: &Harness) -> anyhow::Result<u64> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM processed_tickets")
        .fetch_one(harness.state.pool())
        .await
        .context("Failed to count the finished tickets")?;
    Ok(n.max(0) as u64)
}

/// The summary for a person.
impl std::fmt::Display for BacklogReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "backlog of {} tickets on {}", self.tickets, self.broker)?;
        writeln!(f, "  published in   {:.1} s", self.publish_secs)?;
        let cpu = self
            .cpu_us_per_ticket
            .map(|c| format!(", {c:.0} µs CPU per ticket"))
            .unwrap_or_default();
        writeln!(
            f,
            "  drained in     {:.1} s ({:.0} tickets/s{cpu})",
            self.drain_secs, self.tickets_per_sec
        )?;
        writeln!(
            f,
            "  rss            {:.0} MiB at start, {:.0} MiB with the backlog loaded (baseline)",
            self.rss_start_mib, self.rss_loaded_mib
        )?;
        writeln!(
            f,
            "                 {:.0} MiB after warm-up (10 %), peak {:.0} MiB, {:.0} MiB at the end",
            self.rss_warm_mib, self.peak_rss_mib, self.rss_end_mib
        )?;
        let curve: Vec<String> = self
            .rss_by_tenth
            .iter()
            .map(|a| format!("{:.0}", a.rss_mib))
            .collect();
        writeln!(f, "  rss by tenth   {} MiB", curve.join(" "))
    }
}
