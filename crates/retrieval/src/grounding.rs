//! One call for the grounding stage: retrieve, gate on confidence, extract a
//! cited answer only when grounded.

use serde::Serialize;

use crate::answer::{extract_answer, GroundedAnswer};
use crate::confidence::{Assessment, ConfidenceGate};
use crate::hit::Hit;
use crate::index::Index;

/// What the grounding stage attaches to the envelope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grounding {
    /// Retrieved passages, best first (attached whether or not grounded, for
    /// the audit trail and the human agent on handoff).
    pub passages: Vec<Hit>,
    /// The confidence decision.
    pub assessment: Assessment,
    /// The extractive, cited answer; `None` when confidence is below the
    /// intent's threshold or no sentence of the passages matches the query.
    /// `None` means: record low confidence and let the policy stage hand off.
    pub answer: Option<GroundedAnswer>,
}

/// Retrieves `k` passages for `query`, applies `gate` for `intent` and, if
/// grounded, extracts up to `max_sentences` cited sentences.
pub fn ground(
    index: &Index,
    gate: &ConfidenceGate,
    intent: &str,
    query: &str,
    k: usize,
    max_sentences: usize,
) -> Grounding {
    let passages = index.search(query, k);
    let assessment = gate.assess(intent, &passages);
    let answer = if assessment.grounded {
        extract_answer(query, &passages, max_sentences)
    } else {
        None
    };
    Grounding {
        passages,
        assessment,
        answer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::index::SearchConfig;

    #[test]
    fn answers_only_when_confident() {
        let mut idx = Index::in_memory(SearchConfig::default());
        idx.replace_source(
            "s",
            vec![Document::from_markdown(
                "returns",
                "Returns",
                "",
                "## Window\nDelivered items can be returned within 30 days.",
            )],
        )
        .unwrap();
        let gate = ConfidenceGate::default();
        let g = ground(&idx, &gate, "faq", "can delivered items be returned", 3, 2);
        assert!(g.assessment.grounded);
        let a = g.answer.unwrap();
        assert_eq!(a.citations(), vec!["returns"]);

        let g = ground(
            &idx,
            &gate,
            "get_refund",
            "returned crypto wallet hardware",
            3,
            2,
        );
        assert!(!g.assessment.grounded);
        assert!(g.answer.is_none());
        assert!(!g.passages.is_empty());
    }
}
