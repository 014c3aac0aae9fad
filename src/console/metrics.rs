//! The console's figures on `/metrics`, in the process's registry
//! ([`crate::runtime::metrics`], `prometheus-client`), so one scrape shows them with whatever
//! else the process registered.
//!
//! The figures live in the state database and are read per scrape (`async`), while a
//! `prometheus-client` collector is called synchronously inside the encoder: the handler
//! reads them, leaves them in [`LATEST`] and renders the registry, whose collector (added
//! once per process) encodes what it finds there. [`SCRAPE`] keeps a second console in the
//! same process (tests) from swapping its figures in between.
//!
//! Series (labels are bounded: intents come from the router's registry, reasons from the
//! rule vocabulary, edit classes are three; no ticket, customer or person is named):
//! - `frontdesk_console_open_handoffs{reason}`: open handoffs now.
//! - `frontdesk_console_handoffs_total{intent,reason}`: handoffs received.
//! - `frontdesk_console_replies_total{intent,reason,edit}`: replies people sent, by how much
//!   they changed the draft (`unchanged`, `light`, `rewritten`).
//! - `frontdesk_console_claim_wait_seconds_total` / `frontdesk_console_claimed_total`
//!   `{intent,reason}`: summed waits to the first claim, and how many were claimed (their
//!   ratio is the mean time to claim).
//! - `frontdesk_console_close_wait_seconds_total` / `frontdesk_console_closed_total`: the
//!   same from handoff to close or hand-back.

use std::sync::{Mutex, Once};

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::Unit;

use super::learn::{EditClass, Figures, Learned};

/// The exposition's media type (as `crate::runtime::metrics::serve` answers).
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// What one scrape exports.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Figures per (intent, reason).
    pub learned: Learned,
    /// Open handoffs per reason.
    pub open_by_reason: Vec<(String, i64)>,
}

/// The figures the registry's collector encodes at the scrape in progress.
static LATEST: Mutex<Option<Snapshot>> = Mutex::new(None);
/// One console scrape at a time per process (set [`LATEST`], render).
static SCRAPE: Mutex<()> = Mutex::new(());

/// The process's metrics, the console's `snapshot` among them, in the text exposition format.
pub fn exposition(snapshot: Snapshot) -> String {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        crate::runtime::metrics::register(|r| r.register_collector(Box::new(Latest)));
    });
    let _one = SCRAPE.lock().unwrap_or_else(|p| p.into_inner());
    *LATEST.lock().unwrap_or_else(|p| p.into_inner()) = Some(snapshot);
    let text = crate::runtime::metrics::render();
    *LATEST.lock().unwrap_or_else(|p| p.into_inner()) = None;
    text
}

/// Encodes [`LATEST`] (nothing outside a console scrape).
#[derive(Debug)]
struct Latest;

impl Collector for Latest {
    fn encode(&self, encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        match &*LATEST.lock().unwrap_or_else(|p| p.into_inner()) {
            Some(s) => s.encode(encoder),
            None => Ok(()),
        }
    }
}

/// Counter families over (intent, reason): name, help, value.
type Counts = [(&'static str, &'static str, fn(&Figures) -> i64); 3];
type Waits = [(&'static str, &'static str, fn(&Figures) -> f64); 2];

const COUNTS: Counts = [
    ("console_handoffs", "Handoffs received", |f| f.handoffs),
    ("console_claimed", "Handoffs claimed", |f| f.claimed),
    ("console_closed", "Handoffs closed or handed back", |f| {
        f.closed
    }),
];

static SECONDS: Unit = Unit::Seconds;

/// Summed waits, in seconds (the `_seconds_total` counters).
const WAITS: Waits = [
    (
        "console_claim_wait",
        "Summed waits from handoff to first claim",
        |f| f.claim_wait_ms as f64 / 1000.0,
    ),
    (
        "console_close_wait",
        "Summed times from handoff to close or hand-back",
        |f| f.close_wait_ms as f64 / 1000.0,
    ),
];

impl Snapshot {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let open = ConstGauge::new(0i64);
        let mut family = encoder.encode_descriptor(
            "console_open_handoffs",
            "Open handoffs, by reason",
            None,
            open.metric_type(),
        )?;
        for (reason, n) in &self.open_by_reason {
            ConstGauge::new(*n).encode(family.encode_family(&[("reason", reason.as_str())])?)?;
        }
        let counter = ConstCounter::new(0u64).metric_type();
        let pairs = || {
            self.learned
                .iter()
                .map(|((i, r), f)| ([("intent", i.as_str()), ("reason", r.as_str())], f))
        };
        for (name, help, value) in COUNTS {
            let mut family = encoder.encode_descriptor(name, help, None, counter)?;
            for (labels, f) in pairs() {
                let n = value(f).max(0) as u64;
                ConstCounter::new(n).encode(family.encode_family(&labels)?)?;
            }
        }
        for (name, help, value) in WAITS {
            let mut family = encoder.encode_descriptor(name, help, Some(&SECONDS), counter)?;
            for (labels, f) in pairs() {
                ConstCounter::new(value(f)).encode(family.encode_family(&labels)?)?;
            }
        }
        let mut family = encoder.encode_descriptor(
            "console_replies",
            "Replies people sent, by how much they changed the agent's draft",
            None,
            counter,
        )?;
        for ((intent, reason), f) in &self.learned {
            for class in EditClass::ALL {
                let labels = [
                    ("intent", intent.as_str()),
                    ("reason", reason.as_str()),
                    ("edit", class.as_str()),
                ];
                let n = f.sent.get(class.as_str()).copied().unwrap_or(0);
                ConstCounter::new(n.max(0) as u64).encode(family.encode_family(&labels)?)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figures_are_in_the_process_registry_with_bounded_labels() {
        let f = crate::console::learn::sample();
        let mut learned = Learned::new();
        learned.insert(("return_order".into(), "approval_required".into()), f);
        let text = exposition(Snapshot {
            learned,
            open_by_reason: vec![("approval_required".into(), 2)],
        });
        for line in [
            "frontdesk_console_replies_total{intent=\"return_order\",reason=\"approval_required\",edit=\"unchanged\"} 3",
            "frontdesk_console_replies_total{intent=\"return_order\",reason=\"approval_required\",edit=\"light\"} 0",
            "frontdesk_console_open_handoffs{reason=\"approval_required\"} 2",
            "frontdesk_console_handoffs_total{intent=\"return_order\",reason=\"approval_required\"} 4",
            "frontdesk_console_claim_wait_seconds_total{intent=\"return_order\",reason=\"approval_required\"} 3.0",
            "frontdesk_console_claimed_total{intent=\"return_order\",reason=\"approval_required\"} 2",
            "# UNIT frontdesk_console_claim_wait_seconds seconds",
        ] {
            assert!(text.contains(line), "{line} missing:\n{text}");
        }
        assert!(text.ends_with("# EOF\n"), "one exposition: {text}");
        // Outside a scrape the console adds nothing (no stale figures).
        assert!(!crate::runtime::metrics::render().contains("frontdesk_console_open_handoffs{"));
    }
}
