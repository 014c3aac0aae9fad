//! Grounding stage: retrieves help-center passages (`frontdesk-retrieval`: BM25 over
//! passages and documents), attaches them with citations and a confidence, and drafts an
//! extractive answer only when the per-intent confidence gate passes. It never writes a
//! sentence that is not in a passage.

use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_retrieval::{ConfidenceGate, Index};

use crate::messages::{Band, Envelope, Passage, Rule};
use crate::runtime::{Outcome, Stage, StageContext, StageError};

/// The grounding stage.
pub struct GroundingStage {
    index: Option<Arc<Index>>,
    gate: ConfidenceGate,
}

impl GroundingStage {
    /// A grounding stage over `index`; with none it attaches nothing.
    pub fn new(index: Option<Arc<Index>>) -> Self {
        let mut gate = ConfidenceGate::default();
        // Refund- and policy-bearing intents of the retail registry are stricter.
        for strict in [
            "refund_status",
            "policy_question",
            "return_order",
            "cancel_order",
            "exchange_order",
        ] {
            gate.per_intent.insert(strict.to_owned(), 0.6);
        }
        GroundingStage { index, gate }
    }
}

#[async_trait]
impl Stage for GroundingStage {
    fn name(&self) -> &'static str {
        "grounding"
    }

    async fn process(&self, mut env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        let Some(index) = &self.index else {
            env.grounding_confidence = Some(0.0);
            env.decide(
                "grounding",
                Rule::NoIndex,
                "skip",
                "no help-center index is configured: nothing retrieved",
            );
            return Ok(Outcome::Forward(Box::new(env)));
        };
        let Some(route) = env.route.clone() else {
            return Ok(Outcome::Forward(Box::new(env)));
        };
        if route.out_of_scope || route.band == Band::AlwaysEscalate {
            return Ok(Outcome::Forward(Box::new(env)));
        }
        let intent = route
            .intents
            .first()
            .map(|i| i.intent.as_str())
            .unwrap_or("");
        // The search reads the text's characters: a token's digest, which differs from one
        // conversation to the next, must not move a passage's score.
        let query = frontdesk_types::token::neutral(&env.ticket.body);
        let g = frontdesk_retrieval::ground(index, &self.gate, intent, &query, 5, 3);
        env.passages = g
            .passages
            .iter()
            .map(|h| Passage {
                doc_id: h.doc_id.clone(),
                title: h.title.clone(),
                section: (!h.section.is_empty()).then(|| h.section.clone()),
                text: h.passage.clone(),
                score: f64::from(h.score),
                confidence: f64::from(h.confidence),
            })
            .collect();
        env.grounding_confidence = Some(f64::from(g.assessment.confidence));
        let outcome = if g.assessment.grounded {
            "grounded"
        } else {
            "low_confidence"
        };
        env.decide(
            "grounding",
            Rule::ConfidenceGate,
            outcome,
            format!(
                "confidence {:.2} against {:.2} for {intent}",
                g.assessment.confidence, g.assessment.threshold
            ),
        );
        // Tool results answer first; passages answer questions nothing looked up.
        if env.draft_reply.is_none() {
            if let Some(answer) = g.answer {
                env.draft_reply = Some(answer.render());
            }
        }
        Ok(Outcome::Forward(Box::new(env)))
    }
}

/// Builds an in-memory index from help-center sources: `.md` files are split by section
/// (the store's policy), `.jsonl` files are `{id, title, content}` documents.
pub fn build_index(sources: &[std::path::PathBuf]) -> anyhow::Result<Index> {
    use anyhow::Context;
    let mut index = Index::in_memory(frontdesk_retrieval::SearchConfig::default());
    for s in sources {
        let r = match s.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => index.ingest_jsonl(s),
            _ => index.ingest_policy_markdown(s),
        };
        r.with_context(|| format!("Failed to ingest {}", s.display()))?;
    }
    Ok(index)
}
