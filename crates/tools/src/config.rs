//! The tool configuration file (`config/tools.toml`).
//!
//! ```toml
//! [executor]
//! base_url = "http://127.0.0.1:8081"
//! timeout = "5s"
//! [executor.retry]
//! max_attempts = 3
//! initial_backoff = "100ms"
//! max_backoff = "2s"
//!
//! [auth]
//! by_email = "find_user_id_by_email"
//!
//! [[tool]]
//! name = "cancel_pending_order"
//! description = "Cancel a pending order."
//! kind = "write"
//! method = "POST"
//! url = "/orders/{order_id}/cancel"
//! owner = { order = "order_id" }
//! intents = ["cancel_order"]
//! schema = """{"type": "object", ...}"""
//! ```
//!
//! Every table rejects unknown fields, so a typo is a load error, not a
//! silently ignored setting.

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::ConfigError;

/// The whole tool configuration of one store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolsConfig {
    /// HTTP settings shared by all tools.
    pub executor: ExecutorConfig,
    /// Which tools authenticate a customer and look up an order's owner.
    #[serde(default)]
    pub auth: AuthConfig,
    /// The tools, one `[[tool]]` table each.
    #[serde(rename = "tool", default)]
    pub tools: Vec<ToolSpec>,
}

impl ToolsConfig {
    /// Parses a configuration from TOML text.
    pub fn from_toml_str(text: &str) -> Result<Self, ConfigError> {
        Ok(toml::from_str(text)?)
    }

    /// Reads and parses a configuration file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml_str(&text)
    }
}

/// HTTP settings: where the store is, how long to wait, how to retry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutorConfig {
    /// Base URL of the store's API, e.g. `http://127.0.0.1:8081`.
    pub base_url: String,
    /// Timeout of one HTTP attempt (connect, send and read the body).
    #[serde(with = "humantime_serde", default = "default_timeout")]
    pub timeout: Duration,
    /// Timeout to establish a connection.
    #[serde(with = "humantime_serde", default = "default_connect_timeout")]
    pub connect_timeout: Duration,
    /// Retry policy for transient failures (5xx, timeouts, connection errors).
    #[serde(default)]
    pub retry: RetryConfig,
    /// Header carrying the idempotency key on write calls.
    #[serde(default = "default_idempotency_header")]
    pub idempotency_header: String,
    /// Ticket headers passed through to the store on every call of that ticket (names,
    /// case-insensitive), e.g. a tenant header selecting one of several stores. Empty by
    /// default: nothing from a ticket reaches the store unless named here.
    #[serde(default)]
    pub forward_ticket_headers: Vec<String>,
}

fn default_timeout() -> Duration {
    Duration::from_secs(5)
}

fn default_connect_timeout() -> Duration {
    Duration::from_secs(2)
}

fn default_idempotency_header() -> String {
    "Idempotency-Key".to_owned()
}

/// Bounded exponential backoff on transient failures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetryConfig {
    /// Total attempts including the first one (at least 1).
    #[serde(default = "default_max_attempts")]
    pub max_attempts: u32,
    /// Delay before the first retry; doubled for every further retry.
    #[serde(with = "humantime_serde", default = "default_initial_backoff")]
    pub initial_backoff: Duration,
    /// Upper bound of one delay.
    #[serde(with = "humantime_serde", default = "default_max_backoff")]
    pub max_backoff: Duration,
    /// Randomise each delay within [delay/2, delay) so that many tickets do
    /// not retry in lock-step.
    #[serde(default = "default_jitter")]
    pub jitter: bool,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: default_max_attempts(),
            initial_backoff: default_initial_backoff(),
            max_backoff: default_max_backoff(),
            jitter: default_jitter(),
        }
    }
}

fn default_max_attempts() -> u32 {
    3
}

fn default_initial_backoff() -> Duration {
    Duration::from_millis(100)
}

fn default_max_backoff() -> Duration {
    Duration::from_secs(2)
}

fn default_jitter() -> bool {
    true
}

/// Which tools establish who the customer is and who owns an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// Tool that finds a user id from an email; called with `{"email"}`.
    #[serde(default = "default_by_email")]
    pub by_email: String,
    /// Tool that finds a user id from a name and zip; called with
    /// `{"first_name", "last_name", "zip"}`.
    #[serde(default = "default_by_name_zip")]
    pub by_name_zip: String,
    /// Field of the find-user response holding the user id.
    #[serde(default = "default_user_id_field")]
    pub user_id_field: String,
    /// Tool that reads an order; it must declare `owner = { order = ".." }`,
    /// which names its order argument.
    #[serde(default = "default_order_lookup")]
    pub order_lookup: String,
    /// Field of the order JSON holding the owner's user id.
    #[serde(default = "default_user_id_field")]
    pub order_owner_field: String,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            by_email: default_by_email(),
            by_name_zip: default_by_name_zip(),
            user_id_field: default_user_id_field(),
            order_lookup: default_order_lookup(),
            order_owner_field: default_user_id_field(),
        }
    }
}

fn default_by_email() -> String {
    "find_user_id_by_email".to_owned()
}

fn default_by_name_zip() -> String {
    "find_user_id_by_name_zip".to_owned()
}

fn default_user_id_field() -> String {
    "user_id".to_owned()
}

fn default_order_lookup() -> String {
    "get_order_details".to_owned()
}

/// Whether a tool only reads or changes the store's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolKind {
    /// No side effect.
    Read,
    /// Changes the store; sent with an idempotency key.
    Write,
}

/// HTTP method of a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// The method name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// Whether arguments not in the path go to the body by default (else the
    /// query string).
    pub fn has_body(self) -> bool {
        matches!(self, Self::Post | Self::Put | Self::Patch)
    }
}

impl From<HttpMethod> for reqwest::Method {
    fn from(m: HttpMethod) -> Self {
        match m {
            HttpMethod::Get => reqwest::Method::GET,
            HttpMethod::Post => reqwest::Method::POST,
            HttpMethod::Put => reqwest::Method::PUT,
            HttpMethod::Patch => reqwest::Method::PATCH,
            HttpMethod::Delete => reqwest::Method::DELETE,
        }
    }
}

/// Whose data a tool touches, for authorization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum OwnerRule {
    /// The named argument is the user id; it must be the authenticated
    /// customer's.
    User(String),
    /// The named argument is an order id; the order is looked up and its
    /// owner must be the authenticated customer.
    Order(String),
}

impl OwnerRule {
    /// The argument the rule reads.
    pub fn argument(&self) -> &str {
        match self {
            Self::User(a) | Self::Order(a) => a,
        }
    }
}

/// One tool as declared in the config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolSpec {
    /// Unique tool name (what the router's allow-lists name).
    pub name: String,
    /// What the tool does, for people and prompts.
    pub description: String,
    /// Read or write.
    pub kind: ToolKind,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template relative to the base URL, e.g. `/orders/{order_id}`.
    pub url: String,
    /// Arguments sent as query parameters. Default: for GET/DELETE every
    /// schema property not in the path, else none.
    #[serde(default)]
    pub query: Option<Vec<String>>,
    /// Arguments sent in the JSON body. Default: for POST/PUT/PATCH every
    /// schema property not in the path, else none.
    #[serde(default)]
    pub body: Option<Vec<String>>,
    /// JSON Schema of the arguments: a string of JSON or an inline table.
    #[serde(deserialize_with = "deserialize_schema")]
    pub schema: serde_json::Value,
    /// Intent keys that may use this tool.
    #[serde(default)]
    pub intents: Vec<String>,
    /// Authorization rule; none for catalog reads and customer look-ups.
    #[serde(default)]
    pub owner: Option<OwnerRule>,
}

fn deserialize_schema<'de, D: Deserializer<'de>>(d: D) -> Result<serde_json::Value, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    match value {
        serde_json::Value::String(text) => {
            serde_json::from_str(&text).map_err(serde::de::Error::custom)
        }
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[executor]
base_url = "http://localhost:1"
timeout = "250ms"
[executor.retry]
max_attempts = 4
initial_backoff = "5ms"

[[tool]]
name = "get_order_details"
description = "Read an order."
kind = "read"
method = "GET"
url = "/orders/{order_id}"
owner = { order = "order_id" }
schema = """{"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}"""

[[tool]]
name = "list_all_product_types"
description = "List products."
kind = "read"
method = "GET"
url = "/products"
schema = { type = "object", properties = {} }
"#;

    #[test]
    fn parses_minimal_config_with_defaults() {
        let cfg = ToolsConfig::from_toml_str(MINIMAL).unwrap();
        assert_eq!(cfg.executor.timeout, Duration::from_millis(250));
        assert_eq!(cfg.executor.retry.max_attempts, 4);
        assert_eq!(cfg.executor.retry.initial_backoff, Duration::from_millis(5));
        assert_eq!(cfg.executor.retry.max_backoff, Duration::from_secs(2));
        assert_eq!(cfg.executor.idempotency_header, "Idempotency-Key");
        assert_eq!(cfg.auth, AuthConfig::default());
        assert_eq!(cfg.tools.len(), 2);
        assert_eq!(
            cfg.tools[0].owner,
            Some(OwnerRule::Order("order_id".to_owned()))
        );
        assert_eq!(cfg.tools[0].schema["required"][0], "order_id");
        assert_eq!(cfg.tools[1].schema["type"], "object");
        assert_eq!(cfg.tools[1].owner, None);
    }

    #[test]
    fn rejects_unknown_fields() {
        let bad = MINIMAL.replace(
            "kind = \"read\"\nmethod = \"GET\"\nurl = \"/products\"",
            "kind = \"read\"\nmethod = \"GET\"\nurl = \"/products\"\nurll = \"x\"",
        );
        assert!(ToolsConfig::from_toml_str(&bad).is_err());
        let bad = MINIMAL.replace("max_attempts = 4", "max_attempts = 4\nretries = 2");
        assert!(ToolsConfig::from_toml_str(&bad).is_err());
    }

    #[test]
    fn rejects_bad_schema_text_and_bad_kind() {
        let bad = MINIMAL.replace(
            r#""required": ["order_id"]}"""#,
            r#""required": ["order_id"]"""#,
        );
        assert!(ToolsConfig::from_toml_str(&bad).is_err());
        let bad = MINIMAL.replacen("kind = \"read\"", "kind = \"delete\"", 1);
        assert!(ToolsConfig::from_toml_str(&bad).is_err());
    }
}
