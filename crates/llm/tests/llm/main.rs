//! Providers against wiremock, answering with the response bodies each provider documents
//! (recorded in `tests/fixtures/`).

mod anthropic;
mod budget;
mod openai;
mod recorded;
mod reliability;

use std::time::Duration;

use frontdesk_llm::{
    AnthropicConfig, AnthropicProvider, ApiKey, ChatRequest, Message, OpenAiCompatConfig,
    OpenAiCompatProvider, RetryConfig, ToolSpec,
};
use serde_json::{json, Value};
use wiremock::MockServer;

/// A recorded response body.
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Retries fast enough for tests.
pub fn fast_retry(max_retries: u32) -> RetryConfig {
    RetryConfig {
        max_retries,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(5),
    }
}

pub fn anthropic(server: &MockServer, retry: RetryConfig) -> AnthropicProvider {
    let config = AnthropicConfig {
        base_url: server.uri(),
        api_key_env: "UNUSED".into(),
        timeout: Duration::from_secs(5),
        retry,
        budget: None,
    };
    AnthropicProvider::new(&config, ApiKey::new("sk-ant-test-SECRET"))
}

pub fn openai_config(server: &MockServer, retry: RetryConfig) -> OpenAiCompatConfig {
    OpenAiCompatConfig {
        base_url: server.uri(),
        path: "/v1/chat/completions".into(),
        api_key_env: None,
        auth: Default::default(),
        max_tokens_field: Default::default(),
        timeout: Duration::from_secs(5),
        retry,
        budget: None,
    }
}

pub fn openai(server: &MockServer, retry: RetryConfig) -> OpenAiCompatProvider {
    OpenAiCompatProvider::new(
        &openai_config(server, retry),
        Some(ApiKey::new("sk-proj-test-SECRET")),
    )
}

pub fn order_tool() -> ToolSpec {
    ToolSpec {
        name: "get_order_details".into(),
        description: "Look up an order by id.".into(),
        input_schema: json!({
            "type": "object",
            "properties": { "order_id": { "type": "string", "pattern": "^#W[0-9]+$" } },
            "required": ["order_id"],
            "additionalProperties": false
        }),
    }
}

/// The planner's first request: a customer asking about an order, one tool.
pub fn planner_request(model: &str) -> ChatRequest {
    let mut req = ChatRequest::new(model, 256)
        .system("You are a store's support agent. Use tools to answer.")
        .message(Message::user("Where is my order #W2378156?"))
        .tool(order_tool());
    req.temperature = Some(0.0);
    req
}

/// The JSON bodies the server received, in order.
pub async fn bodies(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).expect("request body is JSON"))
        .collect()
}
