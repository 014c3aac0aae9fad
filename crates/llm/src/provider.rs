//! The one seam every model sits behind.

use async_trait::async_trait;

use crate::error::LlmError;
use crate::message::{ChatRequest, ChatResponse};

/// A chat model. Implementations: [`AnthropicProvider`](crate::AnthropicProvider),
/// [`OpenAiCompatProvider`](crate::OpenAiCompatProvider) and, for offline tests,
/// [`Recorded`](crate::Recorded).
#[async_trait]
pub trait Provider: Send + Sync + std::fmt::Debug {
    /// One completion. Transient failures are retried inside, within the provider's retry
    /// policy; what comes out is final for this attempt (see [`LlmError::is_transient`]).
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError>;
}
