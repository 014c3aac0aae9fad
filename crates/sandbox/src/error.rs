//! The store's error type and its mapping to HTTP status codes and error codes.

use serde_json::{json, Value};
use thiserror::Error;

/// Everything that can go wrong when running a store operation.
///
/// `NotFound`, `Rule` and `BadRequest` are caller-facing outcomes with a stable
/// snake_case `code`; the rest are infrastructure failures.
#[derive(Debug, Error)]
pub enum StoreError {
    /// An entity the request names (user, order, product, item) does not exist (HTTP 404).
    #[error("{message}")]
    NotFound {
        /// Stable snake_case error code, e.g. `order_not_found`.
        code: String,
        /// Human sentence.
        message: String,
    },
    /// The request breaks a rule of the store's policy (HTTP 422).
    #[error("{message}")]
    Rule {
        /// Stable snake_case error code, e.g. `order_not_pending`.
        code: String,
        /// Human sentence.
        message: String,
    },
    /// The request is malformed: unknown operation, missing or mistyped argument (HTTP 400).
    #[error("{message}")]
    BadRequest {
        /// Stable snake_case error code, e.g. `invalid_arguments`.
        code: String,
        /// Human sentence.
        message: String,
    },
    /// The idempotency key was already used with a different request (HTTP 409).
    #[error("idempotency key {key:?} was already used with a different request")]
    IdempotencyConflict {
        /// The reused key.
        key: String,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The seed JSON files could not be read or parsed.
    #[error("seed data error: {0}")]
    Seed(String),
    /// A stored row does not have the shape the store expects.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// A `NotFound` error.
    pub fn not_found(code: &str, message: impl Into<String>) -> Self {
        Self::NotFound {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// A `Rule` error.
    pub fn rule(code: &str, message: impl Into<String>) -> Self {
        Self::Rule {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// A `BadRequest` error.
    pub fn bad_request(code: &str, message: impl Into<String>) -> Self {
        Self::BadRequest {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// The HTTP status code this error maps to.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound { .. } => 404,
            Self::Rule { .. } => 422,
            Self::BadRequest { .. } => 400,
            Self::IdempotencyConflict { .. } => 409,
            Self::Database(_) | Self::Seed(_) | Self::Corrupt(_) => 500,
        }
    }

    /// The stable snake_case error code.
    pub fn code(&self) -> &str {
        match self {
            Self::NotFound { code, .. }
            | Self::Rule { code, .. }
            | Self::BadRequest { code, .. } => code,
            Self::IdempotencyConflict { .. } => "idempotency_key_reused",
            Self::Database(_) => "database_error",
            Self::Seed(_) => "seed_error",
            Self::Corrupt(_) => "corrupt_data",
        }
    }

    /// The JSON error body: `{"error": {"code": ..., "message": ...}}`.
    pub fn to_body(&self) -> Value {
        json!({"error": {"code": self.code(), "message": self.to_string()}})
    }

    /// Whether this outcome is a business answer that an idempotency key should
    /// remember (not-found and rule errors), as opposed to a malformed request or
    /// an infrastructure failure that the caller may retry with the same key.
    pub(crate) fn is_replayable(&self) -> bool {
        matches!(self, Self::NotFound { .. } | Self::Rule { .. })
    }

    /// Serialises a replayable error for the idempotency table.
    pub(crate) fn to_stored(&self) -> Value {
        let kind = match self {
            Self::NotFound { .. } => "not_found",
            _ => "rule",
        };
        json!({"kind": kind, "code": self.code(), "message": self.to_string()})
    }

    /// Rebuilds an error stored by [`StoreError::to_stored`].
    pub(crate) fn from_stored(v: &Value) -> Self {
        let code = v.get("code").and_then(Value::as_str).unwrap_or("unknown");
        let message = v.get("message").and_then(Value::as_str).unwrap_or("");
        match v.get("kind").and_then(Value::as_str) {
            Some("not_found") => Self::not_found(code, message),
            _ => Self::rule(code, message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_codes() {
        assert_eq!(StoreError::not_found("order_not_found", "x").status(), 404);
        assert_eq!(StoreError::rule("order_not_pending", "x").status(), 422);
        assert_eq!(
            StoreError::bad_request("invalid_arguments", "x").status(),
            400
        );
        let e = StoreError::IdempotencyConflict { key: "k".into() };
        assert_eq!(e.status(), 409);
        assert_eq!(e.code(), "idempotency_key_reused");
    }

    #[test]
    fn stored_round_trip() {
        for e in [
            StoreError::not_found("item_not_found", "some item not found"),
            StoreError::rule("invalid_reason", "invalid reason"),
        ] {
            let back = StoreError::from_stored(&e.to_stored());
            assert_eq!(back.status(), e.status());
            assert_eq!(back.to_body(), e.to_body());
        }
    }
}
