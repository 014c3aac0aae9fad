//! The router's classifiers behind one seam, [`IntentClassifier`]: the offline model
//! under the intent registry ([`ModelClassifier`]) and a keyword table
//! ([`KeywordClassifier`], for tests and as the smallest working router).

use std::path::Path;

use crate::messages::{Band, Route, RoutedIntent};

/// Decides the route of a ticket's text.
pub trait IntentClassifier: Send + Sync {
    /// Route for `text` (subject and body).
    fn route(&self, text: &str) -> Route;

    /// The intents a model fallback may choose from: (key, description). Empty: no
    /// fallback for this classifier.
    fn intents(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The route of one chosen intent at `confidence`, under the registry's rules.
    fn route_intent(&self, _intent: &str, _confidence: f64) -> Option<Route> {
        None
    }

    /// The intent any unusable model answer becomes (a person handles it).
    fn riskiest(&self) -> String {
        "human_agent".to_owned()
    }
}

/// The minimal classifier: a keyword table. Anything it does not recognise is out of scope.
#[derive(Debug, Default, Clone)]
pub struct KeywordClassifier;

const KEYWORDS: &[(&str, Band, &[&str])] = &[
    (
        "human_agent",
        Band::AlwaysEscalate,
        &["human", "real person", "agent", "representative"],
    ),
    (
        "legal_complaint",
        Band::AlwaysEscalate,
        &["lawyer", "lawsuit", "sue ", "legal action", "attorney"],
    ),
    (
        "data_request",
        Band::AlwaysEscalate,
        &["delete my account", "close my account", "gdpr", "my data"],
    ),
    (
        "fraud_chargeback",
        Band::AlwaysEscalate,
        &["fraud", "chargeback", "stolen", "unauthorized"],
    ),
    ("cancel_order", Band::Conditional, &["cancel"]),
    ("return_order", Band::Conditional, &["return", "refund"]),
    ("exchange_order", Band::Conditional, &["exchange", "swap"]),
    (
        "modify_order_items",
        Band::Conditional,
        &["change the", "modify", "switch"],
    ),
    (
        "order_status",
        Band::Autonomous,
        &[
            "where is", "track", "status", "shipped", "arrive", "delivery",
        ],
    ),
];

impl IntentClassifier for KeywordClassifier {
    fn route(&self, text: &str) -> Route {
        let lower = text.to_lowercase();
        let intents: Vec<RoutedIntent> = KEYWORDS
            .iter()
            .filter(|(_, _, words)| words.iter().any(|w| lower.contains(w)))
            // A keyword hit is weak evidence: never autonomous-grade confidence.
            .map(|(intent, band, _)| RoutedIntent {
                intent: (*intent).to_owned(),
                confidence: 0.5,
                band: *band,
            })
            .collect();
        let band = Band::riskiest(intents.iter().map(|i| i.band));
        Route {
            out_of_scope: intents.is_empty(),
            intents,
            band,
            allow_list: Vec::new(),
            model: "keywords".to_owned(),
        }
    }
}

/// The offline model (`frontdesk-intent`: TF-IDF n-grams and a linear SVM) under the
/// intent registry's bands, thresholds and allow-lists.
pub struct ModelClassifier {
    model: frontdesk_intent::Model,
    registry: frontdesk_intent::Registry,
}

impl ModelClassifier {
    /// Loads the model directory and the registry file (once per process).
    pub fn load(model_dir: &Path, registry: &Path) -> anyhow::Result<Self> {
        use anyhow::Context;
        Ok(ModelClassifier {
            model: frontdesk_intent::Model::load(model_dir).with_context(|| {
                format!(
                    "Failed to load the router model from {}",
                    model_dir.display()
                )
            })?,
            registry: frontdesk_intent::Registry::load(registry).with_context(|| {
                format!("Failed to load the intent registry {}", registry.display())
            })?,
        })
    }
}

impl IntentClassifier for ModelClassifier {
    fn route(&self, text: &str) -> Route {
        self.registry.route(&self.model, text)
    }

    fn intents(&self) -> Vec<(String, String)> {
        self.registry
            .intents
            .iter()
            .map(|(k, s)| (k.clone(), s.description.clone()))
            .collect()
    }

    fn route_intent(&self, intent: &str, confidence: f64) -> Option<Route> {
        self.registry.intents.get(intent)?;
        let whole = frontdesk_intent::Classification {
            top: vec![(intent.to_owned(), confidence as f32)],
            out_of_scope: false,
        };
        Some(self.registry.route_classifications(&whole, &[]))
    }

    fn riskiest(&self) -> String {
        let escalate: Vec<&String> = self
            .registry
            .intents
            .iter()
            .filter(|(_, s)| s.band == Band::AlwaysEscalate)
            .map(|(k, _)| k)
            .collect();
        escalate
            .iter()
            .find(|k| k.as_str() == "human_agent")
            .or(escalate.first())
            .map(|k| (*k).clone())
            .unwrap_or_else(|| "human_agent".to_owned())
    }
}
