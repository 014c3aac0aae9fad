//! Chooses the person filter's settings by five-fold cross-validation on the tuning split
//! of pii_dev (lines whose index is not 2 mod 3); the held-out third is not read.
//! With `--emails SET...` (eval sets), counts the spans found in each first message that
//! are no part of the sender's name (from `user_id`), by the rules and by the filter.
//! With `--explain TEXT...`, prints each candidate with its score and features.
//! With `--misses`, prints the labelled names no candidate overlaps instead.
//! Prints, for each regularisation C, precision / recall / F1 at each threshold, and the
//! rules alone for comparison.
//!
//! `CARGO_TARGET_DIR=target-research cargo run --release --manifest-path research/Cargo.toml -p research-guard --example person_cv`

use frontdesk_guard::injection::logistic::FitOptions;
use frontdesk_guard::pii::person::{self, model};

fn main() {
    let rows = model::tuning_split();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--explain") {
        for text in &args[1..] {
            for c in person::candidates(text, &[]) {
                let score = model::shipped().score(&c);
                println!(
                    "{:?} rules {} score {score:.3} {:?}",
                    &text[c.start..c.end],
                    c.by_rules,
                    c.features
                );
            }
        }
        return;
    }
    if args.first().is_some_and(|a| a == "--emails") {
        emails(&args[1..]);
        return;
    }
    if args.iter().any(|a| a == "--misses") {
        for row in &rows {
            let cands = person::candidates(&row.text, &[]);
            for &(s, e) in &row.persons {
                if !cands.iter().any(|c| c.start < e && s < c.end) {
                    println!("MISS {:?} in {:?}", &row.text[s..e], row.text);
                }
            }
        }
        return;
    }
    let rules = model::score_on(&rows, |t| {
        person::find_by_rules(t, &[])
            .into_iter()
            .map(|s| (s.start, s.end))
            .collect()
    });
    println!(
        "rules alone on the tuning split: P {:.3} R {:.3} F1 {:.3}",
        rules.precision, rules.recall, rules.f1
    );
    let thresholds = [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7];
    for c in [0.3f32, 1.0, 3.0, 10.0, 30.0, 100.0] {
        let fit = FitOptions { c, ..model::FIT };
        for (t, s) in model::cross_validate(&rows, 5, fit, &thresholds) {
            println!(
                "C {c:>4}  threshold {t:.2}  P {:.3} R {:.3} F1 {:.3}",
                s.precision, s.recall, s.f1
            );
        }
    }
}

fn emails(sets: &[String]) {
    let (mut n, mut rules_other, mut model_other, mut rules_name, mut model_name) = (0, 0, 0, 0, 0);
    for set in sets {
        let raw = std::fs::read_to_string(set).expect("set readable");
        for line in raw.lines().filter(|l| !l.trim().is_empty()) {
            let case: serde_json::Value = serde_json::from_str(line).expect("json");
            let text = case["messages"][0].as_str().unwrap_or_default();
            let name_parts: Vec<String> = case["user_id"]
                .as_str()
                .unwrap_or_default()
                .split('_')
                .map(str::to_lowercase)
                .collect();
            let is_name = |span: &str| {
                span.split_whitespace()
                    .all(|w| name_parts.contains(&w.trim_matches('.').to_lowercase()))
            };
            n += 1;
            for (by, found) in [
                ("rules", person::find_by_rules(text, &[])),
                ("model", person::find(text, &[])),
            ] {
                for s in found {
                    let span = &text[s.start..s.end];
                    match (by, is_name(span)) {
                        ("rules", true) => rules_name += 1,
                        ("rules", false) => rules_other += 1,
                        (_, true) => model_name += 1,
                        (_, false) => {
                            model_other += 1;
                            println!("model, not the sender: {span:?}");
                        }
                    }
                }
            }
        }
    }
    println!(
        "{n} first messages: the sender's name found {rules_name} times by the rules, {model_name} by the filter; other spans {rules_other} by the rules, {model_other} by the filter"
    );
}
