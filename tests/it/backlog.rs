//! `frontdesk bench backlog` on the mock cluster with each stage in its own process: a
//! small backlog drains, once with one process per stage and once with two, a short steady
//! feed runs at half the rate, and the JSON has every figure the issue asks for (so the
//! benchmark cannot rot between its long runs). And its stage processes never outlive it.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const STAGES: [&str; 4] = ["router", "tools", "grounding", "policy"];

#[test]
fn a_small_backlog_drains_per_process_and_every_figure_is_reported() {
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args([
            "bench",
            "backlog",
            "--tickets",
            "300",
            "--half-load-secs",
            "3",
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
    assert_eq!(r["tickets"].as_u64(), Some(300), "{r}");
    assert!(f("tickets_per_sec") > 0.0, "{r}");
    // Every stage ran in a process of its own and used CPU for the backlog's tickets.
    for s in STAGES {
        let cpu = r["cpu_us_per_ticket_by_stage"][s].as_f64();
        assert!(cpu.is_some_and(|c| c > 0.0), "{s} CPU in {r}");
        let rss = r["peak_rss_mb_by_process"][s].as_f64();
        assert!(rss.is_some_and(|m| m > 1.0), "{s} peak RSS in {r}");
        // The second drain had two processes of each stage.
        let second = r["two_per_stage"]["peak_rss_mb_by_process"][format!("{s}#2")].as_f64();
        assert!(second.is_some_and(|m| m > 1.0), "{s}#2 in {r}");
    }
    assert!(
        r["peak_rss_mb_by_process"]["harness"].as_f64().is_some(),
        "{r}"
    );
    let (p50, p99) = (f("p50_ms_half_load"), f("p99_ms_half_load"));
    assert!(p50 > 0.0 && p99 >= p50, "{r}");
    assert!(
        r["half_load"]["idle_p50_ms"]
            .as_f64()
            .is_some_and(|v| v > 0.0),
        "{r}"
    );
    assert!(f("scaling_ratio") > 0.0, "{r}");
    assert_eq!(r["fetch_wait_max_ms"].as_u64(), Some(100), "{r}");
}

/// The pids of the processes whose parent is `parent`.
fn children_of(parent: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                return false;
            };
            // The field after the state, after the parenthesised command name.
            let rest = &stat[stat.rfind(')').map_or(0, |i| i + 2)..];
            rest.split_whitespace().nth(1) == Some(parent.to_string().as_str())
        })
        .collect()
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s[s.rfind(')').map_or(0, |i| i + 2)..].starts_with('Z'))
        .unwrap_or(false)
}

/// Starts a bench whose drain outlasts the test, waits for its four stage processes, sends
/// `signal` to the bench, and returns the stage processes' pids.
fn interrupt_bench(signal: i32) -> Vec<u32> {
    let mut bench = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["bench", "backlog", "--tickets", "20000", "--json"])
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start frontdesk bench backlog");
    let started = Instant::now();
    let stages = loop {
        let c = children_of(bench.id());
        if c.len() >= 4 {
            break c;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the stage processes did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    // SAFETY: a signal to a child this test started and has not waited for.
    unsafe { libc::kill(bench.id() as libc::pid_t, signal) };
    let _ = bench.wait();
    stages
}

fn assert_all_gone(stages: &[u32], how: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while stages.iter().any(|p| alive(*p)) {
        assert!(
            Instant::now() < deadline,
            "stage processes {:?} outlived a bench {how}",
            stages.iter().filter(|p| alive(**p)).collect::<Vec<_>>()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn no_stage_process_outlives_an_interrupted_or_killed_bench() {
    let stages = interrupt_bench(libc::SIGTERM);
    assert_all_gone(&stages, "stopped by SIGTERM");
    let stages = interrupt_bench(libc::SIGKILL);
    assert_all_gone(&stages, "killed by SIGKILL");
}
