//! Anthropic Messages API (`POST {base}/v1/messages`), with tool use.

use std::time::Duration;

use async_trait::async_trait;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::budget::BudgetConfig;
use crate::error::ConfigError;
use crate::error::LlmError;
use crate::message::{ChatRequest, ChatResponse, ContentBlock, MessageRole, StopReason, ToolCall};
use crate::pricing::Usage;
use crate::provider::Provider;
use crate::retry::RetryConfig;
use crate::secret::read_key;
use crate::secret::ApiKey;
use crate::transport::Transport;

/// The API version header this client speaks.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// Configuration of an Anthropic provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnthropicConfig {
    /// Base URL, without `/v1/messages`.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Name of the environment variable holding the API key (the key itself is never in config).
    #[serde(default = "default_api_key_env")]
    pub api_key_env: String,
    /// Per-request timeout (a role may set its own).
    #[serde(with = "humantime_serde", default = "default_timeout")]
    pub timeout: Duration,
    /// Retries of transient failures.
    #[serde(default)]
    pub retry: RetryConfig,
    /// Our per-minute budget for this account; none when absent.
    #[serde(default)]
    pub budget: Option<BudgetConfig>,
}

fn default_base_url() -> String {
    "https://api.anthropic.com".to_owned()
}
fn default_api_key_env() -> String {
    "ANTHROPIC_API_KEY".to_owned()
}
const fn default_timeout() -> Duration {
    Duration::from_secs(30)
}

/// Claude through the Messages API. `Debug` shows no key.
#[derive(Debug, Clone)]
pub struct AnthropicProvider {
    url: String,
    key: ApiKey,
    transport: Transport,
}

impl AnthropicProvider {
    /// A provider with an explicit key.
    pub fn new(config: &AnthropicConfig, key: ApiKey) -> Self {
        Self {
            url: format!("{}/v1/messages", config.base_url.trim_end_matches('/')),
            key,
            transport: Transport::new("anthropic", config.timeout, config.retry.clone()),
        }
    }

    /// A provider whose key is read from the variable named by `api_key_env`.
    pub fn from_env(config: &AnthropicConfig) -> Result<Self, ConfigError> {
        let key = read_key(&config.api_key_env, &|name| std::env::var(name).ok())?;
        Ok(Self::new(config, key))
    }

    fn headers(&self) -> Result<HeaderMap, LlmError> {
        let mut h = HeaderMap::new();
        let mut key = HeaderValue::from_str(self.key.expose()).map_err(|_| LlmError::Auth {
            status: 0,
            message: "API key is not a valid header value".to_owned(),
        })?;
        key.set_sensitive(true);
        h.insert("x-api-key", key);
        h.insert(
            "anthropic-version",
            HeaderValue::from_static(ANTHROPIC_VERSION),
        );
        h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Ok(h)
    }
}

#[async_trait]
impl Provider for AnthropicProvider {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let body = request_body(req);
        let bytes = self
            .transport
            .post_json(&self.url, &self.headers()?, &body, req.timeout)
            .await?;
        parse_response(&bytes)
    }
}

/// The Messages API request body for `req`.
pub fn request_body(req: &ChatRequest) -> Value {
    let messages: Vec<Value> = req
        .messages
        .iter()
        .map(|m| {
            let role = match m.role {
                MessageRole::User => "user",
                MessageRole::Assistant => "assistant",
            };
            let content: Vec<Value> = m.content.iter().map(block).collect();
            json!({ "role": role, "content": content })
        })
        .collect();
    let mut body = Map::new();
    body.insert("model".into(), json!(req.model));
    body.insert("max_tokens".into(), json!(req.max_tokens));
    if let Some(system) = &req.system {
        body.insert("system".into(), json!(system));
    }
    body.insert("messages".into(), Value::Array(messages));
    if !req.tools.is_empty() {
        let tools: Vec<Value> = req
            .tools
            .iter()
            .map(|t| {
                json!({
                    "name": t.name,
                    "description": t.description,
                    "input_schema": t.input_schema,
                })
            })
            .collect();
        body.insert("tools".into(), Value::Array(tools));
    }
    if let Some(t) = req.temperature {
        body.insert("temperature".into(), json!(t));
    }
    Value::Object(body)
}

fn block(b: &ContentBlock) -> Value {
    match b {
        ContentBlock::Text { text } => json!({ "type": "text", "text": text }),
        ContentBlock::ToolUse { id, name, input } => {
            json!({ "type": "tool_use", "id": id, "name": name, "input": input })
        }
        ContentBlock::ToolResult {
            tool_use_id,
            content,
            is_error,
        } => {
            let mut v =
                json!({ "type": "tool_result", "tool_use_id": tool_use_id, "content": content });
            if *is_error {
                v["is_error"] = Value::Bool(true);
            }
            v
        }
    }
}

#[derive(Deserialize)]
struct WireResponse {
    id: String,
    model: String,
    content: Vec<WireBlock>,
    stop_reason: Option<String>,
    usage: WireUsage,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum WireBlock {
    Text {
        text: String,
    },
    ToolUse {
        id: String,
        name: String,
        input: Value,
    },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct WireUsage {
    input_tokens: u64,
    output_tokens: u64,
}

/// Parses a Messages API response body.
pub fn parse_response(bytes: &[u8]) -> Result<ChatResponse, LlmError> {
    let wire: WireResponse = serde_json::from_slice(bytes)
        .map_err(|e| LlmError::BadResponse(format!("anthropic message: {e}")))?;
    let mut texts = Vec::new();
    let mut tool_calls = Vec::new();
    for b in wire.content {
        match b {
            WireBlock::Text { text } => texts.push(text),
            WireBlock::ToolUse { id, name, input } => tool_calls.push(ToolCall {
                id,
                name,
                arguments: input,
            }),
            WireBlock::Other => {}
        }
    }
    let stop_reason = match wire.stop_reason.as_deref() {
        Some("end_turn") => StopReason::EndTurn,
        Some("tool_use") => StopReason::ToolUse,
        Some("max_tokens") => StopReason::MaxTokens,
        Some("stop_sequence") => StopReason::StopSequence,
        Some("refusal") => StopReason::Refusal,
        Some(other) => StopReason::Other(other.to_owned()),
        None => StopReason::Other(String::new()),
    };
    Ok(ChatResponse {
        id: wire.id,
        model: wire.model,
        text: texts.join("\n"),
        tool_calls,
        stop_reason,
        usage: Usage {
            input_tokens: wire.usage.input_tokens,
            output_tokens: wire.usage.output_tokens,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Message;

    #[test]
    fn tool_result_is_sent_on_a_user_turn() {
        let req = ChatRequest::new("claude-haiku-4-5", 64)
            .message(Message::user("hi"))
            .message(Message::tool_result("toolu_1", "{}", true));
        let body = request_body(&req);
        assert_eq!(body["messages"][1]["role"], "user");
        assert_eq!(body["messages"][1]["content"][0]["type"], "tool_result");
        assert_eq!(body["messages"][1]["content"][0]["is_error"], true);
        assert!(body.get("tools").is_none());
        assert!(body.get("temperature").is_none());
    }

    #[test]
    fn unknown_block_types_are_skipped() {
        let body = br#"{"id":"msg_1","type":"message","role":"assistant","model":"m",
            "content":[{"type":"thinking","thinking":"hmm","signature":"x"},{"type":"text","text":"ok"}],
            "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":2}}"#;
        let r = parse_response(body).unwrap();
        assert_eq!(r.text, "ok");
        assert_eq!(r.stop_reason, StopReason::EndTurn);
    }
}
