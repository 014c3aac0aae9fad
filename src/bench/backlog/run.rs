//! The bench's options and its three runs in order.

use std::path::PathBuf;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::drain::drain;
use super::latency::half_load;
use super::report::BacklogReport;
use super::rig::Rig;
use crate::config::Config;

/// Bench options.
#[derive(Debug, Clone)]
pub struct BacklogOptions {
    /// Tickets in the backlog (each drain's).
    pub tickets: usize,
    /// Brokers; an embedded mock cluster in this process when `None`.
    pub brokers: Option<String>,
    /// The state database the stage processes share; a fresh SQLite file when `None`.
    pub state_url: Option<String>,
    /// The shipped retail data (customers for the tickets, the sandbox store's seed).
    pub data_dir: PathBuf,
    /// Seconds of steady feed at half the measured rate; 0 skips the latency run.
    pub half_load_secs: f64,
    /// Drain again with two processes per stage (the scaling ratio).
    pub scaling: bool,
    /// Every topic's partition count (`None`: as declared). On the embedded broker a fetch
    /// walks its partition's log from the start, so a longer log per partition costs every
    /// fetch more; more partitions keep each log shorter.
    pub partitions: Option<i32>,
    /// Give up on a run that has not finished within this time.
    pub timeout: Duration,
    /// Cancelled to stop early (SIGINT, SIGTERM): the run fails and its children are killed.
    pub stop: CancellationToken,
}

/// Runs the bench on `base`'s config (`kafka.fetch_wait_max`, the runtime and agent
/// settings reach the stage processes; brokers, topics, groups, state and store are set
/// here).
pub async fn backlog(base: Config, opts: BacklogOptions) -> anyhow::Result<BacklogReport> {
    anyhow::ensure!(opts.tickets > 0, "--tickets must be at least 1");
    let mut rig = Rig::start(
        base,
        opts.brokers.clone(),
        opts.state_url.clone(),
        &opts.data_dir,
        opts.stop.clone(),
    )
    .await?;
    if let Some(n) = opts.partitions {
        rig.set_partitions(n)?;
    }
    let report = runs(&rig, &opts).await;
    if report.is_err() {
        // The error names a stage process's log under the rig's directory: keep it.
        rig.keep_files();
    }
    report
}

async fn runs(rig: &Rig, opts: &BacklogOptions) -> anyhow::Result<BacklogReport> {
    let one = drain(rig, "drain1", opts.tickets, 1, opts.timeout).await?;
    let half = if opts.half_load_secs > 0.0 {
        let rate = one.tickets_per_sec / 2.0;
        Some(half_load(rig, "half", rate, opts.half_load_secs, opts.timeout).await?)
    } else {
        None
    };
    let two = if opts.scaling {
        Some(drain(rig, "drain2", opts.tickets, 2, opts.timeout).await?)
    } else {
        None
    };
    Ok(BacklogReport::new(rig, opts.tickets, one, half, two))
}
