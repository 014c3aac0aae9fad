//! Asks one question of an index built from the shipped data and prints the
//! grounding decision, the cited answer and the passages.
//!
//! ```text
//! cargo run --release -p frontdesk-retrieval --example ask -- [--intent get_refund] "how do refunds work?"
//! ```

use std::path::Path;
use std::process::ExitCode;

use frontdesk_retrieval::{ground, ConfidenceGate, Index, SearchConfig};

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
    let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
    let mut intent = String::from("faq");
    let mut query = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--intent" {
            intent = args.next().ok_or("--intent needs a value")?;
        } else {
            query = a;
        }
    }
    let mut index = Index::in_memory(SearchConfig::default());
    index.ingest_jsonl(data.join("helpcenter/banking/documents.jsonl"))?;
    index.ingest_policy_markdown(data.join("retail/policy.md"))?;
    index.ingest_guidelines_json(data.join("helpcenter/retail-abcd/guidelines.json"))?;
    let g = ground(&index, &ConfidenceGate::default(), &intent, &query, 5, 3);
    println!("{}", serde_json::to_string_pretty(&g.assessment)?);
    match &g.answer {
        Some(a) => println!("ANSWER: {}", a.render()),
        None => println!("NO GROUNDED ANSWER (hand off)"),
    }
    for h in &g.passages {
        println!(
            "- {} [{}] {:.3} conf {:.2}",
            h.doc_id, h.section, h.score, h.confidence
        );
    }
    Ok(())
}
