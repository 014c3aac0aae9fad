//! The intent registry (`config/intents.toml`) and routing.
//!
//! Each intent has an autonomy [`Band`], a tool allow-list, a confidence
//! threshold and a downgrade rule, plus the Bitext intents mapped onto it.
//! [`Registry::route`] turns a ticket into a [`Route`]: it classifies the
//! whole text and each clause, keeps the distinct confident intents, applies
//! the per-intent threshold (below it an intent never stays autonomous) and
//! takes the riskiest band. Out of scope is its own outcome, never acted on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::classifier::{Classification, Classifier};
pub use crate::clauses::split_clauses;

/// The sandbox store's tools, as named by the tools stage.
pub const KNOWN_TOOLS: [&str; 13] = [
    "find_user_id_by_email",
    "find_user_id_by_name_zip",
    "get_user_details",
    "get_order_details",
    "get_product_details",
    "list_all_product_types",
    "cancel_pending_order",
    "modify_pending_order_address",
    "modify_pending_order_payment",
    "modify_pending_order_items",
    "return_delivered_order_items",
    "exchange_delivered_order_items",
    "modify_user_address",
];

pub use frontdesk_types::{Band, Route, RoutedIntent};

/// What happens to an intent whose confidence is below its threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Downgrade {
    /// An autonomous intent becomes conditional (others keep their band).
    #[default]
    Conditional,
    /// The intent escalates to a human.
    Escalate,
}

fn default_threshold() -> f32 {
    0.5
}

/// One intent of the registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntentSpec {
    /// What the intent covers (for people and for the LLM router's prompt).
    pub description: String,
    /// Autonomy band when confident.
    pub band: Band,
    /// Tools the agent may call for this intent.
    #[serde(default)]
    pub tools: Vec<String>,
    /// Confidence below which the downgrade rule applies.
    #[serde(default = "default_threshold")]
    pub threshold: f32,
    /// The downgrade rule.
    #[serde(default)]
    pub below_threshold: Downgrade,
    /// Bitext intents mapped onto this one.
    #[serde(default)]
    pub bitext: Vec<String>,
}

/// Multi-intent routing settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingConfig {
    /// At most this many intents per ticket.
    pub max_intents: usize,
    /// Clauses shorter than this (in words) are not classified on their own.
    pub min_clause_words: usize,
    /// A clause adds an intent only at or above this confidence (and the
    /// intent's own threshold).
    #[serde(default = "default_clause_confidence")]
    pub min_clause_confidence: f32,
    /// An always-escalate intent that only a clause carries, in a ticket where
    /// another clause confidently asks for something else, counts only at or
    /// above this confidence: one aside of a long email ("I'm very
    /// disappointed") does not hand the whole request to a person, while a
    /// real threat, deletion or fraud report (confident) still does.
    #[serde(default = "default_escalate_clause_confidence")]
    pub min_escalate_clause_confidence: f32,
    /// A clause whose intent reaches the intent's own threshold, but not
    /// `min_clause_confidence`, adds that intent's tools to the allow-list
    /// without naming the intent: the second request of an e-mail ("also, the
    /// bookshelf in black instead of white") is often read less surely than the
    /// first, and every write still needs the customer's "yes" and the gates.
    /// Off (`false`): the allow-list is the named intents' tools only.
    #[serde(default = "default_clause_tools")]
    pub clause_tools: bool,
}

fn default_clause_tools() -> bool {
    true
}

fn default_clause_confidence() -> f32 {
    0.5
}

fn default_escalate_clause_confidence() -> f32 {
    0.7
}

impl Default for RoutingConfig {
    fn default() -> Self {
        Self {
            max_intents: 5,
            min_clause_words: 3,
            min_clause_confidence: default_clause_confidence(),
            min_escalate_clause_confidence: default_escalate_clause_confidence(),
            clause_tools: default_clause_tools(),
        }
    }
}

/// The whole registry file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// Multi-intent settings.
    #[serde(default)]
    pub routing: RoutingConfig,
    /// Intents by key.
    pub intents: BTreeMap<String, IntentSpec>,
}

/// Errors from loading or validating a registry.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown fields.
    #[error("intent registry: {0}")]
    Toml(#[from] toml::de::Error),
    /// The registry parses but is inconsistent.
    #[error("intent registry: {0}")]
    Invalid(String),
}

/// The `model` a registry route names: the offline intent model under the registry's rules.
pub const ROUTE_MODEL: &str = "linear-ngram";

impl Registry {
    /// Parses and validates a registry from TOML text.
    pub fn from_toml_str(text: &str) -> Result<Self, RegistryError> {
        let registry: Registry = toml::from_str(text)?;
        registry.validate()?;
        Ok(registry)
    }

    /// Reads, parses and validates a registry file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, RegistryError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| RegistryError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml_str(&text)
    }

    fn validate(&self) -> Result<(), RegistryError> {
        if self.intents.is_empty() {
            return Err(RegistryError::Invalid("no intents".into()));
        }
        let mut mapped = BTreeMap::new();
        for (key, spec) in &self.intents {
            if key == crate::data::OOS_LABEL {
                return Err(RegistryError::Invalid(
                    "`oos` is reserved for out of scope".into(),
                ));
            }
            if !(0.0..=1.0).contains(&spec.threshold) {
                return Err(RegistryError::Invalid(format!(
                    "{key}: threshold must be in [0, 1]"
                )));
            }
            for tool in &spec.tools {
                if !KNOWN_TOOLS.contains(&tool.as_str()) {
                    return Err(RegistryError::Invalid(format!(
                        "{key}: unknown tool `{tool}`"
                    )));
                }
            }
            for b in &spec.bitext {
                if let Some(other) = mapped.insert(b.clone(), key.clone()) {
                    return Err(RegistryError::Invalid(format!(
                        "bitext intent `{b}` mapped to both `{other}` and `{key}`"
                    )));
                }
            }
        }
        Ok(())
    }

    /// The registry intent a Bitext intent maps onto, if any.
    pub fn map_bitext(&self, bitext_intent: &str) -> Option<&str> {
        self.intents
            .iter()
            .find(|(_, s)| s.bitext.iter().any(|b| b == bitext_intent))
            .map(|(k, _)| k.as_str())
    }

    /// Relabels examples onto the registry: a registry intent or `oos`
    /// stays, a Bitext intent listed under a registry intent becomes that
    /// intent, any other row is left out.
    pub fn map_bitext_examples(
        &self,
        examples: &[crate::data::Example],
    ) -> Vec<crate::data::Example> {
        examples
            .iter()
            .filter_map(|e| {
                if e.intent == crate::data::OOS_LABEL || self.intents.contains_key(&e.intent) {
                    return Some(e.clone());
                }
                self.map_bitext(&e.intent)
                    .map(|k| crate::data::Example::new(e.text.clone(), k))
            })
            .collect()
    }

    /// Band of `intent` at `confidence` after the threshold rule.
    pub fn band_for(&self, intent: &str, confidence: f32) -> Option<Band> {
        let spec = self.intents.get(intent)?;
        if confidence >= spec.threshold {
            return Some(spec.band);
        }
        Some(match (spec.band, spec.below_threshold) {
            (_, Downgrade::Escalate) | (Band::AlwaysEscalate, _) => Band::AlwaysEscalate,
            (Band::Autonomous | Band::Conditional, Downgrade::Conditional) => Band::Conditional,
        })
    }

    /// Routes a ticket: classifies it whole and clause by clause. Build the text with
    /// [`crate::letter::routed_text`] so that a salutation is not read as a request.
    pub fn route<C: Classifier + ?Sized>(&self, classifier: &C, text: &str) -> Route {
        let whole = classifier.classify(text);
        let clauses = split_clauses(text);
        let parts: Vec<Classification> = if clauses.len() > 1 {
            clauses
                .iter()
                .map(|(a, b)| &text[*a..*b])
                .filter(|c| c.split_whitespace().count() >= self.routing.min_clause_words)
                .map(|c| classifier.classify(c))
                .collect()
        } else {
            Vec::new()
        };
        self.route_classifications(&whole, &parts)
    }

    /// Routes from a whole-ticket classification and per-clause ones.
    ///
    /// The whole ticket's best intent counts at any confidence when no clause
    /// is confident (the threshold rule then sets its band), else only at the
    /// clause gate; a clause's intent counts only at or above its
    /// threshold and `routing.min_clause_confidence`. Labels unknown to the registry are treated as out of scope.
    pub fn route_classifications(
        &self,
        whole: &Classification,
        clauses: &[Classification],
    ) -> Route {
        let mut found: Vec<(String, f32)> = Vec::new();
        let mut add = |label: &str, conf: f32| {
            if let Some(existing) = found.iter_mut().find(|(l, _)| l == label) {
                existing.1 = existing.1.max(conf);
            } else {
                found.push((label.to_string(), conf));
            }
        };
        let mut clause_hits: Vec<(String, f32, Band)> = Vec::new();
        let mut clause_tools: BTreeSet<String> = BTreeSet::new();
        for c in clauses {
            let label = c.label();
            if c.out_of_scope {
                continue;
            }
            if let Some(spec) = self.intents.get(label) {
                if c.confidence() >= spec.threshold.max(self.routing.min_clause_confidence) {
                    clause_hits.push((label.to_string(), c.confidence(), spec.band));
                } else if self.routing.clause_tools
                    && spec.band != Band::AlwaysEscalate
                    && c.confidence() >= spec.threshold
                {
                    clause_tools.extend(spec.tools.iter().cloned());
                }
            }
        }
        let whole_label = whole.label();
        // an aside next to a confident request of another band needs more to escalate
        let other_request = clause_hits
            .iter()
            .any(|(_, _, b)| *b != Band::AlwaysEscalate);
        if other_request {
            let bar = self.routing.min_escalate_clause_confidence;
            clause_hits
                .retain(|(l, c, b)| *b != Band::AlwaysEscalate || *c >= bar || l == whole_label);
        }
        if let (false, Some(spec)) = (whole.out_of_scope, self.intents.get(whole_label)) {
            // When confident clauses name the requests, an unsure reading of the
            // whole ticket (a long message mixing story and requests) adds noise, not
            // an intent: it counts only at the clause gate (an always-escalate
            // reading still counts).
            let gate = spec.threshold.max(self.routing.min_clause_confidence);
            let unsure = !clause_hits.is_empty()
                && whole.confidence() < gate
                && spec.band != Band::AlwaysEscalate;
            // keep ticket order when the clauses agree with the whole
            if !unsure && !clause_hits.iter().any(|(l, _, _)| l == whole_label) {
                add(whole_label, whole.confidence());
            }
        }
        for (l, c, _) in clause_hits {
            add(&l, c);
        }
        found.truncate(self.routing.max_intents.max(1));
        if found.is_empty() {
            return Route::out_of_scope(ROUTE_MODEL);
        }
        let mut tools = clause_tools;
        let intents: Vec<RoutedIntent> = found
            .into_iter()
            .filter_map(|(intent, confidence)| {
                let band = self.band_for(&intent, confidence)?;
                if let Some(spec) = self.intents.get(&intent) {
                    tools.extend(spec.tools.iter().cloned());
                }
                Some(RoutedIntent {
                    intent,
                    confidence: f64::from(confidence),
                    band,
                })
            })
            .collect();
        let band = Band::riskiest(intents.iter().map(|i| i.band));
        Route {
            intents,
            band,
            allow_list: tools.into_iter().collect(),
            out_of_scope: false,
            model: ROUTE_MODEL.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[routing]
max_intents = 3
min_clause_words = 2

[intents.order_status]
description = "where is my order"
band = "autonomous"
tools = ["get_order_details"]
threshold = 0.6
below_threshold = "conditional"
bitext = ["track_order"]

[intents.cancel_order]
description = "cancel"
band = "conditional"
tools = ["cancel_pending_order", "get_order_details"]
threshold = 0.5
below_threshold = "escalate"
bitext = ["cancel_order"]

[intents.human_agent]
description = "asks for a human"
band = "always_escalate"
"#;

    fn cls(label: &str, conf: f32) -> Classification {
        Classification {
            top: vec![(label.to_string(), conf)],
            out_of_scope: label == "oos",
        }
    }

    #[test]
    fn parses_and_validates() {
        let r = Registry::from_toml_str(SAMPLE).unwrap();
        assert_eq!(r.map_bitext("track_order"), Some("order_status"));
        assert_eq!(r.intents["human_agent"].threshold, 0.5);
        let bad_tool = SAMPLE.replace("\"get_order_details\"]", "\"launch_rockets\"]");
        assert!(Registry::from_toml_str(&bad_tool).is_err());
        let unknown_field = SAMPLE.replace("max_intents = 3", "max_intents = 3\nfoo = 1");
        assert!(Registry::from_toml_str(&unknown_field).is_err());
        let double = SAMPLE.replace("bitext = [\"cancel_order\"]", "bitext = [\"track_order\"]");
        assert!(Registry::from_toml_str(&double).is_err());
    }

    #[test]
    fn a_clause_between_threshold_and_gate_adds_tools_not_an_intent() {
        // cancel_order's threshold is 0.5 in SAMPLE; raise the clause gate above it
        let mut r2 = Registry::from_toml_str(SAMPLE).unwrap();
        r2.routing.min_clause_confidence = 0.7;
        let route = r2.route_classifications(
            &cls("order_status", 0.9),
            &[cls("order_status", 0.9), cls("cancel_order", 0.6)],
        );
        assert_eq!(route.intents.len(), 1, "{route:?}");
        assert_eq!(route.band, Band::Autonomous);
        assert!(route
            .allow_list
            .contains(&"cancel_pending_order".to_owned()));
        // below the intent's own threshold: nothing
        let low = r2.route_classifications(
            &cls("order_status", 0.9),
            &[cls("order_status", 0.9), cls("cancel_order", 0.4)],
        );
        assert!(!low.allow_list.contains(&"cancel_pending_order".to_owned()));
        // switched off
        r2.routing.clause_tools = false;
        let off = r2.route_classifications(
            &cls("order_status", 0.9),
            &[cls("order_status", 0.9), cls("cancel_order", 0.6)],
        );
        assert_eq!(off.allow_list, vec!["get_order_details"]);
    }

    #[test]
    fn threshold_downgrades_and_riskiest_band_wins() {
        let r = Registry::from_toml_str(SAMPLE).unwrap();
        assert_eq!(r.band_for("order_status", 0.9), Some(Band::Autonomous));
        assert_eq!(r.band_for("order_status", 0.3), Some(Band::Conditional));
        assert_eq!(r.band_for("cancel_order", 0.3), Some(Band::AlwaysEscalate));
        let route = r.route_classifications(
            &cls("order_status", 0.9),
            &[cls("order_status", 0.9), cls("cancel_order", 0.8)],
        );
        assert_eq!(route.intents.len(), 2);
        assert_eq!(route.band, Band::Conditional);
        assert_eq!(
            route.allow_list,
            vec!["cancel_pending_order", "get_order_details"]
        );
        let oos = r.route_classifications(&cls("oos", 0.9), &[cls("oos", 0.9)]);
        assert!(oos.out_of_scope && oos.allow_list.is_empty() && oos.intents.is_empty());
        // unconfident clause intents are ignored
        let one = r.route_classifications(&cls("order_status", 0.9), &[cls("cancel_order", 0.2)]);
        assert_eq!(one.intents.len(), 1);
        assert_eq!(one.band, Band::Autonomous);
        // an unsure whole-ticket reading does not add to confident clauses
        let mixed = r.route_classifications(
            &cls("cancel_order", 0.3),
            &[cls("order_status", 0.9), cls("oos", 0.8)],
        );
        assert_eq!(mixed.intents.len(), 1, "{mixed:?}");
        assert_eq!(mixed.intents[0].intent, "order_status");
        assert_eq!(mixed.band, Band::Autonomous);
        // an unsure always-escalate reading of the whole still counts
        let whole_human =
            r.route_classifications(&cls("human_agent", 0.3), &[cls("order_status", 0.9)]);
        assert_eq!(whole_human.band, Band::AlwaysEscalate);
        // an always-escalate aside next to a confident request needs the higher bar
        let aside = r.route_classifications(
            &cls("cancel_order", 0.9),
            &[cls("human_agent", 0.6), cls("cancel_order", 0.9)],
        );
        assert_eq!(aside.band, Band::Conditional, "{aside:?}");
        let threat = r.route_classifications(
            &cls("cancel_order", 0.9),
            &[cls("human_agent", 0.8), cls("cancel_order", 0.9)],
        );
        assert_eq!(threat.band, Band::AlwaysEscalate, "{threat:?}");
        // alone, an escalate clause keeps the ordinary clause gate
        let alone_human = r.route_classifications(
            &cls("oos", 0.9),
            &[cls("human_agent", 0.6), cls("oos", 0.9)],
        );
        assert_eq!(alone_human.band, Band::AlwaysEscalate, "{alone_human:?}");
        // ... but still counts (and downgrades) when it is all there is
        let alone = r.route_classifications(&cls("cancel_order", 0.3), &[cls("oos", 0.8)]);
        assert_eq!(alone.band, Band::AlwaysEscalate);
    }

    #[test]
    fn shipped_registry_is_valid() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../config/intents.toml");
        let r = Registry::load(path).unwrap();
        assert!(r.intents.values().any(|s| s.band == Band::AlwaysEscalate));
        let bitext = crate::data::load_labelled_csv(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/intents/bitext_dev.csv"
        ))
        .unwrap();
        let labels: BTreeSet<&str> = bitext.iter().map(|e| e.intent.as_str()).collect();
        assert_eq!(labels.len(), 27);
        for b in labels {
            assert!(r.map_bitext(b).is_some(), "{b} unmapped");
        }
        assert_eq!(r.map_bitext("delete_account"), Some("data_request"));
        assert_eq!(r.intents["data_request"].band, Band::AlwaysEscalate);
    }

    #[test]
    fn a_fourth_request_keeps_its_tools() {
        // an exchange, how to pay and a cancellation, with the whole e-mail read as an item
        // change: the cancellation's tools must stay on the allow-list
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../config/intents.toml");
        let r = Registry::load(path).unwrap();
        let route = r.route_classifications(
            &cls("modify_order_items", 0.55),
            &[
                cls("exchange_order", 1.0),
                cls("modify_order_payment", 0.6),
                cls("cancel_order", 0.9),
            ],
        );
        assert_eq!(route.intents.len(), 4, "{route:?}");
        assert!(route
            .allow_list
            .contains(&"cancel_pending_order".to_owned()));
    }
}
