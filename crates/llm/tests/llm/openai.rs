use frontdesk_llm::{
    ApiKey, LlmError, MaxTokensField, Message, OpenAiAuth, OpenAiCompatProvider, Provider,
    StopReason,
};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{bodies, fast_retry, fixture, openai, openai_config, order_tool, planner_request};

#[tokio::test]
async fn tool_call_round_trip_sends_the_documented_shape() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(header("authorization", "Bearer sk-proj-test-SECRET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("openai_tool_calls.json")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("openai_stop.json")))
        .mount(&server)
        .await;
    let provider = openai(&server, fast_retry(0));

    let req = planner_request("gpt-4o-mini");
    let first = provider.complete(&req).await.unwrap();
    assert_eq!(first.stop_reason, StopReason::ToolUse);
    assert_eq!(first.text, "");
    assert_eq!(first.usage.input_tokens, 82);
    assert_eq!(first.usage.output_tokens, 17);
    let call = &first.tool_calls[0];
    assert_eq!(call.id, "call_9pw1qnYScqvGrCH58HWCvFH6");
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
    assert!(second.text.contains("delivered"));

    let sent = bodies(&server).await;
    assert_eq!(
        sent[0],
        json!({
            "model": "gpt-4o-mini",
            "messages": [
                {"role": "system", "content": "You are a store's support agent. Use tools to answer."},
                {"role": "user", "content": "Where is my order #W2378156?"}
            ],
            "max_tokens": 256,
            "tools": [{
                "type": "function",
                "function": {
                    "name": "get_order_details",
                    "description": "Look up an order by id.",
                    "parameters": order_tool().input_schema
                }
            }],
            "temperature": 0.0
        })
    );
    let msgs = sent[1]["messages"].as_array().unwrap();
    assert_eq!(
        msgs[2],
        json!({"role": "assistant", "content": null, "tool_calls": [{
            "id": "call_9pw1qnYScqvGrCH58HWCvFH6", "type": "function",
            "function": {"name": "get_order_details", "arguments": "{\"order_id\":\"#W2378156\"}"}
        }]})
    );
    assert_eq!(
        msgs[3],
        json!({"role": "tool", "tool_call_id": "call_9pw1qnYScqvGrCH58HWCvFH6",
               "content": "{\"status\":\"delivered\"}"})
    );
}

#[tokio::test]
async fn azure_style_path_and_api_key_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/openai/deployments/support/chat/completions"))
        .and(query_param("api-version", "2024-10-21"))
        .and(header("api-key", "azure-SECRET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("openai_stop.json")))
        .mount(&server)
        .await;
    let mut config = openai_config(&server, fast_retry(0));
    config.path = "/openai/deployments/support/chat/completions?api-version=2024-10-21".into();
    config.auth = OpenAiAuth::ApiKeyHeader;
    config.max_tokens_field = MaxTokensField::MaxCompletionTokens;
    let provider = OpenAiCompatProvider::new(&config, Some(ApiKey::new("azure-SECRET")));
    provider
        .complete(&planner_request("gpt-4o-mini"))
        .await
        .unwrap();
    let sent = bodies(&server).await;
    assert_eq!(sent[0]["max_completion_tokens"], 256);
    let auth = server.received_requests().await.unwrap()[0]
        .headers
        .get("authorization")
        .cloned();
    assert!(auth.is_none());
}

#[tokio::test]
async fn a_local_server_needs_no_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("openai_stop.json")))
        .mount(&server)
        .await;
    let provider = OpenAiCompatProvider::new(&openai_config(&server, fast_retry(0)), None);
    provider
        .complete(&planner_request("llama3.1:8b"))
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    assert!(received[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn arguments_that_are_not_json_are_kept_and_rejected_by_the_validator() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("openai_bad_arguments.json")),
        )
        .mount(&server)
        .await;
    let resp = openai(&server, fast_retry(0))
        .complete(&planner_request("gpt-4o-mini"))
        .await
        .unwrap();
    assert_eq!(resp.stop_reason, StopReason::MaxTokens);
    assert_eq!(resp.usage.output_tokens, 8, "usage is still counted");
    let call = &resp.tool_calls[0];
    assert_eq!(
        call.arguments,
        Value::String("{\"order_id\": \"#W2378".into())
    );
    // Arguments cut off mid-JSON stay text: the tool registry refuses them as not an object.
    assert!(!call.arguments.is_object());
}

#[tokio::test]
async fn a_tool_call_missing_its_id_and_name_is_a_bad_response() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("openai_missing_fields.json")),
        )
        .mount(&server)
        .await;
    let err = openai(&server, fast_retry(2))
        .complete(&planner_request("gpt-4o-mini"))
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::BadResponse(_)), "{err}");
    assert!(!err.is_transient());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_unknown_model_is_an_invalid_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(fixture("openai_error_invalid_request.json")),
        )
        .mount(&server)
        .await;
    let err = openai(&server, fast_retry(2))
        .complete(&planner_request("gpt-9"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LlmError::InvalidRequest { status: 404, ref message } if message.contains("gpt-9")),
        "{err}"
    );
    assert!(!err.is_transient());
}

#[tokio::test]
async fn debug_never_shows_the_key() {
    let server = MockServer::start().await;
    let shown = format!("{:?}", openai(&server, fast_retry(0)));
    assert!(!shown.contains("SECRET"), "{shown}");
}
