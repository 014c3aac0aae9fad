//! The shipped `config/tools.toml` against the labelled tau-bench retail
//! tasks: every labelled write call must pass its tool's schema, and the same
//! calls with one argument dropped or retyped must not.

use frontdesk_tools::{Executor, Outcome, ToolsConfig, DEFAULT_CONFIG_PATH};
use serde_json::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");

fn executor() -> Executor {
    Executor::from_path(format!("{ROOT}{DEFAULT_CONFIG_PATH}")).unwrap()
}

fn labelled_actions() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for file in ["data/retail/tasks_train.json", "data/retail/tasks_dev.json"] {
        let text = std::fs::read_to_string(format!("{ROOT}{file}")).unwrap();
        let tasks: Vec<Value> = serde_json::from_str(&text).unwrap();
        for task in tasks {
            for action in task["actions"].as_array().unwrap() {
                out.push((
                    action["name"].as_str().unwrap().to_owned(),
                    action["kwargs"].clone(),
                ));
            }
        }
    }
    out
}

#[test]
fn shipped_config_declares_the_thirteen_retail_tools() {
    let exec = executor();
    let names: Vec<&str> = exec.registry().names().collect();
    assert_eq!(names.len(), 13, "{names:?}");
    // Five reads and the cancel / return family (the order's status decides which).
    let cancel = exec.registry().tools_for_intent("cancel_order");
    assert_eq!(cancel.len(), 7, "{cancel:?}");
    assert!(cancel.contains(&"return_delivered_order_items".to_owned()));
    assert!(!cancel.contains(&"modify_pending_order_payment".to_owned()));
    assert!(exec
        .registry()
        .tools_for_intent("product_question")
        .contains(&"list_all_product_types".to_owned()));
    let cfg = ToolsConfig::from_path(format!("{ROOT}{DEFAULT_CONFIG_PATH}")).unwrap();
    assert!(cfg
        .tools
        .iter()
        .all(|t| !t.description.is_empty() && !t.intents.is_empty()));
}

#[test]
fn labelled_calls_pass_their_schemas_and_perturbed_ones_fail() {
    let exec = executor();
    let actions = labelled_actions();
    assert!(actions.len() > 500);
    let mut valid = 0;
    let mut perturbed = 0;
    let mut perturbed_rejected = 0;
    for (name, args) in &actions {
        let tool = exec
            .registry()
            .get(name)
            .unwrap_or_else(|| panic!("unknown tool {name}"));
        match tool.check_arguments(args) {
            Ok(_) => valid += 1,
            Err(e) => panic!("{name} {args}: {e}"),
        }
        for key in args.as_object().unwrap().keys() {
            let mut dropped = args.clone();
            dropped.as_object_mut().unwrap().remove(key);
            let mut retyped = args.clone();
            retyped[key] = Value::Bool(true);
            for bad in [dropped, retyped] {
                perturbed += 1;
                if tool.check_arguments(&bad).is_err() {
                    perturbed_rejected += 1;
                }
            }
        }
    }
    println!(
        "labelled calls valid: {valid}/{}; perturbed calls rejected: {perturbed_rejected}/{perturbed}",
        actions.len()
    );
    assert_eq!(valid, actions.len());
    assert_eq!(perturbed_rejected, perturbed);
}

#[tokio::test]
async fn labelled_calls_without_customer_are_refused_before_any_http() {
    // The base URL points nowhere: a call that got past authorization would
    // be `failed`, not `unauthorized`.
    let mut cfg = ToolsConfig::from_path(format!("{ROOT}{DEFAULT_CONFIG_PATH}")).unwrap();
    cfg.executor.base_url = "http://127.0.0.1:9".into();
    cfg.executor.retry.max_attempts = 1;
    let exec = Executor::from_config(&cfg).unwrap();
    let ctx = frontdesk_tools::CallContext {
        ticket_id: "t".into(),
        allow_list: exec.registry().names().map(str::to_owned).collect(),
        customer: None,
        headers: vec![],
    };
    for (name, args) in labelled_actions().into_iter().take(50) {
        let rec = exec.call(&ctx, &name, args).await;
        assert_eq!(rec.outcome, Outcome::Unauthorized, "{rec:?}");
        assert_eq!(rec.attempts, 0);
    }
}

/// The one check of a proposed call (the executor's, and a model planner's): the tool
/// exists, the ticket may use it, and its arguments are an object that passes the schema.
#[test]
fn a_proposed_call_is_checked_for_existence_allow_list_and_shape() {
    use frontdesk_tools::Refusal;
    let exec = executor();
    let registry = exec.registry();
    let args = serde_json::json!({"order_id": "#W2378156"});
    let only_reads = |name: &str| name == "get_order_details";
    assert_eq!(
        registry.check("delete_everything", &args, |_| true),
        Err(Refusal::Unknown("delete_everything".into()))
    );
    assert_eq!(
        registry.check("cancel_pending_order", &args, only_reads),
        Err(Refusal::NotAllowed("cancel_pending_order".into()))
    );
    assert!(registry
        .check("get_order_details", &args, only_reads)
        .is_ok());
    // A model's arguments that failed to parse arrive as a string.
    let text = Value::String("{\"order_id\": \"#W23".into());
    let refused = registry
        .check("get_order_details", &text, only_reads)
        .unwrap_err();
    assert_eq!(refused.outcome(), Outcome::InvalidArguments, "{refused}");
    let refused = registry
        .check(
            "get_order_details",
            &serde_json::json!({"order": 1}),
            only_reads,
        )
        .unwrap_err();
    assert!(matches!(refused, Refusal::Schema { .. }), "{refused}");
}
