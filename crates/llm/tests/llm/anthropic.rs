use frontdesk_llm::{LlmError, Message, PriceTable, Provider, StopReason, ANTHROPIC_VERSION};
use serde_json::json;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{anthropic, bodies, fast_retry, fixture, order_tool, planner_request};

#[tokio::test]
async fn tool_use_round_trip_sends_the_documented_shape() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .and(header("x-api-key", "sk-ant-test-SECRET"))
        .and(header("anthropic-version", ANTHROPIC_VERSION))
        .and(header("content-type", "application/json"))
        .and(body_partial_json(json!({"messages": [{"role": "user"}]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("anthropic_tool_use.json")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/messages"))
        .and(header("x-api-key", "sk-ant-test-SECRET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("anthropic_end_turn.json")))
        .mount(&server)
        .await;
    let provider = anthropic(&server, fast_retry(0));

    let req = planner_request("claude-haiku-4-5");
    let first = provider.complete(&req).await.unwrap();
    assert_eq!(first.stop_reason, StopReason::ToolUse);
    assert_eq!(first.text, "I'll look up that order for you.");
    assert_eq!(first.model, "claude-haiku-4-5-20251001");
    assert_eq!(first.usage.input_tokens, 472);
    assert_eq!(first.usage.output_tokens, 91);
    let call = &first.tool_calls[0];
    assert_eq!(call.id, "toolu_01A09q90qw90lq917835lq9");
    assert_eq!(call.name, "get_order_details");
    assert_eq!(call.arguments, json!({"order_id": "#W2378156"}));

    let req = req
        .message(Message::assistant_tool_calls(
            &first.text,
            &first.tool_calls,
        ))
        .message(Message::tool_result(
            &call.id,
            r#"{"status":"delivered"}"#,
            false,
        ));
    let second = provider.complete(&req).await.unwrap();
    assert_eq!(second.stop_reason, StopReason::EndTurn);
    assert!(second.tool_calls.is_empty());
    assert!(second.text.contains("delivered"));

    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[0],
        json!({
            "model": "claude-haiku-4-5",
            "max_tokens": 256,
            "system": "You are a store's support agent. Use tools to answer.",
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "Where is my order #W2378156?"}]}
            ],
            "tools": [{
                "name": "get_order_details",
                "description": "Look up an order by id.",
                "input_schema": order_tool().input_schema
            }],
            "temperature": 0.0
        })
    );
    assert_eq!(
        sent[1]["messages"][1],
        json!({"role": "assistant", "content": [
            {"type": "text", "text": "I'll look up that order for you."},
            {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_order_details",
             "input": {"order_id": "#W2378156"}}
        ]})
    );
    assert_eq!(
        sent[1]["messages"][2],
        json!({"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9",
             "content": "{\"status\":\"delivered\"}"}
        ]})
    );
    let cost = second.cost_usd(&price_table()).unwrap();
    assert!((cost - (618.0 + 24.0 * 5.0) / 1e6).abs() < 1e-12);
}

fn price_table() -> PriceTable {
    serde_json::from_value(json!({
        "claude-haiku-4-5": {"input_usd_per_mtok": 1.0, "output_usd_per_mtok": 5.0}
    }))
    .unwrap()
}

#[tokio::test]
async fn a_tool_use_block_without_id_is_a_bad_response_and_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("anthropic_tool_use_missing_id.json")),
        )
        .mount(&server)
        .await;
    let err = anthropic(&server, fast_retry(3))
        .complete(&planner_request("claude-haiku-4-5"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LlmError::BadResponse(ref m) if m.contains("id")),
        "{err}"
    );
    assert!(!err.is_transient());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn overloaded_529_is_retried_until_it_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(529).set_body_json(fixture("anthropic_error_overloaded.json")),
        )
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("anthropic_end_turn.json")))
        .mount(&server)
        .await;
    let resp = anthropic(&server, fast_retry(3))
        .complete(&planner_request("claude-haiku-4-5"))
        .await
        .unwrap();
    assert_eq!(resp.stop_reason, StopReason::EndTurn);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_bad_key_is_an_auth_error_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(fixture("anthropic_error_authentication.json")),
        )
        .mount(&server)
        .await;
    let err = anthropic(&server, fast_retry(3))
        .complete(&planner_request("claude-haiku-4-5"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        LlmError::Auth {
            status: 401,
            message: "invalid x-api-key".into()
        }
    );
    assert!(!err.is_transient());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn debug_never_shows_the_key() {
    let server = MockServer::start().await;
    let shown = format!("{:?}", anthropic(&server, fast_retry(0)));
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
}
