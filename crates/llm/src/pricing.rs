//! Accounting: tokens, the price table, and a ledger of cost per conversation.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// Tokens billed for one call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Prompt tokens.
    pub input_tokens: u64,
    /// Completion tokens.
    pub output_tokens: u64,
}

impl Usage {
    /// Cost in USD of this usage on `model` (`None` when `prices` has no entry for it).
    pub fn cost(&self, prices: &PriceTable, model: &str) -> Option<f64> {
        prices.get(model).map(|p| p.cost(self))
    }
}

/// Prices of one model, USD per million tokens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelPrice {
    /// USD per million input tokens.
    pub input_usd_per_mtok: f64,
    /// USD per million output tokens.
    pub output_usd_per_mtok: f64,
}

impl ModelPrice {
    /// Cost in USD of `usage`.
    pub fn cost(&self, usage: &Usage) -> f64 {
        (usage.input_tokens as f64 * self.input_usd_per_mtok
            + usage.output_tokens as f64 * self.output_usd_per_mtok)
            / 1_000_000.0
    }
}

/// Model name → price. A response's model (often dated, `claude-haiku-4-5-20251001`,
/// `gpt-4o-mini-2024-07-18`) matches its exact entry, else the longest entry it starts with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PriceTable(pub BTreeMap<String, ModelPrice>);

impl PriceTable {
    /// The price of `model`: exact entry, else the longest prefix entry.
    pub fn get(&self, model: &str) -> Option<&ModelPrice> {
        self.0.get(model).or_else(|| {
            self.0
                .iter()
                .filter(|(name, _)| model.starts_with(name.as_str()))
                .max_by_key(|(name, _)| name.len())
                .map(|(_, p)| p)
        })
    }
}

/// Tokens and cost summed over the calls of one conversation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationCost {
    /// Number of calls.
    pub calls: u64,
    /// Input tokens.
    pub input_tokens: u64,
    /// Output tokens.
    pub output_tokens: u64,
    /// Cost in USD of the calls whose model had a price.
    pub cost_usd: f64,
    /// Calls whose model had no price (their cost is not in `cost_usd`).
    pub unpriced_calls: u64,
}

/// Sums tokens and cost per conversation id; shared by the stages of one process
/// (interior mutability). [`Ledger::take`] hands a conversation's totals to the
/// resolution or handoff record.
#[derive(Debug, Default)]
pub struct Ledger {
    prices: PriceTable,
    totals: Mutex<HashMap<String, ConversationCost>>,
}

impl Ledger {
    /// An empty ledger pricing calls with `prices`.
    pub fn new(prices: PriceTable) -> Self {
        Self {
            prices,
            totals: Mutex::new(HashMap::new()),
        }
    }

    /// Adds one call on `model` to `conversation_id`; returns its cost, if priced.
    pub fn record(&self, conversation_id: &str, model: &str, usage: &Usage) -> Option<f64> {
        let cost = usage.cost(&self.prices, model);
        let mut totals = self.totals.lock().unwrap_or_else(|e| e.into_inner());
        let t = totals.entry(conversation_id.to_owned()).or_default();
        t.calls += 1;
        t.input_tokens += usage.input_tokens;
        t.output_tokens += usage.output_tokens;
        match cost {
            Some(c) => t.cost_usd += c,
            None => t.unpriced_calls += 1,
        }
        cost
    }

    /// The totals of a conversation so far.
    pub fn get(&self, conversation_id: &str) -> Option<ConversationCost> {
        let totals = self.totals.lock().unwrap_or_else(|e| e.into_inner());
        totals.get(conversation_id).copied()
    }

    /// Removes and returns a conversation's totals (when its record is written).
    pub fn take(&self, conversation_id: &str) -> Option<ConversationCost> {
        let mut totals = self.totals.lock().unwrap_or_else(|e| e.into_inner());
        totals.remove(conversation_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prices() -> PriceTable {
        let mut m = BTreeMap::new();
        m.insert(
            "claude-haiku-4-5".to_owned(),
            ModelPrice {
                input_usd_per_mtok: 1.0,
                output_usd_per_mtok: 5.0,
            },
        );
        m.insert(
            "gpt-4o".to_owned(),
            ModelPrice {
                input_usd_per_mtok: 2.5,
                output_usd_per_mtok: 10.0,
            },
        );
        m.insert(
            "gpt-4o-mini".to_owned(),
            ModelPrice {
                input_usd_per_mtok: 0.15,
                output_usd_per_mtok: 0.6,
            },
        );
        PriceTable(m)
    }

    #[test]
    fn cost_is_per_million_tokens() {
        let u = Usage {
            input_tokens: 2_000,
            output_tokens: 400,
        };
        let c = u.cost(&prices(), "claude-haiku-4-5").unwrap();
        assert!((c - 0.004).abs() < 1e-12, "{c}");
    }

    #[test]
    fn dated_model_names_match_the_longest_prefix() {
        let p = prices();
        assert_eq!(
            p.get("gpt-4o-mini-2024-07-18").unwrap().input_usd_per_mtok,
            0.15
        );
        assert_eq!(p.get("gpt-4o-2024-08-06").unwrap().input_usd_per_mtok, 2.5);
        assert!(p.get("llama3").is_none());
    }

    #[test]
    fn ledger_sums_per_conversation() {
        let l = Ledger::new(prices());
        let u = Usage {
            input_tokens: 1_000_000,
            output_tokens: 0,
        };
        l.record("c1", "gpt-4o", &u);
        l.record("c1", "gpt-4o-mini", &u);
        l.record("c1", "llama3", &u);
        l.record("c2", "gpt-4o", &u);
        let c1 = l.get("c1").unwrap();
        assert_eq!(c1.calls, 3);
        assert_eq!(c1.input_tokens, 3_000_000);
        assert_eq!(c1.unpriced_calls, 1);
        assert!((c1.cost_usd - 2.65).abs() < 1e-9);
        assert_eq!(l.take("c2").unwrap().calls, 1);
        assert!(l.get("c2").is_none());
    }
}
