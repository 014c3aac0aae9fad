//! Runs 1 and 3 of the bench: start `per_stage` processes of each stage, warm them up,
//! publish the backlog in one burst and time its drain.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::rig::{stop_stages, Rig, WARM_TICKETS};
use crate::bench::procfs::{busy_share, machine_cpu_ticks, peak_rss_kib, process_cpu_secs};
use crate::chaos::supervisor::{ProcessUsage, StageMemory};

/// How often the finished tickets are counted and the resident sets sampled.
const POLL: Duration = Duration::from_millis(250);

/// The label of this process among the stage processes.
pub(super) const HARNESS: &str = "harness";

/// One drain.
#[derive(Debug, Clone, Serialize)]
pub struct DrainRun {
    /// Processes per stage (each stage's consumer group has this many members).
    pub processes_per_stage: usize,
    /// From starting the processes to the warm-up tickets finished, seconds: process
    /// start, model loading, group joins.
    pub start_secs: f64,
    /// Time to publish the backlog, seconds (the stages drain it meanwhile).
    pub publish_secs: f64,
    /// From the first ticket of the backlog published to the last one finished, seconds.
    pub drain_secs: f64,
    /// tickets / drain_secs.
    pub tickets_per_sec: f64,
    /// CPU time (user + system) per ticket over the drain, microseconds, by stage (its
    /// processes summed).
    pub cpu_us_per_ticket_by_stage: BTreeMap<String, f64>,
    /// The same for each process (`router`, `router#2`, ...) and `harness`: this process,
    /// publishing the backlog, serving the store and, on the embedded broker, the broker.
    pub cpu_us_per_ticket_by_process: BTreeMap<String, f64>,
    /// The share of the machine's CPU (both cores, every process: the stages, this one,
    /// the database, anything else running) busy over the drain: near 1, the drain was
    /// CPU-bound.
    pub machine_busy_share: Option<f64>,
    /// Peak resident set (`VmHWM`) of each stage process and of `harness`, MiB (the
    /// harness's over the bench so far: it holds every run's topics on the embedded broker).
    pub peak_rss_mb_by_process: BTreeMap<String, f64>,
    /// Resident set of each stage process a quarter into the drain and at its end, MiB:
    /// flat after warm-up, or not.
    pub stage_memory: BTreeMap<String, StageMemory>,
}

/// CPU seconds so far of each stage process and of this process.
fn cpu_now(usage: &[ProcessUsage]) -> BTreeMap<String, f64> {
    let mut cpu: BTreeMap<String, f64> = usage
        .iter()
        .filter_map(|u| Some((u.label.clone(), u.cpu_secs?)))
        .collect();
    if let Some(me) = process_cpu_secs() {
        cpu.insert(HARNESS.to_owned(), me);
    }
    cpu
}

/// Starts `per_stage` processes of each stage on fresh topics, warms them up, then
/// publishes `tickets` as fast as the broker takes them and waits until all are finished.
pub(super) async fn drain(
    rig: &Rig,
    name: &str,
    tickets: usize,
    per_stage: usize,
    timeout: Duration,
) -> anyhow::Result<DrainRun> {
    let lane = rig.lane(name).await?;
    let mut stages = lane.start_stages(per_stage)?;
    let result = async {
        let started = Instant::now();
        lane.warm_up(&mut stages, timeout).await?;
        let start_secs = started.elapsed().as_secs_f64();
        let before = cpu_now(&stages.usage());
        let machine_before = machine_cpu_ticks();
        let published = Instant::now();
        lane.publish(WARM_TICKETS, WARM_TICKETS + tickets).await?;
        let publish_secs = published.elapsed().as_secs_f64();
        let total = (WARM_TICKETS + tickets) as u64;
        lane.wait_for(total, &mut stages, timeout, POLL, |_, stages| {
            stages.sample()
        })
        .await?;
        let drain_secs = published.elapsed().as_secs_f64();
        let busy = machine_before
            .zip(machine_cpu_ticks())
            .and_then(|(b, a)| busy_share(b, a));
        // Read while the processes still run: their CPU time and peak resident set go
        // with them.
        let usage = stages.usage();
        let after = cpu_now(&usage);
        anyhow::Ok((
            start_secs,
            publish_secs,
            drain_secs,
            busy,
            usage,
            before,
            after,
        ))
    }
    .await;
    let stage_memory = stages.memory();
    stop_stages(stages).await?;
    let (start_secs, publish_secs, drain_secs, machine_busy_share, usage, before, after) = result?;

    let per_ticket = |label: &str| -> Option<f64> {
        Some((after.get(label)? - before.get(label)?) * 1e6 / tickets as f64)
    };
    let mut cpu_us_per_ticket_by_process: BTreeMap<String, f64> = BTreeMap::new();
    let mut cpu_us_per_ticket_by_stage: BTreeMap<String, f64> = BTreeMap::new();
    for u in &usage {
        if let Some(us) = per_ticket(&u.label) {
            cpu_us_per_ticket_by_process.insert(u.label.clone(), us);
            *cpu_us_per_ticket_by_stage
                .entry(u.kind.as_str().to_owned())
                .or_default() += us;
        }
    }
    if let Some(us) = per_ticket(HARNESS) {
        cpu_us_per_ticket_by_process.insert(HARNESS.to_owned(), us);
    }
    let mib = |kib: u64| kib as f64 / 1024.0;
    let mut peak_rss_mb_by_process: BTreeMap<String, f64> = usage
        .iter()
        .filter_map(|u| Some((u.label.clone(), mib(u.peak_rss_kib?))))
        .collect();
    if let Some(me) = peak_rss_kib(std::process::id()) {
        peak_rss_mb_by_process.insert(HARNESS.to_owned(), mib(me));
    }
    Ok(DrainRun {
        processes_per_stage: per_stage,
        start_secs,
        publish_secs,
        drain_secs,
        tickets_per_sec: tickets as f64 / drain_secs,
        cpu_us_per_ticket_by_stage,
        cpu_us_per_ticket_by_process,
        machine_busy_share,
        peak_rss_mb_by_process,
        stage_memory,
    })
}
