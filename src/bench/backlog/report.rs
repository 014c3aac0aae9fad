//! The bench's figures, as one JSON object and as a summary for a person.

use std::collections::BTreeMap;

use serde::Serialize;

use super::drain::DrainRun;
use super::latency::HalfLoad;
use super::rig::Rig;

/// The figures. The headline fields are the one-process-per-stage drain's.
#[derive(Debug, Serialize)]
pub struct BacklogReport {
    /// Tickets in each drain's backlog.
    pub tickets: usize,
    /// Which broker.
    pub broker: String,
    /// Which state database.
    pub state: String,
    /// The stage processes' `kafka.fetch_wait_max`, ms.
    pub fetch_wait_max_ms: u64,
    /// Partitions of every topic when the bench set them (`--partitions`); `None`: as
    /// declared.
    pub partitions: Option<i32>,
    /// Tickets per second end to end, one process per stage: the backlog over the time from
    /// its first ticket published to its last outcome acknowledged.
    pub tickets_per_sec: f64,
    /// CPU time per ticket over the drain by stage, microseconds.
    pub cpu_us_per_ticket_by_stage: BTreeMap<String, f64>,
    /// Peak resident set (`VmHWM`) of each process, MiB.
    pub peak_rss_mb_by_process: BTreeMap<String, f64>,
    /// Median latency per ticket at half the measured rate (`None`: not run).
    pub p50_ms_half_load: Option<f64>,
    /// 99th percentile latency per ticket at half the measured rate.
    pub p99_ms_half_load: Option<f64>,
    /// `tickets_per_sec` with two processes per stage over one (`None`: not run).
    pub scaling_ratio: Option<f64>,
    /// The one-process-per-stage drain.
    pub one_per_stage: DrainRun,
    /// The half-load run.
    pub half_load: Option<HalfLoad>,
    /// The two-processes-per-stage drain.
    pub two_per_stage: Option<DrainRun>,
}

impl BacklogReport {
    pub(super) fn new(
        rig: &Rig,
        tickets: usize,
        one: DrainRun,
        half: Option<HalfLoad>,
        two: Option<DrainRun>,
    ) -> BacklogReport {
        BacklogReport {
            tickets,
            broker: rig.broker_name(),
            state: rig.state_name().to_owned(),
            fetch_wait_max_ms: rig.fetch_wait_max().as_millis() as u64,
            partitions: rig.partitions(),
            tickets_per_sec: one.tickets_per_sec,
            cpu_us_per_ticket_by_stage: one.cpu_us_per_ticket_by_stage.clone(),
            peak_rss_mb_by_process: one.peak_rss_mb_by_process.clone(),
            p50_ms_half_load: half.as_ref().map(|h| h.p50_ms),
            p99_ms_half_load: half.as_ref().map(|h| h.p99_ms),
            scaling_ratio: two
                .as_ref()
                .map(|t| t.tickets_per_sec / one.tickets_per_sec),
            one_per_stage: one,
            half_load: half,
            two_per_stage: two,
        }
    }
}

fn by_name(m: &BTreeMap<String, f64>, unit: &str) -> String {
    m.iter()
        .map(|(k, v)| format!("{k} {v:.0}{unit}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn drain_lines(f: &mut std::fmt::Formatter<'_>, d: &DrainRun) -> std::fmt::Result {
    writeln!(
        f,
        "  {} per stage: started in {:.1} s; published in {:.1} s, drained in {:.1} s: {:.0} tickets/s",
        d.processes_per_stage, d.start_secs, d.publish_secs, d.drain_secs, d.tickets_per_sec
    )?;
    writeln!(
        f,
        "    CPU per ticket   {}",
        by_name(&d.cpu_us_per_ticket_by_process, " µs")
    )?;
    if let Some(b) = d.machine_busy_share {
        writeln!(f, "    machine CPU busy {:.0} % of both cores", b * 100.0)?;
    }
    writeln!(
        f,
        "    peak RSS         {}",
        by_name(&d.peak_rss_mb_by_process, " MiB")
    )?;
    let flat: Vec<String> = d
        .stage_memory
        .iter()
        .map(|(k, m)| format!("{k} {:.0}→{:.0}", m.rss_at_quarter_mib, m.rss_at_end_mib))
        .collect();
    writeln!(f, "    RSS at ¼ → end   {} MiB", flat.join(", "))?;
    let medians: Vec<String> = d
        .stage_memory
        .iter()
        .map(|(k, m)| {
            let q: Vec<String> = m
                .rss_median_by_quarter_mib
                .iter()
                .map(|x| format!("{x:.0}"))
                .collect();
            format!("{k} {}", q.join("/"))
        })
        .collect();
    writeln!(f, "    RSS median by ¼  {} MiB", medians.join(", "))
}

/// The summary for a person.
impl std::fmt::Display for BacklogReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "backlog of {} tickets, each stage in its own process, on {}; state: {}",
            self.tickets, self.broker, self.state
        )?;
        if let Some(n) = self.partitions {
            writeln!(f, "  every topic with {n} partitions")?;
        }
        drain_lines(f, &self.one_per_stage)?;
        if let Some(h) = &self.half_load {
            writeln!(
                f,
                "  half load: {} tickets at {:.0}/s (fed {:.0}/s): p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
                h.tickets, h.rate_per_sec, h.fed_per_sec, h.p50_ms, h.p99_ms, h.max_ms
            )?;
            let quarters: Vec<String> = h
                .p99_ms_by_quarter
                .iter()
                .map(|q| format!("{q:.0}"))
                .collect();
            writeln!(
                f,
                "    p99 by quarter of the feed: {} ms",
                quarters.join(" / ")
            )?;
            writeln!(
                f,
                "    idle floor (one ticket at a time, fetch_wait_max {} ms): p50 {:.0} ms, max {:.0} ms",
                h.fetch_wait_max_ms, h.idle_p50_ms, h.idle_max_ms
            )?;
        }
        if let Some(t) = &self.two_per_stage {
            drain_lines(f, t)?;
        }
        if let Some(r) = self.scaling_ratio {
            writeln!(f, "  scaling ratio (2 per stage / 1): {r:.2}")?;
        }
        Ok(())
    }
}
