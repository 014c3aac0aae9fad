//! `[shadow]`: where a shadow run keeps what it does, apart from the live system.

use serde::{Deserialize, Serialize};

use crate::config::Config;

/// `[shadow]`: `frontdesk run --shadow` (or `enabled = true`) reads the live inbound
/// topics and writes only to its own topics, consumer groups and state database; the store
/// client refuses every write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ShadowConfig {
    /// Run in shadow mode (`frontdesk run --shadow` sets it).
    pub enabled: bool,
    /// The word that marks the shadow run's names: its topics are
    /// `<topics.prefix>.<marker>.<name>` and its consumer groups
    /// `<kafka.group_prefix>.<marker>.<stage>`. `frontdesk deliver` refuses to start on
    /// topics whose prefix ends with it.
    pub marker: String,
    /// The shadow run's own state database (conversations, turns, planner state, write
    /// ledger, PII vault): never the live `state.url`, whose `processed_tickets` would make
    /// the live pipeline skip tickets the shadow run finished first.
    pub state_url: String,
    /// The state database whose PII vault (`pii_vault`) the shadow run reads and adds to.
    /// Unset: the live `state.url`, because tickets arrive tokenised by the live gateway,
    /// mail poller or import, and the store's reads need their values; a vault row is the
    /// same for the same value in the same conversation, so the shadow run adds only rows
    /// the live router adds too. Nothing else of the live database is touched.
    pub vault_url: Option<String>,
}

impl Default for ShadowConfig {
    fn default() -> Self {
        ShadowConfig {
            enabled: false,
            marker: "shadow".to_owned(),
            state_url: "sqlite://.frontdesk/shadow.db?mode=rwc".to_owned(),
            vault_url: None,
        }
    }
}

impl ShadowConfig {
    /// The shadow run's topic prefix for a config's live one.
    pub fn topic_prefix(&self, cfg: &Config) -> String {
        format!("{}.{}", cfg.topics.prefix, self.marker)
    }

    /// The shadow run's consumer-group prefix for a config's live one.
    pub fn group_prefix(&self, cfg: &Config) -> String {
        format!("{}.{}", cfg.kafka.group_prefix, self.marker)
    }

    /// Cross-field rules (checked whether or not the run is a shadow run, so a bad section
    /// is found before it is switched on).
    pub fn validate(&self, cfg: &Config) -> Result<(), String> {
        if self.marker.is_empty() || self.marker.contains(['.', ' ']) {
            return Err(format!(
                "shadow.marker `{}` must be one non-empty word without dots",
                self.marker
            ));
        }
        if self.state_url == cfg.state.url {
            return Err(
                "shadow.state_url must not be the live state.url: a shadow run keeps its own state"
                    .to_owned(),
            );
        }
        Ok(())
    }
}
