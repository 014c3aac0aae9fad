//! How the normalised confidence separates in-domain from out-of-scope
//! questions, to choose gate thresholds.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-retrieval --example confidence
//! ```
//!
//! Index: the banking help-center documents. In-domain: the Banking77
//! training utterances (real banking customer questions). Out-of-scope: the
//! CLINC150 `oos` rows (train + val). Prints top-1 confidence quantiles for
//! each and, for a range of thresholds, the share of each group that passes.

use std::path::Path;
use std::process::ExitCode;

use frontdesk_retrieval::{Index, SearchConfig};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn column(
    path: &Path,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for row in csv::Reader::from_path(path)?.records() {
        let row = row?;
        if keep(row.get(1).unwrap_or("")) {
            out.push(row.get(0).unwrap_or("").to_string());
        }
    }
    Ok(out)
}

fn top_confidence(index: &Index, queries: &[String]) -> Vec<f32> {
    let mut c: Vec<f32> = queries
        .iter()
        .map(|q| {
            index
                .search(q, 5)
                .iter()
                .map(|h| h.confidence)
                .fold(0.0, f32::max)
        })
        .collect();
    c.sort_by(f32::total_cmp);
    c
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
    let mut index = Index::in_memory(SearchConfig::default());
    index.ingest_jsonl(data.join("helpcenter/banking/documents.jsonl"))?;
    let inside = column(&data.join("intents/banking77_train.csv"), |_| true)?;
    let mut oos = column(&data.join("intents/clinc150_train.csv"), |i| i == "oos")?;
    oos.extend(column(&data.join("intents/clinc150_val.csv"), |i| {
        i == "oos"
    })?);
    let a = top_confidence(&index, &inside);
    let b = top_confidence(&index, &oos);
    let q = |v: &[f32], p: f64| {
        v.get(((v.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!("group        n      p10   p25   p50   p75   p90");
    for (name, v) in [("banking77", &a), ("clinc_oos", &b)] {
        println!(
            "{name:<10} {:>5}  {:.2}  {:.2}  {:.2}  {:.2}  {:.2}",
            v.len(),
            q(v, 0.1),
            q(v, 0.25),
            q(v, 0.5),
            q(v, 0.75),
            q(v, 0.9)
        );
    }
    println!("threshold  banking77_pass  oos_pass");
    for t in [0.3f32, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let pass = |v: &[f32]| v.iter().filter(|c| **c >= t).count() as f64 / v.len().max(1) as f64;
        println!("{t:.1}        {:.3}           {:.3}", pass(&a), pass(&b));
    }
    Ok(())
}
