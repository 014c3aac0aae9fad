//! `frontdesk bench backlog` on the mock cluster, 200 tickets: the command runs end to end
//! and every ticket finishes (so the benchmark cannot rot between its long runs).

use std::process::{Command, Stdio};

use serde_json::Value;

#[test]
fn a_small_backlog_drains_and_the_memory_figures_are_reported() {
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args([
            "bench",
            "backlog",
            "--tickets",
            "200",
            "--timeout-secs",
            "300",
            "--json",
        ])
        .env("RUST_LOG", "error")
        .stderr(Stdio::inherit())
        .output()
        .expect("run frontdesk bench backlog");
    assert!(out.status.success(), "bench backlog failed: {}", out.status);
    let r: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let f = |k: &str| r[k].as_f64().unwrap_or_else(|| panic!("{k} in {r}"));
    assert_eq!(r["tickets"].as_u64(), Some(200), "{r}");
    assert!(f("drain_secs") > 0.0, "{r}");
    // Resident memory was read (from /proc) before and while the backlog drained.
    assert!(f("rss_loaded_mib") > 0.0 && f("peak_rss_mib") > 0.0, "{r}");
    let tenths = r["rss_by_tenth"].as_array().expect("rss_by_tenth");
    assert_eq!(tenths.len(), 10, "{r}");
    assert_eq!(tenths[9]["finished"].as_u64(), Some(200), "{r}");
}
