//! Partition tracking and offset booking, shared by the poll thread, the dispatcher and
//! the rebalance callbacks.
//!
//! Every accepted record's offset is tracked per partition ([`PartitionOffsets`]) until the
//! record is done; booking a done record moves the partition's commit position, never past
//! an unfinished offset, and hands the new position to the consumer ([`OffsetStore`]).

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext};
use rdkafka::{Offset, TopicPartitionList};
use tracing::{debug, warn};

use super::hold::Hold;
use super::report::Done;
use crate::runtime::flag::Flag;
use crate::runtime::metrics::StageMetrics;
use crate::runtime::offsets::PartitionOffsets;

/// A topic and partition.
pub(super) type Tp = (String, i32);

/// The one consumer call booking needs: store each partition's commit position (the next
/// offset to read); the consumer's auto-commit commits what is stored. A trait so the
/// dispatcher and booking run in unit tests without a broker.
pub(super) trait OffsetStore: Send + Sync + 'static {
    /// Stores the positions (a partition no longer assigned is skipped by the consumer).
    fn store(&self, positions: &[(&Tp, i64)]);
}

impl<C: ConsumerContext + 'static> OffsetStore for BaseConsumer<C> {
    fn store(&self, positions: &[(&Tp, i64)]) {
        let mut tpl = TopicPartitionList::new();
        for ((topic, partition), position) in positions {
            let _ = tpl.add_partition_offset(topic, *partition, Offset::Offset(*position));
        }
        if let Err(error) = self.store_offsets(&tpl) {
            debug!(%error, "offsets not stored (a partition is no longer assigned)");
        }
    }
}

/// Offsets and in-flight counts, under [`Shared`]'s lock.
#[derive(Default)]
pub(super) struct Tracking {
    pub(super) partitions: HashMap<Tp, PartitionState>,
    /// The epoch the next assignment of a partition gets.
    next_epoch: u64,
    /// Records accepted and unfinished, over all partitions.
    pub(super) in_flight: usize,
    /// The dispatcher has finished draining after shutdown.
    pub(super) drained: bool,
    /// Threads waiting on `Shared::changed` (completions notify only when some are).
    waiters: usize,
}

/// One assigned partition.
pub(super) struct PartitionState {
    /// Which assignment of the partition this is: a record fetched under an earlier one
    /// (revoked, then assigned again) is not started or booked under this one.
    pub(super) epoch: u64,
    pub(super) offsets: PartitionOffsets,
    /// Records of this partition holding a running slot or awaiting acknowledgements.
    pub(super) running: usize,
    /// Revoked: its records still queued are not started.
    pub(super) revoked: bool,
    /// Raised when its records must stop (revoked and drained, or shutdown drained).
    pub(super) cancel: Flag,
}

impl PartitionState {
    fn new(epoch: u64) -> Self {
        PartitionState {
            epoch,
            offsets: PartitionOffsets::default(),
            running: 0,
            revoked: false,
            cancel: Flag::new(),
        }
    }
}

/// The tracking state and what the threads sharing it need.
pub(super) struct Shared {
    pub(super) hold: Arc<Hold>,
    track: Mutex<Tracking>,
    changed: Condvar,
    drain_timeout: Duration,
    pub(super) metrics: Arc<StageMetrics>,
}

impl Tracking {
    /// The state of `tp`, created (with a fresh epoch) if it is not assigned yet.
    fn partition(&mut self, tp: Tp) -> &mut PartitionState {
        let epoch = &mut self.next_epoch;
        self.partitions.entry(tp).or_insert_with(|| {
            *epoch += 1;
            PartitionState::new(*epoch)
        })
    }
}

impl Shared {
    pub(super) fn new(
        hold: Arc<Hold>,
        drain_timeout: Duration,
        metrics: Arc<StageMetrics>,
    ) -> Self {
        Shared {
            hold,
            track: Mutex::new(Tracking::default()),
            changed: Condvar::new(),
            drain_timeout,
            metrics,
        }
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, Tracking> {
        self.track.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wakes every thread waiting for a change.
    pub(super) fn notify(&self) {
        self.changed.notify_all();
    }

    /// Waits (up to `timeout`) for a change to the tracking state.
    pub(super) fn wait<'a>(
        &self,
        mut t: MutexGuard<'a, Tracking>,
        timeout: Duration,
    ) -> MutexGuard<'a, Tracking> {
        t.waiters += 1;
        let mut t = self
            .changed
            .wait_timeout(t, timeout)
            .map(|(g, _)| g)
            .unwrap_or_else(|p| p.into_inner().0);
        t.waiters -= 1;
        t
    }

    /// A record was fetched: its offset is tracked until it is booked. Returns the epoch
    /// of the partition's assignment it was fetched under.
    pub(super) fn accept(&self, tp: Tp, offset: i64) -> u64 {
        let mut t = self.lock();
        let p = t.partition(tp);
        p.offsets.accept(offset);
        let epoch = p.epoch;
        t.in_flight += 1;
        self.metrics
            .in_flight
            .store(t.in_flight as i64, Ordering::Relaxed);
        epoch
    }

    /// Partitions were assigned.
    pub(super) fn assign(&self, tps: Vec<Tp>) {
        let mut t = self.lock();
        for tp in tps {
            t.partition(tp);
        }
    }

    /// Waits until no record of `tps` is running, or the drain timeout passes; then
    /// cancels what is still running there (it will be redelivered to the new owner).
    pub(super) fn drain_partitions(&self, tps: &[Tp]) {
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

    /// Stops tracking revoked partitions: their unfinished records no longer count.
    pub(super) fn forget_partitions(&self, tps: &[Tp]) {
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

    /// Raises every partition's stop flag (the shutdown drain timeout passed).
    pub(super) fn cancel_all(&self) {
        for p in self.lock().partitions.values() {
            p.cancel.raise();
        }
    }

    /// Claims a running slot for a record of `tp` fetched under `epoch`: its partition's
    /// stop flag, or `None` if that assignment was revoked (the record stays unfinished;
    /// whoever owns the partition now reads it again).
    pub(super) fn start(&self, tp: &Tp, epoch: u64) -> Option<Flag> {
        let mut t = self.lock();
        match t.partitions.get_mut(tp) {
            Some(p) if !p.revoked && p.epoch == epoch => {
                p.running += 1;
                Some(p.cancel.clone())
            }
            _ => None,
        }
    }

    /// Books finished (or abandoned) records: their offsets leave the in-flight sets, and
    /// each partition's commit position is stored if it moved.
    pub(super) fn book(&self, store: &impl OffsetStore, done: &[Done]) {
        let mut t = self.lock();
        let mut stores: HashMap<&Tp, i64> = HashMap::new();
        for d in done {
            let mut known = false;
            if let Some(p) = t.partitions.get_mut(&d.tp).filter(|p| p.epoch == d.epoch) {
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
            let positions: Vec<(&Tp, i64)> = stores.into_iter().collect();
            store.store(&positions);
        }
        self.metrics
            .in_flight
            .store(t.in_flight as i64, Ordering::Relaxed);
        if t.waiters > 0 {
            self.changed.notify_all();
        }
    }
}
