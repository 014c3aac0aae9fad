//! Router stage: which intents a ticket carries, their autonomy band and the tools allowed.
//!
//! The classifier sits behind [`IntentClassifier`], so the offline model, a keyword table
//! or an LLM fallback plug in without touching the stage.

use std::sync::Arc;

use async_trait::async_trait;

use crate::messages::{Band, Envelope, Route, RoutedIntent};
use crate::runtime::{Outcome, Stage, StageContext, StageError};
use crate::state::StateDb;

/// Decides the route of a ticket's text.
pub trait IntentClassifier: Send + Sync {
    /// Route for `text` (subject and body).
    fn route(&self, text: &str) -> Route;
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
        "account_deletion",
        Band::AlwaysEscalate,
        &["delete my account", "close my account", "gdpr", "my data"],
    ),
    (
        "fraud",
        Band::AlwaysEscalate,
        &["fraud", "chargeback", "stolen", "unauthorized"],
    ),
    ("cancel_order", Band::Conditional, &["cancel"]),
    ("return_items", Band::Conditional, &["return", "refund"]),
    ("exchange_items", Band::Conditional, &["exchange", "swap"]),
    (
        "modify_order",
        Band::Conditional,
        &[
            "change the",
            "modify",
            "switch",
            "update my address",
            "change my address",
        ],
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
        let band = intents
            .iter()
            .map(|i| i.band)
            .max()
            .unwrap_or(Band::AlwaysEscalate);
        Route {
            out_of_scope: intents.is_empty(),
            intents,
            band,
            allow_list: Vec::new(),
            model: "keywords".to_owned(),
        }
    }
}

/// The router stage.
pub struct RouterStage {
    classifier: Arc<dyn IntentClassifier>,
    state: Option<StateDb>,
}

impl RouterStage {
    /// A router over `classifier`, recording customer turns in `state`.
    pub fn new(classifier: Arc<dyn IntentClassifier>, state: Option<StateDb>) -> Self {
        RouterStage { classifier, state }
    }
}

#[async_trait]
impl Stage for RouterStage {
    fn name(&self) -> &'static str {
        "router"
    }

    async fn process(&self, mut env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        if let Some(state) = &self.state {
            state
                .append_turn(&env.ticket, "customer", &env.ticket.body)
                .await
                .map_err(|e| StageError::Transient(e.to_string()))?;
        }
        let text = match &env.ticket.subject {
            Some(s) => format!("{s}\n{}", env.ticket.body),
            None => env.ticket.body.clone(),
        };
        let route = self.classifier.route(&text);
        env.decide(
            "router",
            "classify",
            route.band.as_str(),
            format!(
                "intents [{}] by {}",
                route
                    .intents
                    .iter()
                    .map(|i| format!("{} {:.2}", i.intent, i.confidence))
                    .collect::<Vec<_>>()
                    .join(", "),
                route.model
            ),
        );
        env.route = Some(route);
        Ok(Outcome::Forward(Box::new(env)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Channel, Identity, Ticket};

    pub(crate) fn env(body: &str) -> Envelope {
        Envelope::new(Ticket {
            ticket_id: "t".into(),
            conversation_id: "c".into(),
            channel: Channel::Email,
            customer: Identity::default(),
            subject: None,
            body: body.into(),
            attachments: vec![],
            received_at: 0,
            headers: Default::default(),
            locale: None,
        })
    }

    #[tokio::test]
    async fn routes_and_takes_the_riskiest_band() {
        let stage = RouterStage::new(Arc::new(KeywordClassifier), None);
        let ctx = StageContext::new("in", 0, 0, 1);
        let Outcome::Forward(e) = stage
            .process(env("Cancel my order or I call my lawyer"), &ctx)
            .await
            .unwrap()
        else {
            panic!("router forwards")
        };
        let route = e.route.unwrap();
        assert_eq!(route.band, Band::AlwaysEscalate);
        assert!(route.intents.iter().any(|i| i.intent == "cancel_order"));
        let Outcome::Forward(e) = stage
            .process(env("What's the weather on Mars?"), &ctx)
            .await
            .unwrap()
        else {
            panic!()
        };
        assert!(e.route.unwrap().out_of_scope);
    }
}
