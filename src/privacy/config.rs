//! `[privacy]` (tokenisation and the vault) and `[retention]` (how long each table keeps
//! its rows).

use std::time::Duration;

use frontdesk_guard::PiiKind;
use serde::{Deserialize, Serialize};

/// `[privacy]`: PII in the customer's text is replaced by tokens at the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    /// Tokenise PII at ingress (the router, and the gateway, mail poller and import
    /// before they publish). Off: customer text travels as it was written.
    pub enabled: bool,
    /// Environment variable holding the token key (base64, at least 32 bytes): tokens are
    /// HMAC-SHA256 of (conversation, kind, value) under it.
    pub token_key_env: String,
    /// Environment variable holding the vault key (base64 of exactly 32 bytes): the
    /// originals are encrypted with AES-256-GCM under it.
    pub vault_key_env: String,
    /// The kinds replaced by tokens (Presidio labels).
    pub kinds: Vec<PiiKind>,
    /// The kinds the tools stage reveals to the offline planner, in memory, for the turn it
    /// plans: it reads names, zip codes and street lines to find an account, check a claimed
    /// identity and take a new address apart. What the planner hands on (writes, reply,
    /// state) holds tokens again, a name's words and an address's lines each their own
    /// (see `docs/ARCHITECTURE.md`, "Privacy"). A planner model is never shown them.
    pub planner_reads: Vec<PiiKind>,
    /// The kinds a reply to the customer shows in clear (their own values, revealed by
    /// `frontdesk deliver`); a token of any other kind is shown as the guard's placeholder
    /// (`[CARD ****1111]`, `[SSN]`).
    pub reply_reveals: Vec<PiiKind>,
    /// Patterns (regex, whole value) of the store's own identifiers, which a recogniser may
    /// take for PII but which the pipeline needs in clear: by default order ids
    /// (`#W1234567`) and the ten-digit item and product ids, which the phone recogniser
    /// would otherwise take for a number written without separators.
    pub keep_clear: Vec<String>,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            enabled: true,
            token_key_env: "FRONTDESK_TOKEN_KEY".to_owned(),
            vault_key_env: "FRONTDESK_VAULT_KEY".to_owned(),
            kinds: vec![
                PiiKind::Email,
                PiiKind::Phone,
                PiiKind::CreditCard,
                PiiKind::UsSsn,
                PiiKind::Iban,
                PiiKind::IpAddress,
                PiiKind::Person,
                PiiKind::StreetAddress,
            ],
            planner_reads: vec![PiiKind::Person, PiiKind::StreetAddress],
            reply_reveals: vec![
                PiiKind::Email,
                PiiKind::Phone,
                PiiKind::Person,
                PiiKind::StreetAddress,
            ],
            keep_clear: vec![r"#?W\d{7}".to_owned(), r"\d{10}".to_owned()],
        }
    }
}

/// `[retention]`: how long each state table keeps a row, by the row's own time column.
/// Applied by `frontdesk retention run`. `0s` keeps a table's rows for ever. Topic
/// retention is the broker's `retention.ms` (see `docs/ARCHITECTURE.md`, "Retention").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// `pii_vault` rows, by `created_at`: past it, the tokens left anywhere are unreadable.
    #[serde(with = "humantime_serde")]
    pub pii_vault: Duration,
    /// `turns` (the transcript), by `at`.
    #[serde(with = "humantime_serde")]
    pub turns: Duration,
    /// `conversations` and their `conversation_states`, by the conversation's `updated_at`.
    #[serde(with = "humantime_serde")]
    pub conversations: Duration,
    /// `handoffs` no longer open (closed, returned, superseded), by `handed_off_at`.
    #[serde(with = "humantime_serde")]
    pub handoffs: Duration,
    /// `processed_tickets`, by `finished_at`; keep it longer than the inbound topics'
    /// retention, or a redelivered ticket could be answered twice.
    #[serde(with = "humantime_serde")]
    pub processed_tickets: Duration,
    /// `channel_inbox` (origins, reply addresses), by `claimed_at`.
    #[serde(with = "humantime_serde")]
    pub channel_inbox: Duration,
    /// `channel_outbox`, by `updated_at`.
    #[serde(with = "humantime_serde")]
    pub channel_outbox: Duration,
    /// `mail_threads`, by `created_at`.
    #[serde(with = "humantime_serde")]
    pub mail_threads: Duration,
    /// `console_events` and `console_replies` (what people did and wrote), by their time.
    #[serde(with = "humantime_serde")]
    pub console_history: Duration,
}

const DAY: u64 = 24 * 3600;

impl Default for RetentionConfig {
    fn default() -> Self {
        let days = |n: u64| Duration::from_secs(n * DAY);
        RetentionConfig {
            pii_vault: days(90),
            turns: days(90),
            conversations: days(90),
            handoffs: days(180),
            processed_tickets: days(30),
            channel_inbox: days(30),
            channel_outbox: days(30),
            mail_threads: days(180),
            console_history: days(365),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_parses_human_durations_and_refuses_unknown_tables() {
        let r: RetentionConfig = toml::from_str("turns = \"30d\"\npii_vault = \"0s\"").unwrap();
        assert_eq!(r.turns, Duration::from_secs(30 * DAY));
        assert_eq!(r.pii_vault, Duration::ZERO);
        assert_eq!(r.handoffs, RetentionConfig::default().handoffs);
        assert!(toml::from_str::<RetentionConfig>("tickets = \"1d\"").is_err());
        let p: PrivacyConfig = toml::from_str("kinds = [\"CREDIT_CARD\"]").unwrap();
        assert_eq!(p.kinds, vec![PiiKind::CreditCard]);
        assert!(toml::from_str::<PrivacyConfig>("kinds = [\"card\"]").is_err());
    }
}
