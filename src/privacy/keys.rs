//! The vault's two keys, read once at startup from the environment variables `[privacy]`
//! names; never printed.

use aes_gcm::aead::rand_core::RngCore;
use aes_gcm::aead::OsRng;
use base64::Engine;

use super::config::PrivacyConfig;

/// The process's ephemeral keys, drawn on first use.
static EPHEMERAL: std::sync::OnceLock<([u8; 32], [u8; 32])> = std::sync::OnceLock::new();

/// Why the keys could not be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The variable is unset or empty where no ephemeral key is allowed.
    #[error(
        "environment variable {0} is unset: the PII vault needs it outside the embedded demo \
         broker (generate one with `openssl rand -base64 32`), or set privacy.enabled = false"
    )]
    Missing(String),
    /// The variable does not hold what it must.
    #[error("environment variable {name}: {reason}")]
    Invalid {
        /// The variable.
        name: String,
        /// What is wrong (never the value).
        reason: String,
    },
}

/// The token key (HMAC) and the vault key (AES-256-GCM).
#[derive(Clone)]
pub struct Keys {
    pub(super) token: Vec<u8>,
    pub(super) vault: [u8; 32],
    /// Whether they were drawn for this process only.
    pub ephemeral: bool,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("token", &"[redacted]")
            .field("vault", &"[redacted]")
            .field("ephemeral", &self.ephemeral)
            .finish()
    }
}

impl Keys {
    /// Reads both keys from the environment. Where a variable is unset, `allow_ephemeral`
    /// (the embedded broker of the demo, the eval and the bench: one process, nothing
    /// kept) draws a random key for this process and says so in the log; otherwise it is
    /// a startup error.
    pub fn from_env(cfg: &PrivacyConfig, allow_ephemeral: bool) -> Result<Keys, KeyError> {
        Self::load_with(cfg, allow_ephemeral, &|name| std::env::var(name).ok())
    }

    /// Reads through `lookup` (tests pass a map instead of the process environment).
    pub fn load_with(
        cfg: &PrivacyConfig,
        allow_ephemeral: bool,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Keys, KeyError> {
        let read = |name: &str, exact: bool| -> Result<Option<Vec<u8>>, KeyError> {
            let Some(v) = lookup(name).filter(|v| !v.trim().is_empty()) else {
                return Ok(None);
            };
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(v.trim())
                .map_err(|_| KeyError::Invalid {
                    name: name.to_owned(),
                    reason: "not base64".to_owned(),
                })?;
            let fits = if exact {
                bytes.len() == 32
            } else {
                bytes.len() >= 32
            };
            if !fits {
                return Err(KeyError::Invalid {
                    name: name.to_owned(),
                    reason: format!(
                        "{} bytes, {} 32 needed",
                        bytes.len(),
                        if exact { "exactly" } else { "at least" }
                    ),
                });
            }
            Ok(Some(bytes))
        };
        let token = read(&cfg.token_key_env, false)?;
        let vault = read(&cfg.vault_key_env, true)?;
        match (token, vault) {
            (Some(token), Some(vault)) => {
                let mut v = [0u8; 32];
                v.copy_from_slice(&vault);
                Ok(Keys {
                    token,
                    vault: v,
                    ephemeral: false,
                })
            }
            (token, vault) if allow_ephemeral => {
                tracing::warn!(
                    token_key = %cfg.token_key_env,
                    vault_key = %cfg.vault_key_env,
                    "PII vault: a key is unset, so this process drew an ephemeral one; what it \
                     tokenises cannot be read by another process or after a restart"
                );
                // One ephemeral pair per process: every stage of it must agree.
                let (eph_token, eph_vault) = *EPHEMERAL.get_or_init(|| (random(), random()));
                let token = token.unwrap_or_else(|| eph_token.to_vec());
                let vault = match vault {
                    Some(v) => {
                        let mut k = [0u8; 32];
                        k.copy_from_slice(&v);
                        k
                    }
                    None => eph_vault,
                };
                Ok(Keys {
                    token,
                    vault,
                    ephemeral: true,
                })
            }
            (None, _) => Err(KeyError::Missing(cfg.token_key_env.clone())),
            (_, None) => Err(KeyError::Missing(cfg.vault_key_env.clone())),
        }
    }

    /// Fixed keys (tests, and tools that must agree with a running pipeline).
    pub fn fixed(token: &[u8], vault: [u8; 32]) -> Keys {
        Keys {
            token: token.to_vec(),
            vault,
            ephemeral: false,
        }
    }
}

/// The key variables for child processes that must read each other's tokens (the stage
/// processes of `frontdesk bench chaos`): this process's values where set, else a fresh
/// random pair, base64.
pub fn child_env(cfg: &PrivacyConfig) -> Vec<(String, String)> {
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    [&cfg.token_key_env, &cfg.vault_key_env]
        .into_iter()
        .map(|name| {
            let value = std::env::var(name)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| b64(&random::<32>()));
            (name.clone(), value)
        })
        .collect()
}

/// `N` bytes from the operating system's random source.
pub(super) fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, String)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn keys_come_from_the_environment_and_never_print() {
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let cfg = PrivacyConfig::default();
        let vars = [
            ("FRONTDESK_TOKEN_KEY", b64(&[7u8; 40])),
            ("FRONTDESK_VAULT_KEY", b64(&[9u8; 32])),
        ];
        let k = Keys::load_with(&cfg, false, &env(&vars)).unwrap();
        assert!(!k.ephemeral);
        assert_eq!(k.vault, [9u8; 32]);
        assert!(!format!("{k:?}").contains("9, 9"));

        let missing = Keys::load_with(&cfg, false, &env(&vars[..1])).unwrap_err();
        assert!(
            missing.to_string().contains("FRONTDESK_VAULT_KEY"),
            "{missing}"
        );
        let short = [("FRONTDESK_TOKEN_KEY", b64(&[1u8; 8])), vars[1].clone()];
        let err = Keys::load_with(&cfg, false, &env(&short)).unwrap_err();
        assert!(err.to_string().contains("at least 32"), "{err}");
        assert!(!err.to_string().contains(&b64(&[1u8; 8])));

        let demo = Keys::load_with(&cfg, true, &env(&[])).unwrap();
        assert!(demo.ephemeral);
        let other = Keys::load_with(&cfg, true, &env(&[])).unwrap();
        assert_eq!(
            demo.vault, other.vault,
            "one key per process: its stages agree"
        );
        assert_ne!(demo.vault, [0u8; 32]);
    }
}
