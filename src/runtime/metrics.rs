//! Per-stage counters, rendered in the Prometheus text format.
//!
//! Names follow `frontdesk_<name>_total`; labels are bounded (stage, kind), never raw errors.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

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

impl StageMetrics {
    /// Registers the counters of a stage (one set per stage name per process).
    pub fn register(stage: &str) -> Arc<StageMetrics> {
        let mut all = registry().lock().unwrap_or_else(|p| p.into_inner());
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
}

fn registry() -> &'static Mutex<Vec<Arc<StageMetrics>>> {
    static R: OnceLock<Mutex<Vec<Arc<StageMetrics>>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(Vec::new()))
}

/// Every registered stage's counters in the Prometheus text format.
pub fn render() -> String {
    let all = registry().lock().unwrap_or_else(|p| p.into_inner()).clone();
    let mut out = String::new();
    type Getter = fn(&StageMetrics) -> i64;
    let counters: [(&str, &str, Getter); 12] = [
        ("frontdesk_records_consumed_total", "counter", |m| {
            m.consumed.load(Ordering::Relaxed) as i64
        }),
        ("frontdesk_records_produced_total", "counter", |m| {
            m.produced.load(Ordering::Relaxed) as i64
        }),
        ("frontdesk_records_dead_lettered_total", "counter", |m| {
            m.dead_lettered.load(Ordering::Relaxed) as i64
        }),
        ("frontdesk_records_retried_total", "counter", |m| {
            m.retried.load(Ordering::Relaxed) as i64
        }),
        ("frontdesk_duplicates_skipped_total", "counter", |m| {
            m.duplicates_skipped.load(Ordering::Relaxed) as i64
        }),
        ("frontdesk_records_in_flight", "gauge", |m| {
            m.in_flight.load(Ordering::Relaxed)
        }),
        ("frontdesk_consumer_lag", "gauge", |m| {
            m.consumer_lag.load(Ordering::Relaxed)
        }),
        ("frontdesk_consumer_paused", "gauge", |m| {
            m.paused.load(Ordering::Relaxed)
        }),
        ("frontdesk_dependency_holds_total", "counter", |m| {
            m.dependency_holds.load(Ordering::Relaxed) as i64
        }),
        ("frontdesk_outputs_shrunk_total", "counter", |m| {
            m.shrunk.load(Ordering::Relaxed) as i64
        }),
        ("frontdesk_outputs_lost_total", "counter", |m| {
            m.outputs_lost.load(Ordering::Relaxed) as i64
        }),
        ("frontdesk_finish_marks_lost_total", "counter", |m| {
            m.finish_marks_lost.load(Ordering::Relaxed) as i64
        }),
    ];
    for (name, kind, get) in counters {
        let _ = writeln!(out, "# TYPE {name} {kind}");
        for m in &all {
            let _ = writeln!(out, "{name}{{stage=\"{}\"}} {}", m.stage, get(m));
        }
    }
    type ByKind = fn(&StageMetrics) -> &Mutex<BTreeMap<String, u64>>;
    let by_kind: [(&str, &str, ByKind); 2] = [
        ("frontdesk_dead_letters_by_kind_total", "kind", |m| {
            &m.dead_letter_kinds
        }),
        ("frontdesk_runner_handoffs_total", "rule", |m| {
            &m.runner_handoffs
        }),
    ];
    for (name, label, get) in by_kind {
        let _ = writeln!(out, "# TYPE {name} counter");
        for m in &all {
            if let Ok(k) = get(m).lock() {
                for (kind, n) in k.iter() {
                    let _ = writeln!(
                        out,
                        "{name}{{stage=\"{}\",{label}=\"{kind}\"}} {n}",
                        m.stage
                    );
                }
            }
        }
    }
    out
}

/// Serves `/metrics` on `listen` until `shutdown`.
pub async fn serve(
    listen: &str,
    shutdown: tokio_util::sync::CancellationToken,
) -> std::io::Result<()> {
    let app = axum::Router::new().route("/metrics", axum::routing::get(|| async { render() }));
    let listener = tokio::net::TcpListener::bind(listen).await?;
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_registered_counters_with_bounded_labels() {
        let m = StageMetrics::register("metrics-test-stage");
        m.consumed.fetch_add(3, Ordering::Relaxed);
        m.dead_letter("undecodable");
        let text = render();
        assert!(
            text.contains("frontdesk_records_consumed_total{stage=\"metrics-test-stage\"} 3"),
            "{text}"
        );
        assert!(text.contains("kind=\"undecodable\"} 1"), "{text}");
        assert!(Arc::ptr_eq(
            &m,
            &StageMetrics::register("metrics-test-stage")
        ));
    }
}
