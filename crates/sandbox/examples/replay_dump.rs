//! Replays the labelled actions of `tasks_train.json` and `tasks_dev.json`
//! against a fresh store per task and writes, per task, the end state of every
//! order and user the actions name, plus each action's outcome, as JSON lines
//! to the path given as the first argument. Used to cross-check the store
//! against an independent implementation of the reference tools.
//!
//! `cargo run -p frontdesk-sandbox --example replay_dump -- /tmp/rust_end_states.jsonl`

use std::io::Write;

use frontdesk_sandbox::{default_data_dir, Store};
use serde_json::{json, Value};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_path = std::env::args()
        .nth(1)
        .ok_or("usage: replay_dump OUT.jsonl")?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(out_path)?);
    let store = Store::open("sqlite::memory:", &default_data_dir()).await?;
    for file in ["tasks_train.json", "tasks_dev.json"] {
        let tasks: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(default_data_dir().join(file))?)?;
        for (i, task) in tasks.iter().enumerate() {
            store.reset().await?;
            let mut outcomes = Vec::new();
            let mut orders = Vec::new();
            let mut users = Vec::new();
            for action in task["actions"].as_array().into_iter().flatten() {
                let name = action["name"].as_str().unwrap_or_default();
                let kw = &action["kwargs"];
                let r = store.apply(name, kw, None).await;
                outcomes.push(match r {
                    Ok(_) => json!("ok"),
                    Err(e) => json!(e.to_string()),
                });
                if let Some(o) = kw.get("order_id") {
                    orders.push(o.clone());
                }
                if let Some(u) = kw.get("user_id") {
                    users.push(u.clone());
                }
            }
            let mut state = json!({"orders": {}, "users": {}});
            for o in &orders {
                if let Ok(v) = store
                    .apply("get_order_details", &json!({"order_id": o}), None)
                    .await
                {
                    users.push(v["user_id"].clone());
                    state["orders"][o.as_str().unwrap_or_default()] = v;
                }
            }
            for u in &users {
                if let Ok(mut v) = store
                    .apply("get_user_details", &json!({"user_id": u}), None)
                    .await
                {
                    if let Some(m) = v.as_object_mut() {
                        m.remove("user_id");
                    }
                    state["users"][u.as_str().unwrap_or_default()] = v;
                }
            }
            let line =
                json!({"task": format!("{file}[{i}]"), "outcomes": outcomes, "state": state});
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
