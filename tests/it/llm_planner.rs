//! The planner's model (`[llm.roles.planner]`) in the tools stage, against the sandbox store
//! served over HTTP and an OpenAI-compatible Chat Completions endpoint faked with wiremock
//! (function-calling shapes as OpenAI documents them). The offline planner here is a stand-in
//! that is always unsure, so every ticket reaches the model.

use std::sync::Arc;

use async_trait::async_trait;
use frontdesk::config::Config;
use frontdesk::messages::{Band, Channel, Envelope, Route, RoutedIntent, Ticket};
use frontdesk::messages::{PlanOutcome, Rule};
use frontdesk::runtime::{Outcome, Stage, StageContext, StageError};
use frontdesk::stages::tools::ToolsStage;
use frontdesk::state::StateDb;
use frontdesk_planner::{ConversationState, Plan, PlanError, PlanRequest, Planner, ToolRunner};
use serde_json::{json, Value};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An offline planner that never understands the ticket.
struct Unsure;

#[async_trait]
impl Planner for Unsure {
    async fn plan(&self, req: &PlanRequest, _: &dyn ToolRunner) -> Result<Plan, PlanError> {
        let mut p = Plan::ask(
            Vec::new(),
            ConversationState::default(),
            "Could you tell me more?".into(),
        );
        p.state = req.state.clone();
        p.unsure = true;
        Ok(p)
    }
}

/// A delivered order of the shipped store.
struct Delivered {
    email: String,
    order_id: String,
    /// Its first item.
    item: String,
    /// What that item cost.
    price: f64,
    /// The payment method that paid for the order.
    paid_with: String,
}

fn delivered_order() -> Delivered {
    let dir = frontdesk::config::resolve_path(std::path::Path::new("data/retail")).unwrap();
    let orders: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("orders.json")).unwrap()).unwrap();
    let users: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("users.json")).unwrap()).unwrap();
    let (order_id, order) = orders
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, o)| o["status"] == "delivered")
        .unwrap();
    let user_id = order["user_id"].as_str().unwrap();
    Delivered {
        email: users[user_id]["email"].as_str().unwrap().to_owned(),
        order_id: order_id.clone(),
        item: order["items"][0]["item_id"].as_str().unwrap().to_owned(),
        price: order["items"][0]["price"].as_f64().unwrap(),
        paid_with: order["payment_history"][0]["payment_method_id"]
            .as_str()
            .unwrap()
            .to_owned(),
    }
}

/// The model's side of a return: authenticate by e-mail, then propose returning the first
/// item to `payment`, then, once a tool result contains `closing_on`, say `closing`.
async fn mount_return(
    model: &MockServer,
    order: &Delivered,
    payment: &str,
    closing_on: &str,
    closing: &str,
) {
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(body_string_contains(closing_on))
        .respond_with(completion(
            json!({"role": "assistant", "content": closing}),
            "stop",
        ))
        .with_priority(1)
        .mount(model)
        .await;
    // Second turn: the user id came back → propose the return.
    Mock::given(method("POST"))
        .and(body_string_contains("\"role\":\"tool\""))
        .respond_with(completion(
            json!({"role": "assistant", "content": null, "tool_calls": [call(
                "call_2", "return_delivered_order_items",
                json!({"order_id": order.order_id, "item_ids": [order.item], "payment_method_id": payment})
            )]}),
            "tool_calls",
        ))
        .with_priority(2)
        .up_to_n_times(1)
        .mount(model)
        .await;
    // First turn: authenticate by the e-mail.
    Mock::given(method("POST"))
        .respond_with(completion(
            json!({"role": "assistant", "content": null, "tool_calls": [call(
                "call_1", "find_user_id_by_email", json!({"email": order.email})
            )]}),
            "tool_calls",
        ))
        .with_priority(3)
        .up_to_n_times(1)
        .mount(model)
        .await;
}

fn completion(message: Value, finish: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 600, "completion_tokens": 30, "total_tokens": 630}
    }))
}

fn call(id: &str, name: &str, args: Value) -> Value {
    json!({"id": id, "type": "function",
           "function": {"name": name, "arguments": args.to_string()}})
}

struct Fixture {
    stage: ToolsStage,
    _store: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

async fn fixture(model: &MockServer) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let seed = frontdesk_sandbox::Seed::load(
        &frontdesk::config::resolve_path(std::path::Path::new("data/retail")).unwrap(),
    )
    .unwrap();
    let store = frontdesk_sandbox::Store::open_seeded("sqlite::memory:", &seed)
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let store_task = tokio::spawn(async move {
        let _ = frontdesk_sandbox::serve(listener, store, std::future::pending()).await;
    });
    let file = dir.path().join("frontdesk.toml");
    std::fs::write(
        &file,
        format!(
            r#"
[llm.providers.local]
kind = "openai_compat"
base_url = "{}"

[llm.providers.local.retry]
max_retries = 0

[llm.roles.planner]
provider = "local"
model = "gpt-4o-mini"
max_tokens = 512

[llm.prices."gpt-4o-mini"]
input_usd_per_mtok = 0.15
output_usd_per_mtok = 0.6
"#,
            model.uri()
        ),
    )
    .unwrap();
    let cfg = Config::load(Some(&file)).unwrap();
    let mut tc = frontdesk_tools::ToolsConfig::from_path(
        frontdesk::config::resolve_path(&cfg.agent.tools).unwrap(),
    )
    .unwrap();
    tc.executor.base_url = url;
    let executor = frontdesk_tools::Executor::from_config(&tc).unwrap();
    let state = StateDb::connect(
        &format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display()),
        2,
    )
    .await
    .unwrap();
    let limits = frontdesk_limits::LimitsConfig::from_toml_str(
        &std::fs::read_to_string(frontdesk::config::resolve_path(&cfg.agent.limits).unwrap())
            .unwrap(),
    )
    .unwrap();
    let ledger = frontdesk_limits::Ledger::from_pool(state.pool().clone())
        .await
        .unwrap();
    let gate = frontdesk_limits::Gate::new(limits, ledger).unwrap();
    let llm = frontdesk::pipeline::build_llm(&cfg).unwrap();
    // Every write waits for the customer's "yes"; this fixture sends one ticket and keeps no
    // conversation state, so returns are waived here to see a proposal run through the write
    // gate and the store (the planner crate's tests cover the confirmation itself).
    let mut procedures = frontdesk_planner::Procedures::shipped().unwrap();
    procedures
        .confirmation
        .waive
        .push(frontdesk_planner::confirm::Waiver {
            tool: "return_delivered_order_items".into(),
            up_to_usd: 10_000.0,
            channels: vec![],
        });
    let model_planner =
        frontdesk::pipeline::llm_planner(&cfg, llm.as_deref(), executor.registry(), procedures)
            .expect("the planner role is configured");
    let mut stage = ToolsStage::new(
        Some(Arc::new(executor)),
        Arc::new(Unsure),
        Some(Arc::new(gate)),
        None,
        0.5,
    );
    stage.model_planner = Some(Arc::new(model_planner));
    Fixture {
        stage,
        _store: store_task,
        _dir: dir,
    }
}

fn ticket(body: &str, email: &str) -> Envelope {
    let mut t = Ticket::new(
        crate::helpers::unique("t"),
        crate::helpers::unique("c"),
        Channel::Email,
        body,
    );
    t.customer.email = Some(email.to_owned());
    let mut env = Envelope::new(t);
    env.route = Some(Route {
        intents: vec![RoutedIntent {
            intent: "return_order".into(),
            confidence: 0.9,
            band: Band::Conditional,
        }],
        band: Band::Conditional,
        allow_list: [
            "find_user_id_by_email",
            "get_user_details",
            "get_order_details",
            "get_product_details",
            "return_delivered_order_items",
        ]
        .map(String::from)
        .to_vec(),
        out_of_scope: false,
        model: "test".into(),
    });
    env
}

fn plan_outcome(env: &Envelope) -> (PlanOutcome, String) {
    let v = env.plan.as_ref().expect("a plan verdict");
    (v.outcome, v.detail.clone())
}

async fn run(f: &Fixture, env: Envelope) -> Result<Envelope, StageError> {
    match f
        .stage
        .process(env, &StageContext::new("t", 0, 0, 1))
        .await?
    {
        Outcome::Forward(e) => Ok(*e),
        other => panic!("the tools stage forwards: {other:?}"),
    }
}

#[tokio::test]
async fn a_model_proposal_the_store_does_not_support_is_refused_and_handed_off() {
    let order = delivered_order();
    let model = MockServer::start().await;
    // The payment id is not the customer's: the tool result says "refused", the model hands off.
    mount_return(
        &model,
        &order,
        "__original__",
        "refused: ",
        "HANDOFF: the payment method is not on file.",
    )
    .await;
    let f = fixture(&model).await;
    let env = run(
        &f,
        ticket(
            "the lamp thing did not work out, I'd like to send it back",
            &order.email,
        ),
    )
    .await
    .unwrap();
    // The model's payment id is not one of the customer's: refused, and it says so.
    let (outcome, reason) = plan_outcome(&env);
    assert_eq!(outcome, PlanOutcome::Handoff, "{reason}");
    assert!(reason.contains("not on file"), "{reason}");
    assert!(env
        .decisions
        .iter()
        .any(|d| d.rule == Rule::ModelPlan && d.outcome == "planned"));
    assert!(env
        .tool_log
        .iter()
        .all(|c| c.tool != "return_delivered_order_items"));
    assert!(env.cost.tokens_in >= 1800, "{:?}", env.cost);
}

#[tokio::test]
async fn a_valid_model_proposal_passes_the_write_gate_and_runs_in_the_store() {
    let order = delivered_order();
    let model = MockServer::start().await;
    mount_return(
        &model,
        &order,
        &order.paid_with,
        "proposed, awaiting",
        "I have requested the return.",
    )
    .await;
    let f = fixture(&model).await;
    let env = run(
        &f,
        ticket(
            "the lamp thing did not work out, I'd like to send it back",
            &order.email,
        ),
    )
    .await
    .unwrap();
    let (outcome, reason) = plan_outcome(&env);
    assert_eq!(outcome, PlanOutcome::Acted, "{reason}");
    let write = env
        .tool_log
        .iter()
        .find(|c| c.tool == "return_delivered_order_items")
        .expect("the return ran");
    assert_eq!(write.outcome, "ok");
    // The reply states the refund the store computed, not anything the model said.
    let reply = env.draft_reply.clone().unwrap();
    assert!(reply.contains(&format!("${:.2}", order.price)), "{reply}");
    assert!(!reply.contains("I have requested"), "{reply}");
    let gate = env
        .decisions
        .iter()
        .find(|d| d.rule == Rule::WriteGate)
        .unwrap();
    assert_eq!(gate.outcome, "allow");
}

#[tokio::test]
async fn an_answer_with_invented_figures_goes_to_a_person() {
    let email = delivered_order().email;
    let model = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("\"role\":\"tool\""))
        .respond_with(completion(
            json!({"role": "assistant",
                   "content": "Your refund of $849.99 arrives in 2 days."}),
            "stop",
        ))
        .with_priority(1)
        .mount(&model)
        .await;
    Mock::given(method("POST"))
        .respond_with(completion(
            json!({"role": "assistant", "content": null, "tool_calls": [
                call("call_1", "find_user_id_by_email", json!({"email": email})),
                // Not on the allow-list: refused before anything runs.
                call("call_9", "cancel_pending_order", json!({"order_id": "#W0000000", "reason": "no longer needed"}))
            ]}),
            "tool_calls",
        ))
        .with_priority(2)
        .up_to_n_times(1)
        .mount(&model)
        .await;
    let f = fixture(&model).await;
    let env = run(&f, ticket("where is my money??", &email))
        .await
        .unwrap();
    let (outcome, reason) = plan_outcome(&env);
    assert_eq!(outcome, PlanOutcome::Handoff, "{reason}");
    assert!(reason.contains("849.99"), "{reason}");
    assert!(env
        .tool_log
        .iter()
        .all(|c| c.tool != "cancel_pending_order"));
}

#[tokio::test]
async fn a_rate_limited_model_pauses_the_stage_instead_of_failing_the_ticket() {
    let email = delivered_order().email;
    let model = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "7")
                .set_body_json(json!({"error": {"message": "rate limited", "type": "rate_limit"}})),
        )
        .mount(&model)
        .await;
    let f = fixture(&model).await;
    match run(&f, ticket("hmm, the thing from last week?", &email)).await {
        Err(StageError::Unavailable { retry_after, .. }) => {
            assert_eq!(retry_after, std::time::Duration::from_secs(7));
        }
        other => panic!("expected a pause, got {other:?}"),
    }
    // A ticket that has waited longer than `give_up_after` keeps the offline plan.
    let mut old = ticket("hmm, the thing from last week?", &email);
    old.ticket.received_at -= 10 * 60 * 1000;
    let env = run(&f, old).await.unwrap();
    assert!(env
        .decisions
        .iter()
        .any(|d| d.rule == Rule::ModelPlan && d.outcome == "offline"));
}
