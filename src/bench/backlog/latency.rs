//! Run 2 of the bench: the latency per ticket at half the measured rate, with a steady
//! (paced) feed rather than a burst, and the idle floor under it.

use std::collections::HashMap;
use std::time::Duration;

use serde::Serialize;

use super::rig::{stop_stages, Lane, Rig, WARM_TICKETS};
use crate::bench::quarters::by_quarter;
use crate::bench::spine::percentile;
use crate::messages::now_ms;

/// Tickets sent one at a time on the quiet pipeline, for the idle floor.
const IDLE_TICKETS: usize = 20;

/// The half-load run.
#[derive(Debug, Clone, Serialize)]
pub struct HalfLoad {
    /// Tickets per second fed: half the rate of the one-process-per-stage drain.
    pub rate_per_sec: f64,
    /// Tickets fed at that rate.
    pub tickets: usize,
    /// The rate the feed kept (tickets over the time from the first sent to the last).
    pub fed_per_sec: f64,
    /// Latency per ticket, publishing to outcome acknowledged: median, ms.
    pub p50_ms: f64,
    /// 99th percentile, ms.
    pub p99_ms: f64,
    /// Slowest, ms.
    pub max_ms: f64,
    /// The 99th percentile of each quarter of the feed, in the order sent, ms. A tail that
    /// grows from the first quarter to the last is no steady state: on the embedded mock
    /// cluster it is the broker's own cost per fetch, which grows with its log
    /// (docs/MEASUREMENTS.md, 2026-12-06).
    pub p99_ms_by_quarter: Vec<f64>,
    /// One ticket at a time on a pipeline idle for a while (every fetch parked at the
    /// broker): median latency, ms. The floor the broker's fetch wait sets.
    pub idle_p50_ms: f64,
    /// The slowest of those, ms.
    pub idle_max_ms: f64,
    /// The stage processes' `kafka.fetch_wait_max`, ms.
    pub fetch_wait_max_ms: u64,
}

/// Feeds `rate` tickets a second for `secs` seconds to one process per stage, after the
/// warm-up and the idle floor.
pub(super) async fn half_load(
    rig: &Rig,
    name: &str,
    rate: f64,
    secs: f64,
    timeout: Duration,
) -> anyhow::Result<HalfLoad> {
    anyhow::ensure!(rate > 0.0, "no rate to halve: the drain finished nothing");
    let lane = rig.lane(name).await?;
    let mut stages = lane.start_stages(1)?;
    let result = feed(rig, &lane, &mut stages, rate, secs, timeout).await;
    stop_stages(stages).await?;
    result
}

async fn feed(
    rig: &Rig,
    lane: &Lane<'_>,
    stages: &mut crate::chaos::supervisor::Supervisor,
    rate: f64,
    secs: f64,
    timeout: Duration,
) -> anyhow::Result<HalfLoad> {
    lane.warm_up(stages, timeout).await?;
    let quick = Duration::from_millis(5);

    // The idle floor: each ticket after every fetch has gone back to waiting at the broker.
    let quiet = rig.fetch_wait_max() * 2 + Duration::from_millis(100);
    let mut sent: HashMap<String, i64> = HashMap::new();
    let mut idle_ids = Vec::with_capacity(IDLE_TICKETS);
    for i in WARM_TICKETS..WARM_TICKETS + IDLE_TICKETS {
        tokio::time::sleep(quiet).await;
        let t = lane.ticket(i).await?;
        sent.insert(t.ticket_id.clone(), now_ms());
        idle_ids.push(t.ticket_id.clone());
        lane.send(t).await.await?;
        lane.wait_for(i as u64 + 1, stages, timeout, quick, |_, _| {})
            .await?;
    }

    // The steady feed: one ticket every 1/rate seconds.
    let first = WARM_TICKETS + IDLE_TICKETS;
    let count = (rate * secs).ceil().max(1.0) as usize;
    let period = Duration::from_secs_f64(1.0 / rate);
    let mut acks = Vec::with_capacity(count);
    let mut paced_ids = Vec::with_capacity(count);
    let began = tokio::time::Instant::now();
    for k in 0..count {
        tokio::select! {
            _ = tokio::time::sleep_until(began + period * k as u32) => {}
            _ = rig.stop.cancelled() => anyhow::bail!("interrupted"),
        }
        let t = lane.ticket(first + k).await?;
        sent.insert(t.ticket_id.clone(), now_ms());
        paced_ids.push(t.ticket_id.clone());
        acks.push(lane.send(t).await);
    }
    let fed_secs = began.elapsed().as_secs_f64();
    for ack in acks {
        ack.await?;
    }
    let total = (first + count) as u64;
    lane.wait_for(
        total,
        stages,
        timeout,
        Duration::from_millis(200),
        |_, _| {},
    )
    .await?;

    let finished: HashMap<String, i64> = lane.finished_at().await?.into_iter().collect();
    let latency = |id: &String| -> Option<f64> { Some((finished.get(id)? - sent.get(id)?) as f64) };
    let mut idle: Vec<f64> = idle_ids.iter().filter_map(latency).collect();
    let mut paced: Vec<f64> = paced_ids.iter().filter_map(latency).collect();
    let p99_ms_by_quarter = by_quarter(&paced, 0.99);
    idle.sort_by(f64::total_cmp);
    paced.sort_by(f64::total_cmp);
    Ok(HalfLoad {
        rate_per_sec: rate,
        tickets: count,
        fed_per_sec: count as f64 / fed_secs.max(1e-3),
        p50_ms: percentile(&paced, 0.50),
        p99_ms: percentile(&paced, 0.99),
        max_ms: percentile(&paced, 1.0),
        p99_ms_by_quarter,
        idle_p50_ms: percentile(&idle, 0.50),
        idle_max_ms: percentile(&idle, 1.0),
        fetch_wait_max_ms: rig.fetch_wait_max().as_millis() as u64,
    })
}
