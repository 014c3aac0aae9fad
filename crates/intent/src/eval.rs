//! Evaluation of a classifier on labelled examples.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use serde::Serialize;

use crate::classifier::Classifier;
use crate::data::{Example, OOS_LABEL};

/// Precision, recall and support of one intent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntentScore {
    /// Correct predictions of this intent / all predictions of it.
    pub precision: f64,
    /// Correct predictions of this intent / its gold examples.
    pub recall: f64,
    /// Number of gold examples.
    pub support: usize,
}

/// What `frontdesk router eval --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Share of examples whose predicted label (`oos` included) is the gold one.
    pub accuracy: f64,
    /// Unweighted mean F1 over every label seen in gold or predictions.
    pub macro_f1: f64,
    /// Per-label scores.
    pub per_intent: BTreeMap<String, IntentScore>,
    /// Single-thread classification throughput during the evaluation.
    pub classifications_per_sec: f64,
    /// Accuracy on the in-scope rows (present when the data has `oos` rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_scope_accuracy: Option<f64>,
    /// Share of `oos` rows predicted out of scope (present when the data has them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oos_recall: Option<f64>,
    /// The rows read wrong, when asked for (`router eval --misread`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misread: Vec<Misread>,
}

/// One row whose predicted label is not its gold one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Misread {
    /// The row's text.
    pub text: String,
    /// Its label.
    pub gold: String,
    /// What the classifier said.
    pub predicted: String,
}

/// The rows of `examples` whose prediction (parallel to them) is not their label.
pub fn misreads(examples: &[Example], pred: &[&str]) -> Vec<Misread> {
    examples
        .iter()
        .zip(pred)
        .filter(|(e, p)| e.intent != **p)
        .map(|(e, p)| Misread {
            text: e.text.clone(),
            gold: e.intent.clone(),
            predicted: (*p).to_string(),
        })
        .collect()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Classifies every example and scores the predictions.
pub fn evaluate<C: Classifier + ?Sized>(classifier: &C, examples: &[Example]) -> EvalReport {
    let start = Instant::now();
    let predictions: Vec<String> = examples
        .iter()
        .map(|e| classifier.classify(&e.text).label().to_string())
        .collect();
    let elapsed = start.elapsed().as_secs_f64();
    let gold: Vec<&str> = examples.iter().map(|e| e.intent.as_str()).collect();
    let pred: Vec<&str> = predictions.iter().map(String::as_str).collect();
    let mut report = score(&gold, &pred);
    report.classifications_per_sec = if elapsed > 0.0 {
        examples.len() as f64 / elapsed
    } else {
        0.0
    };
    report
}

/// Scores parallel gold and predicted labels (throughput left at 0).
pub fn score(gold: &[&str], pred: &[&str]) -> EvalReport {
    let labels: BTreeSet<&str> = gold.iter().chain(pred).copied().collect();
    let mut per_intent = BTreeMap::new();
    let mut f1_sum = 0.0;
    for label in &labels {
        let tp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| *g == label && *p == label)
            .count();
        let predicted = pred.iter().filter(|p| *p == label).count();
        let support = gold.iter().filter(|g| *g == label).count();
        let (precision, recall) = (ratio(tp, predicted), ratio(tp, support));
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        f1_sum += f1;
        per_intent.insert(
            (*label).to_string(),
            IntentScore {
                precision,
                recall,
                support,
            },
        );
    }
    let correct = gold.iter().zip(pred).filter(|(g, p)| g == p).count();
    let n_oos = gold.iter().filter(|g| **g == OOS_LABEL).count();
    let (in_scope_accuracy, oos_recall) = if n_oos > 0 {
        let in_ok = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g != OOS_LABEL && g == p)
            .count();
        let oos_ok = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g == OOS_LABEL && **p == OOS_LABEL)
            .count();
        (
            Some(ratio(in_ok, gold.len() - n_oos)),
            Some(ratio(oos_ok, n_oos)),
        )
    } else {
        (None, None)
    };
    EvalReport {
        accuracy: ratio(correct, gold.len()),
        macro_f1: if labels.is_empty() {
            0.0
        } else {
            f1_sum / labels.len() as f64
        },
        per_intent,
        classifications_per_sec: 0.0,
        in_scope_accuracy,
        oos_recall,
        misread: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_by_hand() {
        let gold = ["a", "a", "b", "oos"];
        let pred = ["a", "b", "b", "a"];
        let r = score(&gold, &pred);
        assert!((r.accuracy - 0.5).abs() < 1e-9);
        assert_eq!(r.per_intent["a"].support, 2);
        assert!((r.per_intent["a"].precision - 0.5).abs() < 1e-9);
        assert!((r.per_intent["b"].recall - 1.0).abs() < 1e-9);
        assert_eq!(r.in_scope_accuracy, Some(2.0 / 3.0));
        assert_eq!(r.oos_recall, Some(0.0));
        let json = serde_json::to_value(&r).unwrap();
        for key in [
            "accuracy",
            "macro_f1",
            "per_intent",
            "classifications_per_sec",
            "in_scope_accuracy",
            "oos_recall",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
        let no_oos = serde_json::to_value(score(&["a"], &["a"])).unwrap();
        assert!(no_oos.get("oos_recall").is_none());
        assert!(no_oos.get("misread").is_none());
    }

    #[test]
    fn lists_the_rows_read_wrong() {
        let rows = [
            ("cancel it", "cancel_order"),
            ("where is it", "track_order"),
        ]
        .map(|(text, intent)| Example {
            text: text.into(),
            intent: intent.into(),
        });
        let wrong = misreads(&rows, &["cancel_order", "track_refund"]);
        assert_eq!(wrong.len(), 1);
        assert_eq!(wrong[0].text, "where is it");
        assert_eq!(wrong[0].gold, "track_order");
        assert_eq!(wrong[0].predicted, "track_refund");
    }
}
