//! The executor against a wiremock store: timeouts, 5xx then success, invalid
//! arguments, allow-list, authorization (another customer's order and user),
//! store rejections and authentication. Uses the shipped `config/tools.toml`
//! with a short timeout and backoff.

use std::time::Duration;

use frontdesk_tools::{
    idempotency_key, AuthenticatedCustomer, CallContext, Executor, Identity, Outcome,
    ToolCallRecord, ToolsConfig,
};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../config/tools.toml");
const ORDER: &str = "#W1234567";
const ORDER_PATH: &str = "/orders/%23W1234567";
const CANCEL_PATH: &str = "/orders/%23W1234567/cancel";

fn executor(base_url: &str) -> Executor {
    let mut cfg = ToolsConfig::from_path(CONFIG).unwrap();
    cfg.executor.base_url = base_url.to_owned();
    cfg.executor.timeout = Duration::from_millis(300);
    cfg.executor.retry.max_attempts = 3;
    cfg.executor.retry.initial_backoff = Duration::from_millis(5);
    cfg.executor.retry.max_backoff = Duration::from_millis(20);
    Executor::from_config(&cfg).unwrap()
}

fn ctx(customer: Option<&str>, allow: &[&str]) -> CallContext {
    CallContext {
        ticket_id: "ticket-42".into(),
        allow_list: allow.iter().map(|s| s.to_string()).collect(),
        customer: customer.map(|u| AuthenticatedCustomer { user_id: u.into() }),
        headers: vec![],
    }
}

fn all_tools(exec: &Executor) -> Vec<String> {
    exec.registry().names().map(str::to_owned).collect()
}

fn ctx_all(exec: &Executor, customer: Option<&str>) -> CallContext {
    CallContext {
        ticket_id: "ticket-42".into(),
        allow_list: all_tools(exec),
        customer: customer.map(|u| AuthenticatedCustomer { user_id: u.into() }),
        headers: vec![],
    }
}

fn order_of(user: &str) -> Value {
    json!({"order_id": ORDER, "user_id": user, "status": "pending", "items": []})
}

fn cancel_args() -> Value {
    json!({"order_id": ORDER, "reason": "no longer needed"})
}

async fn mount_order(server: &MockServer, owner: &str, times: u64) {
    Mock::given(method("GET"))
        .and(path(ORDER_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(order_of(owner)))
        .expect(times)
        .mount(server)
        .await;
}

#[tokio::test]
async fn cancel_own_order_looks_up_owner_then_writes_with_idempotency_key() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    let key = idempotency_key("ticket-42", "cancel_pending_order", &cancel_args());
    mount_order(&server, "noah_brown_6181", 1).await;
    Mock::given(method("POST"))
        .and(path(CANCEL_PATH))
        .and(header("Idempotency-Key", key.as_str()))
        .and(body_json(json!({"reason": "no longer needed"})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"order_id": ORDER, "status": "cancelled"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let c = ctx(Some("noah_brown_6181"), &["cancel_pending_order"]);
    let rec = exec.call(&c, "cancel_pending_order", cancel_args()).await;
    assert_eq!(rec.outcome, Outcome::Ok, "{rec:?}");
    assert_eq!(rec.attempts, 1);
    assert_eq!(rec.idempotency_key, key);
    assert_eq!(rec.output().unwrap()["status"], "cancelled");
    let req = rec.request.as_ref().unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.url, format!("{}{}", server.uri(), CANCEL_PATH));
    assert_eq!(rec.preflight.len(), 1);
    assert_eq!(rec.preflight[0].tool, "get_order_details");
    assert_eq!(rec.preflight[0].outcome, Outcome::Ok);
    // The lookup is allowed for authorization even though only the cancel is
    // on the allow-list; the record serialises and reads back unchanged.
    let text = serde_json::to_string(&rec).unwrap();
    let back: ToolCallRecord = serde_json::from_str(&text).unwrap();
    assert_eq!(back, rec);
}

#[tokio::test]
async fn five_xx_then_success_retries_with_the_same_key() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    mount_order(&server, "u1", 1).await;
    Mock::given(method("POST"))
        .and(path(CANCEL_PATH))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(CANCEL_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "cancelled"})))
        .expect(1)
        .mount(&server)
        .await;

    let rec = exec
        .call(
            &ctx(Some("u1"), &["cancel_pending_order"]),
            "cancel_pending_order",
            cancel_args(),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Ok, "{rec:?}");
    assert_eq!(rec.attempts, 2);
    assert_eq!(rec.response.as_ref().unwrap().status, 200);

    let posts: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method.as_str() == "POST")
        .collect();
    assert_eq!(posts.len(), 2);
    let keys: Vec<String> = posts
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys[0], keys[1]);
    assert_eq!(keys[0], rec.idempotency_key);
}

#[tokio::test]
async fn persistent_5xx_fails_after_bounded_attempts() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    mount_order(&server, "u1", 1).await;
    Mock::given(method("POST"))
        .and(path(CANCEL_PATH))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"error": {"code": "internal", "message": "boom"}})),
        )
        .expect(3)
        .mount(&server)
        .await;
    let rec = exec
        .call(
            &ctx(Some("u1"), &["cancel_pending_order"]),
            "cancel_pending_order",
            cancel_args(),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Failed, "{rec:?}");
    assert_eq!(rec.attempts, 3);
    assert_eq!(rec.response.as_ref().unwrap().status, 500);
    assert_eq!(rec.detail.as_deref(), Some("HTTP 500"));
}

#[tokio::test]
async fn timeout_then_success_is_retried() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    Mock::given(method("GET"))
        .and(path(ORDER_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(order_of("u1"))
                .set_delay(Duration::from_secs(2)),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    mount_order(&server, "u1", 1).await;
    let rec = exec
        .call(
            &ctx(Some("u1"), &["get_order_details"]),
            "get_order_details",
            json!({"order_id": ORDER}),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Ok, "{rec:?}");
    assert_eq!(rec.attempts, 2);
    assert_eq!(rec.output().unwrap()["user_id"], "u1");
    assert!(
        rec.latency_ms >= 300,
        "latency {} includes the timed-out attempt",
        rec.latency_ms
    );
}

#[tokio::test]
async fn timeouts_exhaust_retries_and_fail() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    Mock::given(method("GET"))
        .and(path("/products"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({}))
                .set_delay(Duration::from_secs(2)),
        )
        .expect(3)
        .mount(&server)
        .await;
    let rec = exec
        .call(
            &ctx(None, &["list_all_product_types"]),
            "list_all_product_types",
            json!({}),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Failed, "{rec:?}");
    assert_eq!(rec.attempts, 3);
    assert!(
        rec.detail.as_deref().unwrap().contains("timeout"),
        "{:?}",
        rec.detail
    );
    assert!(rec.response.is_none());
}

#[tokio::test]
async fn connection_refused_fails_after_retries() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let exec = executor(&format!("http://{addr}"));
    let rec = exec
        .call(
            &ctx(None, &["list_all_product_types"]),
            "list_all_product_types",
            json!({}),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Failed, "{rec:?}");
    assert_eq!(rec.attempts, 3);
}

#[tokio::test]
async fn invalid_arguments_make_no_call() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(order_of("u1")))
        .expect(0)
        .mount(&server)
        .await;
    let c = ctx_all(&exec, Some("u1"));
    let bad = [
        json!({"order_id": ORDER}),
        json!({"order_id": ORDER, "reason": "changed my mind"}),
        json!({"order_id": "W1234567", "reason": "no longer needed"}),
        json!({"order_id": 1234567, "reason": "no longer needed"}),
        json!({"order_id": ORDER, "reason": "no longer needed", "refund": "all"}),
        json!([ORDER, "no longer needed"]),
        Value::Null,
    ];
    for args in bad {
        let rec = exec.call(&c, "cancel_pending_order", args.clone()).await;
        assert_eq!(rec.outcome, Outcome::InvalidArguments, "{args}: {rec:?}");
        assert_eq!(rec.attempts, 0);
        assert!(rec.request.is_none());
        assert!(!rec.detail.as_deref().unwrap_or("").is_empty());
    }
    let rec = exec
        .call(&c, "modify_pending_order_items", json!({"order_id": ORDER, "item_ids": [], "new_item_ids": ["1"], "payment_method_id": "paypal_1"}))
        .await;
    assert_eq!(rec.outcome, Outcome::InvalidArguments, "{rec:?}");
}

#[tokio::test]
async fn tools_off_the_allow_list_make_no_call() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(order_of("u1")))
        .expect(0)
        .mount(&server)
        .await;
    let c = ctx(Some("u1"), &["get_order_details", "get_user_details"]);
    let rec = exec.call(&c, "cancel_pending_order", cancel_args()).await;
    assert_eq!(rec.outcome, Outcome::NotAllowed, "{rec:?}");
    assert_eq!(rec.attempts, 0);
    assert!(rec.preflight.is_empty());
    let rec = exec.call(&c, "refund_everything", json!({})).await;
    assert_eq!(rec.outcome, Outcome::NotAllowed);
    assert_eq!(rec.kind, None);
}

#[tokio::test]
async fn another_customers_order_is_refused_after_lookup_without_write() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    mount_order(&server, "mallory_5555", 1).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(0)
        .mount(&server)
        .await;
    let rec = exec
        .call(
            &ctx_all(&exec, Some("u1")),
            "cancel_pending_order",
            cancel_args(),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Unauthorized, "{rec:?}");
    assert_eq!(rec.attempts, 0);
    assert!(rec.request.is_none());
    assert_eq!(rec.preflight.len(), 1);
    // The other customer's order is not kept in the log.
    assert_eq!(
        rec.preflight[0].response.as_ref().unwrap().body,
        Value::Null
    );
}

#[tokio::test]
async fn reading_another_customers_order_is_refused_and_withheld() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    mount_order(&server, "mallory_5555", 1).await;
    let rec = exec
        .call(
            &ctx_all(&exec, Some("u1")),
            "get_order_details",
            json!({"order_id": ORDER}),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Unauthorized, "{rec:?}");
    assert_eq!(rec.response.as_ref().unwrap().body, Value::Null);
    assert!(rec.output().is_none());
}

#[tokio::test]
async fn user_rules_need_the_authenticated_customer() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    Mock::given(method("GET"))
        .and(path("/users/u1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"user_id": "u1"})))
        .expect(1)
        .mount(&server)
        .await;
    let other = exec
        .call(
            &ctx_all(&exec, Some("u1")),
            "get_user_details",
            json!({"user_id": "u2"}),
        )
        .await;
    assert_eq!(other.outcome, Outcome::Unauthorized, "{other:?}");
    let anonymous = exec
        .call(
            &ctx_all(&exec, None),
            "get_user_details",
            json!({"user_id": "u1"}),
        )
        .await;
    assert_eq!(anonymous.outcome, Outcome::Unauthorized);
    let anonymous = exec
        .call(&ctx_all(&exec, None), "cancel_pending_order", cancel_args())
        .await;
    assert_eq!(anonymous.outcome, Outcome::Unauthorized);
    assert!(anonymous.preflight.is_empty());
    let own = exec
        .call(
            &ctx_all(&exec, Some("u1")),
            "get_user_details",
            json!({"user_id": "u1"}),
        )
        .await;
    assert_eq!(own.outcome, Outcome::Ok, "{own:?}");
    assert_eq!(own.idempotency_key.len(), 64);
}

#[tokio::test]
async fn modify_user_address_sends_body_without_path_argument() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    let address = json!({"address1": "1 Main St", "address2": "", "city": "Austin", "state": "TX", "country": "USA", "zip": "78701"});
    let mut args = address.clone();
    args["user_id"] = json!("u1");
    Mock::given(method("POST"))
        .and(path("/users/u1/address"))
        .and(body_json(address))
        .and(wiremock::matchers::header_exists("idempotency-key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"user_id": "u1"})))
        .expect(1)
        .mount(&server)
        .await;
    let rec = exec
        .call(&ctx_all(&exec, Some("u1")), "modify_user_address", args)
        .await;
    assert_eq!(rec.outcome, Outcome::Ok, "{rec:?}");
}

#[tokio::test]
async fn store_rule_rejection_is_final() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    mount_order(&server, "u1", 1).await;
    Mock::given(method("POST"))
        .and(path(CANCEL_PATH))
        .respond_with(ResponseTemplate::new(422).set_body_json(
            json!({"error": {"code": "order_not_pending", "message": "order is delivered"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let rec = exec
        .call(
            &ctx_all(&exec, Some("u1")),
            "cancel_pending_order",
            cancel_args(),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Rejected, "{rec:?}");
    assert_eq!(rec.attempts, 1);
    assert_eq!(rec.error.as_ref().unwrap().code, "order_not_pending");
    assert_eq!(rec.response.as_ref().unwrap().status, 422);
}

#[tokio::test]
async fn unknown_order_is_rejected_at_lookup() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    Mock::given(method("GET"))
        .and(path(ORDER_PATH))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"error": {"code": "order_not_found", "message": "no such order"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let rec = exec
        .call(
            &ctx_all(&exec, Some("u1")),
            "cancel_pending_order",
            cancel_args(),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Rejected, "{rec:?}");
    assert_eq!(rec.error.as_ref().unwrap().code, "order_not_found");
    assert!(rec.request.is_none());
}

#[tokio::test]
async fn authenticate_by_email_and_by_name_zip() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    Mock::given(method("GET"))
        .and(path("/users/by-email"))
        .and(query_param("email", "noah.brown7922@example.com"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"user_id": "noah_brown_6181"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/users/by-name-zip"))
        .and(query_param("first_name", "Noah"))
        .and(query_param("last_name", "Brown"))
        .and(query_param("zip", "80279"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"user_id": "noah_brown_6181"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/users/by-email"))
        .and(query_param("email", "nobody@example.com"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"error": {"code": "user_not_found", "message": "no user"}})),
        )
        .mount(&server)
        .await;

    // Authentication is not subject to the allow-list.
    let anonymous = ctx(None, &[]);
    let a = exec
        .authenticate(
            &anonymous,
            &Identity::Email("noah.brown7922@example.com".into()),
        )
        .await;
    assert_eq!(
        a.customer,
        Some(AuthenticatedCustomer {
            user_id: "noah_brown_6181".into()
        })
    );
    assert_eq!(a.record.tool, "find_user_id_by_email");
    let b = exec
        .authenticate(
            &anonymous,
            &Identity::NameZip {
                first_name: "Noah".into(),
                last_name: "Brown".into(),
                zip: "80279".into(),
            },
        )
        .await;
    assert_eq!(b.customer, a.customer, "{:?}", b.record);

    let missing = exec
        .authenticate(&anonymous, &Identity::Email("nobody@example.com".into()))
        .await;
    assert_eq!(missing.customer, None);
    assert_eq!(missing.record.outcome, Outcome::Rejected);

    let malformed = exec
        .authenticate(&anonymous, &Identity::Email("not an email".into()))
        .await;
    assert_eq!(malformed.record.outcome, Outcome::InvalidArguments);

    // A ticket already bound to another customer cannot switch to this one.
    let bound = ctx(Some("mallory_5555"), &[]);
    let c = exec
        .authenticate(
            &bound,
            &Identity::Email("noah.brown7922@example.com".into()),
        )
        .await;
    assert_eq!(c.customer, None);
    assert_eq!(c.record.outcome, Outcome::Unauthorized);
    assert_eq!(c.record.response.as_ref().unwrap().body, Value::Null);

    // The same through `call` with a find-user tool on the allow-list.
    let bound = ctx(Some("mallory_5555"), &["find_user_id_by_email"]);
    let args = json!({"email": "noah.brown7922@example.com"});
    let rec = exec
        .call(&bound, "find_user_id_by_email", args.clone())
        .await;
    assert_eq!(rec.outcome, Outcome::Unauthorized, "{rec:?}");
    let same = ctx(Some("noah_brown_6181"), &["find_user_id_by_email"]);
    let rec = exec.call(&same, "find_user_id_by_email", args).await;
    assert_eq!(rec.outcome, Outcome::Ok, "{rec:?}");
}

#[tokio::test]
async fn catalog_reads_need_no_customer() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    Mock::given(method("GET"))
        .and(path("/products/6086499569"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "T-Shirt"})))
        .expect(1)
        .mount(&server)
        .await;
    let rec = exec
        .call(
            &ctx_all(&exec, None),
            "get_product_details",
            json!({"product_id": "6086499569"}),
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Ok, "{rec:?}");
    assert_eq!(rec.output().unwrap()["name"], "T-Shirt");
}

#[tokio::test]
async fn a_token_argument_reaches_the_store_in_clear_and_is_recorded_as_the_token() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri());
    let token = "⟦email:bcdfghjkmnpq⟧";
    Mock::given(method("GET"))
        .and(path("/users/by-email"))
        .and(query_param("email", "ana.lima@example.com"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"error": {"code": "not_found", "message": "no user ana.lima@example.com"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let clear =
        frontdesk_tools::Clear::new([(token.to_owned(), "ana.lima@example.com".to_owned())]);
    let rec = exec
        .call_revealing(
            &ctx_all(&exec, None),
            "find_user_id_by_email",
            json!({ "email": token }),
            &clear,
        )
        .await;
    assert_eq!(rec.outcome, Outcome::Rejected, "{rec:?}");
    let recorded = serde_json::to_string(&rec).unwrap();
    assert!(!recorded.contains("ana.lima"), "{recorded}");
    assert!(recorded.contains(token), "{recorded}");
    assert_eq!(
        rec.idempotency_key,
        idempotency_key(
            "ticket-42",
            "find_user_id_by_email",
            &json!({ "email": token })
        )
    );
}

#[tokio::test]
async fn a_read_only_executor_reads_but_never_sends_a_write() {
    let server = MockServer::start().await;
    let exec = executor(&server.uri()).read_only();
    assert!(exec.is_read_only());
    // The ownership lookup before the write is a read: it runs.
    mount_order(&server, "noah_brown_6181", 2).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let ctx = ctx_all(&exec, Some("noah_brown_6181"));
    let read = exec
        .call(&ctx, "get_order_details", json!({"order_id": ORDER}))
        .await;
    assert_eq!(read.outcome, Outcome::Ok);
    let write = exec.call(&ctx, "cancel_pending_order", cancel_args()).await;
    assert_eq!(write.outcome, Outcome::NotAllowed);
    assert_eq!(write.detail.as_deref(), Some(frontdesk_tools::READ_ONLY));
    assert!(write.request.is_none(), "no request was built");
    assert_eq!(write.attempts, 0);
}
