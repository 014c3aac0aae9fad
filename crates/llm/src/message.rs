//! Provider-neutral request and response types: what a stage asks a model and what it gets back.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::pricing::{PriceTable, Usage};

/// Who wrote a message. The system prompt is [`ChatRequest::system`], not a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageRole {
    /// The customer side (and tool results, which are sent on the user's turn).
    User,
    /// The model.
    Assistant,
}

/// One block of a message's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ContentBlock {
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// A tool call the model made on an earlier assistant turn.
    ToolUse {
        /// The provider's id of the call (`toolu_…`, `call_…`).
        id: String,
        /// The tool's name.
        name: String,
        /// The arguments, a JSON object.
        input: Value,
    },
    /// The result of a tool call, sent back on a user turn.
    ToolResult {
        /// The id of the [`ContentBlock::ToolUse`] this answers.
        tool_use_id: String,
        /// The result, usually JSON text.
        content: String,
        /// Whether the tool failed.
        #[serde(default)]
        is_error: bool,
    },
}

/// One turn of the conversation sent to the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// Who wrote it.
    pub role: MessageRole,
    /// Its blocks, in order.
    pub content: Vec<ContentBlock>,
}

impl Message {
    /// A user turn with one text block.
    pub fn user(text: impl Into<String>) -> Self {
        Self {
            role: MessageRole::User,
            content: vec![ContentBlock::Text { text: text.into() }],
        }
    }

    /// An assistant turn with one text block.
    pub fn assistant(text: impl Into<String>) -> Self {
        Self {
            role: MessageRole::Assistant,
            content: vec![ContentBlock::Text { text: text.into() }],
        }
    }

    /// The assistant turn that made `calls` (with its text, if any), to send back before their results.
    pub fn assistant_tool_calls(text: &str, calls: &[ToolCall]) -> Self {
        let mut content = Vec::with_capacity(calls.len() + 1);
        if !text.is_empty() {
            content.push(ContentBlock::Text {
                text: text.to_owned(),
            });
        }
        content.extend(calls.iter().map(|c| ContentBlock::ToolUse {
            id: c.id.clone(),
            name: c.name.clone(),
            input: c.arguments.clone(),
        }));
        Self {
            role: MessageRole::Assistant,
            content,
        }
    }

    /// A user turn carrying one tool result.
    pub fn tool_result(
        tool_use_id: impl Into<String>,
        content: impl Into<String>,
        is_error: bool,
    ) -> Self {
        Self {
            role: MessageRole::User,
            content: vec![ContentBlock::ToolResult {
                tool_use_id: tool_use_id.into(),
                content: content.into(),
                is_error,
            }],
        }
    }
}

/// A tool the model may call: its name, what it does, and the JSON schema of its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolSpec {
    /// The tool's name.
    pub name: String,
    /// What it does, for the model.
    pub description: String,
    /// JSON schema of the arguments object.
    pub input_schema: Value,
}

/// A request for one completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    /// The model name as the provider knows it.
    pub model: String,
    /// The system prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The conversation so far, starting with a user turn.
    pub messages: Vec<Message>,
    /// Tools the model may call (empty: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<ToolSpec>,
    /// Upper bound on output tokens.
    pub max_tokens: u32,
    /// Sampling temperature; the provider's default when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f32>,
    /// Per-request timeout overriding the provider's (set by a role); not part of the request hash.
    #[serde(skip)]
    pub timeout: Option<Duration>,
}

impl ChatRequest {
    /// A request for `model` with no messages yet.
    pub fn new(model: impl Into<String>, max_tokens: u32) -> Self {
        Self {
            model: model.into(),
            system: None,
            messages: Vec::new(),
            tools: Vec::new(),
            max_tokens,
            temperature: None,
            timeout: None,
        }
    }

    /// Sets the system prompt.
    pub fn system(mut self, system: impl Into<String>) -> Self {
        self.system = Some(system.into());
        self
    }

    /// Appends a message.
    pub fn message(mut self, message: Message) -> Self {
        self.messages.push(message);
        self
    }

    /// Adds a tool.
    pub fn tool(mut self, tool: ToolSpec) -> Self {
        self.tools.push(tool);
        self
    }

    /// A rough upper estimate of the tokens this request will use (input at ~4 bytes a token,
    /// plus `max_tokens`), for the token budget before the provider reports the real count.
    pub fn estimated_tokens(&self) -> u32 {
        let mut bytes = self.system.as_ref().map_or(0, String::len);
        for m in &self.messages {
            for b in &m.content {
                bytes += match b {
                    ContentBlock::Text { text } => text.len(),
                    ContentBlock::ToolUse { name, input, .. } => {
                        name.len() + input.to_string().len()
                    }
                    ContentBlock::ToolResult { content, .. } => content.len(),
                };
            }
        }
        for t in &self.tools {
            bytes += t.name.len() + t.description.len() + t.input_schema.to_string().len();
        }
        let input = u32::try_from(bytes.div_ceil(4)).unwrap_or(u32::MAX);
        input.saturating_add(self.max_tokens)
    }
}

/// A tool call the model proposed. Not yet trusted: the tool registry checks it
/// (`frontdesk_tools::ToolRegistry::check`) before anything runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// The provider's id of the call, to answer with a tool result.
    pub id: String,
    /// The tool's name as the model wrote it.
    pub name: String,
    /// The arguments. When the model wrote text that is not JSON (OpenAI-style string
    /// arguments), it is kept verbatim as a JSON string and the validator rejects it.
    pub arguments: Value,
}

/// Why the model stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// A natural end of its turn (`end_turn`, `stop`).
    EndTurn,
    /// It wants tool results (`tool_use`, `tool_calls`).
    ToolUse,
    /// `max_tokens` was reached (`max_tokens`, `length`): the output is cut.
    MaxTokens,
    /// A stop sequence was hit.
    StopSequence,
    /// The model refused (`refusal`) or the provider filtered the output (`content_filter`).
    Refusal,
    /// Anything else, verbatim.
    Other(String),
}

/// One completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatResponse {
    /// The provider's id of the response.
    pub id: String,
    /// The model that answered, as the provider reports it.
    pub model: String,
    /// The text blocks, joined with newlines (empty when the model only called tools).
    pub text: String,
    /// Tool calls, in order.
    pub tool_calls: Vec<ToolCall>,
    /// Why it stopped.
    pub stop_reason: StopReason,
    /// Tokens billed.
    pub usage: Usage,
}

impl ChatResponse {
    /// The cost of this response under `prices` (`None` when its model has no price).
    pub fn cost_usd(&self, prices: &PriceTable) -> Option<f64> {
        self.usage.cost(prices, &self.model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn estimate_counts_input_and_output() {
        let req = ChatRequest::new("m", 100)
            .system("abcd")
            .message(Message::user("abcdefgh"));
        assert_eq!(req.estimated_tokens(), 103);
    }

    #[test]
    fn assistant_tool_calls_keeps_text_and_calls() {
        let m = Message::assistant_tool_calls(
            "checking",
            &[ToolCall {
                id: "t1".into(),
                name: "find".into(),
                arguments: json!({"a": 1}),
            }],
        );
        assert_eq!(m.content.len(), 2);
        assert_eq!(m.role, MessageRole::Assistant);
    }
}
