//! Routes the first message of each eval case (`eval/sets/*.jsonl`) the way
//! the router stage does (subject and body, shipped model and registry) and
//! scores the route against the case's labelled write actions.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example route_cases -- \
//!     [--model DIR] [--file eval/sets/retail_dev.jsonl] [--quiet] [--clauses] [--text T]
//! ```
//! Per case: routed intents with confidences, band, out of scope, and whether
//! the first labelled write's intent (and its family: the intents whose
//! allow-list holds the write) was routed. Summary: always-escalate,
//! out-of-scope, lowest routed confidence below 0.5 (the pipeline's
//! `agent.min_route_confidence`), and hits; for cases tagged legal,
//! asks_for_human, account_deletion or fraud_chargeback, how many route to
//! always-escalate. `--clauses` also prints each clause's classification; `--text T` (repeatable) routes T instead.

use frontdesk_intent::registry::split_clauses;
use frontdesk_intent::{Band, Classifier, Model, Registry};

/// The registry intent a write action belongs to.
fn intent_of(action: &str) -> Option<&'static str> {
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

const MIN_ROUTE_CONFIDENCE: f64 = 0.5;

/// Case tags (`eval/sets/adversarial.jsonl`) that must route to a person
/// (the router stage's `asks_for_human` rule, in `frontdesk-guard`, is not
/// applied here: this counts the model and registry alone).
const ESCALATE_TAGS: [&str; 4] = [
    "legal",
    "asks_for_human",
    "account_deletion",
    "fraud_chargeback",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut model_dir = format!("{root}/models/router/retail");
    let mut files = Vec::new();
    let mut texts = Vec::new();
    let (mut quiet, mut clauses) = (false, false);
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--quiet" => quiet = true,
            "--clauses" => clauses = true,
            flag => {
                let value = args.get(i + 1).cloned().ok_or("missing value")?;
                match flag {
                    "--model" => model_dir = value,
                    "--file" => files.push(value),
                    "--text" => texts.push(value),
                    other => return Err(format!("unknown argument {other}").into()),
                }
                i += 1;
            }
        }
        i += 1;
    }
    let model = Model::load(&model_dir)?;
    let registry = Registry::load(format!("{root}/config/intents.toml"))?;
    for text in &texts {
        let route = registry.route(&model, text);
        println!("{route:?}");
        for (a, b) in split_clauses(text) {
            let c = model.classify(&text[a..b]);
            println!(
                "      {:?} oos={} | {}",
                &c.top[..2],
                c.out_of_scope,
                &text[a..b]
            );
        }
    }
    if !texts.is_empty() {
        return Ok(());
    }
    if files.is_empty() {
        files = vec![
            format!("{root}/eval/sets/retail_dev.jsonl"),
            format!("{root}/eval/sets/retail_train.jsonl"),
        ];
    }
    for f in &files {
        let (mut n, mut escalate, mut oos, mut low, mut proceed) = (0, 0, 0, 0, 0);
        let (mut with_write, mut exact, mut family, mut clean_hit) = (0, 0, 0, 0);
        let (mut must_escalate, mut escalated) = (0, 0);
        for line in std::fs::read_to_string(f)?.lines() {
            if line.trim().is_empty() {
                continue;
            }
            let case: serde_json::Value = serde_json::from_str(line)?;
            let body = case["messages"][0].as_str().unwrap_or_default();
            let text = frontdesk_intent::letter::routed_text(case["subject"].as_str(), body);
            let first_write = case["expect"]["actions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a["name"].as_str())
                .find(|a| intent_of(a).is_some());
            let route = registry.route(&model, &text);
            n += 1;
            let is_escalate = route.band == Band::AlwaysEscalate && !route.out_of_scope;
            let min_conf = route
                .intents
                .iter()
                .map(|r| r.confidence)
                .fold(f64::INFINITY, f64::min);
            let is_low = !route.out_of_scope && min_conf < MIN_ROUTE_CONFIDENCE;
            escalate += usize::from(is_escalate);
            oos += usize::from(route.out_of_scope);
            low += usize::from(is_low);
            let ok = !route.out_of_scope && !is_escalate && !is_low;
            proceed += usize::from(ok);
            let tags: Vec<&str> = case["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str())
                .collect();
            if tags.iter().any(|t| ESCALATE_TAGS.contains(t)) {
                must_escalate += 1;
                escalated += usize::from(route.band == Band::AlwaysEscalate);
            }
            let (mut hit_exact, mut hit_family) = (false, false);
            if let Some(w) = first_write {
                with_write += 1;
                hit_exact = route
                    .intents
                    .iter()
                    .any(|r| Some(r.intent.as_str()) == intent_of(w));
                hit_family = route.intents.iter().any(|r| {
                    registry
                        .intents
                        .get(&r.intent)
                        .is_some_and(|s| s.tools.iter().any(|t| t == w))
                });
                exact += usize::from(hit_exact);
                family += usize::from(hit_family);
                clean_hit += usize::from(hit_family && ok);
            }
            if !quiet {
                let intents: Vec<String> = route
                    .intents
                    .iter()
                    .map(|r| format!("{} {:.2}", r.intent, r.confidence))
                    .collect();
                println!(
                    "{:<10} {:<16} oos={:<5} [{}] want={} exact={} family={}{}",
                    case["id"].as_str().unwrap_or("?"),
                    format!("{:?}", route.band),
                    route.out_of_scope,
                    intents.join(", "),
                    first_write.unwrap_or("-"),
                    hit_exact,
                    hit_family,
                    if ok { "" } else { "  << to a person" }
                );
                if clauses {
                    for (a, b) in split_clauses(&text) {
                        let c = model.classify(&text[a..b]);
                        println!(
                            "      {:<22} {:.2} oos={} | {}",
                            c.top[0].0,
                            c.top[0].1,
                            c.out_of_scope,
                            &text[a..b]
                        );
                    }
                }
            }
        }
        println!(
            "{}",
            serde_json::json!({
                "file": f,
                "cases": n,
                "always_escalate": escalate,
                "out_of_scope": oos,
                "min_confidence_below_0.5": low,
                "routed_on": proceed,
                "cases_with_write": with_write,
                "first_write_intent_routed": exact,
                "first_write_family_routed": family,
                "first_write_family_routed_and_routed_on": clean_hit,
                "tagged_must_escalate": must_escalate,
                "tagged_must_escalate_routed_always_escalate": escalated,
            })
        );
    }
    Ok(())
}
