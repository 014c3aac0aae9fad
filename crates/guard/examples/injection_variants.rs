//! Cross-validates variants of the n-gram injection detector on the same
//! outer folds as `injection_cv` / `injection_cascade` (stratified
//! round-robin), with every choice made inside the training part.
//!
//! ```text
//! cargo run --release -p frontdesk-guard --example injection_variants -- [k...] [--only NAME,NAME]
//! ```
//!
//! A variant is a list of candidate [`TrainConfig`]s and whether the
//! threshold is tuned. With one candidate and no tuning the training part is
//! simply fitted and the outer fold scored (as `cross_validate`). Otherwise
//! an inner 5-fold split of the training part's labelled rows (the benign
//! extras stay in every inner training set, as in the outer split) gives
//! out-of-fold scores for every candidate; the candidate and threshold with
//! the best inner F1 (threshold grid 0.05..0.95, ties: middle of the best
//! plateau, then the earlier candidate) are refitted on the whole training
//! part and applied to the outer fold. F1 is pooled over the outer folds
//! (mean per-fold F1 also shown); the ordinary FPR is on the same 2,000
//! held-out Bitext + Banking77 tickets as `injection_cv`, averaged over folds.

use std::time::Instant;

use frontdesk_guard::injection::detector::{
    default_benign_training, default_injection_examples, ordinary_heldout_sample,
};
use frontdesk_guard::injection::eval::Confusion;
use frontdesk_guard::{InjectionDetector, LabelledText, TrainConfig};

const INNER_K: usize = 5;

struct Variant {
    name: &'static str,
    candidates: Vec<TrainConfig>,
    tune_threshold: bool,
    /// A second model whose n-gram score is averaged with the first's
    /// (weight `partner_weight`); its `threshold` is ignored.
    partner: Option<(TrainConfig, f32)>,
}

/// A fitted variant: one or two detectors.
struct Fitted {
    main: InjectionDetector,
    partner: Option<(InjectionDetector, f32)>,
}

impl Fitted {
    fn score(&self, text: &str) -> f32 {
        let s = self.main.ngram_score(text);
        match &self.partner {
            Some((p, w)) => (1.0 - w) * s + w * p.ngram_score(text),
            None => s,
        }
    }
}

fn fit(rows: &[&LabelledText], benign: &[String], c: &TrainConfig, v: &Variant) -> Fitted {
    Fitted {
        main: train(rows, benign, c),
        partner: v.partner.map(|(pc, w)| (train(rows, benign, &pc), w)),
    }
}

fn cfg(f: impl FnOnce(&mut TrainConfig)) -> TrainConfig {
    let mut c = TrainConfig::default();
    f(&mut c);
    c
}

fn variants() -> Vec<Variant> {
    let one = |name, c: TrainConfig| Variant {
        name,
        candidates: vec![c],
        tune_threshold: false,
        partner: None,
    };
    let words_only = cfg(|c| {
        c.max_n = 0;
        c.word_max_n = 2;
        c.fold_accents = true;
    });
    let pair = |name, w: f32, tune| Variant {
        name,
        candidates: vec![TrainConfig::default()],
        tune_threshold: tune,
        partner: Some((words_only, w)),
    };
    let mut grid = Vec::new();
    for c in [3.0f32, 10.0, 30.0] {
        for max_n in [4usize, 5] {
            for fold in [false, true] {
                grid.push(cfg(|t| {
                    t.c = c;
                    t.max_n = max_n;
                    t.fold_accents = fold;
                }));
            }
        }
    }
    vec![
        one("ngram (shipped)", TrainConfig::default()),
        one("fold_accents", cfg(|c| c.fold_accents = true)),
        one("whole_text_only", cfg(|c| c.score_pieces = false)),
        one("max_n 5", cfg(|c| c.max_n = 5)),
        one("min_n 2", cfg(|c| c.min_n = 2)),
        one(
            "fold + max_n 5",
            cfg(|c| {
                c.fold_accents = true;
                c.max_n = 5;
            }),
        ),
        one(
            "fold + words 1",
            cfg(|c| {
                c.fold_accents = true;
                c.word_max_n = 1;
            }),
        ),
        one("C 3", cfg(|c| c.c = 3.0)),
        one("C 30", cfg(|c| c.c = 30.0)),
        one("iterations 400", cfg(|c| c.iterations = 400)),
        Variant {
            name: "nested threshold",
            candidates: vec![TrainConfig::default()],
            tune_threshold: true,
            partner: None,
        },
        Variant {
            name: "fold + nested threshold",
            candidates: vec![cfg(|c| c.fold_accents = true)],
            tune_threshold: true,
            partner: None,
        },
        Variant {
            name: "nested grid (C x max_n x fold) + threshold",
            candidates: grid,
            tune_threshold: true,
            partner: None,
        },
        pair("ensemble chars + words 1-2 (0.3)", 0.3, false),
        pair("ensemble chars + words 1-2 (0.5)", 0.5, false),
        pair(
            "ensemble chars + words 1-2 (0.3) + nested threshold",
            0.3,
            true,
        ),
    ]
}

fn folds(labels: &[bool], k: usize) -> Vec<usize> {
    let (mut p, mut n) = (0usize, 0usize);
    labels
        .iter()
        .map(|&y| {
            let c = if y { &mut p } else { &mut n };
            *c += 1;
            (*c - 1) % k
        })
        .collect()
}

fn train(rows: &[&LabelledText], benign: &[String], c: &TrainConfig) -> InjectionDetector {
    let mut ex: Vec<LabelledText> = rows.iter().map(|r| (*r).clone()).collect();
    ex.extend(benign.iter().map(|t| LabelledText {
        text: t.clone(),
        label: false,
    }));
    InjectionDetector::train(&ex, c).expect("both classes")
}

/// Best threshold on `scores` (max F1; ties: middle of the best plateau) and its F1.
fn best_threshold(labels: &[bool], scores: &[f32]) -> (f32, f64) {
    let grid: Vec<f32> = (1..20).map(|i| i as f32 / 20.0).collect();
    let f1s: Vec<f64> = grid
        .iter()
        .map(|&t| {
            let mut c = Confusion::default();
            for (&y, &s) in labels.iter().zip(scores) {
                c.add(y, s >= t);
            }
            c.f1()
        })
        .collect();
    let best = f1s.iter().cloned().fold(0.0, f64::max);
    let at: Vec<usize> = (0..grid.len()).filter(|&i| f1s[i] >= best - 1e-9).collect();
    (grid[at[at.len() / 2]], best)
}

/// The candidate and threshold chosen on inner out-of-fold scores of `rows`.
fn choose(v: &Variant, rows: &[&LabelledText], benign: &[String]) -> (TrainConfig, f32) {
    if v.candidates.len() == 1 && !v.tune_threshold {
        return (v.candidates[0], v.candidates[0].threshold);
    }
    let labels: Vec<bool> = rows.iter().map(|r| r.label).collect();
    let f = folds(&labels, INNER_K);
    let mut best: Option<(f64, TrainConfig, f32)> = None;
    for c in &v.candidates {
        let mut oof = vec![0.0f32; rows.len()];
        for fold in 0..INNER_K {
            let tr: Vec<&LabelledText> = (0..rows.len())
                .filter(|&i| f[i] != fold)
                .map(|i| rows[i])
                .collect();
            let det = fit(&tr, benign, c, v);
            for i in (0..rows.len()).filter(|&i| f[i] == fold) {
                oof[i] = det.score(&rows[i].text);
            }
        }
        let (t, f1) = if v.tune_threshold {
            best_threshold(&labels, &oof)
        } else {
            let mut cf = Confusion::default();
            for (&y, &s) in labels.iter().zip(&oof) {
                cf.add(y, s >= c.threshold);
            }
            (c.threshold, cf.f1())
        };
        if best.as_ref().is_none_or(|(bf, _, _)| f1 > *bf + 1e-9) {
            best = Some((f1, *c, t));
        }
    }
    let (_, c, t) = best.expect("at least one candidate");
    (c, t)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').map(str::to_string).collect());
    let ks: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let ks = if ks.is_empty() { vec![5, 10] } else { ks };
    let examples = default_injection_examples()?;
    let benign = default_benign_training()?;
    let heldout = ordinary_heldout_sample(2000)?;
    let labels: Vec<bool> = examples.iter().map(|e| e.label).collect();
    println!(
        "| variant | k | F1 (pooled) | mean fold F1 | precision | recall | ordinary FPR | chosen |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for v in variants() {
        if only
            .as_ref()
            .is_some_and(|o| !o.iter().any(|n| v.name.starts_with(n.as_str())))
        {
            continue;
        }
        for &k in &ks {
            let started = Instant::now();
            let f = folds(&labels, k);
            let (mut total, mut fold_f1, mut ord_fp, mut ord_n) =
                (Confusion::default(), Vec::new(), 0usize, 0usize);
            let mut chosen = Vec::new();
            for fold in 0..k {
                let tr: Vec<&LabelledText> = (0..examples.len())
                    .filter(|&i| f[i] != fold)
                    .map(|i| &examples[i])
                    .collect();
                let (c, t) = choose(&v, &tr, &benign);
                chosen.push(format!(
                    "C{}/n{}-{}{}/t{:.2}",
                    c.c,
                    c.min_n,
                    c.max_n,
                    if c.fold_accents { "/fold" } else { "" },
                    t
                ));
                let det = fit(&tr, &benign, &c, &v);
                let mut cf = Confusion::default();
                for i in (0..examples.len()).filter(|&i| f[i] == fold) {
                    cf.add(examples[i].label, det.score(&examples[i].text) >= t);
                }
                fold_f1.push(cf.f1());
                total.tp += cf.tp;
                total.fp += cf.fp;
                total.tn += cf.tn;
                total.fn_ += cf.fn_;
                let thr = t;
                for t in &heldout {
                    ord_n += 1;
                    ord_fp += usize::from(det.score(t) >= thr);
                }
            }
            chosen.sort();
            chosen.dedup();
            println!(
                "| {} | {k} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2}% | {} |",
                v.name,
                total.f1(),
                fold_f1.iter().sum::<f64>() / k as f64,
                total.precision(),
                total.recall(),
                100.0 * ord_fp as f64 / ord_n.max(1) as f64,
                if chosen.len() > 4 {
                    format!("{} distinct", chosen.len())
                } else {
                    chosen.join(", ")
                }
            );
            eprintln!("{} k={k}: {:.0}s", v.name, started.elapsed().as_secs_f64());
        }
    }
    Ok(())
}
