//! The executor with the shipped `config/tools.toml` against the real sandbox
//! store served in-process on 127.0.0.1:0: authenticate by email, cancel the
//! customer's own pending order (once, even when repeated), and refuse to
//! cancel another customer's order.

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
