//! Measures the offline planner on an evaluation set: for each case, a fresh
//! in-memory store; the ticket routed with the shipped router model (as the
//! router stage does); planned; the proposed writes executed directly on the
//! store (no policy gate); the final state digest compared with a store where
//! the labelled actions were applied.
//!
//! ```text
//! cargo run --release -p frontdesk-planner --example tasks -- [--set eval/sets/retail_dev.jsonl] [--verbose N] [--case ID] [--show-all true] [--routes true]
//! ```
//! Prints one JSON object: `cases`, `exact` (state equal), `wrong_write` (an
//! executed write that is not one of the labelled actions, or failed, or any
//! write when none is labelled), `partial` (only labelled writes, but not all),
//! `asked`, `handed_off`, `answered`, and the same per labelled tool set.

use std::collections::BTreeMap;

use async_trait::async_trait;
use frontdesk_intent::{Catalog, Model, Registry};
use frontdesk_planner::{
    Channel, ConversationState, Identity, IntentHint, OfflinePlanner, Outcome, PlanRequest,
    Planner, Procedures, ToolFailure, ToolRunner, WriteResult,
};
use frontdesk_sandbox::{default_data_dir, Store, StoreError};
use serde_json::{json, Value};

struct StoreRunner<'a>(&'a Store);

#[async_trait]
impl ToolRunner for StoreRunner<'_> {
    async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure> {
        self.0.apply(tool, &args, None).await.map_err(|e| match e {
            StoreError::NotFound { code, message }
            | StoreError::Rule { code, message }
            | StoreError::BadRequest { code, message } => ToolFailure::Refused {
                tool: tool.to_owned(),
                code,
                message,
            },
            other => ToolFailure::Unavailable {
                tool: tool.to_owned(),
                message: other.to_string(),
            },
        })
    }
}

/// A write compared with labelled actions: same tool, same arguments, with
/// the (old, new) item pairs compared as a multiset.
fn normalised(name: &str, args: &Value) -> Value {
    let mut a = args.clone();
    let list = |k: &str| -> Vec<String> {
        args.get(k)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect()
    };
    let old = list("item_ids");
    let new = list("new_item_ids");
    if !new.is_empty() {
        let mut pairs: Vec<(String, String)> = old.into_iter().zip(new).collect();
        pairs.sort();
        a["item_ids"] = json!(pairs.iter().map(|p| p.0.clone()).collect::<Vec<_>>());
        a["new_item_ids"] = json!(pairs.iter().map(|p| p.1.clone()).collect::<Vec<_>>());
    } else if !old.is_empty() {
        let mut o = old;
        o.sort();
        a["item_ids"] = json!(o);
    }
    json!({ "name": name, "arguments": a })
}

#[derive(Default, serde::Serialize)]
struct Tally {
    cases: usize,
    exact: usize,
    wrong_write: usize,
    partial: usize,
    asked: usize,
    handed_off: usize,
    answered: usize,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut set = format!("{root}/eval/sets/retail_dev.jsonl");
    let mut verbose = 0usize;
    let mut only: Option<String> = None;
    let mut show_all = false;
    let mut routes = false;
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().ok_or("missing value")?;
        match args[i].as_str() {
            "--set" => set = v,
            "--verbose" => verbose = v.parse()?,
            "--case" => only = Some(v),
            "--show-all" => show_all = v == "true",
            "--routes" => routes = v == "true",
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    let model = Model::load(format!("{root}/models/router/retail"))?;
    let registry = Registry::load(format!("{root}/config/intents.toml"))?;
    let catalog = Catalog::load(format!("{root}/data/retail"))?;
    let planner = OfflinePlanner::new(Procedures::shipped()?, catalog);
    let store = Store::open("sqlite::memory:", &default_data_dir()).await?;
    let expected_store = Store::open("sqlite::memory:", &default_data_dir()).await?;
    let mut total = Tally::default();
    let mut per: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures: Vec<Value> = Vec::new();
    for line in std::fs::read_to_string(&set)?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let case: Value = serde_json::from_str(line)?;
        let id = case["id"].as_str().unwrap_or_default().to_owned();
        if only.as_ref().is_some_and(|o| *o != id) {
            continue;
        }
        store.reset().await?;
        expected_store.reset().await?;
        let labelled: Vec<Value> = case["expect"]["actions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for a in &labelled {
            let _ = expected_store
                .apply(
                    a["name"].as_str().unwrap_or_default(),
                    &a["arguments"],
                    None,
                )
                .await;
        }
        let expected: Vec<Value> = labelled
            .iter()
            .map(|a| normalised(a["name"].as_str().unwrap_or_default(), &a["arguments"]))
            .collect();
        let mut tools: Vec<&str> = labelled.iter().filter_map(|a| a["name"].as_str()).collect();
        tools.sort();
        tools.dedup();
        let group = if tools.is_empty() {
            "none".to_owned()
        } else {
            tools.join("+")
        };
        let identity = Identity {
            email: case["customer"]["email"].as_str().map(str::to_owned),
            ..Identity::default()
        };
        let channel =
            Channel::parse(case["channel"].as_str().unwrap_or("email")).unwrap_or(Channel::Email);
        let subject = case["subject"].as_str().unwrap_or_default().to_owned();
        let mut state = ConversationState::default();
        let mut executed: Vec<(Value, Result<Value, String>)> = Vec::new();
        let mut last = "answered".to_owned();
        let mut transcript = Vec::new();
        for (turn, msg) in case["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let body = msg.as_str().unwrap_or_default();
            let text = format!("{subject}\n{body}");
            let route = registry.route(&model, &text);
            if routes {
                let hints: Vec<String> = route
                    .intents
                    .iter()
                    .map(|r| format!("{}:{:.2}:{:?}", r.intent, r.confidence, r.band))
                    .collect();
                eprintln!(
                    "ROUTE {id} band={:?} oos={} {}",
                    route.band,
                    route.out_of_scope,
                    hints.join(" ")
                );
            }
            let req = PlanRequest {
                subject: subject.clone(),
                body: body.to_owned(),
                channel,
                identity: identity.clone(),
                intents: route
                    .intents
                    .iter()
                    .map(|r| IntentHint {
                        key: r.intent.clone(),
                        confidence: r.confidence,
                    })
                    .collect(),
                state: state.clone(),
                allow_list: route.allow_list.clone(),
            };
            let plan = planner.plan(&req, &StoreRunner(&store)).await?;
            state = plan.state.clone();
            match &plan.outcome {
                Outcome::Act => {
                    let mut results = Vec::new();
                    for (n, w) in plan.writes.iter().enumerate() {
                        let r = store
                            .apply(&w.tool, &w.args, Some(&format!("{id}/{turn}/{n}")))
                            .await
                            .map_err(|e| e.to_string());
                        executed.push((normalised(&w.tool, &w.args), r.clone()));
                        results.push(WriteResult {
                            tool: w.tool.clone(),
                            result: r,
                        });
                    }
                    transcript.push(planner.reply(&plan, &results));
                    last = "acted".to_owned();
                    break;
                }
                Outcome::AskCustomer { question } => {
                    transcript.push(question.clone());
                    last = "asked".to_owned();
                }
                Outcome::HandOff { reason } => {
                    transcript.push(reason.clone());
                    last = "handed_off".to_owned();
                    break;
                }
                Outcome::Answered => {
                    transcript.push(planner.reply(&plan, &[]));
                    last = "answered".to_owned();
                    break;
                }
            }
        }
        let exact = store.digest().await? == expected_store.digest().await?;
        let wrong = executed
            .iter()
            .any(|(w, r)| r.is_err() || !expected.contains(w));
        let partial = !exact && !wrong && !executed.is_empty();
        let t = per.entry(group.clone()).or_default();
        for t in [t, &mut total] {
            t.cases += 1;
            t.exact += usize::from(exact);
            t.wrong_write += usize::from(wrong);
            t.partial += usize::from(partial);
            t.asked += usize::from(last == "asked" && !exact);
            t.handed_off += usize::from(last == "handed_off");
            t.answered += usize::from(last == "answered" && !exact);
        }
        if (show_all || !exact || wrong) && (verbose > 0 || only.is_some()) {
            failures.push(json!({
                "id": id, "wrong": wrong, "outcome": last,
                "executed": executed.iter().map(|(w, r)| json!({"write": w, "ok": r.is_ok(), "error": r.as_ref().err()})).collect::<Vec<_>>(),
                "expected": expected, "transcript": transcript,
                "message": case["messages"][0],
            }));
        }
    }
    for f in failures.iter().rev().take(verbose.max(1)).rev() {
        eprintln!("{}", serde_json::to_string_pretty(f)?);
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({ "set": set, "total": total, "per_tools": per }))?
    );
    Ok(())
}
