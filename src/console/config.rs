//! `[console]`: the agent-assist console's listen address, access and learning thresholds.

use std::net::IpAddr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The agent-assist console (`frontdesk console serve`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConsoleConfig {
    /// `host:port` to serve the console on (`--listen` overrides it).
    pub listen: String,
    /// Suffix of the console's consumer group on the handoffs topic: the group is
    /// `<kafka.group_prefix>.<group>`. Every replica uses the same group, so each handoff is
    /// stored once per group read (and the upsert by ticket id makes a redelivery harmless).
    pub group: String,
    /// Trust the signed-in user's name from this request header (an oauth2-proxy style
    /// reverse proxy, e.g. `X-Forwarded-User`) instead of the sign-in form. Only requests
    /// from `trusted_proxies` are believed; the user must exist (`frontdesk console user
    /// add`), which is where their roles come from.
    pub identity_header: Option<String>,
    /// Peer addresses whose identity header is believed; required with `identity_header`.
    pub trusted_proxies: Vec<IpAddr>,
    /// When session cookies carry `Secure`.
    pub secure_cookies: SecureCookies,
    /// How long a session lasts after sign-in.
    #[serde(with = "humantime_serde")]
    pub session_ttl: Duration,
    /// Rows per queue page.
    pub page_size: u32,
    /// A sent draft whose edit distance (Levenshtein, in characters) divided by the longer
    /// text's length is at most this was "lightly edited"; above it, "rewritten"; zero is
    /// "sent unchanged". A choice, not a tuned figure: one word changed in a two-sentence
    /// reply is light, a new paragraph is not.
    pub light_edit_ratio: f64,
}

/// When a session cookie is marked `Secure` (sent only over TLS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecureCookies {
    /// When the request came over TLS as a trusted proxy says (`X-Forwarded-Proto: https`).
    Auto,
    /// Always (the console is only reached over TLS).
    Always,
    /// Never (plain HTTP on loopback, e.g. tests).
    Never,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        ConsoleConfig {
            listen: "127.0.0.1:8090".to_owned(),
            group: "console".to_owned(),
            identity_header: None,
            trusted_proxies: Vec::new(),
            secure_cookies: SecureCookies::Auto,
            session_ttl: Duration::from_secs(12 * 3600),
            page_size: 100,
            light_edit_ratio: 0.2,
        }
    }
}

impl ConsoleConfig {
    /// Cross-field rules.
    pub fn validate(&self) -> Result<(), String> {
        if self.identity_header.is_some() && self.trusted_proxies.is_empty() {
            return Err("console.identity_header needs console.trusted_proxies: an identity header from anyone else would let anyone sign in as anyone".to_owned());
        }
        if !(0.0..=1.0).contains(&self.light_edit_ratio) {
            return Err("console.light_edit_ratio must be between 0 and 1".to_owned());
        }
        if self.page_size == 0 {
            return Err("console.page_size must be at least 1".to_owned());
        }
        Ok(())
    }
}
