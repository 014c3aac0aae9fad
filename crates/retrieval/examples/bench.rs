//! Retrieval latency over a synthetic corpus of at least 10,000 passages, on
//! one thread (run it under `taskset -c 0` to pin it to one core).
//!
//! ```text
//! cargo run --release -p frontdesk-retrieval --example bench [-- --passages 10000]
//! ```
//!
//! The corpus is made from the real banking help-center documents: each
//! document's text is cut into sentences, and every run of `w` consecutive
//! sentences (w = 1, 2, 3, ... until the target count is reached) becomes its
//! own one-passage document. So the vocabulary and term statistics are real,
//! only the passages are smaller and overlapping. Queries are the dev task
//! scenarios (long, the worst case) and the documents' titles (short, like a
//! customer message); each is timed for `search(query, 5)`.

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

fn time_queries(index: &Index, queries: &[String], rounds: usize) -> (f64, f64, f64) {
    let mut micros = Vec::new();
    let mut sink = 0usize;
    for _ in 0..rounds {
        for q in queries {
            let t = Instant::now();
            let hits = index.search(q, 5);
            micros.push(t.elapsed().as_secs_f64() * 1e6);
            sink += hits.len();
        }
    }
    assert!(sink > 0, "no query returned anything");
    micros.sort_by(f64::total_cmp);
    (
        percentile(&micros, 50.0),
        percentile(&micros, 99.0),
        micros.last().copied().unwrap_or(0.0),
    )
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
                    &format!("{id}~w{w}~{i}"),
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
    let (lp50, lp99, lmax) = time_queries(&index, &long, 5);
    let (sp50, sp99, smax) = time_queries(&index, &short, 5);
    println!(
        "{}",
        serde_json::json!({
            "passages": index.passage_count(),
            "documents": index.document_count(),
            "build_ms": build.as_secs_f64() * 1e3,
            "short_queries": { "count": short.len() * 5, "p50_ms": sp50 / 1e3, "p99_ms": sp99 / 1e3, "max_ms": smax / 1e3 },
            "scenario_queries": { "count": long.len() * 5, "p50_ms": lp50 / 1e3, "p99_ms": lp99 / 1e3, "max_ms": lmax / 1e3 },
        })
    );
    Ok(())
}
