//! Routes the tau-bench retail task briefs (`data/retail/tasks_*.json`) and
//! scores them against their labelled write actions, and checks that the
//! entity extractor finds the order ids the labelled actions use.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example route_tasks -- [--model DIR] [--file tasks_dev.json]
//! ```
//! Write action -> expected intent: cancel_pending_order -> cancel_order,
//! modify_pending_order_items -> modify_order_items, ..._address ->
//! modify_order_address, ..._payment -> modify_order_payment,
//! return_delivered_order_items -> return_order,
//! exchange_delivered_order_items -> exchange_order, modify_user_address ->
//! change_default_address. Tasks without write actions are skipped for the
//! intent scores. The briefs are machine-written second-person scenarios, not
//! customer messages, so this is a rough multi-intent check.

use std::collections::BTreeSet;

use frontdesk_intent::{extract_entities, Catalog, EntityKind, Model, Registry};

fn expected(action: &str) -> Option<&'static str> {
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut model_dir = format!("{root}/models/router/retail");
    let mut files = vec!["tasks_dev.json".to_string(), "tasks_train.json".to_string()];
    let mut verbose = 0usize;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().ok_or("missing value")?;
        match args[i].as_str() {
            "--model" => model_dir = value,
            "--file" => files = vec![value],
            "--verbose" => verbose = value.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    let model = Model::load(&model_dir)?;
    let registry = Registry::load(format!("{root}/config/intents.toml"))?;
    let catalog = Catalog::load(format!("{root}/data/retail"))?;
    let (mut tasks, mut exp_total, mut hit, mut routed_total, mut routed_ok, mut exact) =
        (0, 0, 0, 0, 0, 0);
    let (mut ids_total, mut ids_found, mut oos) = (0, 0, 0);
    for f in &files {
        let text = std::fs::read_to_string(format!("{root}/data/retail/{f}"))?;
        let list: Vec<serde_json::Value> = serde_json::from_str(&text)?;
        for task in list {
            let brief = task["instruction"].as_str().unwrap_or_default();
            let actions = task["actions"].as_array().cloned().unwrap_or_default();
            let want: BTreeSet<&str> = actions
                .iter()
                .filter_map(|a| expected(a["name"].as_str()?))
                .collect();
            let entities = extract_entities(brief, &catalog, None);
            let found_ids: BTreeSet<String> = entities
                .iter()
                .filter(|e| e.kind == EntityKind::OrderId)
                .map(|e| e.value.clone())
                .collect();
            for a in &actions {
                if let Some(id) = a["kwargs"]["order_id"].as_str() {
                    if brief.contains(&id[2..]) {
                        ids_total += 1;
                        ids_found += usize::from(found_ids.contains(id));
                    }
                }
            }
            if want.is_empty() {
                continue;
            }
            tasks += 1;
            let route = registry.route(&model, brief);
            oos += usize::from(route.out_of_scope);
            let got: BTreeSet<&str> = route.intents.iter().map(|r| r.intent.as_str()).collect();
            exp_total += want.len();
            hit += want.intersection(&got).count();
            routed_total += got.len();
            routed_ok += got.intersection(&want).count();
            exact += usize::from(got == want);
            if verbose > 0 && got != want {
                verbose -= 1;
                eprintln!("WANT {want:?} GOT {got:?}");
                for (a, b) in frontdesk_intent::registry::split_clauses(brief) {
                    let c = frontdesk_intent::Classifier::classify(&model, &brief[a..b]);
                    eprintln!(
                        "   {:?} oos={} | {}",
                        &c.top[..2],
                        c.out_of_scope,
                        &brief[a..b]
                    );
                }
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "{}",
        serde_json::json!({
            "tasks_with_write_actions": tasks,
            "intent_recall": ratio(hit, exp_total),
            "intent_precision": ratio(routed_ok, routed_total),
            "exact_intent_set": ratio(exact, tasks),
            "out_of_scope": oos,
            "order_ids_in_briefs": ids_total,
            "order_id_recall": ratio(ids_found, ids_total),
        })
    );
    Ok(())
}
