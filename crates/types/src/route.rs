//! The router's decision: which intents a ticket carries, how much the agent may do about
//! them ([`Band`]) and which tools it may use.

use serde::{Deserialize, Serialize};

/// How much the agent may do for an intent, ordered from least to most risky.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Read-only, low risk: the agent may answer alone.
    Autonomous,
    /// May act within policy limits (after the policy gates and the customer's yes).
    Conditional,
    /// A human always takes it.
    AlwaysEscalate,
}

impl Band {
    /// The riskiest of `bands`; `AlwaysEscalate` when there are none (nothing to act on).
    pub fn riskiest(bands: impl IntoIterator<Item = Band>) -> Band {
        bands.into_iter().max().unwrap_or(Band::AlwaysEscalate)
    }

    /// The name used in config and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Autonomous => "autonomous",
            Band::Conditional => "conditional",
            Band::AlwaysEscalate => "always_escalate",
        }
    }
}

/// One intent the router found, with its confidence and band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutedIntent {
    /// Registry key of the intent.
    pub intent: String,
    /// Classifier confidence in [0, 1].
    pub confidence: f64,
    /// Band after the confidence rule.
    pub band: Band,
}

/// The router's decision for one ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Route {
    /// Every intent of the ticket, in the order they appear in it.
    pub intents: Vec<RoutedIntent>,
    /// The riskiest band of them (`AlwaysEscalate` when out of scope).
    pub band: Band,
    /// Tools this ticket may use (empty when out of scope).
    pub allow_list: Vec<String>,
    /// "None of these": never acted on.
    pub out_of_scope: bool,
    /// Which classifier decided.
    pub model: String,
}

impl Route {
    /// The route of a ticket no intent applies to: out of scope, a person decides.
    pub fn out_of_scope(model: &str) -> Route {
        Route {
            intents: Vec::new(),
            band: Band::AlwaysEscalate,
            allow_list: Vec::new(),
            out_of_scope: true,
            model: model.to_owned(),
        }
    }

    /// The highest confidence of its intents (0 when it has none).
    pub fn best_confidence(&self) -> f64 {
        self.intents
            .iter()
            .map(|i| i.confidence)
            .fold(0.0_f64, f64::max)
    }

    /// The registry keys of its intents, in order.
    pub fn intent_keys(&self) -> impl Iterator<Item = &str> {
        self.intents.iter().map(|i| i.intent.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_order_by_risk() {
        assert!(Band::Autonomous < Band::Conditional);
        assert!(Band::Conditional < Band::AlwaysEscalate);
        assert_eq!(
            Band::riskiest([Band::Autonomous, Band::Conditional]),
            Band::Conditional
        );
        assert_eq!(Band::riskiest([]), Band::AlwaysEscalate);
        assert_eq!(Band::AlwaysEscalate.as_str(), "always_escalate");
    }

    #[test]
    fn out_of_scope_routes_escalate_and_allow_nothing() {
        let r = Route::out_of_scope("test");
        assert!(r.out_of_scope && r.allow_list.is_empty());
        assert_eq!(r.band, Band::AlwaysEscalate);
        assert_eq!(r.best_confidence(), 0.0);
    }
}
