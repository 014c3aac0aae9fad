//! Prints the guard's evaluation JSONs without the root CLI.
//!
//! ```text
//! cargo run --release -p frontdesk-guard --example guard_eval -- injection [JSONL]
//! cargo run --release -p frontdesk-guard --example guard_eval -- pii [JSONL] [--split dev|holdout|all]
//! cargo run --release -p frontdesk-guard --example guard_eval -- signals
//! ```
//!
//! `injection` trains the default detector (timed), scores JSONL (default:
//! the shipped training file, i.e. a resubstitution figure; pass a held-out
//! file for an honest one) and the ordinary Bitext + Banking77 tickets the
//! detector did not train on. `pii --split holdout` scores only lines with
//! index % 3 == 2 of pii_dev (the part held back while tuning the rules).
//! `signals` measures the frustration and asks-for-human detectors on Bitext.

use frontdesk_guard::data::parse_csv_column;
use frontdesk_guard::pii::eval::evaluate_pii_str;
use frontdesk_guard::{
    asks_for_human, evaluate_injection, frustration_score, load_csv_texts, InjectionDetector,
};
use serde_json::json;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("injection") => {
            let path = args
                .get(1)
                .cloned()
                .unwrap_or_else(|| format!("{DATA}/guardrails/injection_train.jsonl"));
            let started = std::time::Instant::now();
            let det = InjectionDetector::load_default()?;
            eprintln!(
                "trained default detector in {:.3}s",
                started.elapsed().as_secs_f64()
            );
            let mut ordinary = load_csv_texts(format!("{DATA}/intents/bitext_dev.csv"))?;
            ordinary.extend(load_csv_texts(format!(
                "{DATA}/intents/banking77_train.csv"
            ))?);
            let report = evaluate_injection(&det, &path, &ordinary)?;
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        Some("pii") => {
            let path = args
                .get(1)
                .filter(|a| !a.starts_with("--"))
                .cloned()
                .unwrap_or_else(|| format!("{DATA}/guardrails/pii_dev.jsonl"));
            let split = args
                .iter()
                .position(|a| a == "--split")
                .and_then(|i| args.get(i + 1))
                .map_or("all", String::as_str);
            let raw = std::fs::read_to_string(&path)?;
            let keep = |i: usize| match split {
                "dev" => i % 3 != 2,
                "holdout" => i % 3 == 2,
                _ => true,
            };
            let report = evaluate_pii_str(&raw, &path, keep)?;
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        Some("signals") => {
            let rows = parse_csv_column(
                &std::fs::read_to_string(format!("{DATA}/intents/bitext_dev.csv"))?,
                "intent",
                "bitext_dev.csv",
            )?;
            let mut out = serde_json::Map::new();
            for (split, parity) in [("tuning_even_rows", 0), ("heldout_odd_rows", 1)] {
                let part: Vec<&(String, String)> = rows
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % 2 == parity)
                    .map(|(_, r)| r)
                    .collect();
                out.insert(
                    split.to_string(),
                    json!({
                        "asks_for_human": binary(&part, "contact_human_agent", asks_for_human),
                        "frustration_at_0.5": binary(&part, "complaint", |t| frustration_score(t) >= 0.5),
                        "frustration_auc": auc(&part, "complaint"),
                    }),
                );
            }
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        _ => {
            eprintln!("usage: guard_eval injection [JSONL] | pii [JSONL] [--split dev|holdout|all] | signals");
            std::process::exit(2);
        }
    }
    Ok(())
}

fn binary(
    rows: &[&(String, String)],
    positive: &str,
    pred: impl Fn(&str) -> bool,
) -> serde_json::Value {
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    for (text, intent) in rows {
        match (intent == positive, pred(text)) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => tn += 1,
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    json!({"precision": p, "recall": r, "f1": f1, "false_positive_rate": fp as f64 / (fp + tn).max(1) as f64, "positives": tp + fn_, "n": rows.len()})
}

/// Probability that a random `positive` row scores above a random other row (ties count half).
fn auc(rows: &[&(String, String)], positive: &str) -> f64 {
    let mut scored: Vec<(f32, bool)> = rows
        .iter()
        .map(|(t, i)| (frustration_score(t), i == positive))
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut i) = (0.0f64, 0usize);
    while i < scored.len() {
        let mut j = i;
        while j < scored.len() && scored[j].0 == scored[i].0 {
            j += 1;
        }
        let avg_rank = (i + j + 1) as f64 / 2.0;
        rank_sum += avg_rank * scored[i..j].iter().filter(|s| s.1).count() as f64;
        i = j;
    }
    let pos = scored.iter().filter(|s| s.1).count() as f64;
    let neg = scored.len() as f64 - pos;
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg).max(1.0)
}
