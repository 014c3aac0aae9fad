//! frontdesk-llm: the models behind frontdesk's offline seams.
//!
//! frontdesk runs without a model by default. Given a key, a stage asks a model where its
//! offline path is unsure or cannot plan — through a [`RoleClient`] of one of four [`Role`]s —
//! and validates whatever comes back: intents must be registry keys ([`validate_intent`]),
//! tool calls must pass the tool registry's check (allow-list and JSON schema, in
//! `frontdesk-tools`), figures must come from the evidence ([`unsupported_figures`]), and flagged
//! customer text reaches a model only as quoted data ([`quote_untrusted`]).
//!
//! Failures are typed for backpressure: [`LlmError::is_transient`] says "pause the partition
//! and try later" (rate limited, down, timed out, our own [`Budget`] spent), the rest say
//! "fall back to the offline path or hand off".
//!
//! # Layout
//!
//! - [`message`] — provider-neutral [`ChatRequest`] / [`ChatResponse`] with text, tool-use and
//!   tool-result blocks.
//! - [`provider`] — the [`Provider`] trait.
//! - [`anthropic`] — [`AnthropicProvider`]: the Messages API.
//! - [`openai`] — [`OpenAiCompatProvider`]: Chat Completions (OpenAI, Azure, vLLM, Ollama,
//!   llama.cpp).
//! - [`recorded`] — [`Recorded`]: replays fixtures, for offline tests.
//! - `transport` — the shared HTTP exchange: timeout, error classification, retries.
//! - [`retry`] — [`RetryConfig`]: exponential backoff with jitter (backon) honouring `retry-after`.
//! - [`budget`] — [`Budget`]: per-minute request and token budget (governor).
//! - [`error`] — [`LlmError`] (a call), [`ConfigError`] (the `[llm]` section).
//! - [`fallback`] — [`FallbackPolicy`]: pause (backpressure) or fall back after a failed call.
//! - [`pricing`] — [`Usage`], [`PriceTable`], [`Ledger`] of cost per conversation.
//! - [`role`] — [`Role`], a job a model does.
//! - [`roles`] — [`RoleConfig`], [`RoleClient`], [`Llm`].
//! - [`config`] — [`LlmConfig`], the `[llm]` section, and its build step.
//! - [`validate`] — validators of model output.
//! - [`quote`] — [`quote_untrusted`], [`customer_text`].
//! - [`secret`] — [`ApiKey`], which never prints.
#![deny(missing_docs)]

pub mod anthropic;
pub mod budget;
pub mod config;
pub mod error;
pub mod fallback;
pub mod message;
pub mod openai;
pub mod pricing;
pub mod provider;
pub mod quote;
pub mod recorded;
pub mod retry;
pub mod role;
pub mod roles;
pub mod secret;
mod transport;
pub mod validate;

pub use anthropic::{AnthropicConfig, AnthropicProvider, ANTHROPIC_VERSION};
pub use budget::{Budget, BudgetConfig, BudgetError};
pub use config::{LlmConfig, ProviderConfig, RolesConfig};
pub use error::{ConfigError, LlmError};
pub use fallback::{FallbackPolicy, NextStep};
pub use message::{
    ChatRequest, ChatResponse, ContentBlock, Message, MessageRole, StopReason, ToolCall, ToolSpec,
};
pub use openai::{MaxTokensField, OpenAiAuth, OpenAiCompatConfig, OpenAiCompatProvider};
pub use pricing::{ConversationCost, Ledger, ModelPrice, PriceTable, Usage};
pub use provider::Provider;
pub use quote::{customer_text, quote_untrusted};
pub use recorded::{request_hash, Recorded, RecordedEntry};
pub use retry::{parse_retry_after, RetryConfig};
pub use role::Role;
pub use roles::{Llm, RoleClient, RoleConfig};
pub use secret::ApiKey;
pub use validate::{unsupported_figures, validate_intent};
