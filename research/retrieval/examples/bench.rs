//! Retrieval latency over a synthetic corpus of at least 10,000 passages, on
//! one thread (run it under `taskset -c 0` to pin it to one core).
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-retrieval --example bench [-- --passages 10000]
//! ```
//!
//! The corpus is made from the real banking help-center documents: each
//! document's text is cut into sentences, and every run of `w` consecutive
//! sentences (w = 1, 2, 3, ... until the target count is reached) becomes its
//! own one-passage document (id `<doc>~w<w>_<i>`, so the windows of one document
//! form a numbered family and the family-overview boost is exercised). So the
//! vocabulary and term statistics are real,
//! only the passages are smaller and overlapping. Queries are the dev task
//! scenarios (long, the worst case) and the documents' titles (short, like a
//! customer message); each is timed for `search(query, 5)`.
//!
//! Two clocks are reported per query: wall time, and the thread's CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`). On a loaded shared machine the wall-time tail
//! is dominated by the scheduler preempting the process (a waiting slice is
//! tens of milliseconds); CPU time is the work one core does for a query.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use frontdesk_retrieval::ingest::read_jsonl;
use frontdesk_retrieval::query::sentences;
use frontdesk_retrieval::{read_tasks, Document, Index, SearchConfig};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// CPU time consumed by the calling thread, in microseconds.
fn thread_cpu_micros() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 * 1e6 + ts.tv_nsec as f64 / 1e3
}

fn summary(mut micros: Vec<f64>) -> serde_json::Value {
    micros.sort_by(f64::total_cmp);
    serde_json::json!({
        "p50_ms": percentile(&micros, 50.0) / 1e3,
        "p99_ms": percentile(&micros, 99.0) / 1e3,
        "max_ms": micros.last().copied().unwrap_or(0.0) / 1e3,
    })
}

fn time_queries(index: &Index, queries: &[String], rounds: usize) -> serde_json::Value {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    let mut sink = 0usize;
    for _ in 0..rounds {
        for q in queries {
            let c = thread_cpu_micros();
            let t = Instant::now();
            let hits = index.search(q, 5);
            wall.push(t.elapsed().as_secs_f64() * 1e6);
            cpu.push(thread_cpu_micros() - c);
            sink += hits.len();
        }
    }
    assert!(sink > 0, "no query returned anything");
    serde_json::json!({ "count": wall.len(), "wall": summary(wall), "cpu": summary(cpu) })
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/helpcenter/banking");
    let mut target = 10_000usize;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--passages", Some(v)) => target = v.parse()?,
            _ => return Err(format!("unknown or incomplete flag {flag}").into()),
        }
    }
    let docs = read_jsonl(Path::new(&format!("{root}/documents.jsonl")))?;
    let split: Vec<(String, String, Vec<String>)> = docs
        .iter()
        .map(|d| {
            let text: String = d
                .passages
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let s = sentences(&text).into_iter().map(String::from).collect();
            (d.id.clone(), d.title.clone(), s)
        })
        .collect();
    let mut synthetic = Vec::new();
    let mut w = 1;
    while synthetic.len() < target {
        for (id, title, sents) in &split {
            for (i, win) in sents.windows(w).enumerate() {
                let body = win.join(" ");
                synthetic.push(Document::from_markdown(
                    &format!("{id}~w{w}_{i}"),
                    title,
                    "",
                    &body,
                ));
            }
        }
        w += 1;
        if w > 50 {
            return Err("documents too small to reach the target passage count".into());
        }
    }
    let t = Instant::now();
    let mut index = Index::in_memory(SearchConfig::default());
    index.replace_source("bench", synthetic)?;
    let build = t.elapsed();
    let tasks = read_tasks(Path::new(&format!("{root}/tasks_dev.jsonl")))?;
    let long: Vec<String> = tasks.into_iter().map(|t| t.query).collect();
    let short: Vec<String> = docs.iter().map(|d| d.title.clone()).collect();
    // Warm up caches once.
    time_queries(&index, &short, 1);
    let scenario = time_queries(&index, &long, 5);
    let short_q = time_queries(&index, &short, 5);
    println!(
        "{}",
        serde_json::json!({
            "passages": index.passage_count(),
            "documents": index.document_count(),
            "build_ms": build.as_secs_f64() * 1e3,
            "short_queries": short_q,
            "scenario_queries": scenario,
        })
    );
    Ok(())
}
