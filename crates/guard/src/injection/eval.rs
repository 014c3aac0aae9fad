//! Measuring the injection detector: held-out JSONL, ordinary tickets, k-fold CV.

use std::path::Path;

use serde::Serialize;

use super::cascade::{CascadeVerdict, DecisionPath};
use super::detector::{InjectionDetector, TrainConfig};
use crate::data::{load_injection_jsonl, LabelledText};
use crate::error::Result;

/// What `frontdesk guard eval --injection JSONL --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InjectionReport {
    /// Labelled texts scored.
    pub n: usize,
    /// Flagged injections / all flagged.
    pub precision: f64,
    /// Flagged injections / all injections.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Accuracy over the labelled texts.
    pub accuracy: f64,
    /// Flagged benign texts / all benign texts of the labelled file.
    pub false_positive_rate: f64,
    /// Flagged ordinary support tickets / ordinary tickets scored.
    pub ordinary_false_positive_rate: f64,
    /// Ordinary tickets scored (those the detector was trained on are skipped).
    pub ordinary_n: usize,
    /// Ordinary tickets skipped because the detector saw them in training.
    pub ordinary_skipped_seen: usize,
    /// The decision threshold used.
    pub threshold: f32,
    /// `"ngram"` or `"ngram+embedding-cascade"` (see [`InjectionDetector::method`]).
    pub method: String,
    /// Fraction of the labelled texts decided by the embedding head.
    pub embedded_rate: f64,
    /// Fraction of the scored ordinary tickets decided by the embedding head
    /// (the share of pipeline traffic that pays for an embedding).
    pub ordinary_embedded_rate: f64,
}

/// Confusion counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// True negatives.
    pub tn: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Confusion {
    /// Adds one decision.
    pub fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
            (true, false) => self.fn_ += 1,
        }
    }
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when there are no positives).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 score.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    /// False-positive rate.
    pub fn fpr(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }
    /// Accuracy.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

/// `num / den`, or 0 when `den` is 0.
pub fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Harmonic mean, 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores `examples` and `ordinary_texts` (all assumed benign) with `detector`.
pub fn evaluate_examples(
    detector: &InjectionDetector,
    examples: &[LabelledText],
    ordinary_texts: &[String],
) -> InjectionReport {
    let embedded = |v: &CascadeVerdict| v.path == DecisionPath::Embedding;
    let mut c = Confusion::default();
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let verdicts = detector.score_batch_detailed(&texts);
    for (e, v) in examples.iter().zip(&verdicts) {
        c.add(e.label, v.flagged);
    }
    let labelled_embedded = verdicts.iter().filter(|v| embedded(v)).count();
    let unseen: Vec<&str> = ordinary_texts
        .iter()
        .map(String::as_str)
        .filter(|t| !detector.was_trained_on(t))
        .collect();
    let skipped = ordinary_texts.len() - unseen.len();
    let scored = unseen.len();
    let ordinary = detector.score_batch_detailed(&unseen);
    let flagged = ordinary.iter().filter(|v| v.flagged).count();
    let ordinary_embedded = ordinary.iter().filter(|v| embedded(v)).count();
    InjectionReport {
        n: examples.len(),
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
        accuracy: c.accuracy(),
        false_positive_rate: c.fpr(),
        ordinary_false_positive_rate: ratio(flagged, scored),
        ordinary_n: scored,
        ordinary_skipped_seen: skipped,
        threshold: detector.threshold(),
        method: detector.method().to_string(),
        embedded_rate: ratio(labelled_embedded, examples.len()),
        ordinary_embedded_rate: ratio(ordinary_embedded, scored),
    }
}

/// Evaluates `detector` on a labelled JSONL file plus ordinary support tickets.
///
/// Ordinary texts the detector was trained on are skipped (and counted in
/// `ordinary_skipped_seen`) so the ordinary false-positive rate stays honest.
pub fn evaluate_injection(
    detector: &InjectionDetector,
    jsonl_path: impl AsRef<Path>,
    ordinary_texts: &[String],
) -> Result<InjectionReport> {
    let examples = load_injection_jsonl(jsonl_path)?;
    Ok(evaluate_examples(detector, &examples, ordinary_texts))
}

/// Result of [`cross_validate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossValidation {
    /// Folds.
    pub k: usize,
    /// Mean per-fold F1.
    pub mean_f1: f64,
    /// Mean per-fold precision.
    pub mean_precision: f64,
    /// Mean per-fold recall.
    pub mean_recall: f64,
    /// Mean per-fold accuracy.
    pub mean_accuracy: f64,
    /// Per-fold F1.
    pub fold_f1: Vec<f64>,
    /// False-positive rate on the held-out ordinary texts, averaged over folds.
    pub mean_ordinary_false_positive_rate: f64,
}

/// The fold (`0..k`) of each row: round-robin within each class, in file
/// order, or with `seed` in a seeded pseudo-random order (to measure how
/// much figures move with the assignment).
pub fn stratified_folds(labels: &[bool], k: usize, seed: Option<u64>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    if let Some(seed) = seed {
        let key = |i: usize| {
            let mut h = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (i as u64);
            h ^= h >> 33;
            h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^ (h >> 33)
        };
        order.sort_by_key(|&i| key(i));
    }
    let (mut p, mut n) = (0usize, 0usize);
    let mut out = vec![0usize; labels.len()];
    for i in order {
        let c = if labels[i] { &mut p } else { &mut n };
        out[i] = *c % k.max(1);
        *c += 1;
    }
    out
}

/// Stratified k-fold cross-validation on `examples`; `extra_benign` is added
/// to every training fold, `ordinary_heldout` is scored by every fold model.
/// Fold assignment is deterministic (round-robin within each class).
pub fn cross_validate(
    examples: &[LabelledText],
    extra_benign: &[String],
    ordinary_heldout: &[String],
    config: &TrainConfig,
    k: usize,
) -> Result<CrossValidation> {
    let k = k.max(2);
    let labels: Vec<bool> = examples.iter().map(|e| e.label).collect();
    let fold_of = stratified_folds(&labels, k, None);
    let mut reports = Vec::with_capacity(k);
    for fold in 0..k {
        let mut train: Vec<LabelledText> = examples
            .iter()
            .zip(&fold_of)
            .filter(|(_, &f)| f != fold)
            .map(|(e, _)| e.clone())
            .collect();
        train.extend(extra_benign.iter().map(|t| LabelledText {
            text: t.clone(),
            label: false,
        }));
        let test: Vec<LabelledText> = examples
            .iter()
            .zip(&fold_of)
            .filter(|(_, &f)| f == fold)
            .map(|(e, _)| e.clone())
            .collect();
        let det = InjectionDetector::train(&train, config)?;
        reports.push(evaluate_examples(&det, &test, ordinary_heldout));
    }
    let mean = |f: &dyn Fn(&InjectionReport) -> f64| reports.iter().map(f).sum::<f64>() / k as f64;
    Ok(CrossValidation {
        k,
        mean_f1: mean(&|r| r.f1),
        mean_precision: mean(&|r| r.precision),
        mean_recall: mean(&|r| r.recall),
        mean_accuracy: mean(&|r| r.accuracy),
        fold_f1: reports.iter().map(|r| r.f1).collect(),
        mean_ordinary_false_positive_rate: mean(&|r| r.ordinary_false_positive_rate),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_and_balanced() {
        let labels: Vec<bool> = (0..23).map(|i| i % 3 == 0).collect();
        for seed in [None, Some(1), Some(2)] {
            let f = stratified_folds(&labels, 4, seed);
            for class in [true, false] {
                let mut sizes = [0usize; 4];
                for (i, &g) in f.iter().enumerate() {
                    if labels[i] == class {
                        sizes[g] += 1;
                    }
                }
                let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
                assert!(hi - lo <= 1, "{seed:?} {class}: {sizes:?}");
            }
        }
        assert_ne!(
            stratified_folds(&labels, 4, Some(1)),
            stratified_folds(&labels, 4, None)
        );
    }

    #[test]
    fn confusion_metrics() {
        let mut c = Confusion::default();
        for (t, p) in [
            (true, true),
            (true, false),
            (false, true),
            (false, false),
            (false, false),
        ] {
            c.add(t, p);
        }
        assert_eq!(c.precision(), 0.5);
        assert_eq!(c.recall(), 0.5);
        assert!((c.fpr() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(ratio(1, 0), 0.0);
        assert_eq!(f1(0.0, 0.0), 0.0);
    }
}
