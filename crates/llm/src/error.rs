//! What can go wrong calling a model, and whether waiting helps.

use std::time::Duration;

use thiserror::Error;

use crate::budget::BudgetError;
use crate::role::Role;

/// An error from a provider call. Branch on [`LlmError::is_transient`]: transient errors mean
/// "pause and try again later" (the runner pauses the partition — backpressure — instead of
/// failing the ticket); the others will fail the same way again (fall back to the offline path
/// or hand off).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LlmError {
    /// 429: the provider's rate limit; `retry_after` is what it asked for, if it did.
    #[error("rate limited by the provider (retry after {retry_after:?}): {message}")]
    RateLimited {
        /// The provider's `retry-after`, if present.
        retry_after: Option<Duration>,
        /// The provider's message.
        message: String,
    },
    /// 5xx, 529 overloaded, 408/409, or the connection failed.
    #[error("provider unavailable (status {status:?}): {message}")]
    Unavailable {
        /// The HTTP status; `None` when no response came back.
        status: Option<u16>,
        /// The provider's `retry-after`, if it sent one (529 sometimes does).
        retry_after: Option<Duration>,
        /// The provider's message or the transport error.
        message: String,
    },
    /// No response within the request timeout.
    #[error("no response within {after:?}")]
    Timeout {
        /// The timeout that elapsed.
        after: Duration,
    },
    /// Our own per-minute budget is spent (see [`Budget`](crate::Budget)).
    #[error(transparent)]
    Budget(#[from] BudgetError),
    /// 401/403: the key is missing, wrong or not allowed.
    #[error("authentication failed (status {status}): {message}")]
    Auth {
        /// The HTTP status.
        status: u16,
        /// The provider's message.
        message: String,
    },
    /// The account's spend limit or quota is used up (a 429 that waiting a minute will not fix).
    #[error("quota exhausted: {message}")]
    QuotaExhausted {
        /// The provider's message.
        message: String,
    },
    /// 400/404/413/422: the request itself is wrong (unknown model, too long, bad schema).
    #[error("request rejected (status {status}): {message}")]
    InvalidRequest {
        /// The HTTP status.
        status: u16,
        /// The provider's message.
        message: String,
    },
    /// A 2xx whose body is not the documented shape.
    #[error("malformed provider response: {0}")]
    BadResponse(String),
    /// A [`Recorded`](crate::Recorded) provider has nothing to replay for the request.
    #[error("no recorded response: {0}")]
    NotRecorded(String),
}

impl LlmError {
    /// Whether waiting can help: rate limits, outages, timeouts and a spent budget.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::RateLimited { .. } | Self::Unavailable { .. } | Self::Timeout { .. } => true,
            Self::Budget(e) => e.is_transient(),
            Self::Auth { .. }
            | Self::QuotaExhausted { .. }
            | Self::InvalidRequest { .. }
            | Self::BadResponse(_)
            | Self::NotRecorded(_) => false,
        }
    }

    /// How long the provider (or the budget) asked us to wait, when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after, .. } | Self::Unavailable { retry_after, .. } => {
                *retry_after
            }
            Self::Budget(BudgetError::WouldExceed { retry_after, .. }) => Some(*retry_after),
            _ => None,
        }
    }

    /// A bounded label for metrics (`error_type`), never the provider's text.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::RateLimited { .. } => "rate_limited",
            Self::Unavailable { .. } => "unavailable",
            Self::Timeout { .. } => "timeout",
            Self::Budget(_) => "budget",
            Self::Auth { .. } => "auth",
            Self::QuotaExhausted { .. } => "quota_exhausted",
            Self::InvalidRequest { .. } => "invalid_request",
            Self::BadResponse(_) => "bad_response",
            Self::NotRecorded(_) => "not_recorded",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_errors_are_the_waitable_ones() {
        let rl = LlmError::RateLimited {
            retry_after: Some(Duration::from_secs(3)),
            message: String::new(),
        };
        assert!(rl.is_transient());
        assert_eq!(rl.retry_after(), Some(Duration::from_secs(3)));
        assert!(LlmError::Timeout {
            after: Duration::from_secs(1)
        }
        .is_transient());
        assert!(!LlmError::BadResponse("x".into()).is_transient());
        assert!(!LlmError::Auth {
            status: 401,
            message: String::new()
        }
        .is_transient());
        assert!(!LlmError::QuotaExhausted {
            message: String::new()
        }
        .is_transient());
    }
}

/// A config that cannot become running providers.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    /// The environment variable that should hold a key is unset or empty.
    #[error("environment variable {var} (API key) is not set")]
    MissingKey {
        /// The variable's name.
        var: String,
    },
    /// A role names a provider that is not configured.
    #[error("role {role} names unknown provider {provider:?}")]
    UnknownProvider {
        /// The role.
        role: Role,
        /// The name it gave.
        provider: String,
    },
    /// A role's `max_tokens` is zero.
    #[error("role {role}: max_tokens must be positive")]
    ZeroMaxTokens {
        /// The role.
        role: Role,
    },
}
