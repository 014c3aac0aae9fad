//! Measures the offline planner on an evaluation set the way `frontdesk eval` scores it, in
//! a fraction of the time: for each case, a fresh in-memory store; each message routed with
//! the shipped router model (as the router stage does) and planned; the case's next message
//! sent only while the plan waits for the customer (a question or a confirmation), as the
//! eval does; the proposed writes executed directly on the store (no router gates, no write
//! gate); the final state digest compared with a store where the labelled actions were applied.
//!
//! ```text
//! cargo run -p frontdesk-planner --example tasks -- [--set eval/sets/retail_dev.jsonl]
//!     [--tag train-held] [--first-message-only true] [--verbose N] [--case ID]
//!     [--show-all true] [--routes true]
//! ```
//! Prints one JSON object with `total`, `per_tools` (by the labelled write tools) and
//! `per_tag`, each counting `cases`, `resolved` (ended resolved, labelled state, every
//! labelled output in the replies), `false_resolution` (ended resolved otherwise), `waiting`
//! (ended on a question or a confirmation), `handed_off`, `harmful` (state differs and a write
//! the store accepted is not a labelled one), `failed_write` (a write the store refused) and
//! `exact` (the labelled state, however it ended). `--first-message-only true` drops every
//! message after the first (the hidden set's second variant: nothing may be written).
//! `--gates true` also applies what the router and tools stages do with the route before and
//! after planning (out of scope, an always-escalate band, a routed intent below 0.5, a write on
//! an autonomous route or outside the route's allow-list: a hand-off), to see how much the
//! route costs.

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
    resolved: usize,
    false_resolution: usize,
    waiting: usize,
    handed_off: usize,
    harmful: usize,
    failed_write: usize,
    exact: usize,
}

/// How one case ended, as the eval scores it.
struct Verdict {
    resolved: bool,
    false_resolution: bool,
    waiting: bool,
    handed_off: bool,
    harmful: bool,
    failed_write: bool,
    exact: bool,
}

impl Tally {
    fn add(&mut self, v: &Verdict) {
        self.cases += 1;
        self.resolved += usize::from(v.resolved);
        self.false_resolution += usize::from(v.false_resolution);
        self.waiting += usize::from(v.waiting);
        self.handed_off += usize::from(v.handed_off);
        self.harmful += usize::from(v.harmful);
        self.failed_write += usize::from(v.failed_write);
        self.exact += usize::from(v.exact);
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut set = format!("{root}/eval/sets/retail_dev.jsonl");
    let mut verbose = 0usize;
    let mut only: Option<String> = None;
    let mut tag: Option<String> = None;
    let mut show_all = false;
    let mut routes = false;
    let mut first_only = false;
    let mut gates = false;
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().ok_or("missing value")?;
        match args[i].as_str() {
            "--set" => set = v,
            "--verbose" => verbose = v.parse()?,
            "--case" => only = Some(v),
            "--tag" => tag = Some(v),
            "--show-all" => show_all = v == "true",
            "--routes" => routes = v == "true",
            "--first-message-only" => first_only = v == "true",
            "--gates" => gates = v == "true",
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
    let mut per_tag: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures: Vec<Value> = Vec::new();
    for line in std::fs::read_to_string(&set)?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let case: Value = serde_json::from_str(line)?;
        let id = case["id"].as_str().unwrap_or_default().to_owned();
        let tags: Vec<String> = case["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect();
        if only.as_ref().is_some_and(|o| *o != id)
            || tag.as_ref().is_some_and(|t| !tags.contains(t))
        {
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
            phone: case["customer"]["phone"].as_str().map(str::to_owned),
            user_id: case["customer"]["user_id"].as_str().map(str::to_owned),
        };
        let channel =
            Channel::parse(case["channel"].as_str().unwrap_or("email")).unwrap_or(Channel::Email);
        let subject = case["subject"].as_str().unwrap_or_default().to_owned();
        let mut state = ConversationState::default();
        let mut executed: Vec<(Value, Result<Value, String>)> = Vec::new();
        let mut last = "answered".to_owned();
        let mut transcript = Vec::new();
        let messages: Vec<&str> = case["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .take(if first_only { 1 } else { usize::MAX })
            .collect();
        let mut said: Vec<&str> = Vec::new();
        for (turn, body) in messages.iter().enumerate() {
            said.push(body);
            // the router stage routes the whole thread when it answers the agent's question
            let text = frontdesk_intent::letter::thread_text(Some(&subject), &said);
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
                body: (*body).to_owned(),
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
            let blocked = gates
                && (route.out_of_scope
                    || route.band == frontdesk_types::Band::AlwaysEscalate
                    || route.intents.iter().any(|r| r.confidence < 0.5));
            if blocked {
                transcript.push(format!("[gate] {:?}", route.intents));
                last = "handed_off".to_owned();
                break;
            }
            let plan = planner.plan(&req, &StoreRunner(&store)).await?;
            state = plan.state.clone();
            let outside = plan.outcome == Outcome::Act
                && (route.band == frontdesk_types::Band::Autonomous
                    || plan
                        .writes
                        .iter()
                        .any(|w| !route.allow_list.contains(&w.tool)));
            if gates && outside {
                transcript.push(format!(
                    "[route] {:?} allows {:?}",
                    route.band, route.allow_list
                ));
                last = "handed_off".to_owned();
                break;
            }
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
                Outcome::HandOff { rule, reason } => {
                    transcript.push(format!("{rule}: {reason}"));
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
        let replies = transcript.join("\n").to_lowercase();
        let outputs_said = case["expect"]["outputs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .all(|o| replies.contains(&o.to_lowercase()));
        let ended_resolved = last == "acted" || last == "answered";
        let verdict = Verdict {
            resolved: ended_resolved && exact && outputs_said,
            false_resolution: ended_resolved && !(exact && outputs_said),
            waiting: last == "asked",
            handed_off: last == "handed_off",
            harmful: !exact
                && executed
                    .iter()
                    .any(|(w, r)| r.is_ok() && !expected.contains(w)),
            failed_write: executed.iter().any(|(_, r)| r.is_err()),
            exact,
        };
        total.add(&verdict);
        per.entry(group.clone()).or_default().add(&verdict);
        for t in &tags {
            per_tag.entry(t.clone()).or_default().add(&verdict);
        }
        let interesting = !verdict.resolved || verdict.harmful || verdict.failed_write;
        if (show_all || interesting) && (verbose > 0 || only.is_some()) {
            failures.push(json!({
                "id": id, "harmful": verdict.harmful, "outcome": last, "resolved": verdict.resolved,
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
        serde_json::to_string_pretty(
            &json!({ "set": set, "total": total, "per_tools": per, "per_tag": per_tag })
        )?
    );
    Ok(())
}
