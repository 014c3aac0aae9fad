//! The `Classifier` seam: the offline model and, later, an LLM router both
//! implement it, and [`Cascade`] asks the second only when the first is
//! unsure.

use serde::{Deserialize, Serialize};

use crate::data::OOS_LABEL;

/// A ranked classification of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// Labels with calibrated confidence in `[0, 1]`, best first.
    pub top: Vec<(String, f32)>,
    /// Whether the classifier judged the text "none of these".
    pub out_of_scope: bool,
}

impl Classification {
    /// The predicted label: `oos` when out of scope, else the best label.
    pub fn label(&self) -> &str {
        if self.out_of_scope {
            return OOS_LABEL;
        }
        self.top.first().map_or(OOS_LABEL, |(l, _)| l.as_str())
    }

    /// Confidence of the best label (0 when there is none).
    pub fn confidence(&self) -> f32 {
        self.top.first().map_or(0.0, |(_, c)| *c)
    }
}

/// Anything that classifies a ticket's text into intents.
pub trait Classifier: Send + Sync {
    /// Classifies one text.
    fn classify(&self, text: &str) -> Classification;
}

/// Asks `primary` first and `fallback` only when the primary's best
/// confidence is below `threshold` or it says out of scope.
#[derive(Debug, Clone)]
pub struct Cascade<P, F> {
    /// The fast, offline classifier.
    pub primary: P,
    /// The slower classifier (e.g. an LLM router) used when unsure.
    pub fallback: F,
    /// Confidence below which the fallback is asked.
    pub threshold: f32,
}

impl<P: Classifier, F: Classifier> Classifier for Cascade<P, F> {
    fn classify(&self, text: &str) -> Classification {
        let first = self.primary.classify(text);
        if !first.out_of_scope && first.confidence() >= self.threshold {
            return first;
        }
        self.fallback.classify(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(&'static str, f32);
    impl Classifier for Fixed {
        fn classify(&self, _: &str) -> Classification {
            Classification {
                top: vec![(self.0.to_string(), self.1)],
                out_of_scope: false,
            }
        }
    }

    #[test]
    fn cascade_uses_fallback_only_when_unsure() {
        let sure = Cascade {
            primary: Fixed("a", 0.9),
            fallback: Fixed("b", 0.99),
            threshold: 0.5,
        };
        assert_eq!(sure.classify("x").label(), "a");
        let unsure = Cascade {
            primary: Fixed("a", 0.3),
            fallback: Fixed("b", 0.99),
            threshold: 0.5,
        };
        assert_eq!(unsure.classify("x").label(), "b");
    }
}
