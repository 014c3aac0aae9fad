use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use frontdesk_llm::{
    Budget, BudgetConfig, BudgetError, Ledger, LlmError, PriceTable, Role, RoleClient, RoleConfig,
};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{anthropic, fast_retry, fixture, planner_request};

fn role_config() -> RoleConfig {
    RoleConfig {
        provider: "claude".into(),
        model: "claude-haiku-4-5".into(),
        max_tokens: 256,
        timeout: Some(Duration::from_secs(5)),
        temperature: Some(0.0),
    }
}

#[tokio::test]
async fn a_spent_budget_is_backpressure_and_never_reaches_the_provider() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("anthropic_end_turn.json")))
        .mount(&server)
        .await;
    let budget = Budget::new(&BudgetConfig {
        requests_per_minute: NonZeroU32::new(2).unwrap(),
        tokens_per_minute: NonZeroU32::new(100_000).unwrap(),
        max_wait: Duration::ZERO,
    });
    let client = RoleClient::new(
        Role::Planner,
        role_config(),
        Arc::new(anthropic(&server, fast_retry(0))),
        Some(Arc::new(budget)),
    );
    let req = planner_request("claude-haiku-4-5");
    client.complete(&req).await.unwrap();
    client.complete(&req).await.unwrap();
    let err = client.complete(&req).await.unwrap_err();
    let LlmError::Budget(BudgetError::WouldExceed { limit, retry_after }) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*limit, "requests");
    assert!(*retry_after > Duration::from_secs(25), "{retry_after:?}");
    assert!(err.is_transient());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_request_larger_than_the_token_budget_is_not_transient() {
    let server = MockServer::start().await;
    let budget = Budget::new(&BudgetConfig {
        requests_per_minute: NonZeroU32::new(100).unwrap(),
        tokens_per_minute: NonZeroU32::new(100).unwrap(),
        max_wait: Duration::ZERO,
    });
    let client = RoleClient::new(
        Role::Reply,
        role_config(),
        Arc::new(anthropic(&server, fast_retry(0))),
        Some(Arc::new(budget)),
    );
    let err = client
        .complete(&planner_request("claude-haiku-4-5"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LlmError::Budget(BudgetError::TooLarge { .. })),
        "{err}"
    );
    assert!(!err.is_transient());
}

#[tokio::test]
async fn the_role_fills_the_request_and_the_ledger_sums_the_conversation() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("anthropic_tool_use.json")))
        .mount(&server)
        .await;
    let client = RoleClient::new(
        Role::Planner,
        role_config(),
        Arc::new(anthropic(&server, fast_retry(0))),
        None,
    );
    let prices: PriceTable = serde_json::from_value(json!({
        "claude-haiku-4-5": {"input_usd_per_mtok": 1.0, "output_usd_per_mtok": 5.0}
    }))
    .unwrap();
    let ledger = Ledger::new(prices);
    let req = client
        .request()
        .message(frontdesk_llm::Message::user("Where is my order?"));
    assert_eq!(req.model, "claude-haiku-4-5");
    assert_eq!(req.max_tokens, 256);
    client.complete_for("conv-1", &req, &ledger).await.unwrap();
    client.complete_for("conv-1", &req, &ledger).await.unwrap();
    let total = ledger.get("conv-1").unwrap();
    assert_eq!(total.calls, 2);
    assert_eq!(total.input_tokens, 944);
    assert_eq!(total.output_tokens, 182);
    assert!((total.cost_usd - 2.0 * (472.0 + 91.0 * 5.0) / 1e6).abs() < 1e-12);
    let shown = format!("{client:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
}
