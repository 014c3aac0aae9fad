//! The consumer's context: the rebalance callbacks (run on the poll thread; they also set
//! the partitions-assigned gauge) and the statistics callback (consumer lag).

use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::statistics::Statistics;
use rdkafka::{ClientContext, TopicPartitionList};
use tracing::{debug, info};

use super::tracking::{Shared, Tp};

/// The consumer context of a runner.
pub(super) struct RunnerContext {
    pub(super) shared: Arc<Shared>,
}

impl ClientContext for RunnerContext {
    fn stats(&self, stats: Statistics) {
        let assigned: HashSet<Tp> = self.shared.lock().partitions.keys().cloned().collect();
        let lag: i64 = stats
            .topics
            .iter()
            .flat_map(|(topic, t)| {
                t.partitions
                    .iter()
                    .map(move |(p, s)| ((topic.clone(), *p), s.consumer_lag))
            })
            .filter(|(tp, lag)| assigned.contains(tp) && *lag >= 0)
            .map(|(_, lag)| lag)
            .sum();
        self.shared
            .metrics
            .consumer_lag
            .store(lag, Ordering::Relaxed);
    }
}

fn tps_of(tpl: &TopicPartitionList) -> Vec<Tp> {
    tpl.elements()
        .iter()
        .map(|e| (e.topic().to_owned(), e.partition()))
        .collect()
}

impl ConsumerContext for RunnerContext {
    /// On revoke: drain the partitions' in-flight work (up to the drain timeout), commit
    /// what is stored synchronously, and forget them.
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(tpl) = rebalance {
            let tps = tps_of(tpl);
            info!(partitions = ?tps, "partitions revoked: draining in-flight work");
            self.shared.drain_partitions(&tps);
            if let Err(error) = consumer.commit_consumer_state(CommitMode::Sync) {
                debug!(%error, "commit on revoke (nothing stored is fine)");
            }
            self.shared.forget_partitions(&tps);
        }
    }

    /// On assign: track the partitions. After any rebalance: the gauge of partitions
    /// assigned is the consumer's whole assignment (cooperative rebalances hand over
    /// increments, so it is read back rather than counted from the callbacks).
    fn post_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Assign(tpl) = rebalance {
            let tps = tps_of(tpl);
            info!(partitions = ?tps, "partitions assigned");
            self.shared.assign(tps);
        }
        match consumer.assignment() {
            Ok(assigned) => self
                .shared
                .metrics
                .partitions_assigned
                .store(assigned.count() as i64, Ordering::Relaxed),
            Err(error) => debug!(%error, "assignment unreadable after a rebalance"),
        }
    }
}
