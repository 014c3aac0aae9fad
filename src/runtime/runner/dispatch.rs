//! The dispatcher: per-key scheduling, offset booking, drain on shutdown.
//!
//! A record whose key is idle claims the key and waits in `ready` for one of the
//! `max_in_flight` running slots; a record whose key is claimed waits in the key's queue.
//! So one record per key runs at a time, in offset order, and up to `max_in_flight`
//! different keys run concurrently.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use rdkafka::message::{Message, OwnedMessage};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::report::{Done, Release, Report};
use super::tracking::{OffsetStore, Shared};
use crate::runtime::flag::Flag;
use crate::runtime::keyed::KeyedQueue;

/// A fetched record and the epoch of the partition assignment it was fetched under.
#[derive(Debug)]
pub(super) struct Fetched {
    pub(super) msg: OwnedMessage,
    pub(super) epoch: u64,
}

/// Runs one record to the end (the record worker; a fake in the unit tests).
pub(super) trait Handler: Send + Sync + 'static {
    /// Processes `msg`; `release` frees its key and slot (when the outputs are with the
    /// producer, or on drop). Resolves to whether the record finished (its offset may be
    /// committed); false means abandoned (stopped by `stop`: it will be read again).
    fn handle(
        &self,
        msg: OwnedMessage,
        stop: Flag,
        release: Release,
    ) -> impl Future<Output = bool> + Send;
}

/// The dispatcher's bounds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Records holding a running slot at once (each of a different key).
    pub(super) max_in_flight: usize,
    /// How long running records may take to finish after shutdown.
    pub(super) drain_timeout: Duration,
}

/// Most finished records booked together.
const REPORT_BURST: usize = 512;

/// Null keys get a key of their own (topic, partition, offset): no ordering to keep.
pub(super) fn record_key(msg: &OwnedMessage) -> Vec<u8> {
    match msg.key() {
        Some(k) => k.to_vec(),
        None => format!("\0{}/{}/{}", msg.topic(), msg.partition(), msg.offset()).into_bytes(),
    }
}

/// Schedules the records arriving on `rx` until `shutdown`, then drains: queued records
/// are left uncommitted, running ones get `drain_timeout` to finish.
pub(super) async fn dispatch<H: Handler, S: OffsetStore>(
    handler: Arc<H>,
    store: Arc<S>,
    shared: Arc<Shared>,
    mut rx: mpsc::UnboundedReceiver<Fetched>,
    shutdown: CancellationToken,
    limits: Limits,
) {
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<Report>();
    let mut keys: KeyedQueue<Fetched> = KeyedQueue::default();
    let mut ready: VecDeque<Fetched> = VecDeque::new();
    // Records holding a running slot (deciding, or enqueueing their outputs).
    let mut running = 0usize;
    // Records started and not yet done (running, or waiting for acknowledgements).
    let mut unfinished = 0usize;
    let mut draining = false;
    let mut drain_deadline: Option<tokio::time::Instant> = None;

    // Starts a record; gives it back if its partition's assignment was revoked (it stays
    // unfinished, so whoever owns the partition now reads it again).
    let start = |f: Fetched, running: &mut usize, unfinished: &mut usize| -> Result<(), Fetched> {
        let tp = (f.msg.topic().to_owned(), f.msg.partition());
        let Some(stop) = shared.start(&tp, f.epoch) else {
            return Err(f);
        };
        let Fetched { msg, epoch } = f;
        *running += 1;
        *unfinished += 1;
        let handler = handler.clone();
        let done_tx = done_tx.clone();
        // Boxed: the record's future is large, and a task moves its future in and its
        // output over it; a box keeps those copies to a pointer.
        tokio::spawn(Box::pin(async move {
            let release = Release::new(done_tx.clone(), record_key(&msg));
            let offset = msg.offset();
            let finished = handler.handle(msg, stop, release).await;
            let _ = done_tx.send(Report::Done(Done {
                tp,
                epoch,
                offset,
                finished,
            }));
        }));
        Ok(())
    };

    loop {
        // Fill free slots from the ready queue.
        while !draining && running < limits.max_in_flight {
            let Some(f) = ready.pop_front() else { break };
            if let Err(f) = start(f, &mut running, &mut unfinished) {
                // Revoked: the key passes to its next record, which may be of a partition
                // still owned (a conversation's records can arrive on several topics).
                if let Some(next) = keys.finish(&record_key(&f.msg)) {
                    ready.push_back(next);
                }
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
                    shared.book(store.as_ref(), &done);
                }
            },
            _ = shutdown.cancelled(), if !draining => {
                draining = true;
                drain_deadline = Some(tokio::time::Instant::now() + limits.drain_timeout);
                let released = keys.drain_where(|_| true).len() + ready.len();
                ready.clear();
                info!(running, released, "draining in-flight work; queued records are left uncommitted");
            }
            _ = async { if let Some(d) = deadline { tokio::time::sleep_until(d).await } else { std::future::pending::<()>().await } }, if draining => {
                warn!(running, unfinished, "drain timeout: abandoning in-flight records (they will be redelivered)");
                shared.cancel_all();
                drain_deadline = None;
            }
            fetched = rx.recv(), if !draining => {
                let Some(f) = fetched else { draining = true; continue };
                let key = record_key(&f.msg);
                if let Some(f) = keys.offer(&key, f) {
                    ready.push_back(f);
                }
            }
        }
    }
}
