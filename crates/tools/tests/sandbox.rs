//! The executor with the shipped `config/tools.toml` against the real sandbox
//! store served in-process on 127.0.0.1:0: authenticate by email, cancel the
//! customer's own pending order (once, even when repeated), and refuse to
//! cancel another customer's order; then replay labelled tau-bench actions
//! through the executor and compare the store's final state with the same
//! actions applied directly.

use std::collections::BTreeMap;

use frontdesk_sandbox::{default_data_dir, serve, Store};
use frontdesk_tools::{CallContext, Executor, Identity, Outcome, ToolsConfig, DEFAULT_CONFIG_PATH};
use serde_json::{json, Value};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");

fn load(name: &str) -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(format!("{ROOT}data/retail/{name}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn cancels_own_pending_order_once_and_refuses_another_customers() {
    let store = Store::open("sqlite::memory:", &default_data_dir())
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, store.clone(), async {
        let _ = stopped.await;
    }));

    // Two pending orders of two different customers, picked from the data.
    let orders = load("orders.json");
    let users = load("users.json");
    let mut pending = orders.values().filter(|o| o["status"] == "pending");
    let mine = pending.next().unwrap().clone();
    let theirs = pending
        .find(|o| o["user_id"] != mine["user_id"])
        .unwrap()
        .clone();
    let me = mine["user_id"].as_str().unwrap();
    let email = users[me]["email"].as_str().unwrap();

    let mut cfg = ToolsConfig::from_path(format!("{ROOT}{DEFAULT_CONFIG_PATH}")).unwrap();
    cfg.executor.base_url = format!("http://{addr}");
    let exec = Executor::from_config(&cfg).unwrap();
    let mut ctx = CallContext {
        ticket_id: "it-ticket-1".into(),
        allow_list: exec.registry().tools_for_intent("cancel_order"),
        customer: None,
        headers: vec![],
    };

    let auth = exec
        .authenticate(&ctx, &Identity::Email(email.to_owned()))
        .await;
    assert_eq!(auth.record.outcome, Outcome::Ok, "{:?}", auth.record);
    ctx.customer = auth.customer;
    assert_eq!(ctx.customer.as_ref().unwrap().user_id, me);

    let args = json!({"order_id": mine["order_id"], "reason": "no longer needed"});
    let first = exec.call(&ctx, "cancel_pending_order", args.clone()).await;
    assert_eq!(first.outcome, Outcome::Ok, "{first:?}");
    assert_eq!(first.output().unwrap()["status"], "cancelled");
    // A repeated call (same ticket, tool, arguments) carries the same key and
    // the store replays the first outcome.
    let again = exec.call(&ctx, "cancel_pending_order", args).await;
    assert_eq!(again.outcome, Outcome::Ok, "{again:?}");
    assert_eq!(again.idempotency_key, first.idempotency_key);
    let applied = store
        .ledger()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.ok && e.idempotency_key.as_deref() == Some(first.idempotency_key.as_str()))
        .count();
    assert_eq!(applied, 1);

    let other = json!({"order_id": theirs["order_id"], "reason": "ordered by mistake"});
    let refused = exec.call(&ctx, "cancel_pending_order", other).await;
    assert_eq!(refused.outcome, Outcome::Unauthorized, "{refused:?}");
    let still = store
        .apply(
            "get_order_details",
            &json!({"order_id": theirs["order_id"]}),
            None,
        )
        .await
        .unwrap();
    assert_eq!(still["status"], "pending");

    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

fn tasks(file: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(format!("{ROOT}data/retail/{file}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn labelled_actions_through_the_executor_leave_the_same_state_as_direct_calls() {
    let store = Store::open("sqlite::memory:", &default_data_dir())
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, store.clone(), async {
        let _ = stopped.await;
    }));
    let mut cfg = ToolsConfig::from_path(format!("{ROOT}{DEFAULT_CONFIG_PATH}")).unwrap();
    cfg.executor.base_url = format!("http://{addr}");
    let exec = Executor::from_config(&cfg).unwrap();
    let users = load("users.json");

    // All dev tasks and every 25th train task.
    let mut sample = tasks("tasks_dev.json");
    sample.extend(tasks("tasks_train.json").into_iter().step_by(25));
    let (mut calls, mut via_ok, mut direct_ok, mut same_state) = (0, 0, 0, 0);
    for (i, task) in sample.iter().enumerate() {
        let actions = task["actions"].as_array().unwrap();
        let user = task["user_id"].as_str().unwrap();
        let email = users[user]["email"].as_str().unwrap();

        store.reset().await.unwrap();
        let mut ctx = CallContext {
            ticket_id: format!("replay-{i}"),
            allow_list: exec.registry().names().map(str::to_owned).collect(),
            customer: None,
            headers: vec![],
        };
        let auth = exec
            .authenticate(&ctx, &Identity::Email(email.to_owned()))
            .await;
        ctx.customer = auth.customer;
        assert!(ctx.customer.is_some(), "{:?}", auth.record);
        for a in actions {
            calls += 1;
            let rec = exec
                .call(&ctx, a["name"].as_str().unwrap(), a["kwargs"].clone())
                .await;
            assert!(
                matches!(rec.outcome, Outcome::Ok | Outcome::Rejected),
                "{rec:?}"
            );
            via_ok += usize::from(rec.is_ok());
        }
        let via_executor = store.digest().await.unwrap();

        store.reset().await.unwrap();
        for (j, a) in actions.iter().enumerate() {
            let key = format!("direct-{i}-{j}");
            let r = store
                .apply(a["name"].as_str().unwrap(), &a["kwargs"], Some(&key))
                .await;
            direct_ok += usize::from(r.is_ok());
        }
        let direct = store.digest().await.unwrap();
        same_state += usize::from(via_executor == direct);
    }
    println!(
        "replayed {} tasks, {calls} labelled calls: ok via executor {via_ok}, ok direct {direct_ok}; \
         same final state {same_state}/{}",
        sample.len(),
        sample.len()
    );
    assert_eq!(via_ok, direct_ok);
    assert_eq!(same_state, sample.len());

    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
