//! Time per text of the shipped injection detector on one thread: ordinary
//! tickets (short) and retail e-mails (long: scored whole and per sentence
//! pair). Prints microseconds per text for each of `--rounds` passes; run it
//! while holding the build lock so nothing competes for the cores. The research
//! workspace compiles frontdesk-guard and frontdesk-tfidf at opt-level 3 even
//! in debug builds, so the debug binary times the optimised scoring path.
//!
//! ```text
//! cargo build --manifest-path research/Cargo.toml -p research-guard --example injection_cost
//! flock /work/build.lock target/debug/examples/injection_cost [--rounds 3]
//! ```

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(3), |v| v.parse())?;
    let detector = frontdesk_guard::InjectionDetector::load_default()?;
    let mut tickets = Vec::new();
    for f in [
        "bitext_dev.csv",
        "banking77_train.csv",
        "clinc150_train.csv",
    ] {
        tickets.extend(frontdesk_guard::load_csv_texts(format!(
            "{root}/data/intents/{f}"
        ))?);
    }
    let emails =
        frontdesk_guard::data::load_first_messages(format!("{root}/eval/sets/retail_train.jsonl"))?;
    for (name, texts) in [("tickets", &tickets), ("emails", &emails)] {
        let mut micros = Vec::new();
        for _ in 0..rounds {
            let started = Instant::now();
            let flagged = texts.iter().filter(|t| detector.score(t).flagged).count();
            micros.push(started.elapsed().as_secs_f64() * 1e6 / texts.len() as f64);
            std::hint::black_box(flagged);
        }
        println!(
            "{}",
            serde_json::json!({"texts": name, "n": texts.len(), "micros_per_text": micros})
        );
    }
    Ok(())
}
