//! frontdesk-tools: the tool layer of frontdesk.
//!
//! # Layout
//!
//! - [`config`]: the TOML tool declarations (`config/tools.toml`): executor
//!   settings, authentication tools and one `[[tool]]` table per tool.
//! - [`template`]: URL templates such as `/orders/{order_id}/cancel`, whose
//!   parameters are percent-encoded from the call's arguments.
//! - [`canonical`]: canonical JSON and the idempotency key derived from
//!   (ticket id, tool, canonical arguments).
//! - [`retry`]: the bounded exponential backoff (with jitter) used on 5xx,
//!   timeouts and connection errors.
//! - [`registry`]: the loaded, checked tool set, JSON schemas compiled once.
//! - [`context`]: who is calling: ticket id, allow-list, authenticated customer.
//! - [`record`]: [`ToolCallRecord`], the entry written to the envelope's tool log.
//! - [`executor`]: [`Executor`], which validates, authorizes, calls and records.
//! - [`reveal`]: [`Clear`], tokens sent in clear and recorded as tokens.
//! - [`error`]: configuration errors.
//!
//! # Example
//!
//! ```no_run
//! # async fn demo() -> Result<(), frontdesk_tools::ConfigError> {
//! use frontdesk_tools::{CallContext, Executor, Identity, Outcome};
//! let exec = Executor::from_path("config/tools.toml")?;
//! let mut ctx = CallContext {
//!     ticket_id: "ticket-1".into(),
//!     allow_list: exec.registry().tools_for_intent("cancel_order"),
//!     customer: None,
//!     headers: vec![],
//! };
//! let auth = exec
//!     .authenticate(&ctx, &Identity::Email("noah.brown7922@example.com".into()))
//!     .await;
//! ctx.customer = auth.customer;
//! let record = exec
//!     .call(
//!         &ctx,
//!         "cancel_pending_order",
//!         serde_json::json!({"order_id": "#W7678072", "reason": "no longer needed"}),
//!     )
//!     .await;
//! if record.outcome != Outcome::Ok {
//!     println!("not done: {:?}", record.detail);
//! }
//! # Ok(()) }
//! ```
//!
//! The executor never panics and never returns an error for a call: every
//! outcome (ok, invalid arguments, not allowed, unauthorized, rejected by the
//! store, failed after retries) is a [`ToolCallRecord`].

pub mod canonical;
pub mod config;
pub mod context;
pub mod error;
pub mod executor;
pub mod record;
pub mod registry;
pub mod retry;
pub mod reveal;
pub mod template;

pub use canonical::{canonical_json, idempotency_key};
pub use config::{
    AuthConfig, ExecutorConfig, HttpMethod, OwnerRule, RetryConfig, ToolKind, ToolSpec, ToolsConfig,
};
pub use context::{AuthenticatedCustomer, CallContext, Identity};
pub use error::ConfigError;
pub use executor::{Authentication, Executor, READ_ONLY};
pub use record::{HttpRequestRecord, HttpResponseRecord, Outcome, StoreError, ToolCallRecord};
pub use registry::{Refusal, Tool, ToolRegistry};
pub use retry::RetryPolicy;
pub use reveal::{map_strings, Clear};
pub use template::{TemplateError, UrlTemplate};

/// Path of the shipped default tool config (the sandbox store), relative to
/// the workspace root.
pub const DEFAULT_CONFIG_PATH: &str = "config/tools.toml";
