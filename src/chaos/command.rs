//! `frontdesk bench chaos`: arguments, printing and the gate.

use std::time::Duration;

use clap::Args;

use super::run::{run, ChaosOptions, ChaosReport};
use super::store::StoreFaults;
use crate::config::Config;

/// Arguments of `bench chaos`.
#[derive(Debug, Args)]
pub struct ChaosArgs {
    /// Tickets to send.
    #[arg(long, default_value_t = 10_000)]
    tickets: usize,
    /// Tickets published per second (0: all at once), so the faults meet a steady flow.
    #[arg(long, default_value_t = 250)]
    rate: u32,
    /// Mean seconds between SIGKILLs of a random stage process (0: none).
    #[arg(long, default_value_t = 4.0)]
    kill_every_secs: f64,
    /// Mean seconds between broker faults on the embedded broker (0: none).
    #[arg(long, default_value_t = 3.0)]
    fault_every_secs: f64,
    /// Share of store writes failed before they happen.
    #[arg(long, default_value_t = 0.05)]
    store_fail_rate: f64,
    /// Share of store writes applied whose response is lost.
    #[arg(long, default_value_t = 0.05)]
    store_lose_rate: f64,
    /// An external cluster (tansu, Kafka) instead of the embedded broker: no broker faults.
    #[arg(long)]
    brokers: Option<String>,
    /// The state database (default: a fresh SQLite file).
    #[arg(long)]
    state_url: Option<String>,
    /// The memory run: publish every ticket first, then drain the backlog, no faults.
    #[arg(long)]
    backlog: bool,
    /// Give up waiting for outcomes after this many seconds.
    #[arg(long, default_value_t = 1800)]
    timeout_secs: u64,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Report, but exit 0 even if a ticket was lost, doubled or written twice.
    #[arg(long)]
    no_gate: bool,
}

fn every(secs: f64) -> Option<Duration> {
    (secs > 0.0).then(|| Duration::from_secs_f64(secs))
}

/// Runs `bench chaos`; fails when a ticket was lost, got two different outcomes, or a write
/// was applied twice (unless `--no-gate`).
pub async fn command(cfg: Config, args: ChaosArgs) -> anyhow::Result<()> {
    let opts = ChaosOptions {
        tickets: args.tickets,
        rate: (args.rate > 0).then_some(args.rate),
        kill_every: every(args.kill_every_secs),
        broker_faults: args.fault_every_secs > 0.0,
        fault_every: every(args.fault_every_secs).unwrap_or(Duration::from_secs(3)),
        store: StoreFaults {
            fail_rate: args.store_fail_rate.clamp(0.0, 1.0),
            lose_rate: args.store_lose_rate.clamp(0.0, 1.0),
        },
        brokers: args.brokers,
        state_url: args.state_url,
        backlog: args.backlog,
        timeout: Duration::from_secs(args.timeout_secs),
        ..ChaosOptions::default()
    };
    let r = run(cfg, opts).await?;
    if args.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        print(&r);
    }
    let failed = r.score.lost > 0 || r.score.contradictory > 0 || r.duplicate_writes > 0;
    anyhow::ensure!(
        args.no_gate || !failed,
        "chaos gate failed: {} lost, {} with two different outcomes, {} duplicate writes",
        r.score.lost,
        r.score.contradictory,
        r.duplicate_writes
    );
    Ok(())
}

fn print(r: &ChaosReport) {
    println!("frontdesk bench chaos ({})", r.broker);
    println!(
        "  tickets            {}  ({} of them the customer's \"yes\" to a confirmation; {} more never acknowledged by the broker)",
        r.tickets, r.confirmations, r.unpublished
    );
    println!(
        "  exactly once       {}  (after de-duplication by ticket id)",
        r.score.exactly_once
    );
    println!("  two outcomes       {}", r.score.contradictory);
    println!("  raw duplicates     {}", r.score.raw_duplicates);
    println!("  lost               {}", r.score.lost);
    println!(
        "  duplicate writes   {}  ({} writes applied; {} same key twice, {} same order twice, {} unattributed)",
        r.duplicate_writes,
        r.writes.applied,
        r.writes.same_key_twice,
        r.writes.same_order_twice,
        r.writes.unattributed
    );
    println!("  resolutions        {:?}", r.score.resolutions);
    println!("  handoffs by reason {:?}", r.score.handoffs_by_reason);
    println!(
        "  faults             {} kills, broker {:?}, store {} failed / {} responses lost",
        r.kills, r.broker_faults, r.store_failed, r.store_lost_responses
    );
    println!(
        "  drain              {:.1} s (total {:.1} s)",
        r.drain_secs, r.total_secs
    );
    for (stage, m) in &r.stage_memory {
        println!(
            "  rss {stage:<10}     peak {:.0} MiB, {:.0} MiB at a quarter, {:.0} MiB at the end, medians by quarter {:?} MiB ({} restarts)",
            m.peak_rss_mib,
            m.rss_at_quarter_mib,
            m.rss_at_end_mib,
            m.rss_median_by_quarter_mib
                .iter()
                .map(|x| x.round())
                .collect::<Vec<_>>(),
            m.restarts
        );
    }
    println!(
        "  rss harness        peak {:.0} MiB (embedded broker, store, observer)",
        r.harness_peak_rss_mib
    );
    for (topic, c) in r.topics.iter().filter(|(_, c)| c.deleted_by_broker > 0) {
        println!(
            "  the broker deleted {} records of {topic} (fullest partition {:.1} MiB)",
            c.deleted_by_broker,
            c.largest_partition_bytes as f64 / 1048576.0
        );
    }
    for t in &r.lost_tickets {
        let kind = if t.confirmation {
            "a confirmation"
        } else {
            "a first message"
        };
        println!("  lost {} ({kind})", t.ticket_id);
        for at in &t.seen_at {
            println!(
                "    on {}[{}] at {} (its reader committed {:?})",
                at.topic, at.partition, at.offset, at.reader_committed
            );
        }
    }
    if let Some(dir) = &r.logs_kept_in {
        println!("  stage logs kept in {dir}");
    }
}
