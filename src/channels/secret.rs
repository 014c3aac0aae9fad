//! Secrets named in config by environment variable, read once at startup, never printed.

use frontdesk_llm::ApiKey;
use serde::{Deserialize, Serialize};

/// The name of an environment variable that holds a secret. Config files name the
/// variable, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SecretEnv(pub String);

/// A secret's variable is unset or empty: a startup error that names the variable only.
#[derive(Debug, thiserror::Error)]
#[error("environment variable {0} (a secret named in the [channels] config) is unset or empty")]
pub struct MissingSecret(pub String);

impl SecretEnv {
    /// Reads the variable. The value is wrapped so that `Debug` and `Display` redact it.
    pub fn load(&self) -> Result<ApiKey, MissingSecret> {
        self.load_with(&|name| std::env::var(name).ok())
    }

    /// Reads through `lookup` (tests pass a map instead of the process environment).
    pub fn load_with(
        &self,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> Result<ApiKey, MissingSecret> {
        match lookup(&self.0) {
            Some(v) if !v.is_empty() => Ok(ApiKey::new(v)),
            _ => Err(MissingSecret(self.0.clone())),
        }
    }
}

impl From<&str> for SecretEnv {
    fn from(name: &str) -> Self {
        SecretEnv(name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_variable_is_named_and_a_present_one_never_prints() {
        let env = SecretEnv::from("FD_TEST_SECRET");
        let err = env.load_with(&|_| None).unwrap_err().to_string();
        assert!(err.contains("FD_TEST_SECRET"), "{err}");
        let key = env.load_with(&|_| Some("s3cr3t-value".to_owned())).unwrap();
        assert!(!format!("{key:?} {key}").contains("s3cr3t"));
        assert_eq!(key.expose(), "s3cr3t-value");
        assert!(env.load_with(&|_| Some(String::new())).is_err());
    }
}
