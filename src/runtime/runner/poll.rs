//! The poll thread: fetch, track, backpressure and rebalance callbacks; on shutdown it
//! waits for the dispatcher's drain, commits synchronously and leaves the group.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::message::Message;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

use super::context::RunnerContext;
use super::dispatch::Fetched;
use super::tracking::Shared;

/// How long a full stage stops polling before it pauses its assignment (and so serves no
/// rebalance callback meanwhile: keep it well under the session timeout).
const STALL_BEFORE_PAUSE: Duration = Duration::from_secs(1);

/// Runs the poll loop until `shutdown`, then the final drain, commit and leave.
/// `max_in_flight` is the backpressure bound (unfinished records over all partitions).
pub(super) fn poll_loop(
    consumer: &BaseConsumer<RunnerContext>,
    shared: &Shared,
    tx: &mpsc::UnboundedSender<Fetched>,
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
                let epoch = shared.accept((msg.topic().to_owned(), msg.partition()), msg.offset());
                shared.metrics.consumed.fetch_add(1, Ordering::Relaxed);
                if tx.send(Fetched { msg, epoch }).is_err() {
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
