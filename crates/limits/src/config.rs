//! The gate's configuration: value ceilings per action and rate limits, versioned.
//!
//! Parsed from TOML (`limits.toml` in this crate is the shipped default and equals
//! [`LimitsConfig::default`]). Unknown keys are errors; durations are humantime strings
//! (`"10m"`, `"1h"`).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::LimitsError;

/// The whole gate configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Version of this policy; copied into every decision's inputs (and so the audit record).
    pub policy_version: String,
    /// What to do with a write action that has no `[ceilings.<action>]` table.
    #[serde(default)]
    pub unlisted_actions: UnlistedActions,
    /// Value ceilings per action name (the tool's name, e.g. `return_delivered_order_items`).
    #[serde(default)]
    pub ceilings: BTreeMap<String, Ceiling>,
    /// Rate limits.
    #[serde(default)]
    pub rates: RateConfig,
}

/// What the gate does with an action that has no ceilings table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnlistedActions {
    /// Deny with rule `unlisted_action` (fail closed): every write must be listed.
    #[default]
    Handoff,
    /// Allow without value ceilings; the rate limits still apply.
    Allow,
}

/// Value ceilings of one action. A missing ceiling is not checked; a value equal to its
/// ceiling is allowed, one above it is denied (rule `value_ceiling`, hand off with the action
/// pre-drafted for a human to approve).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ceiling {
    /// Largest money amount (refund or charge, absolute value, in the store's currency) the
    /// action may move autonomously. `max_refund` is accepted as an alias.
    #[serde(default, alias = "max_refund", skip_serializing_if = "Option::is_none")]
    pub max_amount: Option<f64>,
    /// Largest absolute price difference (exchange or item modification) allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_price_difference: Option<f64>,
    /// Largest number of items the action may touch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
}

/// Write-action rate limits. The per-conversation and per-customer limits are counted in
/// the database (`write_reservations`, `write_ledger`), so they hold across every instance
/// of the stage and across restarts; the per-action rate is in memory, per instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateConfig {
    /// Writes one conversation may make within any `conversation_window` (a sliding window
    /// over the writes reserved in the database, across instances and restarts; a released
    /// reservation frees its place).
    #[serde(default = "default_conversation_max_writes")]
    pub conversation_max_writes: u32,
    /// The window of `conversation_max_writes`.
    #[serde(default = "default_conversation_window", with = "humantime_serde")]
    pub conversation_window: Duration,
    /// Writes one customer may make per UTC day, across conversations and instances
    /// (persisted in the `write_ledger` table). 0 forbids every write.
    #[serde(default = "default_customer_daily_cap")]
    pub customer_daily_cap: u32,
    /// Writes per minute of one action across all customers, **per instance** (in memory;
    /// N instances allow N times this), unless `global_per_minute_by_action` names the action.
    #[serde(default = "default_global_per_minute")]
    pub global_per_minute: u32,
    /// Per-action overrides of `global_per_minute` (per instance too).
    #[serde(default)]
    pub global_per_minute_by_action: BTreeMap<String, u32>,
}

const fn default_conversation_max_writes() -> u32 {
    2
}
const fn default_conversation_window() -> Duration {
    Duration::from_secs(3600)
}
const fn default_customer_daily_cap() -> u32 {
    3
}
const fn default_global_per_minute() -> u32 {
    60
}

impl Default for RateConfig {
    fn default() -> Self {
        RateConfig {
            conversation_max_writes: default_conversation_max_writes(),
            conversation_window: default_conversation_window(),
            customer_daily_cap: default_customer_daily_cap(),
            global_per_minute: default_global_per_minute(),
            global_per_minute_by_action: BTreeMap::from([
                ("return_delivered_order_items".to_owned(), 30),
                ("exchange_delivered_order_items".to_owned(), 30),
            ]),
        }
    }
}

impl Default for LimitsConfig {
    /// The retail store's write actions with conservative ceilings (same as `limits.toml`).
    fn default() -> Self {
        let ceiling = |amount: Option<f64>, diff: Option<f64>, items: Option<u32>| Ceiling {
            max_amount: amount,
            max_price_difference: diff,
            max_items: items,
        };
        LimitsConfig {
            policy_version: "retail-2026-11-24".to_owned(),
            unlisted_actions: UnlistedActions::Handoff,
            ceilings: BTreeMap::from([
                (
                    "cancel_pending_order".to_owned(),
                    ceiling(Some(1000.0), None, None),
                ),
                (
                    "exchange_delivered_order_items".to_owned(),
                    ceiling(None, Some(100.0), Some(5)),
                ),
                (
                    "modify_pending_order_address".to_owned(),
                    Ceiling::default(),
                ),
                (
                    "modify_pending_order_items".to_owned(),
                    ceiling(None, Some(100.0), Some(5)),
                ),
                (
                    "modify_pending_order_payment".to_owned(),
                    ceiling(Some(1000.0), None, None),
                ),
                ("modify_user_address".to_owned(), Ceiling::default()),
                (
                    "return_delivered_order_items".to_owned(),
                    ceiling(Some(500.0), None, Some(5)),
                ),
            ]),
            rates: RateConfig::default(),
        }
    }
}

impl LimitsConfig {
    /// Parses TOML and validates.
    pub fn from_toml_str(text: &str) -> Result<LimitsConfig, LimitsError> {
        let cfg: LimitsConfig =
            toml::from_str(text).map_err(|e| LimitsError::Config(e.to_string()))?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Checks cross-field rules: a non-empty version, non-zero rates and window, finite
    /// non-negative ceilings.
    pub fn validate(&self) -> Result<(), LimitsError> {
        let bad = |m: String| Err(LimitsError::Config(m));
        if self.policy_version.trim().is_empty() {
            return bad("policy_version is empty".into());
        }
        let r = &self.rates;
        if r.conversation_max_writes == 0 {
            return bad("rates.conversation_max_writes must be at least 1".into());
        }
        if r.conversation_window.is_zero() {
            return bad("rates.conversation_window must be positive".into());
        }
        if r.conversation_window < Duration::from_millis(1) {
            return bad("rates.conversation_window must be at least 1ms".into());
        }
        if r.global_per_minute == 0 {
            return bad("rates.global_per_minute must be at least 1".into());
        }
        if let Some((a, _)) = r.global_per_minute_by_action.iter().find(|(_, n)| **n == 0) {
            return bad(format!(
                "rates.global_per_minute_by_action.{a} must be at least 1"
            ));
        }
        for (action, c) in &self.ceilings {
            for (name, v) in [
                ("max_amount", c.max_amount),
                ("max_price_difference", c.max_price_difference),
            ] {
                if let Some(v) = v {
                    if !v.is_finite() || v < 0.0 {
                        return bad(format!(
                            "ceilings.{action}.{name} must be a finite, non-negative number"
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The global per-minute rate of an action.
    pub fn global_per_minute(&self, action: &str) -> u32 {
        self.rates
            .global_per_minute_by_action
            .get(action)
            .copied()
            .unwrap_or(self.rates.global_per_minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_toml_equals_the_default() {
        let text = include_str!("../limits.toml");
        let cfg = LimitsConfig::from_toml_str(text).unwrap();
        assert_eq!(cfg, LimitsConfig::default());
    }

    #[test]
    fn max_refund_is_an_alias_of_max_amount() {
        let cfg = LimitsConfig::from_toml_str(
            "policy_version = \"v1\"\n[ceilings.return_delivered_order_items]\nmax_refund = 500.0\nmax_items = 5\n",
        )
        .unwrap();
        let c = &cfg.ceilings["return_delivered_order_items"];
        assert_eq!(c.max_amount, Some(500.0));
        assert_eq!(c.max_items, Some(5));
        assert_eq!(cfg.rates, RateConfig::default());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        for text in [
            "policy_version = \"v1\"\nsurprise = 1\n",
            "policy_version = \"v1\"\n[ceilings.x]\nmax_refnd = 1.0\n",
            "policy_version = \"v1\"\n[rates]\nconversation_window = \"soon\"\n",
            "policy_version = \"v1\"\n[rates]\nglobal_per_minute = 0\n",
            "policy_version = \"v1\"\n[ceilings.x]\nmax_amount = -1.0\n",
            "policy_version = \"\"\n",
        ] {
            assert!(
                matches!(
                    LimitsConfig::from_toml_str(text),
                    Err(LimitsError::Config(_))
                ),
                "{text}"
            );
        }
    }
}
