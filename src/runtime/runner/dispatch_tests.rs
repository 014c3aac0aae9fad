//! The dispatcher and offset booking against a fake worker and a fake consumer: per-key
//! order, the running-slot bound, commit positions, and a revoke while a key has records
//! in several partitions.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::message::{OwnedMessage, Timestamp};
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::dispatch::{dispatch, Fetched, Handler, Limits};
use super::hold::Hold;
use super::report::Release;
use super::tracking::{OffsetStore, Shared, Tp};
use crate::runtime::flag::Flag;
use crate::runtime::metrics::StageMetrics;

/// A record the fake worker started: the test releases and finishes it.
struct Started {
    tp: Tp,
    offset: i64,
    release: Release,
    done: oneshot::Sender<bool>,
}

impl Started {
    fn id(&self) -> (&str, i64) {
        (self.tp.0.as_str(), self.offset)
    }

    /// Releases the key and slot, then reports the record finished.
    fn finish(self) {
        drop(self.release);
        let _ = self.done.send(true);
    }
}

/// Hands every started record to the test and waits for its verdict (or its stop flag).
struct FakeWorker {
    started: mpsc::UnboundedSender<Started>,
}

impl Handler for FakeWorker {
    fn handle(
        &self,
        msg: OwnedMessage,
        stop: Flag,
        release: Release,
    ) -> impl Future<Output = bool> + Send {
        use rdkafka::Message;
        let (done, verdict) = oneshot::channel();
        let _ = self.started.send(Started {
            tp: (msg.topic().to_owned(), msg.partition()),
            offset: msg.offset(),
            release,
            done,
        });
        async move {
            tokio::select! {
                v = verdict => v.unwrap_or(false),
                _ = stop.raised() => false,
            }
        }
    }
}

/// The consumer's offset store: remembers every position stored.
#[derive(Default)]
struct FakeConsumer {
    stored: Mutex<HashMap<Tp, Vec<i64>>>,
}

impl OffsetStore for FakeConsumer {
    fn store(&self, positions: &[(&Tp, i64)]) {
        let mut s = self.stored.lock().unwrap();
        for (tp, position) in positions {
            s.entry((*tp).clone()).or_default().push(*position);
        }
    }
}

impl FakeConsumer {
    fn positions(&self, topic: &str) -> Vec<i64> {
        self.stored
            .lock()
            .unwrap()
            .get(&(topic.to_owned(), 0))
            .cloned()
            .unwrap_or_default()
    }
}

struct Harness {
    shared: Arc<Shared>,
    records: mpsc::UnboundedSender<Fetched>,
    started: mpsc::UnboundedReceiver<Started>,
    consumer: Arc<FakeConsumer>,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<()>,
}

fn harness(max_in_flight: usize) -> Harness {
    let shared = Arc::new(Shared::new(
        Arc::new(Hold::default()),
        Duration::from_millis(200),
        Arc::new(StageMetrics::default()),
    ));
    let (records, rx) = mpsc::unbounded_channel();
    let (started_tx, started) = mpsc::unbounded_channel();
    let consumer = Arc::new(FakeConsumer::default());
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(dispatch(
        Arc::new(FakeWorker {
            started: started_tx,
        }),
        consumer.clone(),
        shared.clone(),
        rx,
        shutdown.clone(),
        Limits {
            max_in_flight,
            drain_timeout: Duration::from_millis(200),
        },
    ));
    Harness {
        shared,
        records,
        started,
        consumer,
        shutdown,
        task,
    }
}

impl Harness {
    /// What the poll thread does with a fetched record: track it, then hand it over.
    fn fetch(&self, topic: &str, offset: i64, key: &str) {
        let epoch = self.shared.accept((topic.to_owned(), 0), offset);
        let msg = OwnedMessage::new(
            Some(b"v".to_vec()),
            Some(key.as_bytes().to_vec()),
            topic.to_owned(),
            Timestamp::NotAvailable,
            0,
            offset,
            None,
        );
        self.records.send(Fetched { msg, epoch }).unwrap();
    }

    async fn next(&mut self) -> Started {
        tokio::time::timeout(Duration::from_secs(5), self.started.recv())
            .await
            .expect("a record starts")
            .expect("dispatcher alive")
    }

    /// Asserts that no further record starts for a while.
    async fn nothing_starts(&mut self) {
        if let Ok(Some(s)) =
            tokio::time::timeout(Duration::from_millis(150), self.started.recv()).await
        {
            panic!("unexpected start of {:?}", s.id());
        }
    }

    /// Waits until the dispatcher has booked records down to `in_flight` unfinished ones.
    async fn settled(&self, in_flight: usize) {
        for _ in 0..200 {
            if self.shared.lock().in_flight == in_flight {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("in_flight stayed at {}", self.shared.lock().in_flight);
    }

    async fn stop(self) {
        self.shutdown.cancel();
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("the dispatcher drains")
            .unwrap();
    }
}

#[tokio::test]
async fn a_key_runs_one_record_at_a_time_in_offset_order() {
    let mut h = harness(8);
    h.shared.assign(vec![("in".into(), 0)]);
    for (offset, key) in [(0, "k"), (1, "k"), (2, "j"), (3, "k")] {
        h.fetch("in", offset, key);
    }
    let mut first = [h.next().await, h.next().await];
    first.sort_by_key(|s| s.offset);
    assert_eq!(first.iter().map(|s| s.offset).collect::<Vec<_>>(), [0, 2]);
    h.nothing_starts().await;
    let [k0, j2] = first;
    // Releasing (outputs enqueued) frees the key before the record is done.
    let Started { release, done, .. } = k0;
    drop(release);
    let k1 = h.next().await;
    assert_eq!(k1.id(), ("in", 1));
    h.nothing_starts().await;
    k1.finish();
    let k3 = h.next().await;
    assert_eq!(k3.id(), ("in", 3));
    k3.finish();
    j2.finish();
    let _ = done.send(true);
    h.settled(0).await;
    assert_eq!(h.consumer.positions("in").last(), Some(&4));
    h.stop().await;
}

#[tokio::test]
async fn at_most_max_in_flight_records_run_at_once() {
    let mut h = harness(2);
    h.shared.assign(vec![("in".into(), 0)]);
    for offset in 0..5 {
        h.fetch("in", offset, &format!("key-{offset}"));
    }
    let a = h.next().await;
    let b = h.next().await;
    h.nothing_starts().await;
    a.finish();
    let c = h.next().await;
    h.nothing_starts().await;
    for s in [b, c] {
        s.finish();
    }
    let d = h.next().await;
    let e = h.next().await;
    d.finish();
    e.finish();
    h.settled(0).await;
    h.stop().await;
}

#[tokio::test]
async fn the_stored_position_never_passes_an_unfinished_offset() {
    let mut h = harness(8);
    h.shared.assign(vec![("in".into(), 0)]);
    for offset in 0..4 {
        h.fetch("in", offset, &format!("key-{offset}"));
    }
    let mut started: Vec<Started> = Vec::new();
    for _ in 0..4 {
        started.push(h.next().await);
    }
    started.sort_by_key(|s| s.offset);
    let mut by_offset = started.into_iter();
    let first = by_offset.next().unwrap();
    for s in by_offset {
        s.finish();
    }
    h.settled(1).await;
    assert!(
        h.consumer.positions("in").iter().all(|p| *p <= 0),
        "offset 0 is unfinished: nothing past it is stored ({:?})",
        h.consumer.positions("in")
    );
    first.finish();
    h.settled(0).await;
    assert_eq!(h.consumer.positions("in").last(), Some(&4));
    h.stop().await;
}

#[tokio::test]
async fn a_partitions_revoke_keeps_the_keys_records_of_other_partitions() {
    // One conversation, records in two input topics (the router reads one per channel):
    // a@0 runs, a@1 and b@0 wait behind it. Revoking `a` must not drop b@0.
    let mut h = harness(8);
    h.shared.assign(vec![("a".into(), 0), ("b".into(), 0)]);
    h.fetch("a", 0, "conv");
    h.fetch("a", 1, "conv");
    h.fetch("b", 0, "conv");
    let a0 = h.next().await;
    assert_eq!(a0.id(), ("a", 0));
    // The revoke callback (on the poll thread): drain `a` (a@0 is stopped at the drain
    // timeout), then forget it.
    let shared = h.shared.clone();
    let revoke = tokio::task::spawn_blocking(move || {
        let tp = vec![("a".to_owned(), 0)];
        shared.drain_partitions(&tp);
        shared.forget_partitions(&tp);
    });
    revoke.await.unwrap();
    drop(a0);
    let b0 = h.next().await;
    assert_eq!(b0.id(), ("b", 0), "a@1 is not started, b@0 is");
    b0.finish();
    h.settled(0).await;
    assert_eq!(h.consumer.positions("b"), vec![1]);
    assert!(
        h.consumer.positions("a").is_empty(),
        "nothing of `a` is stored"
    );
    h.stop().await;
}

#[tokio::test]
async fn shutdown_waits_for_running_records_and_leaves_queued_ones_unstored() {
    let mut h = harness(8);
    h.shared.assign(vec![("in".into(), 0)]);
    h.fetch("in", 0, "k");
    h.fetch("in", 1, "k");
    let k0 = h.next().await;
    h.shutdown.cancel();
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(!h.task.is_finished(), "a running record is waited for");
    k0.finish();
    tokio::time::timeout(Duration::from_secs(5), &mut h.task)
        .await
        .expect("drained")
        .unwrap();
    assert_eq!(
        h.consumer.positions("in"),
        vec![1],
        "offset 1 was never run"
    );
}

#[tokio::test]
async fn records_fetched_before_a_revoke_do_not_run_under_the_next_assignment() {
    let mut h = harness(8);
    h.shared.assign(vec![("a".into(), 0)]);
    h.fetch("a", 0, "conv");
    h.fetch("a", 1, "conv");
    let a0 = h.next().await;
    // Revoked and at once assigned back (a cooperative rebalance can do that): a@1 was
    // fetched under the old assignment.
    let shared = h.shared.clone();
    tokio::task::spawn_blocking(move || {
        let tp = vec![("a".to_owned(), 0)];
        shared.drain_partitions(&tp);
        shared.forget_partitions(&tp);
        shared.assign(tp);
    })
    .await
    .unwrap();
    drop(a0);
    h.nothing_starts().await;
    // The new assignment fetches from the committed offset again: that copy runs.
    h.fetch("a", 0, "conv");
    let again = h.next().await;
    assert_eq!(again.id(), ("a", 0));
    again.finish();
    h.settled(0).await;
    assert_eq!(h.consumer.positions("a"), vec![1]);
    h.stop().await;
}
