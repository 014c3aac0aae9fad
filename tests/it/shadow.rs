//! Shadow mode end to end: `run --shadow` against a store fake that fails the test on any
//! write, a return request and the customer's "yes"; what the shadow run recorded, that the
//! live topics got nothing, and that deliver refuses the shadow config.

use std::collections::HashMap;
use std::time::Duration;

use frontdesk::harness::{Harness, HarnessOptions, Stages, Store};
use frontdesk::messages::{Channel, Ticket};
use frontdesk::shadow::outcome::Did;
use frontdesk::stages::StageKind;
use frontdesk::topics::names;
use rdkafka::consumer::BaseConsumer;
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::console::publish_ticket;
use crate::helpers::{broker, test_config, unique, Which};

/// The shipped retail store's reads, answered from its seed files, as the store's API
/// answers them (`crates/sandbox/src/http.rs`).
struct SeedReads {
    users: serde_json::Map<String, Value>,
    orders: serde_json::Map<String, Value>,
    products: serde_json::Map<String, Value>,
}

impl SeedReads {
    fn load() -> SeedReads {
        let dir = frontdesk::demo::default_data_dir().unwrap();
        let read = |f: &str| -> serde_json::Map<String, Value> {
            serde_json::from_str(&std::fs::read_to_string(dir.join(f)).unwrap()).unwrap()
        };
        SeedReads {
            users: read("users.json"),
            orders: read("orders.json"),
            products: read("products.json"),
        }
    }

    fn answer(&self, req: &Request) -> Option<Value> {
        let path = percent_decode(req.url.path());
        let query: HashMap<String, String> = req.url.query_pairs().into_owned().collect();
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        match parts.as_slice() {
            ["users", "by-email"] => self
                .users
                .iter()
                .find(|(_, u)| u["email"].as_str() == query.get("email").map(String::as_str))
                .map(|(id, _)| json!({"user_id": id})),
            ["users", "by-name-zip"] => self
                .users
                .iter()
                .find(|(_, u)| {
                    let eq = |v: &Value, k: &str| {
                        v.as_str().map(str::to_lowercase) == query.get(k).map(|s| s.to_lowercase())
                    };
                    eq(&u["name"]["first_name"], "first_name")
                        && eq(&u["name"]["last_name"], "last_name")
                        && eq(&u["address"]["zip"], "zip")
                })
                .map(|(id, _)| json!({"user_id": id})),
            ["users", id] => self.users.get(*id).map(|u| {
                let mut u = u.clone();
                u["user_id"] = json!(id);
                u
            }),
            ["orders", id] => {
                let id = if id.starts_with('#') {
                    id.to_string()
                } else {
                    format!("#{id}")
                };
                self.orders.get(&id).cloned()
            }
            ["products", id] => self.products.get(*id).cloned(),
            ["products"] => Some(Value::Object(
                self.products
                    .iter()
                    .map(|(id, p)| (p["name"].as_str().unwrap_or_default().to_owned(), json!(id)))
                    .collect(),
            )),
            _ => None,
        }
    }
}

fn percent_decode(s: &str) -> String {
    s.replace("%23", "#").replace("%40", "@")
}

impl Respond for SeedReads {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        match self.answer(req) {
            Some(body) => ResponseTemplate::new(200).set_body_json(body),
            None => ResponseTemplate::new(404)
                .set_body_json(json!({"error": {"code": "not_found", "message": "not found"}})),
        }
    }
}

/// A store that answers reads and fails the test on any write.
async fn read_only_store() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(SeedReads::load())
        .mount(&server)
        .await;
    for m in ["POST", "PUT", "PATCH", "DELETE"] {
        Mock::given(method(m))
            .respond_with(ResponseTemplate::new(500))
            .named(format!("a write ({m}) reached the store"))
            .expect(0)
            .mount(&server)
            .await;
    }
    server
}

/// Every record on `topic` now.
fn records(harness: &Harness, topic: &str) -> usize {
    let consumer: BaseConsumer =
        frontdesk::kafka::consumer_config(&harness.brokers, &unique("count"), &harness.cfg.kafka)
            .set("enable.auto.commit", "false")
            .create()
            .unwrap();
    frontdesk::dlq::read::read_raw(&consumer, topic)
        .unwrap()
        .len()
}

async fn outcomes_until(
    harness: &Harness,
    n: usize,
) -> HashMap<String, frontdesk::shadow::outcome::ShadowOutcome> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        let got = frontdesk::shadow::outcome::read(&harness.cfg, &harness.brokers)
            .await
            .unwrap();
        if got.len() >= n {
            return got;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{} of {n} shadow outcomes",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

async fn a_shadow_run_never_writes_to_the_store_or_the_live_topics(which: Which) {
    let Some(broker) = broker(which) else { return };
    let store = read_only_store().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = test_config(dir.path());
    cfg.shadow.state_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("shadow.db").display()
    );
    cfg.agent.store_url = Some(store.uri());
    let harness = Harness::start(
        frontdesk::shadow::configure(cfg),
        HarnessOptions {
            broker,
            store: Store::None,
            stages: Stages::Configured(StageKind::ALL.to_vec()),
            keep_state_url: true,
            // The live topics exist, as they do beside a live frontdesk.
            declare_topics: true,
        },
    )
    .await
    .unwrap();

    // retail_train case 0: a return, then the customer's "yes".
    let conversation = unique("shadow-conv");
    let mut ask = Ticket::new(
        "shadow-t1",
        &conversation,
        Channel::Email,
        "I'm Omar Anderson, zip code 19031. Return #W6067464 via credit_card_4190576: Electric Kettle; Wall Clock;",
    );
    ask.customer.email = Some("omar.anderson7675@example.com".into());
    ask.subject = Some("Order help".into());
    publish_ticket(&harness, &ask).await;
    let first = outcomes_until(&harness, 1).await;
    let mut yes = Ticket::new(
        "shadow-t2",
        &conversation,
        Channel::Email,
        "Yes, please go ahead.",
    );
    yes.customer = ask.customer.clone();
    publish_ticket(&harness, &yes).await;
    let got = outcomes_until(&harness, 2).await;

    let return_items = |actions: &[frontdesk::shadow::outcome::Write]| {
        assert_eq!(actions.len(), 1, "{actions:?}");
        assert_eq!(actions[0].name, "return_delivered_order_items");
        assert_eq!(actions[0].arguments["order_id"], "#W6067464");
        assert_eq!(
            actions[0].arguments["payment_method_id"],
            "credit_card_4190576"
        );
    };
    match &first["shadow-t1"].did {
        Did::ActsOnConfirmation { writes } => return_items(writes),
        other => panic!("the return should wait for a yes: {other:?}"),
    }
    // The person's action of retail_train case 0 matches, through the masked resolution.
    let person = frontdesk::shadow::recorded::Recorded {
        ticket_id: "shadow-t1".into(),
        outcome: frontdesk::shadow::recorded::HumanOutcome::Resolved,
        actions: vec![frontdesk::shadow::recorded::Action {
            name: "return_delivered_order_items".into(),
            arguments: json!({"item_ids": ["9624127908", "8917609800"], "order_id": "#W6067464",
                              "payment_method_id": "credit_card_4190576"}),
        }],
        intent: None,
    };
    let c = frontdesk::shadow::compare::compare(&first["shadow-t1"].did, &person, &|t| {
        t == "return_delivered_order_items"
    });
    assert_eq!(
        c.verdict,
        frontdesk::shadow::compare::Verdict::Agreed,
        "{c:?}"
    );
    match &got["shadow-t2"].did {
        Did::Acted { writes } => return_items(writes),
        other => panic!("after the yes the return would have been sent: {other:?}"),
    }

    // Nothing reached the store's write endpoints (the fake fails on any), and nothing
    // reached a live topic other than the tickets themselves.
    store.verify().await;
    let requests = store.received_requests().await.unwrap();
    assert!(!requests.is_empty(), "the shadow run read the store");
    assert!(requests.iter().all(|r| r.method.as_str() == "GET"));
    let live = frontdesk::pipeline::topics(&harness.cfg).unwrap();
    for d in live.all().iter().filter(|d| d.channel.is_none()) {
        let topic = live.physical(&d.name);
        assert_eq!(records(&harness, &topic), 0, "{topic} is a live topic");
    }
    let shadow = frontdesk::shadow::topics(&harness.cfg).unwrap();
    assert_eq!(records(&harness, &shadow.physical(names::RESOLUTIONS)), 2);

    // Deliver, the one consumer that reaches customers, refuses this config.
    let err = frontdesk::channels::deliver::build(&harness.cfg, &harness.brokers, &harness.state)
        .err()
        .expect("deliver refuses a shadow config")
        .to_string();
    assert!(err.contains("shadow"), "{err}");
    harness.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shadow_run_never_writes_to_the_store_or_the_live_topics_mock() {
    a_shadow_run_never_writes_to_the_store_or_the_live_topics(Which::Mock).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shadow_run_never_writes_to_the_store_or_the_live_topics_tansu() {
    a_shadow_run_never_writes_to_the_store_or_the_live_topics(Which::Tansu).await;
}
