//! [`ToolCallRecord`]: one entry of the envelope's tool log.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::ToolKind;

/// How a tool call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The store answered 2xx.
    Ok,
    /// The arguments failed the tool's JSON schema; no call was made.
    InvalidArguments,
    /// The tool is unknown or not on the ticket's allow-list; no call was made.
    NotAllowed,
    /// The data belongs to another customer, or no customer is authenticated;
    /// no (write) call was made.
    Unauthorized,
    /// The store refused (4xx); see [`ToolCallRecord::error`].
    Rejected,
    /// Transient failures (5xx, timeouts, connection errors) exhausted the
    /// retries.
    Failed,
}

impl Outcome {
    /// The outcome's name, as serialised (`ok`, `invalid_arguments`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::InvalidArguments => "invalid_arguments",
            Outcome::NotAllowed => "not_allowed",
            Outcome::Unauthorized => "unauthorized",
            Outcome::Rejected => "rejected",
            Outcome::Failed => "failed",
        }
    }
}

/// An error body from the store: `{"error": {"code", "message"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreError {
    /// Machine-readable code, e.g. `order_not_pending`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

impl StoreError {
    /// Extracts the store's error from a response body, if it has one.
    pub fn from_body(body: &Value) -> Option<Self> {
        let e = body.get("error")?;
        Some(Self {
            code: e.get("code")?.as_str()?.to_owned(),
            message: e
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        })
    }
}

/// The HTTP request that was (or would have been) sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequestRecord {
    /// HTTP method.
    pub method: String,
    /// Full URL with query string.
    pub url: String,
    /// JSON body, if any.
    pub body: Option<Value>,
}

/// The last HTTP response received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponseRecord {
    /// HTTP status code.
    pub status: u16,
    /// Body as JSON; a non-JSON body is kept as a JSON string. `null` when
    /// withheld because it belongs to another customer.
    pub body: Value,
}

/// Everything about one tool call: what was asked, sent, answered, and how it
/// ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCallRecord {
    /// Tool name as asked.
    pub tool: String,
    /// Read or write; `None` for an unknown tool.
    pub kind: Option<ToolKind>,
    /// Arguments as asked.
    pub arguments: Value,
    /// How it ended.
    pub outcome: Outcome,
    /// Why it did not end `ok` (schema violations, refusal reason, last
    /// transient error).
    pub detail: Option<String>,
    /// The store's error on `rejected`.
    pub error: Option<StoreError>,
    /// The request, when one was built.
    pub request: Option<HttpRequestRecord>,
    /// The last response, when one was received.
    pub response: Option<HttpResponseRecord>,
    /// HTTP attempts made (0 when refused before any call).
    pub attempts: u32,
    /// Wall time of the whole call, retries and checks included.
    pub latency_ms: u64,
    /// Idempotency key derived from (ticket id, tool, canonical arguments).
    pub idempotency_key: String,
    /// Calls made to authorize this one (the order owner lookup).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preflight: Vec<ToolCallRecord>,
}

impl ToolCallRecord {
    /// Whether the call succeeded.
    pub fn is_ok(&self) -> bool {
        self.outcome == Outcome::Ok
    }

    /// The response body of a successful call.
    pub fn output(&self) -> Option<&Value> {
        match (&self.outcome, &self.response) {
            (Outcome::Ok, Some(r)) => Some(&r.body),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn outcome_names_are_the_serialised_ones() {
        for o in [
            Outcome::Ok,
            Outcome::InvalidArguments,
            Outcome::NotAllowed,
            Outcome::Unauthorized,
            Outcome::Rejected,
            Outcome::Failed,
        ] {
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
    }

    use super::*;
    use serde_json::json;

    #[test]
    fn store_error_from_body() {
        let e =
            StoreError::from_body(&json!({"error": {"code": "not_found", "message": "no order"}}));
        assert_eq!(
            e,
            Some(StoreError {
                code: "not_found".into(),
                message: "no order".into()
            })
        );
        assert_eq!(StoreError::from_body(&json!({"user_id": "x"})), None);
        assert_eq!(StoreError::from_body(&json!("text")), None);
    }

    #[test]
    fn outcome_serialises_snake_case() {
        assert_eq!(
            serde_json::to_value(Outcome::InvalidArguments).unwrap(),
            json!("invalid_arguments")
        );
        assert_eq!(
            serde_json::to_value(Outcome::NotAllowed).unwrap(),
            json!("not_allowed")
        );
    }
}
