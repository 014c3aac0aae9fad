//! Requests written the way people write them (`tests/data/people.jsonl`: hand-written for
//! this test against the shipped store, each labelled with the writes it should lead to),
//! each sent from the customer's own address and followed by a blind "Yes, please go ahead."
//! as the held-out evaluation does. Every case must end in its labelled state, except the
//! known gaps listed below, which must at least write nothing wrong.

mod common;

use common::store;
use frontdesk_planner::{
    Channel, ConversationState, Identity, OfflinePlanner, Outcome, PlanRequest, Planner,
};
use frontdesk_sandbox::{default_data_dir, Store};
use serde_json::Value;

/// Cases the planner does not resolve yet, and why.
const KNOWN_GAPS: &[(&str, &str)] = &[(
    "own-list-line-continued-in-a-second-sentence",
    "a list line's change written in its second sentence ('3. Office chair: it's black ... \
     I'd like gray ...') is asked about, not read",
)];

/// A write as the store records it, with item lists compared as sets of pairs.
fn normalised(name: &str, args: &Value) -> Value {
    let list = |k: &str| -> Vec<String> {
        args.get(k)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect()
    };
    let mut pairs: Vec<(String, Option<String>)> = list("item_ids")
        .into_iter()
        .enumerate()
        .map(|(i, old)| (old, list("new_item_ids").get(i).cloned()))
        .collect();
    pairs.sort();
    let mut a = args.clone();
    if !pairs.is_empty() {
        a["item_ids"] = pairs.iter().map(|p| Value::from(p.0.clone())).collect();
        if args.get("new_item_ids").is_some() {
            a["new_item_ids"] = pairs.iter().map(|p| Value::from(p.1.clone())).collect();
        }
    }
    serde_json::json!({ "name": name, "arguments": a })
}

#[tokio::test]
async fn people_phrasing_resolves_or_writes_nothing_wrong() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/people.jsonl"),
    )
    .expect("cases");
    let planner = OfflinePlanner::shipped().expect("planner");
    let tools = store().await;
    let labelled_store = Store::open("sqlite::memory:", &default_data_dir())
        .await
        .expect("store");
    let mut failures = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("case");
        let id = case["id"].as_str().unwrap_or_default();
        tools.0.reset().await.expect("reset");
        labelled_store.reset().await.expect("reset");
        let labelled: Vec<Value> = case["expect"]["actions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for a in &labelled {
            labelled_store
                .apply(
                    a["name"].as_str().unwrap_or_default(),
                    &a["arguments"],
                    None,
                )
                .await
                .expect("a labelled write the store accepts");
        }
        let identity = Identity {
            email: case["customer"]["email"].as_str().map(str::to_owned),
            ..Identity::default()
        };
        let mut state = ConversationState::default();
        let mut written = Vec::new();
        let mut replies = String::new();
        for (turn, message) in case["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .enumerate()
        {
            let req = PlanRequest {
                subject: case["subject"].as_str().unwrap_or_default().to_owned(),
                body: message.to_owned(),
                channel: Channel::Email,
                identity: identity.clone(),
                intents: Vec::new(),
                state: state.clone(),
                allow_list: Vec::new(),
            };
            let plan = planner.plan(&req, &tools).await.expect("plan");
            state = plan.state.clone();
            replies.push_str(&plan.draft);
            replies.push_str(&plan.reply_facts.join(" "));
            if plan.outcome == Outcome::Act {
                for (n, w) in plan.writes.iter().enumerate() {
                    let key = format!("{id}/{turn}/{n}");
                    if tools.0.apply(&w.tool, &w.args, Some(&key)).await.is_ok() {
                        written.push(normalised(&w.tool, &w.args));
                    }
                }
            }
            if !matches!(plan.outcome, Outcome::AskCustomer { .. }) {
                break;
            }
        }
        let resolved = tools.0.digest().await.expect("digest")
            == labelled_store.digest().await.expect("digest")
            && case["expect"]["outputs"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .all(|o| replies.contains(o));
        let expected: Vec<Value> = labelled
            .iter()
            .map(|a| normalised(a["name"].as_str().unwrap_or_default(), &a["arguments"]))
            .collect();
        let wrong: Vec<&Value> = written.iter().filter(|w| !expected.contains(w)).collect();
        if !resolved && !wrong.is_empty() {
            failures.push(format!("{id}: wrote {wrong:?}"));
        } else if !resolved && !KNOWN_GAPS.iter().any(|(gap, _)| *gap == id) {
            failures.push(format!("{id}: not resolved; replies: {replies}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
