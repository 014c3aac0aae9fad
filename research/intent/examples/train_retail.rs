//! Trains the shipped retail router model and prints its held-out scores.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example train_retail -- \
//!     [--holdout 0.2] [--out models/router/retail]
//! ```
//! Training data (all shared, all in the repository):
//! - `data/intents/bitext_dev.csv`, relabelled onto the registry intents via
//!   the `bitext` lists of `config/intents.toml`;
//! - `models/router/seed_retail.csv`, hand-written examples for the intents
//!   Bitext lacks (return, exchange, fraud/chargeback, payment change, product
//!   questions, data requests, legal complaints);
//! - CLINC150 `report_fraud` rows as `fraud_chargeback`; CLINC150 `oos` rows
//!   and up to 3 rows (`--oos-per-intent`) of each CLINC150 intent unrelated to a retail store as
//!   `oos` ("none of these");
//! - the briefs of `data/retail/tasks_train.json` whose labelled write
//!   actions map onto a single intent, labelled with it (`--tasks false`
//!   leaves them out; `tasks_dev.json` stays unseen for `route_tasks`);
//! - the first messages of `eval/sets/retail_train.jsonl` (`--cases FILE`,
//!   `--cases none` leaves them out) with their subject, as the router stage
//!   sees them, labelled with the intent of their first labelled write, and those of their clauses that name the order of
//!   exactly one labelled write, labelled with that write's intent
//!   (`retail_dev.jsonl` stays held out for `route_cases`);
//! - `crates/intent/data/retail_requests.csv` (`--extra CSV`, `none` to
//!   leave out): hand-written customer emails and clauses in the store's own
//!   words (a story around a cancel / return / exchange / change request), so
//!   that long narrative emails route to the write they ask for.
//!
//! `--export-derived CSV` writes the rows of the last three sources (CLINC150,
//! task briefs, eval cases) to CSV, so that `frontdesk router train` can train
//! the same mix (`models/router/README.md`).
//!
//! With `--holdout F`, a stratified share F is held back and scored (the
//! saved model is then trained on the rest; the accuracy on the held-back
//! Bitext rows alone is printed too); without it the model is trained on
//! everything.

use std::collections::HashMap;

use frontdesk_intent::registry::split_clauses;
use frontdesk_intent::{
    evaluate, load_labelled_csv, stratified_split, train, Classifier, Example, Registry,
    TrainConfig,
};

/// CLINC150 intents too close to a shop's business to count as out of scope.
const NOT_OOS: [&str; 20] = [
    "order",
    "order_status",
    "cancel",
    "report_fraud",
    "card_declined",
    "greeting",
    "goodbye",
    "thank_you",
    "yes",
    "no",
    "maybe",
    "repeat",
    "shopping_list",
    "shopping_list_update",
    "what_can_i_ask_you",
    "are_you_a_bot",
    "user_name",
    "change_user_name",
    "transactions",
    "spending_history",
];

/// The registry intent of a labelled write action.
fn write_intent(action: &str) -> Option<&'static str> {
    Some(match action {
        "cancel_pending_order" => "cancel_order",
        "modify_pending_order_items" => "modify_order_items",
        "modify_pending_order_address" => "modify_order_address",
        "modify_pending_order_payment" => "modify_order_payment",
        "return_delivered_order_items" => "return_order",
        "exchange_delivered_order_items" => "exchange_order",
        "modify_user_address" => "change_default_address",
        _ => return None,
    })
}

/// First messages of eval cases (JSONL) as examples: the whole message
/// labelled with its first labelled write's intent, and each clause of at
/// least `min_words` words naming the order of exactly one of the case's
/// write intents, labelled with it.
fn case_examples(path: &str, min_words: usize) -> Result<Vec<Example>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let case: serde_json::Value = serde_json::from_str(line)?;
        let Some(text) = case["messages"][0].as_str() else {
            continue;
        };
        // (order id without '#', intent) of each labelled write
        let writes: Vec<(String, &str)> = case["expect"]["actions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| {
                let intent = write_intent(a["name"].as_str()?)?;
                let order = a["arguments"]["order_id"].as_str().unwrap_or_default();
                Some((order.trim_start_matches('#').to_string(), intent))
            })
            .collect();
        let Some((_, first)) = writes.first() else {
            continue;
        };
        // the whole message as the router sees it: subject, then body
        out.push(match case["subject"].as_str() {
            Some(subject) => Example::new(format!("{subject}\n{text}"), *first),
            None => Example::new(text, *first),
        });
        for (a, b) in split_clauses(text) {
            let clause = &text[a..b];
            if clause.split_whitespace().count() < min_words {
                continue;
            }
            let named: std::collections::BTreeSet<&str> = writes
                .iter()
                .filter(|(order, _)| !order.is_empty() && clause.contains(order.as_str()))
                .map(|(_, intent)| *intent)
                .collect();
            if let (1, Some(intent)) = (named.len(), named.first()) {
                out.push(Example::new(clause, *intent));
            }
        }
    }
    Ok(out)
}

/// Whole task briefs of `tasks_train.json` whose labelled write actions all
/// map onto one intent, labelled with that intent.
fn task_briefs(path: &str) -> Result<Vec<Example>, Box<dyn std::error::Error>> {
    let list: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let mut out = Vec::new();
    for task in list {
        let intents: std::collections::BTreeSet<&str> = task["actions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| {
                Some(match a["name"].as_str()? {
                    "cancel_pending_order" => "cancel_order",
                    "modify_pending_order_items" => "modify_order_items",
                    "modify_pending_order_address" => "modify_order_address",
                    "modify_pending_order_payment" => "modify_order_payment",
                    "return_delivered_order_items" => "return_order",
                    "exchange_delivered_order_items" => "exchange_order",
                    "modify_user_address" => "change_default_address",
                    _ => return None,
                })
            })
            .collect();
        if let (1, Some(brief)) = (intents.len(), task["instruction"].as_str()) {
            if let Some(intent) = intents.first() {
                out.push(Example::new(brief, *intent));
            }
        }
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut holdout = None;
    let mut out = format!("{root}/models/router/retail");
    let mut cfg = TrainConfig {
        max_oos_threshold: 0.3,
        // the shipped retail model stays n-gram only: the demo runs offline
        ..TrainConfig::ngram_only()
    };
    let mut oos_per_intent = 3usize;
    let mut tasks = true;
    let mut cases = format!("{root}/eval/sets/retail_train.jsonl");
    let mut extra = format!("{root}/crates/intent/data/retail_requests.csv");
    let mut export: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().ok_or("missing value")?;
        match args[i].as_str() {
            "--holdout" => holdout = Some(value.parse::<f64>()?),
            "--out" => out = value,
            "--max-oos-threshold" => cfg.max_oos_threshold = value.parse()?,
            "--oos-per-intent" => oos_per_intent = value.parse()?,
            "--tasks" => tasks = value.parse()?,
            "--cases" => cases = value,
            "--extra" => extra = value,
            "--export-derived" => export = Some(value),
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    let registry = Registry::load(format!("{root}/config/intents.toml"))?;
    let mut rows = registry.map_bitext_examples(&load_labelled_csv(format!(
        "{root}/data/intents/bitext_dev.csv"
    ))?);
    let bitext: std::collections::HashSet<String> = rows.iter().map(|e| e.text.clone()).collect();
    rows.extend(load_labelled_csv(format!(
        "{root}/models/router/seed_retail.csv"
    ))?);
    // rows derived from files that are not labelled CSVs of registry intents
    let mut derived = Vec::new();
    let mut per_intent: HashMap<String, usize> = HashMap::new();
    for e in load_labelled_csv(format!("{root}/data/intents/clinc150_train.csv"))? {
        if e.intent == "report_fraud" {
            derived.push(Example::new(e.text, "fraud_chargeback"));
        } else if e.intent == "oos" {
            derived.push(e);
        } else if !NOT_OOS.contains(&e.intent.as_str()) {
            let n = per_intent.entry(e.intent).or_default();
            if *n < oos_per_intent {
                *n += 1;
                derived.push(Example::new(e.text, "oos"));
            }
        }
    }
    if tasks {
        derived.extend(task_briefs(&format!(
            "{root}/data/retail/tasks_train.json"
        ))?);
    }
    if cases != "none" {
        let more = case_examples(&cases, registry.routing.min_clause_words)?;
        eprintln!("{} examples from {cases}", more.len());
        derived.extend(more);
    }
    if let Some(path) = &export {
        let mut w = csv::Writer::from_path(path)?;
        w.write_record(["text", "intent"])?;
        for e in &derived {
            w.write_record([e.text.as_str(), e.intent.as_str()])?;
        }
        w.flush()?;
        eprintln!("wrote {} derived rows to {path}", derived.len());
    }
    rows.extend(derived);
    if extra != "none" {
        let more = load_labelled_csv(&extra)?;
        eprintln!("{} examples from {extra}", more.len());
        rows.extend(more);
    }
    let (train_rows, test_rows) = match holdout {
        Some(f) => stratified_split(&rows, f, 7),
        None => (rows, Vec::new()),
    };
    let model = train(&train_rows, &cfg)?;
    eprintln!(
        "trained on {} rows, {} labels, {} features (scale {}, oos threshold {})",
        train_rows.len(),
        model.labels().len(),
        model.n_features(),
        model.meta.scale,
        model.meta.oos_threshold
    );
    if !test_rows.is_empty() {
        let report = evaluate(&model, &test_rows);
        // reliability: share of held-out in-scope predictions at or above a
        // confidence, and their precision (to pick registry thresholds)
        let preds: Vec<(bool, f32)> = test_rows
            .iter()
            .map(|e| (Classifier::classify(&model, &e.text), e))
            .filter(|(c, _)| !c.out_of_scope)
            .map(|(c, e)| (c.label() == e.intent, c.confidence()))
            .collect();
        for t in [0.2f32, 0.3, 0.4, 0.5, 0.6] {
            let above: Vec<&(bool, f32)> = preds.iter().filter(|p| p.1 >= t).collect();
            let ok = above.iter().filter(|p| p.0).count();
            let below_ok = preds.iter().filter(|p| p.1 < t && p.0).count();
            let below = preds.iter().filter(|p| p.1 < t).count();
            eprintln!(
                "confidence >= {t}: coverage {:.3}, precision {:.4}; below: precision {:.3} ({below} rows)",
                above.len() as f64 / preds.len().max(1) as f64,
                ok as f64 / above.len().max(1) as f64,
                below_ok as f64 / below.max(1) as f64
            );
        }
        let bitext_rows: Vec<Example> = test_rows
            .iter()
            .filter(|e| bitext.contains(&e.text))
            .cloned()
            .collect();
        let bitext_report = evaluate(&model, &bitext_rows);
        eprintln!(
            "held-out Bitext rows: {}, accuracy {:.4}, macro F1 {:.4}",
            bitext_rows.len(),
            bitext_report.accuracy,
            bitext_report.macro_f1
        );
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    model.save(&out)?;
    eprintln!("saved to {out}");
    Ok(())
}
