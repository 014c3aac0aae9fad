//! What the Banking77 probe examples (`layer_probe`, `tune_probe`) share: the label
//! index and one concat-SVM fit scored on held-out rows.

use std::time::Instant;

use frontdesk_intent::eval::{score, EvalReport};
use frontdesk_intent::features::SparseVec;
use frontdesk_intent::linear::{train_ovr, SvmConfig};
use frontdesk_intent::Example;

/// The sorted labels of `rows` and each row's index into them.
pub fn label_index(rows: &[Example]) -> (Vec<String>, Vec<usize>) {
    let mut labels: Vec<String> = rows.iter().map(|e| e.intent.clone()).collect();
    labels.sort();
    labels.dedup();
    let ys = rows
        .iter()
        .map(|e| labels.binary_search(&e.intent).unwrap_or(0))
        .collect();
    (labels, ys)
}

/// Trains a one-vs-rest SVM (cost `c`) on `xs`/`ys` over `width` features, predicts `xt`
/// and scores the predictions against `gold`. Returns the score and the training seconds.
pub fn fit_and_score(
    xs: &[SparseVec],
    ys: &[usize],
    xt: &[SparseVec],
    labels: &[String],
    gold: &[&str],
    width: usize,
    c: f32,
) -> (EvalReport, f64) {
    let start = Instant::now();
    let svm = SvmConfig {
        c,
        ..SvmConfig::default()
    };
    let w = train_ovr(xs, ys, labels.len(), width, &svm);
    let secs = start.elapsed().as_secs_f64();
    let mut s = Vec::new();
    let pred: Vec<&str> = xt
        .iter()
        .map(|x| {
            w.scores(x, &mut s);
            let best = (0..s.len())
                .max_by(|&a, &b| s[a].total_cmp(&s[b]))
                .unwrap_or(0);
            labels[best].as_str()
        })
        .collect();
    (score(gold, &pred), secs)
}
