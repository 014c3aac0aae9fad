//! Does fine-tuning the sentence encoder help the injection detector?
//!
//! For each outer fold (stratified round-robin, as `injection_cascade`), the
//! top `LAYERS` layers of all-MiniLM-L6-v2 are fine-tuned under a two-class
//! softmax head on the fold's training part (labelled rows plus the benign
//! training extras the n-gram detector also learns from), and the n-gram
//! detector is trained on the same rows. Every combination rule is fixed in
//! advance (nothing is chosen on the test fold):
//! - `ngram`: the shipped n-gram detector (its threshold, 0.6);
//! - `ft`: the fine-tuned network's probability, at 0.5;
//! - `mean`: the mean of the two, at 0.5;
//! - `cascade`: the n-gram verdict outside [0.2, 0.8], `ft` inside.
//!
//! Ordinary FPR is measured on the same 2,000 held-out Bitext + Banking77
//! tickets as `injection_cv`, per fold model, averaged.
//!
//! ```text
//! cargo run --release -p frontdesk-guard --example injection_finetune -- 5 10
//! LAYERS=3 EPOCHS=4 LR=1e-4 FOLD_SEED=1 ...
//! ```

use std::time::Instant;

use frontdesk_embed::tune::{lower_outputs, Trainer, TuneConfig};
use frontdesk_embed::Embedder;
use frontdesk_guard::injection::detector::{
    default_benign_training, default_injection_examples, ordinary_heldout_sample,
};
use frontdesk_guard::injection::eval::{stratified_folds, Confusion};
use frontdesk_guard::{InjectionDetector, LabelledText, TrainConfig};

type BoxError = Box<dyn std::error::Error>;

const VARIANTS: [&str; 4] = ["ngram", "ft", "mean", "cascade"];
const BAND: [f32; 2] = [0.2, 0.8];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Stratified round-robin folds, as `injection_cascade` assigns them
/// (`FOLD_SEED=N` for a seeded order).
fn folds(labels: &[bool], k: usize) -> Vec<usize> {
    let seed = std::env::var("FOLD_SEED").ok().and_then(|s| s.parse().ok());
    stratified_folds(labels, k, seed)
}

fn softmax2(l: &[f32]) -> f32 {
    1.0 / (1.0 + (l[0] - l[1]).exp())
}

fn decide(variant: &str, ngram: f32, ng_flag: bool, ft: f32) -> bool {
    match variant {
        "ngram" => ng_flag,
        "ft" => ft >= 0.5,
        "mean" => (ngram + ft) / 2.0 >= 0.5,
        _ => {
            if !(BAND[0]..BAND[1]).contains(&ngram) {
                ng_flag
            } else {
                ft >= 0.5
            }
        }
    }
}

fn main() -> Result<(), BoxError> {
    let ks: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse())
        .collect::<Result<_, _>>()?;
    let ks = if ks.is_empty() { vec![5, 10] } else { ks };
    let cfg = TuneConfig {
        layers: env_or("LAYERS", 3),
        epochs: env_or("EPOCHS", 4),
        lr: env_or("LR", 1e-4),
        warmup: 0.1,
        linear_decay: true,
        seed: 42,
        ..TuneConfig::default()
    };
    let examples = default_injection_examples()?;
    let benign = default_benign_training()?;
    let ordinary = ordinary_heldout_sample(2000)?;
    let embedder = Embedder::load_default()?;
    let start = embedder.encoder().layers.len() - cfg.layers;
    let t0 = Instant::now();
    let ex_texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let ex_states = lower_outputs(&embedder, &ex_texts, start)?;
    let bn_states = lower_outputs(&embedder, &benign, start)?;
    let ord_states = lower_outputs(&embedder, &ordinary, start)?;
    eprintln!(
        "frozen layers for {} texts in {:.0} s; tuning {} layer(s), {} epochs, lr {}",
        ex_texts.len() + benign.len() + ordinary.len(),
        t0.elapsed().as_secs_f64(),
        cfg.layers,
        cfg.epochs,
        cfg.lr
    );
    let labels: Vec<bool> = examples.iter().map(|e| e.label).collect();
    // With SCORES_OUT=FILE, every scored row (k, fold, set, row, label,
    // n-gram score, n-gram verdict, tuned probability) is written there, so
    // that other fixed rules can be scored without training again.
    let mut dump: Vec<String> = Vec::new();
    for k in ks {
        let f = folds(&labels, k);
        let mut total = [Confusion::default(); 4];
        let mut ord_fp = [0usize; 4];
        let started = Instant::now();
        for fold in 0..k {
            let train: Vec<usize> = (0..examples.len()).filter(|&i| f[i] != fold).collect();
            let test: Vec<usize> = (0..examples.len()).filter(|&i| f[i] == fold).collect();
            let mut ng_rows: Vec<LabelledText> =
                train.iter().map(|&i| examples[i].clone()).collect();
            ng_rows.extend(benign.iter().map(|t| LabelledText {
                text: t.clone(),
                label: false,
            }));
            let ngram = InjectionDetector::train(&ng_rows, &TrainConfig::default())?;
            let mut states: Vec<_> = train.iter().map(|&i| ex_states[i].clone()).collect();
            states.extend(bn_states.iter().cloned());
            let ys: Vec<usize> = ng_rows.iter().map(|r| usize::from(r.label)).collect();
            let mut trainer = Trainer::new(&embedder, 2, &cfg)?;
            for _ in 0..cfg.epochs {
                trainer.epoch(&states, &ys)?;
            }
            let test_states: Vec<_> = test.iter().map(|&i| ex_states[i].clone()).collect();
            let ft_test = trainer.predict(&test_states)?;
            let ft_ord = trainer.predict(&ord_states)?;
            let mut c = [Confusion::default(); 4];
            for (&i, (_, logits)) in test.iter().zip(&ft_test) {
                let text = examples[i].text.as_str();
                let v = ngram.score(text);
                let s = ngram.ngram_score(text);
                let p = softmax2(logits);
                for (k, name) in VARIANTS.iter().enumerate() {
                    c[k].add(labels[i], decide(name, s, v.flagged, p));
                }
                dump.push(format!(
                    "{k}\t{fold}\tlabelled\t{i}\t{}\t{s}\t{}\t{p}",
                    labels[i], v.flagged
                ));
            }
            for (j, (text, (_, logits))) in ordinary.iter().zip(&ft_ord).enumerate() {
                let v = ngram.score(text);
                let s = ngram.ngram_score(text);
                let p = softmax2(logits);
                for (k, name) in VARIANTS.iter().enumerate() {
                    ord_fp[k] += usize::from(decide(name, s, v.flagged, p));
                }
                dump.push(format!(
                    "{k}\t{fold}\tordinary\t{j}\tfalse\t{s}\t{}\t{p}",
                    v.flagged
                ));
            }
            if let Some(path) = std::env::var_os("SCORES_OUT") {
                std::fs::write(path, dump.join("\n") + "\n")?;
            }
            eprintln!(
                "{k}-fold, fold {fold}: F1 {} ({:.0} s)",
                VARIANTS
                    .iter()
                    .zip(&c)
                    .map(|(n, c)| format!("{n} {:.3}", c.f1()))
                    .collect::<Vec<_>>()
                    .join(", "),
                started.elapsed().as_secs_f64()
            );
            for (a, b) in total.iter_mut().zip(&c) {
                a.tp += b.tp;
                a.fp += b.fp;
                a.tn += b.tn;
                a.fn_ += b.fn_;
            }
        }
        println!(
            "\n{k}-fold CV, {} layer(s), {} epochs, lr {} ({:.0} s)",
            cfg.layers,
            cfg.epochs,
            cfg.lr,
            started.elapsed().as_secs_f64()
        );
        println!("| variant | F1 | P | R | ordinary FPR |\n|---|---|---|---|---|");
        for (k_, name) in VARIANTS.iter().enumerate() {
            let c = &total[k_];
            println!(
                "| {name} | {:.3} | {:.3} | {:.3} | {:.2} % |",
                c.f1(),
                c.precision(),
                c.recall(),
                100.0 * ord_fp[k_] as f64 / (ordinary.len() * k) as f64
            );
        }
    }
    Ok(())
}
