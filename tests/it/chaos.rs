//! `frontdesk bench chaos` on the mock cluster, about 1,000 tickets: each stage in its own
//! process, SIGKILLed and restarted, broker faults, a store that fails writes and loses
//! responses; the customer confirms each write the agent asks about. Every ticket gets
//! exactly one outcome, none is lost, no write is applied twice.

use std::process::{Command, Stdio};

use serde_json::Value;

#[test]
fn a_thousand_tickets_through_kills_and_broker_and_store_faults_end_exactly_once() {
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args([
            "bench",
            "chaos",
            "--tickets",
            "1000",
            "--rate",
            "100",
            "--kill-every-secs",
            "2",
            "--fault-every-secs",
            "1.5",
            "--store-fail-rate",
            "0.1",
            "--store-lose-rate",
            "0.1",
            "--timeout-secs",
            "600",
            "--json",
            "--no-gate",
        ])
        .env("RUST_LOG", "error")
        .stderr(Stdio::inherit())
        .output()
        .expect("run frontdesk bench chaos");
    assert!(out.status.success(), "bench chaos failed: {}", out.status);
    let r: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let n = |k: &str| r[k].as_u64().unwrap_or_else(|| panic!("{k} in {r}"));
    // The faults happened, so the figures below mean something.
    assert!(n("kills") > 0, "no stage was killed: {r}");
    assert!(
        r["broker_faults"]
            .as_object()
            .is_some_and(|f| !f.is_empty()),
        "no broker fault: {r}"
    );
    // The agent asked to confirm writes, the customer said yes, and the store applied
    // writes through its faults: the duplicate-write figure is measured on real writes.
    assert!(n("confirmations") > 0, "no confirmation was sent: {r}");
    let applied = r["writes"]["applied"].as_u64().unwrap_or(0);
    assert!(applied > 0, "no write reached the store: {r}");
    assert!(
        n("store_failed") + n("store_lost_responses") > 0,
        "no store fault: {r}"
    );
    assert_eq!(
        n("tickets") + n("unpublished"),
        1000 + n("confirmations"),
        "{r}"
    );
    assert_eq!(n("lost"), 0, "{r}");
    assert_eq!(n("contradictory"), 0, "{r}");
    assert_eq!(n("exactly_once"), n("tickets"), "{r}");
    assert_eq!(n("duplicate_writes"), 0, "{r}");
}
