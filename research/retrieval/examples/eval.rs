//! Prints the retrieval evaluation as one JSON object.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-retrieval --example eval -- \
//!     [--docs data/helpcenter/banking/documents.jsonl] \
//!     [--tasks data/helpcenter/banking/tasks_dev.jsonl] [--k 5] [--half first|second] \
//!     [--document-weight 1.0] [--k1 1.2] [--b 0.75] [--title-repeat 2] [--title-weight 0.3] [--family-boost 0.3]
//! ```
//!
//! `--half` scores only the first or second half of the tasks (to check that
//! a setting chosen on one half holds on the other).

use std::process::ExitCode;

use frontdesk_retrieval::{evaluate_tasks, read_tasks, Index, SearchConfig};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/helpcenter/banking");
    let mut docs = format!("{root}/documents.jsonl");
    let mut tasks = format!("{root}/tasks_dev.jsonl");
    let mut k = 5usize;
    let mut half: Option<String> = None;
    let mut config = SearchConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--docs" => docs = value,
            "--tasks" => tasks = value,
            "--k" => k = value.parse()?,
            "--half" => half = Some(value),
            "--document-weight" => config.document_weight = value.parse()?,
            "--k1" => {
                config.passage.k1 = value.parse()?;
                config.document.k1 = config.passage.k1;
            }
            "--b" => {
                config.passage.b = value.parse()?;
                config.document.b = config.passage.b;
            }
            "--title-repeat" => config.title_repeat = value.parse()?,
            "--title-weight" => config.title_weight = value.parse()?,
            "--family-boost" => config.family_boost = value.parse()?,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    let mut index = Index::in_memory(config);
    index.ingest_jsonl(&docs)?;
    let mut all = read_tasks(std::path::Path::new(&tasks))?;
    let mid = all.len() / 2;
    match half.as_deref() {
        Some("first") => all.truncate(mid),
        Some("second") => {
            all.drain(..mid);
        }
        Some(other) => return Err(format!("--half must be first or second, not {other}").into()),
        None => {}
    }
    let report = evaluate_tasks(&index, &all, k);
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}
