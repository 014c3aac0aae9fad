//! OpenAI-compatible Chat Completions (`POST {base}{path}`), with function calling: OpenAI,
//! Azure OpenAI, vLLM, Ollama and the llama.cpp server.

use std::time::Duration;

use async_trait::async_trait;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
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

/// How the key is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenAiAuth {
    /// `Authorization: Bearer <key>` (OpenAI, vLLM, Ollama, llama.cpp).
    #[default]
    Bearer,
    /// `api-key: <key>` (Azure OpenAI).
    ApiKeyHeader,
}

/// The name of the output-token limit in the request body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaxTokensField {
    /// `max_tokens` (vLLM, Ollama, llama.cpp, older OpenAI models).
    #[default]
    MaxTokens,
    /// `max_completion_tokens` (newer OpenAI models, which reject `max_tokens`).
    MaxCompletionTokens,
}

/// Configuration of an OpenAI-compatible provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenAiCompatConfig {
    /// Base URL (`https://api.openai.com`, `http://127.0.0.1:11434` for Ollama, …).
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Path of the endpoint, query included (Azure:
    /// `/openai/deployments/<name>/chat/completions?api-version=2024-10-21`).
    #[serde(default = "default_path")]
    pub path: String,
    /// Name of the environment variable holding the key; none for servers without auth.
    #[serde(default)]
    pub api_key_env: Option<String>,
    /// How the key is sent.
    #[serde(default)]
    pub auth: OpenAiAuth,
    /// The name of the output-token limit.
    #[serde(default)]
    pub max_tokens_field: MaxTokensField,
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
    "https://api.openai.com".to_owned()
}
fn default_path() -> String {
    "/v1/chat/completions".to_owned()
}
const fn default_timeout() -> Duration {
    Duration::from_secs(30)
}

/// A Chat Completions endpoint. `Debug` shows no key.
#[derive(Debug, Clone)]
pub struct OpenAiCompatProvider {
    url: String,
    key: Option<ApiKey>,
    auth: OpenAiAuth,
    max_tokens_field: MaxTokensField,
    transport: Transport,
}

impl OpenAiCompatProvider {
    /// A provider with an explicit key (or none).
    pub fn new(config: &OpenAiCompatConfig, key: Option<ApiKey>) -> Self {
        Self {
            url: format!("{}{}", config.base_url.trim_end_matches('/'), config.path),
            key,
            auth: config.auth,
            max_tokens_field: config.max_tokens_field,
            transport: Transport::new("openai_compat", config.timeout, config.retry.clone()),
        }
    }

    /// A provider whose key (if configured) is read from the variable named by `api_key_env`.
    pub fn from_env(config: &OpenAiCompatConfig) -> Result<Self, ConfigError> {
        let key = match &config.api_key_env {
            Some(name) => Some(read_key(name, &|n| std::env::var(n).ok())?),
            None => None,
        };
        Ok(Self::new(config, key))
    }

    fn headers(&self) -> Result<HeaderMap, LlmError> {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(key) = &self.key {
            let value = match self.auth {
                OpenAiAuth::Bearer => format!("Bearer {}", key.expose()),
                OpenAiAuth::ApiKeyHeader => key.expose().to_owned(),
            };
            let mut value = HeaderValue::from_str(&value).map_err(|_| LlmError::Auth {
                status: 0,
                message: "API key is not a valid header value".to_owned(),
            })?;
            value.set_sensitive(true);
            match self.auth {
                OpenAiAuth::Bearer => h.insert(AUTHORIZATION, value),
                OpenAiAuth::ApiKeyHeader => h.insert("api-key", value),
            };
        }
        Ok(h)
    }
}

#[async_trait]
impl Provider for OpenAiCompatProvider {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let body = request_body(req, self.max_tokens_field);
        let bytes = self
            .transport
            .post_json(&self.url, &self.headers()?, &body, req.timeout)
            .await?;
        parse_response(&bytes)
    }
}

/// The Chat Completions request body for `req`. Tool results become `role: "tool"` messages
/// (before any text of the same user turn); an assistant's tool uses become `tool_calls` with
/// the arguments as a JSON string.
pub fn request_body(req: &ChatRequest, max_tokens_field: MaxTokensField) -> Value {
    let mut messages = Vec::new();
    if let Some(system) = &req.system {
        messages.push(json!({ "role": "system", "content": system }));
    }
    for m in &req.messages {
        let text: Vec<&str> = m
            .content
            .iter()
            .filter_map(|b| match b {
                ContentBlock::Text { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        match m.role {
            MessageRole::User => {
                for b in &m.content {
                    if let ContentBlock::ToolResult {
                        tool_use_id,
                        content,
                        is_error,
                    } = b
                    {
                        let content = if *is_error {
                            format!("[tool error] {content}")
                        } else {
                            content.clone()
                        };
                        messages.push(json!({ "role": "tool", "tool_call_id": tool_use_id, "content": content }));
                    }
                }
                if !text.is_empty() {
                    messages.push(json!({ "role": "user", "content": text.join("\n") }));
                }
            }
            MessageRole::Assistant => {
                let calls: Vec<Value> = m
                    .content
                    .iter()
                    .filter_map(|b| match b {
                        ContentBlock::ToolUse { id, name, input } => Some(json!({
                            "id": id,
                            "type": "function",
                            "function": { "name": name, "arguments": input.to_string() },
                        })),
                        _ => None,
                    })
                    .collect();
                let content = if text.is_empty() {
                    Value::Null
                } else {
                    json!(text.join("\n"))
                };
                let mut msg = json!({ "role": "assistant", "content": content });
                if !calls.is_empty() {
                    msg["tool_calls"] = Value::Array(calls);
                }
                messages.push(msg);
            }
        }
    }
    let mut body = Map::new();
    body.insert("model".into(), json!(req.model));
    body.insert("messages".into(), Value::Array(messages));
    let field = match max_tokens_field {
        MaxTokensField::MaxTokens => "max_tokens",
        MaxTokensField::MaxCompletionTokens => "max_completion_tokens",
    };
    body.insert(field.into(), json!(req.max_tokens));
    if !req.tools.is_empty() {
        let tools: Vec<Value> = req
            .tools
            .iter()
            .map(|t| {
                json!({
                    "type": "function",
                    "function": {
                        "name": t.name,
                        "description": t.description,
                        "parameters": t.input_schema,
                    },
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

#[derive(Deserialize)]
struct WireResponse {
    #[serde(default)]
    id: String,
    model: String,
    choices: Vec<WireChoice>,
    #[serde(default)]
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct WireChoice {
    message: WireMessage,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct WireMessage {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    refusal: Option<String>,
    #[serde(default)]
    tool_calls: Option<Vec<WireToolCall>>,
}

#[derive(Deserialize)]
struct WireToolCall {
    id: String,
    function: WireFunction,
}

#[derive(Deserialize)]
struct WireFunction {
    name: String,
    arguments: String,
}

#[derive(Deserialize)]
struct WireUsage {
    prompt_tokens: u64,
    completion_tokens: u64,
}

/// Parses a Chat Completions response body (the first choice).
pub fn parse_response(bytes: &[u8]) -> Result<ChatResponse, LlmError> {
    let wire: WireResponse = serde_json::from_slice(bytes)
        .map_err(|e| LlmError::BadResponse(format!("chat completion: {e}")))?;
    let choice = wire
        .choices
        .into_iter()
        .next()
        .ok_or_else(|| LlmError::BadResponse("chat completion: no choices".to_owned()))?;
    let tool_calls = choice
        .message
        .tool_calls
        .unwrap_or_default()
        .into_iter()
        .map(|c| ToolCall {
            id: c.id,
            name: c.function.name,
            arguments: serde_json::from_str(&c.function.arguments)
                .unwrap_or(Value::String(c.function.arguments)),
        })
        .collect();
    let stop_reason = match choice.finish_reason.as_deref() {
        Some("stop") => StopReason::EndTurn,
        Some("tool_calls" | "function_call") => StopReason::ToolUse,
        Some("length") => StopReason::MaxTokens,
        Some("content_filter") => StopReason::Refusal,
        Some(other) => StopReason::Other(other.to_owned()),
        None => StopReason::Other(String::new()),
    };
    let stop_reason = if choice.message.refusal.is_some() {
        StopReason::Refusal
    } else {
        stop_reason
    };
    let usage = wire.usage.map_or_else(Usage::default, |u| Usage {
        input_tokens: u.prompt_tokens,
        output_tokens: u.completion_tokens,
    });
    Ok(ChatResponse {
        id: wire.id,
        model: wire.model,
        text: choice
            .message
            .content
            .or(choice.message.refusal)
            .unwrap_or_default(),
        tool_calls,
        stop_reason,
        usage,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Message;

    #[test]
    fn tool_results_become_tool_messages() {
        let req = ChatRequest::new("gpt-4o-mini", 64)
            .system("be brief")
            .message(Message::user("hi"))
            .message(Message::assistant_tool_calls(
                "",
                &[ToolCall {
                    id: "call_1".into(),
                    name: "find".into(),
                    arguments: json!({"q": 1}),
                }],
            ))
            .message(Message::tool_result("call_1", "{\"ok\":true}", false));
        let body = request_body(&req, MaxTokensField::MaxCompletionTokens);
        let msgs = body["messages"].as_array().unwrap();
        assert_eq!(msgs[0]["role"], "system");
        assert_eq!(msgs[2]["content"], Value::Null);
        assert_eq!(
            msgs[2]["tool_calls"][0]["function"]["arguments"],
            "{\"q\":1}"
        );
        assert_eq!(msgs[3]["role"], "tool");
        assert_eq!(msgs[3]["tool_call_id"], "call_1");
        assert_eq!(body["max_completion_tokens"], 64);
        assert!(body.get("max_tokens").is_none());
    }

    #[test]
    fn missing_usage_counts_zero() {
        let body = br#"{"id":"x","object":"chat.completion","created":1,"model":"llama3",
            "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}"#;
        let r = parse_response(body).unwrap();
        assert_eq!(r.usage, Usage::default());
        assert_eq!(r.text, "hi");
    }
}
