//! The process's metrics in the Prometheus exposition format, through `prometheus-client`.
//!
//! One registry per process ([`register`] adds to it; [`render`] and [`serve`] expose it).
//! Each stage's runner counts into a [`StageMetrics`]: plain atomics on the hot path,
//! read by a collector at scrape time, plus a latency histogram and an outcome counter per
//! stage and outcome. Names are `frontdesk_<name>[_total]`; labels are bounded (stage,
//! outcome, kind), never raw error text.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// Counters of one stage.
#[derive(Debug, Default)]
pub struct StageMetrics {
    /// Stage name.
    pub stage: String,
    /// Records consumed.
    pub consumed: AtomicU64,
    /// Records produced (all outputs, acknowledged).
    pub produced: AtomicU64,
    /// Records sent to the dead-letter topic.
    pub dead_lettered: AtomicU64,
    /// Transient failures retried.
    pub retried: AtomicU64,
    /// Terminal outputs skipped because the ticket was already finished (redelivery).
    pub duplicates_skipped: AtomicU64,
    /// Records accepted and not finished.
    pub in_flight: AtomicI64,
    /// Consumer lag summed over assigned partitions (from librdkafka statistics).
    pub consumer_lag: AtomicI64,
    /// 1 while fetching is paused (in-flight limit or an unavailable dependency).
    pub paused: AtomicI64,
    /// Partitions assigned to this stage's consumer, set by the rebalance callbacks.
    pub partitions_assigned: AtomicI64,
    /// The stage's consumer group (set when its runner starts; labels the assignment).
    pub group: OnceLock<String>,
    /// Times a stage reported a dependency unavailable and fetching was held back.
    pub dependency_holds: AtomicU64,
    /// Dead letters by error kind.
    pub dead_letter_kinds: Mutex<BTreeMap<String, u64>>,
    /// Tickets the runner itself handed to a person, by rule (`retries_exhausted`,
    /// `dead_lettered`, `output_too_large`).
    pub runner_handoffs: Mutex<BTreeMap<String, u64>>,
    /// Outputs made smaller to fit `runtime.max_output_bytes` (one per shrinking step).
    pub shrunk: AtomicU64,
    /// Outputs that could not be produced at all (an audit record refused, or a last
    /// resort that even shrunk the broker would not take).
    pub outputs_lost: AtomicU64,
    /// Finished marks not written after their budget (a redelivery may repeat the outcome).
    pub finish_marks_lost: AtomicU64,
}

/// The labels of the per-record families.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StageOutcome {
    stage: String,
    outcome: String,
}

/// Histograms and counters kept by `prometheus-client` itself.
struct Families {
    latency: Family<StageOutcome, Histogram>,
    outcomes: Family<StageOutcome, Counter>,
}

/// The process's registry and the per-stage counters its collector reads.
struct Metrics {
    registry: Mutex<Registry>,
    stages: Arc<Mutex<Vec<Arc<StageMetrics>>>>,
    families: Families,
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        let mut registry = Registry::with_prefix("frontdesk");
        let stages: Arc<Mutex<Vec<Arc<StageMetrics>>>> = Arc::default();
        registry.register_collector(Box::new(StagesCollector(stages.clone())));
        // 1 ms to about 65 s: a stage's own work, waits on a store or a model, retries.
        let latency = Family::<StageOutcome, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 17))
        });
        let outcomes = Family::<StageOutcome, Counter>::default();
        registry.register(
            "stage_record_seconds",
            "Time from a record's arrival at a stage to its outcome, by stage and outcome",
            latency.clone(),
        );
        registry.register(
            "stage_outcomes",
            "Records a stage finished, by outcome (forward, resolve, handoff, dead_letter)",
            outcomes.clone(),
        );
        Metrics {
            registry: Mutex::new(registry),
            stages,
            families: Families { latency, outcomes },
        }
    })
}

impl StageMetrics {
    /// Registers the counters of a stage (one set per stage name per process).
    pub fn register(stage: &str) -> Arc<StageMetrics> {
        let mut all = metrics().stages.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(m) = all.iter().find(|m| m.stage == stage) {
            return m.clone();
        }
        let m = Arc::new(StageMetrics {
            stage: stage.to_owned(),
            ..Default::default()
        });
        all.push(m.clone());
        m
    }

    /// Counts a dead letter of `kind`.
    pub fn dead_letter(&self, kind: &str) {
        self.dead_lettered.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut k) = self.dead_letter_kinds.lock() {
            *k.entry(kind.to_owned()).or_default() += 1;
        }
    }

    /// Counts a last resort: a dead letter of `kind` if `dead_lettered`, else a runner
    /// handoff under the rule `kind`.
    pub fn last_resort(&self, kind: &str, dead_lettered: bool) {
        if dead_lettered {
            self.dead_letter(kind);
        } else if let Ok(mut k) = self.runner_handoffs.lock() {
            *k.entry(kind.to_owned()).or_default() += 1;
        }
    }

    /// Records that a record ended with `outcome` after `elapsed` in this stage.
    pub fn observe(&self, outcome: &'static str, elapsed: Duration) {
        let labels = StageOutcome {
            stage: self.stage.clone(),
            outcome: outcome.to_owned(),
        };
        let f = &metrics().families;
        f.latency
            .get_or_create(&labels)
            .observe(elapsed.as_secs_f64());
        f.outcomes.get_or_create(&labels).inc();
    }
}

/// Reads every stage's atomics at scrape time.
#[derive(Debug)]
struct StagesCollector(Arc<Mutex<Vec<Arc<StageMetrics>>>>);

type Read = fn(&StageMetrics) -> i64;

/// (name, help, counter?, read): counters get `_total` from the encoder.
const SERIES: [(&str, &str, bool, Read); 12] = [
    ("records_consumed", "Records consumed", true, |m| {
        m.consumed.load(Ordering::Relaxed) as i64
    }),
    (
        "records_produced",
        "Records produced and acknowledged",
        true,
        |m| m.produced.load(Ordering::Relaxed) as i64,
    ),
    (
        "records_dead_lettered",
        "Records sent to the dead-letter topic",
        true,
        |m| m.dead_lettered.load(Ordering::Relaxed) as i64,
    ),
    ("records_retried", "Transient failures retried", true, |m| {
        m.retried.load(Ordering::Relaxed) as i64
    }),
    (
        "duplicates_skipped",
        "Redelivered terminal records skipped",
        true,
        |m| m.duplicates_skipped.load(Ordering::Relaxed) as i64,
    ),
    (
        "dependency_holds",
        "Times fetching was held back for a dependency",
        true,
        |m| m.dependency_holds.load(Ordering::Relaxed) as i64,
    ),
    (
        "outputs_shrunk",
        "Outputs made smaller to fit the broker's size limit",
        true,
        |m| m.shrunk.load(Ordering::Relaxed) as i64,
    ),
    (
        "outputs_lost",
        "Outputs that could not be produced at all",
        true,
        |m| m.outputs_lost.load(Ordering::Relaxed) as i64,
    ),
    (
        "finish_marks_lost",
        "Finished marks not written within their budget",
        true,
        |m| m.finish_marks_lost.load(Ordering::Relaxed) as i64,
    ),
    (
        "records_in_flight",
        "Records accepted and not finished",
        false,
        |m| m.in_flight.load(Ordering::Relaxed),
    ),
    (
        "consumer_lag",
        "Consumer lag over the assigned partitions",
        false,
        |m| m.consumer_lag.load(Ordering::Relaxed),
    ),
    (
        "consumer_paused",
        "1 while fetching is paused",
        false,
        |m| m.paused.load(Ordering::Relaxed),
    ),
];

type Kinds = fn(&StageMetrics) -> &Mutex<BTreeMap<String, u64>>;

/// (name, help, label, counts): counters by a bounded second label.
const BY_KIND: [(&str, &str, &str, Kinds); 2] = [
    (
        "dead_letters_by_kind",
        "Dead letters by error kind",
        "kind",
        |m| &m.dead_letter_kinds,
    ),
    (
        "runner_handoffs",
        "Tickets the runner handed to a person, by rule",
        "rule",
        |m| &m.runner_handoffs,
    ),
];

impl Collector for StagesCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let stages = self.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
        for (name, help, counter, read) in SERIES {
            let kind = if counter {
                ConstCounter::new(0u64).metric_type()
            } else {
                ConstGauge::new(0i64).metric_type()
            };
            let mut family = encoder.encode_descriptor(name, help, None, kind)?;
            for m in &stages {
                let labels = [("stage", m.stage.as_str())];
                let value = read(m);
                if counter {
                    ConstCounter::new(value.max(0) as u64)
                        .encode(family.encode_family(&labels)?)?;
                } else {
                    ConstGauge::new(value).encode(family.encode_family(&labels)?)?;
                }
            }
        }
        let mut family = encoder.encode_descriptor(
            "partitions_assigned",
            "Partitions assigned to the stage's consumer, by consumer group",
            None,
            ConstGauge::new(0i64).metric_type(),
        )?;
        for m in &stages {
            let group = m.group.get().map_or("", String::as_str);
            let labels = [("stage", m.stage.as_str()), ("group", group)];
            ConstGauge::new(m.partitions_assigned.load(Ordering::Relaxed))
                .encode(family.encode_family(&labels)?)?;
        }
        for (name, help, label, kinds) in BY_KIND {
            let mut family = encoder.encode_descriptor(
                name,
                help,
                None,
                ConstCounter::new(0u64).metric_type(),
            )?;
            for m in &stages {
                let kinds = kinds(m).lock().unwrap_or_else(|p| p.into_inner()).clone();
                for (kind, n) in kinds {
                    let labels = [("stage", m.stage.as_str()), (label, kind.as_str())];
                    ConstCounter::new(n).encode(family.encode_family(&labels)?)?;
                }
            }
        }
        Ok(())
    }
}

/// Adds metrics of another component (the gateway, the console) to the process's registry.
pub fn register(f: impl FnOnce(&mut Registry)) {
    f(&mut metrics().registry.lock().unwrap_or_else(|p| p.into_inner()));
}

/// Everything registered, in the Prometheus text exposition format.
pub fn render() -> String {
    let mut out = String::new();
    let registry = metrics().registry.lock().unwrap_or_else(|p| p.into_inner());
    if let Err(error) = prometheus_client::encoding::text::encode(&mut out, &registry) {
        tracing::error!(%error, "Failed to encode metrics.");
    }
    out
}

/// Serves `/metrics` on `listen` until `shutdown`.
pub async fn serve(
    listen: &str,
    shutdown: tokio_util::sync::CancellationToken,
) -> std::io::Result<()> {
    let app = axum::Router::new().route(
        "/metrics",
        axum::routing::get(|| async {
            (
                [(
                    axum::http::header::CONTENT_TYPE,
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                )],
                render(),
            )
        }),
    );
    let listener = tokio::net::TcpListener::bind(listen).await?;
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_stage_counters_histograms_and_outcomes_with_bounded_labels() {
        let m = StageMetrics::register("metrics-test-stage");
        m.consumed.fetch_add(3, Ordering::Relaxed);
        m.in_flight.store(2, Ordering::Relaxed);
        m.partitions_assigned.store(4, Ordering::Relaxed);
        let _ = m.group.set("fd-metrics-test-stage".to_owned());
        m.dead_letter("undecodable");
        m.last_resort("retries_exhausted", false);
        m.observe("handoff", Duration::from_millis(30));
        let text = render();
        assert!(
            text.contains("frontdesk_records_consumed_total{stage=\"metrics-test-stage\"} 3"),
            "{text}"
        );
        assert!(
            text.contains("frontdesk_records_in_flight{stage=\"metrics-test-stage\"} 2"),
            "{text}"
        );
        assert!(
            text.contains(
                "frontdesk_partitions_assigned{stage=\"metrics-test-stage\",group=\"fd-metrics-test-stage\"} 4"
            ),
            "{text}"
        );
        assert!(text.contains("kind=\"undecodable\"} 1"), "{text}");
        assert!(
            text.contains(
                "frontdesk_runner_handoffs_total{stage=\"metrics-test-stage\",rule=\"retries_exhausted\"} 1"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "frontdesk_stage_outcomes_total{stage=\"metrics-test-stage\",outcome=\"handoff\"} 1"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "frontdesk_stage_record_seconds_count{stage=\"metrics-test-stage\",outcome=\"handoff\"} 1"
            ),
            "{text}"
        );
        assert!(Arc::ptr_eq(
            &m,
            &StageMetrics::register("metrics-test-stage")
        ));
    }
}
