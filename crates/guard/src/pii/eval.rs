//! Span-level PII evaluation against Presidio-style JSONL
//! (`{"text", "spans": [{"type", "start", "end"}]}`, character offsets).
//!
//! A predicted span is a true positive when it overlaps a labelled span of
//! the same type; a labelled span is recalled when some predicted span of
//! its type overlaps it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{detect_pii, PiiKind};
use crate::error::{GuardError, Result};
use crate::metrics::{f1, ratio};

#[derive(Debug, Deserialize)]
struct Row {
    text: String,
    spans: Vec<LabelledSpan>,
}

#[derive(Debug, Deserialize)]
struct LabelledSpan {
    #[serde(rename = "type")]
    kind: String,
    start: usize,
    end: usize,
}

/// Scores for one PII type.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TypeScore {
    /// Predicted spans overlapping a labelled span of the type / predicted spans.
    pub precision: f64,
    /// Labelled spans overlapped by a prediction of the type / labelled spans.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Labelled spans of this type.
    pub support: usize,
    /// Predicted spans of this type.
    pub predicted: usize,
    /// `false` for types the guard does not detect (recall is then 0).
    pub detected_by_guard: bool,
}

/// What `frontdesk guard eval --pii JSONL --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PiiReport {
    /// Sentences scored.
    pub n: usize,
    /// Per labelled (or predicted) type.
    pub per_type: BTreeMap<String, TypeScore>,
    /// Micro-averaged F1 over the types the guard detects.
    pub micro_f1: f64,
    /// Micro-averaged F1 over every labelled type (undetected types count as misses).
    pub micro_f1_all_types: f64,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    pred: usize,
    pred_hit: usize,
    gold: usize,
    gold_hit: usize,
}

fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Evaluates [`detect_pii`] on a JSONL file.
pub fn evaluate_pii(jsonl_path: impl AsRef<Path>) -> Result<PiiReport> {
    let path = jsonl_path.as_ref();
    let raw = std::fs::read_to_string(path).map_err(|source| GuardError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    evaluate_pii_str(&raw, &path.display().to_string(), |_| true)
}

/// Evaluates on JSONL text; only lines whose 0-based index passes `keep_line`
/// are scored (for held-out splits). `origin` names the data in errors.
pub fn evaluate_pii_str(
    raw: &str,
    origin: &str,
    keep_line: impl Fn(usize) -> bool,
) -> Result<PiiReport> {
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut n = 0;
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() || !keep_line(i) {
            continue;
        }
        let row: Row = serde_json::from_str(line).map_err(|source| GuardError::Json {
            path: origin.to_string(),
            line: i + 1,
            source,
        })?;
        n += 1;
        let offsets = char_to_byte(&row.text);
        let mut gold = Vec::with_capacity(row.spans.len());
        for s in &row.spans {
            match (offsets.get(s.start), offsets.get(s.end)) {
                (Some(&b0), Some(&b1)) if b0 <= b1 => gold.push((s.kind.as_str(), b0, b1)),
                _ => {
                    return Err(GuardError::BadSpan {
                        path: origin.to_string(),
                        line: i + 1,
                        start: s.start,
                        end: s.end,
                    })
                }
            }
        }
        let pred = detect_pii(&row.text);
        for p in &pred {
            let c = counts.entry(p.kind.label().to_string()).or_default();
            c.pred += 1;
            if gold
                .iter()
                .any(|&(k, s, e)| k == p.kind.label() && p.start < e && s < p.end)
            {
                c.pred_hit += 1;
            }
        }
        for &(k, s, e) in &gold {
            let c = counts.entry(k.to_string()).or_default();
            c.gold += 1;
            if pred
                .iter()
                .any(|p| p.kind.label() == k && p.start < e && s < p.end)
            {
                c.gold_hit += 1;
            }
        }
    }
    let mut per_type = BTreeMap::new();
    let (mut det, mut all) = (Counts::default(), Counts::default());
    for (k, c) in &counts {
        let detected = PiiKind::from_label(k).is_some();
        let p = ratio(c.pred_hit, c.pred);
        let r = ratio(c.gold_hit, c.gold);
        per_type.insert(
            k.clone(),
            TypeScore {
                precision: p,
                recall: r,
                f1: f1(p, r),
                support: c.gold,
                predicted: c.pred,
                detected_by_guard: detected,
            },
        );
        for acc in if detected {
            vec![&mut det, &mut all]
        } else {
            vec![&mut all]
        } {
            acc.pred += c.pred;
            acc.pred_hit += c.pred_hit;
            acc.gold += c.gold;
            acc.gold_hit += c.gold_hit;
        }
    }
    let micro = |c: Counts| f1(ratio(c.pred_hit, c.pred), ratio(c.gold_hit, c.gold));
    Ok(PiiReport {
        n,
        per_type,
        micro_f1: micro(det),
        micro_f1_all_types: micro(all),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_scoring() {
        let raw = concat!(
            r#"{"text": "Mail é a.b@example.com now", "spans": [{"type": "EMAIL_ADDRESS", "start": 7, "end": 22}]}"#,
            "\n",
            r#"{"text": "Nothing here", "spans": [{"type": "ORGANIZATION", "start": 0, "end": 7}]}"#,
            "\n"
        );
        let r = evaluate_pii_str(raw, "t", |_| true).unwrap();
        assert_eq!(r.n, 2);
        let e = &r.per_type["EMAIL_ADDRESS"];
        assert_eq!((e.precision, e.recall, e.support), (1.0, 1.0, 1));
        assert_eq!(r.per_type["ORGANIZATION"].recall, 0.0);
        assert_eq!(r.micro_f1, 1.0);
        assert!(r.micro_f1_all_types < 1.0);
    }

    #[test]
    fn rejects_out_of_range_spans() {
        let raw = r#"{"text": "ab", "spans": [{"type": "PERSON", "start": 0, "end": 9}]}"#;
        assert!(evaluate_pii_str(raw, "t", |_| true).is_err());
    }
}
