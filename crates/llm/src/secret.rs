//! An API key that never prints.

use std::fmt;

use crate::error::ConfigError;

/// An API key read from the environment. `Debug` and `Display` print `[redacted]`; only
/// [`ApiKey::expose`] gives the value, for the one header that needs it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself. Use only to build the request header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Reads a key from `env` (`std::env::var` in production, a map in tests).
pub(crate) fn read_key(
    var: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<ApiKey, ConfigError> {
    match env(var) {
        Some(k) if !k.trim().is_empty() => Ok(ApiKey::new(k.trim())),
        _ => Err(ConfigError::MissingKey {
            var: var.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let k = ApiKey::new("sk-ant-secret-123");
        assert!(!format!("{k:?}").contains("secret"));
        assert!(!format!("{k}").contains("secret"));
        assert_eq!(k.expose(), "sk-ant-secret-123");
    }
}
