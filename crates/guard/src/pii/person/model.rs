//! The learned person filter: a logistic regression over the candidates' features
//! ([`super::features`]), trained when first used on the tuning split of the Presidio
//! research set compiled into the crate (`data/guardrails/pii_dev.jsonl`, the lines whose
//! index is not 2 modulo 3; the other third is held out and never trained or tuned on).
//!
//! A candidate is a name when it overlaps a labelled `PERSON` span. Training takes about
//! 0.1 s in a release build (once per process); classifying a candidate is one sparse dot
//! product. The threshold and the regularisation were chosen by five-fold
//! cross-validation on the tuning split alone ([`cross_validate`]; figures in
//! `crates/guard/README.md`).

use std::sync::LazyLock;

use frontdesk_tfidf::{text_hash, SparseVec};

use super::{candidates, Candidate};
use crate::injection::logistic::{FitOptions, Logistic};

/// Hashed feature space.
const DIM: usize = 1 << 14;

/// Probability above which a candidate is a name (chosen by cross-validation on the
/// tuning split).
pub const THRESHOLD: f32 = 0.5;

/// Fitting settings (chosen by cross-validation on the tuning split).
pub const FIT: FitOptions = FitOptions {
    c: 10.0,
    iterations: 300,
    learning_rate: 0.05,
};

const RESEARCH_SET: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/guardrails/pii_dev.jsonl"
));

/// A text with its labelled person spans (byte offsets).
#[derive(Debug, Clone)]
pub struct Labelled {
    /// The sentence.
    pub text: String,
    /// Its `PERSON` spans.
    pub persons: Vec<(usize, usize)>,
}

/// The fitted filter.
#[derive(Debug, Clone)]
pub struct PersonModel {
    logistic: Logistic,
    threshold: f32,
}

static SHIPPED: LazyLock<PersonModel> =
    LazyLock::new(|| PersonModel::train(&tuning_split(), FIT, THRESHOLD));

/// The filter trained on the tuning split.
pub fn shipped() -> &'static PersonModel {
    &SHIPPED
}

impl PersonModel {
    /// Fits the filter on the candidates of `rows`.
    pub fn train(rows: &[Labelled], fit: FitOptions, threshold: f32) -> PersonModel {
        let (xs, ys) = examples(rows);
        let logistic = Logistic::fit(&xs, &ys, &vec![1.0; xs.len()], DIM, fit);
        PersonModel {
            logistic,
            threshold,
        }
    }

    /// The probability that `candidate` is a name.
    pub fn score(&self, candidate: &Candidate) -> f32 {
        self.logistic.predict(&vectorise(&candidate.features))
    }

    /// Whether `candidate` is a name.
    pub fn accepts(&self, candidate: &Candidate) -> bool {
        self.score(candidate) >= self.threshold
    }
}

/// Hashes feature names into a binary sparse vector (a bias feature included).
fn vectorise(features: &[String]) -> SparseVec {
    let mut idx: Vec<u32> = std::iter::once("<bias>")
        .chain(features.iter().map(String::as_str))
        .map(|f| (text_hash(f) % DIM as u64) as u32)
        .collect();
    idx.sort_unstable();
    idx.dedup();
    let val = vec![1.0; idx.len()];
    SparseVec { idx, val }
}

/// Every candidate of `rows` with its label (overlaps a labelled person).
fn examples(rows: &[Labelled]) -> (Vec<SparseVec>, Vec<bool>) {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for row in rows {
        for c in candidates(&row.text, &[]) {
            ys.push(row.persons.iter().any(|&(s, e)| c.start < e && s < c.end));
            xs.push(vectorise(&c.features));
        }
    }
    (xs, ys)
}

/// Parses Presidio-style JSONL (`{"text", "spans": [{"type", "start", "end"}]}`,
/// character offsets) into texts with their person spans; `keep(i)` chooses lines by index.
pub fn parse(jsonl: &str, keep: impl Fn(usize) -> bool) -> Vec<Labelled> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(i, line)| keep(*i) && !line.trim().is_empty())
        .filter_map(|(_, line)| {
            let row: serde_json::Value = serde_json::from_str(line).ok()?;
            let text = row["text"].as_str()?.to_owned();
            let bytes: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            let at = |v: &serde_json::Value| bytes.get(v.as_u64()? as usize).copied();
            let persons = row["spans"]
                .as_array()?
                .iter()
                .filter(|s| s["type"] == "PERSON")
                .filter_map(|s| Some((at(&s["start"])?, at(&s["end"])?)))
                .collect();
            Some(Labelled { text, persons })
        })
        .collect()
}

/// The tuning split of the compiled-in research set (lines whose index is not 2 mod 3).
pub fn tuning_split() -> Vec<Labelled> {
    parse(RESEARCH_SET, |i| i % 3 != 2)
}

/// Span-level scores of person detection, as `frontdesk guard eval --pii` counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Predicted spans overlapping a labelled one / predicted spans.
    pub precision: f64,
    /// Labelled spans overlapped by a prediction / labelled spans.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

/// Scores `find` (a detector of person spans) on `rows`.
pub fn score_on(rows: &[Labelled], find: impl Fn(&str) -> Vec<(usize, usize)>) -> Scores {
    let found: Vec<Vec<(usize, usize)>> = rows.iter().map(|r| find(&r.text)).collect();
    score_pairs(rows, &found)
}

/// Scores the spans `found` in each of `rows` (parallel).
fn score_pairs(rows: &[Labelled], found: &[Vec<(usize, usize)>]) -> Scores {
    let (mut pred, mut pred_hit, mut gold, mut gold_hit) = (0usize, 0usize, 0usize, 0usize);
    for (row, found) in rows.iter().zip(found) {
        let overlaps = |(a, b): (usize, usize), (c, d): (usize, usize)| a < d && c < b;
        pred += found.len();
        pred_hit += found
            .iter()
            .filter(|&&p| row.persons.iter().any(|&g| overlaps(p, g)))
            .count();
        gold += row.persons.len();
        gold_hit += row
            .persons
            .iter()
            .filter(|&&g| found.iter().any(|&p| overlaps(p, g)))
            .count();
    }
    let precision = pred_hit as f64 / pred.max(1) as f64;
    let recall = gold_hit as f64 / gold.max(1) as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        precision,
        recall,
        f1,
    }
}

/// `folds`-fold cross-validation of `fit` on `rows` (fold of a row: its index modulo
/// `folds`): the pooled scores at each of `thresholds`.
pub fn cross_validate(
    rows: &[Labelled],
    folds: usize,
    fit: FitOptions,
    thresholds: &[f32],
) -> Vec<(f32, Scores)> {
    // Each row's candidates, scored by the model that did not see the row.
    let mut scored: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); rows.len()];
    for k in 0..folds {
        let train: Vec<Labelled> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, r)| r.clone())
            .collect();
        let model = PersonModel::train(&train, fit, 0.5);
        for (i, row) in rows.iter().enumerate().filter(|(i, _)| i % folds == k) {
            scored[i] = candidates(&row.text, &[])
                .iter()
                .map(|c| (c.start, c.end, model.score(c)))
                .collect();
        }
    }
    thresholds
        .iter()
        .map(|&t| {
            let at = |i: usize| -> Vec<(usize, usize)> {
                scored[i]
                    .iter()
                    .filter(|c| c.2 >= t)
                    .map(|c| (c.0, c.1))
                    .collect()
            };
            let by_row: Vec<Vec<(usize, usize)>> = (0..rows.len()).map(at).collect();
            (t, score_pairs(rows, &by_row))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tuning_split_is_two_thirds_of_the_set() {
        let all = parse(RESEARCH_SET, |_| true).len();
        let tuning = tuning_split().len();
        assert_eq!(all, 1213);
        assert_eq!(tuning, 809);
    }

    #[test]
    fn parse_turns_characters_into_bytes() {
        let rows = parse(
            r#"{"text": "Šárka Ottová called", "spans": [{"type": "PERSON", "start": 0, "end": 12}]}"#,
            |_| true,
        );
        let (s, e) = rows[0].persons[0];
        assert_eq!(&rows[0].text[s..e], "Šárka Ottová");
    }

    #[test]
    fn the_filter_tells_names_from_organisations_it_was_not_trained_on() {
        let model = shipped();
        let names = |t: &str| -> Vec<String> {
            crate::pii::person::find_with(model, t, &[])
                .into_iter()
                .map(|s| t[s.start..s.end].to_owned())
                .collect()
        };
        // Sentences written for this test, in a support e-mail's words.
        assert_eq!(
            names("Hi, this is Tomasz Wielki, my order never came."),
            ["Tomasz Wielki"]
        );
        assert_eq!(
            names("My name is Adaeze Okonkwo-Bello"),
            ["Adaeze Okonkwo-Bello"]
        );
        assert!(names("I bought it at Quixoria Technologies last week.").is_empty());
        assert!(names("Where is my refund? I returned it on Monday.").is_empty());
    }
}
