//! Measuring the injection detector: a labelled file (precision, recall, F1,
//! per kind), the false-positive rates on ordinary tickets and customer
//! e-mails it did not train on, the cost per text; and group-aware
//! cross-validation of the whole training procedure.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use super::detector::InjectionDetector;
use super::groups::{group_folds, near_duplicate_groups};
use super::meta::TrainConfig;
use super::sources::TrainingSources;
use super::train::train;
use crate::data::KindedText;
use crate::error::Result;
use crate::metrics::{ratio, Confusion};

/// Precision, recall and F1 of one slice of a labelled file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Texts in the slice.
    pub n: usize,
    /// Injections among them.
    pub injections: usize,
    /// Flagged injections / all flagged.
    pub precision: f64,
    /// Flagged injections / all injections.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Flagged benign texts / all benign texts.
    pub false_positive_rate: f64,
}

impl Scores {
    fn of(c: &Confusion) -> Self {
        Self {
            n: c.tp + c.fp + c.tn + c.fn_,
            injections: c.tp + c.fn_,
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
            false_positive_rate: c.fpr(),
        }
    }
}

/// Flag rate on texts that are all benign.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FlagRate {
    /// Texts scored (those seen in training are left out).
    pub n: usize,
    /// Texts left out because the detector trained or calibrated on them.
    pub skipped_seen: usize,
    /// Flagged / scored.
    pub false_positive_rate: f64,
}

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
    /// Labelled texts the detector was trained on (a resubstitution share:
    /// 0 for a held-out file).
    pub seen_in_training: usize,
    /// The same figures per `kind`, for files that record one.
    pub per_kind: BTreeMap<String, Scores>,
    /// Ordinary support tickets (benign).
    pub ordinary: FlagRate,
    /// Customer e-mails (benign): long, full of order ids and addresses.
    pub emails: FlagRate,
    /// The decision threshold.
    pub threshold: f32,
    /// Mean scoring time per ordinary ticket, microseconds, on this machine.
    pub micros_per_text: f64,
}

fn flag_rate(detector: &InjectionDetector, texts: &[String]) -> (FlagRate, f64) {
    let unseen: Vec<&str> = texts
        .iter()
        .map(String::as_str)
        .filter(|t| !detector.was_trained_on(t))
        .collect();
    let started = Instant::now();
    let flagged = unseen.iter().filter(|t| detector.score(t).flagged).count();
    let micros = started.elapsed().as_secs_f64() * 1e6 / unseen.len().max(1) as f64;
    let rate = FlagRate {
        n: unseen.len(),
        skipped_seen: texts.len() - unseen.len(),
        false_positive_rate: ratio(flagged, unseen.len()),
    };
    (rate, micros)
}

/// Scores `examples` (with their optional kinds), `ordinary` tickets and
/// customer `emails` (all benign) with `detector`.
pub fn evaluate_examples(
    detector: &InjectionDetector,
    examples: &[KindedText],
    ordinary: &[String],
    emails: &[String],
) -> InjectionReport {
    let mut all = Confusion::default();
    let mut kinds: BTreeMap<String, Confusion> = BTreeMap::new();
    for e in examples {
        let flagged = detector.score(&e.labelled.text).flagged;
        all.add(e.labelled.label, flagged);
        if let Some(k) = &e.kind {
            kinds
                .entry(k.clone())
                .or_default()
                .add(e.labelled.label, flagged);
        }
    }
    let (ordinary, micros_per_text) = flag_rate(detector, ordinary);
    let (emails, _) = flag_rate(detector, emails);
    InjectionReport {
        n: examples.len(),
        precision: all.precision(),
        recall: all.recall(),
        f1: all.f1(),
        accuracy: all.accuracy(),
        false_positive_rate: all.fpr(),
        seen_in_training: examples
            .iter()
            .filter(|e| detector.was_trained_on(&e.labelled.text))
            .count(),
        per_kind: kinds
            .iter()
            .map(|(k, c)| (k.clone(), Scores::of(c)))
            .collect(),
        ordinary,
        emails,
        threshold: detector.threshold(),
        micros_per_text,
    }
}

/// Result of [`cross_validate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossValidation {
    /// Folds.
    pub k: usize,
    /// Near-duplicate groups among the labelled texts.
    pub groups: usize,
    /// Figures pooled over the test folds (each scored by the detector
    /// trained, and calibrated, without it).
    pub pooled: Scores,
    /// Per-fold F1.
    pub fold_f1: Vec<f64>,
    /// Per-fold threshold.
    pub fold_threshold: Vec<f32>,
    /// Each labelled text's out-of-fold score (parallel to the sources' labelled texts).
    pub scores: Vec<f32>,
    /// Whether its fold's detector flagged it.
    pub flagged: Vec<bool>,
    /// Mean flag rate of the fold detectors on the ordinary tickets none of them saw.
    pub ordinary_false_positive_rate: f64,
    /// Ordinary tickets scored per fold.
    pub ordinary_n: usize,
    /// Mean flag rate on the customer e-mails none of them saw.
    pub email_false_positive_rate: f64,
    /// E-mails scored per fold.
    pub emails_n: usize,
}

/// Group-aware k-fold cross-validation of [`train`] on the labelled texts
/// of `sources`: each fold's texts (whole near-duplicate groups) are scored
/// by a detector trained and calibrated on the other folds plus all extras.
/// Ordinary tickets and e-mails are scored when no fold trained on them
/// (every `ordinary_stride`-th of those, to bound the time).
pub fn cross_validate(
    sources: &TrainingSources,
    cfg: &TrainConfig,
    k: usize,
    seed: u64,
    ordinary_stride: usize,
) -> Result<CrossValidation> {
    let labelled = &sources.labelled;
    let texts: Vec<&str> = labelled.iter().map(|t| t.text.as_str()).collect();
    let labels: Vec<bool> = labelled.iter().map(|t| t.label).collect();
    let groups = near_duplicate_groups(&texts);
    let folds = group_folds(&groups, &labels, k, seed);
    let mut pooled = Confusion::default();
    let (mut fold_f1, mut fold_threshold) = (Vec::new(), Vec::new());
    let (mut ordinary_fpr, mut email_fpr) = (Vec::new(), Vec::new());
    let (mut ordinary_n, mut emails_n) = (0, 0);
    let mut scores = vec![0.0f32; labelled.len()];
    let mut flagged = vec![false; labelled.len()];
    for fold in 0..k {
        let test: Vec<usize> = (0..labelled.len()).filter(|&i| folds[i] == fold).collect();
        let fold_sources = TrainingSources {
            labelled: (0..labelled.len())
                .filter(|&i| folds[i] != fold)
                .map(|i| labelled[i].clone())
                .collect(),
            ..sources.clone()
        };
        let (detector, _) = train(&fold_sources, cfg)?;
        for &i in &test {
            let v = detector.score(&labelled[i].text);
            scores[i] = v.score;
            flagged[i] = v.flagged;
        }
        let c = Confusion::of(
            test.iter().map(|&i| labelled[i].label),
            test.iter().map(|&i| flagged[i]),
        );
        pooled.tp += c.tp;
        pooled.fp += c.fp;
        pooled.tn += c.tn;
        pooled.fn_ += c.fn_;
        fold_f1.push(c.f1());
        fold_threshold.push(detector.threshold());
        let stride = ordinary_stride.max(1);
        let ordinary: Vec<String> = sources.ordinary.iter().step_by(stride).cloned().collect();
        let (o, _) = flag_rate(&detector, &ordinary);
        let (e, _) = flag_rate(&detector, &sources.emails);
        ordinary_fpr.push(o.false_positive_rate);
        email_fpr.push(e.false_positive_rate);
        ordinary_n = o.n;
        emails_n = e.n;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    Ok(CrossValidation {
        k,
        groups: groups.iter().max().map_or(0, |g| g + 1),
        pooled: Scores::of(&pooled),
        fold_f1,
        fold_threshold,
        scores,
        flagged,
        ordinary_false_positive_rate: mean(&ordinary_fpr),
        ordinary_n,
        email_false_positive_rate: mean(&email_fpr),
        emails_n,
    })
}
