//! `frontdesk bench chaos` on the mock cluster, about 1,000 tickets: each stage in its own
//! process, SIGKILLed and restarted, broker faults, a store that fails writes and loses
//! responses. Every ticket gets exactly one outcome, none is lost, no write is applied twice.

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
    // Store faults are not asserted since main's identity binding and confirmations: a
    // chaos ticket is one message and a write now waits for the customer's "yes", so no
    // write reaches the store (a follow-up turn is still to be added to the suite).
    assert_eq!(n("tickets"), 1000);
    assert_eq!(n("lost"), 0, "{r}");
    assert_eq!(n("contradictory"), 0, "{r}");
    assert_eq!(n("exactly_once"), 1000, "{r}");
    assert_eq!(n("duplicate_writes"), 0, "{r}");
}
