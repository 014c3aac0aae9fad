//! What the Banking77 probe examples (`layer_probe`, `tune_probe`,
//! `finetune_probe`, `mix_probe`) share: the split, the fine-tuning flags, the
//! label index and one concat-SVM fit scored on held-out rows. Each example
//! uses part of it.

#![allow(dead_code)]

use std::time::Instant;

use frontdesk_embed::tune::TuneConfig;
use frontdesk_intent::eval::{score, EvalReport};
use frontdesk_intent::features::SparseVec;
pub use frontdesk_intent::label_index;
use frontdesk_intent::linear::{train_ovr, SvmConfig};
use frontdesk_intent::{load_labelled_csv, stratified_split, Example};

/// The probes' Banking77 split of `banking77_train.csv` in `data_dir`: `"test"` gives the
/// 80 % training part and the stratified 20 % held out (seed 2024); `"val"` splits that
/// training part again, 15 % held back for choosing settings (seed 7).
pub fn banking77_split(
    data_dir: &str,
    split: &str,
) -> Result<(Vec<Example>, Vec<Example>), Box<dyn std::error::Error>> {
    let all = load_labelled_csv(format!("{data_dir}/banking77_train.csv"))?;
    let (tr, te) = stratified_split(&all, 0.2, 2024);
    Ok(if split == "val" {
        stratified_split(&tr, 0.15, 7)
    } else {
        (tr, te)
    })
}

/// Applies a fine-tuning flag (`--layers`, `--epochs`, `--lr`, `--head-lr`, `--dropout`,
/// `--batch`, `--wd`, `--warmup`, `--decay`, `--seed`, `--max-secs`) to `cfg`; false if
/// `flag` is not one of them.
pub fn tune_arg(
    cfg: &mut TuneConfig,
    flag: &str,
    v: &str,
) -> Result<bool, Box<dyn std::error::Error>> {
    match flag {
        "--layers" => cfg.layers = v.parse()?,
        "--epochs" => cfg.epochs = v.parse()?,
        "--lr" => cfg.lr = v.parse()?,
        "--head-lr" => cfg.head_lr = v.parse()?,
        "--dropout" => cfg.dropout = v.parse()?,
        "--batch" => cfg.batch_size = v.parse()?,
        "--wd" => cfg.weight_decay = v.parse()?,
        "--warmup" => cfg.warmup = v.parse()?,
        "--decay" => cfg.linear_decay = v != "0",
        "--seed" => cfg.seed = v.parse()?,
        "--max-secs" => cfg.max_secs = Some(v.parse()?),
        _ => return Ok(false),
    }
    Ok(true)
}

type BoxError = Box<dyn std::error::Error>;

/// The command line's `--flag value` pairs, in order.
pub fn flag_pairs() -> Result<Vec<(String, String)>, BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() % 2 == 1 {
        return Err(format!("{} needs a value", args[args.len() - 1]).into());
    }
    Ok(args
        .chunks(2)
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect())
}

/// Softmax of `s` at temperature `t`.
pub fn softmax(s: &[f32], t: f32) -> Vec<f32> {
    let m = s.iter().copied().fold(f32::MIN, f32::max);
    let e: Vec<f32> = s.iter().map(|x| ((x - m) / t).exp()).collect();
    let z: f32 = e.iter().sum();
    e.into_iter().map(|x| x / z).collect()
}

/// Rows of floats as the probes' `.f32` files hold them (little-endian, row after row).
pub fn to_bytes(rows: &[Vec<f32>]) -> Vec<u8> {
    rows.iter()
        .flatten()
        .flat_map(|x| x.to_le_bytes())
        .collect()
}

/// The rows of `width` floats in `bytes` written by [`to_bytes`].
pub fn from_bytes(bytes: &[u8], width: usize) -> Vec<Vec<f32>> {
    let f: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    f.chunks(width).map(<[f32]>::to_vec).collect()
}

/// The index of the largest score.
pub fn argmax(s: &[f32]) -> usize {
    (0..s.len())
        .max_by(|&a, &b| s[a].total_cmp(&s[b]))
        .unwrap_or(0)
}

/// Trains a one-vs-rest SVM (cost `c`) on `xs`/`ys` over `width` features
/// and returns its per-class scores of each of `xt`, and the training
/// seconds.
pub fn fit_scores(
    xs: &[SparseVec],
    ys: &[usize],
    xt: &[SparseVec],
    n_classes: usize,
    width: usize,
    c: f32,
) -> (Vec<Vec<f32>>, f64) {
    let start = Instant::now();
    let svm = SvmConfig {
        c,
        ..SvmConfig::default()
    };
    let w = train_ovr(xs, ys, n_classes, width, &svm);
    let secs = start.elapsed().as_secs_f64();
    let scores = xt
        .iter()
        .map(|x| {
            let mut s = Vec::new();
            w.scores(x, &mut s);
            s
        })
        .collect();
    (scores, secs)
}

/// Scores per-class `scores` (argmax) against `gold`.
pub fn score_argmax(scores: &[Vec<f32>], labels: &[String], gold: &[&str]) -> EvalReport {
    let pred: Vec<&str> = scores.iter().map(|s| labels[argmax(s)].as_str()).collect();
    score(gold, &pred)
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
    let (scores, secs) = fit_scores(xs, ys, xt, labels.len(), width, c);
    (score_argmax(&scores, labels, gold), secs)
}
