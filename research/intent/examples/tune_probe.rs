//! Fine-tunes the top layer(s) of all-MiniLM-L6-v2 on Banking77 (frozen
//! lower layers cached, softmax head, AdamW; `frontdesk_embed::tune`) and
//! measures the tuned mean-pooled embedding in the concat SVM.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example tune_probe -- \
//!     [--data-dir DIR] [--split val|test] [--layers 1] [--epochs 4] [--lr 1e-4] \
//!     [--head-lr 3e-3] [--dropout 0.1] [--batch 32] [--c 1] [--max-secs S]
//! ```
//! Split `test`: train on the 8,005 training rows of the stratified 80/20
//! split (seed 2024), report on its 1,998 held-out rows. Split `val`: the
//! training rows split again (15 % held back, seed 7), for choosing the
//! settings. Prints one JSON line per feature set: `base` (the product's
//! concat: n-grams + the frozen embedding), `tuned` (n-grams + the tuned
//! embedding), `both` (n-grams + both), `tuned_only` (the tuned embedding
//! alone).

mod probe;

use std::time::Instant;

use frontdesk_embed::tune::{fine_tune, TuneConfig};
use frontdesk_intent::embedding::Embedder;
use frontdesk_intent::features::{FeatureConfig, Scratch, SparseVec, Vectorizer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut data_dir = format!("{root}/data/intents");
    let mut split = "val".to_string();
    let mut cfg = TuneConfig::default();
    let mut c = 1.0f32;
    let mut w_tuned = 1.0f32;
    for (flag, v) in probe::flag_pairs()? {
        if probe::tune_arg(&mut cfg, &flag, &v)? {
            continue;
        }
        match flag.as_str() {
            "--data-dir" => data_dir = v,
            "--split" => split = v,
            "--c" => c = v.parse()?,
            "--w" => w_tuned = v.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let embedder = Embedder::load_default()?;
    let (tr, te) = probe::banking77_split(&data_dir, &split)?;
    let (labels, ys) = probe::label_index(&tr);
    let tr_texts: Vec<&str> = tr.iter().map(|e| e.text.as_str()).collect();
    let te_texts: Vec<&str> = te.iter().map(|e| e.text.as_str()).collect();
    let start = Instant::now();
    let (top, report) = fine_tune(&embedder, &tr_texts, &ys, labels.len(), &cfg)?;
    let tune_secs = start.elapsed().as_secs_f64();
    eprintln!(
        "tuned {} layer(s) in {tune_secs:.1} s (lower layers {:.1} s, training {:.1} s); epoch losses {:?}",
        cfg.layers, report.lower_secs, report.train_secs, report.epoch_loss
    );
    let start = Instant::now();
    let tr_e = embedder.embed_tuned(&tr_texts, &top)?;
    let embed_secs = start.elapsed().as_secs_f64();
    let te_e = embedder.embed_tuned(&te_texts, &top)?;
    eprintln!("embedded the training rows (base + tuned) in {embed_secs:.1} s");

    let vectorizer = Vectorizer::fit(tr_texts.iter().copied(), FeatureConfig::default());
    let mut scratch = Scratch::default();
    let vocab = vectorizer.len();
    let gold: Vec<&str> = te.iter().map(|e| e.intent.as_str()).collect();
    for set in ["base", "tuned", "both", "tuned_only"] {
        let build = |text: &str, e: &(Vec<f32>, Vec<f32>), scratch: &mut Scratch| -> SparseVec {
            let mut x = if set == "tuned_only" {
                SparseVec::default()
            } else {
                vectorizer.transform(text, scratch)
            };
            let mut blocks: Vec<(&[f32], f32)> = Vec::new();
            if set == "base" || set == "both" {
                blocks.push((&e.0, 1.0));
            }
            if set != "base" {
                blocks.push((&e.1, w_tuned));
            }
            let mut off = vocab;
            for (b, w) in blocks {
                for (k, v) in b.iter().enumerate() {
                    x.idx.push((off + k) as u32);
                    x.val.push(w * v);
                }
                off += b.len();
            }
            x
        };
        let xs: Vec<SparseVec> = tr_texts
            .iter()
            .zip(&tr_e)
            .map(|(t, e)| build(t, e, &mut scratch))
            .collect();
        let xt: Vec<SparseVec> = te_texts
            .iter()
            .zip(&te_e)
            .map(|(t, e)| build(t, e, &mut scratch))
            .collect();
        let width = vocab + 2 * embedder.dim();
        let (r, svm_secs) = probe::fit_and_score(&xs, &ys, &xt, &labels, &gold, width, c);
        println!(
            "{}",
            serde_json::json!({"split": split, "set": set, "layers": cfg.layers, "epochs": report.epoch_loss.len(),
                "lr": cfg.lr, "head_lr": cfg.head_lr, "dropout": cfg.dropout, "batch": cfg.batch_size,
                "c": c, "w_tuned": w_tuned, "accuracy": r.accuracy, "macro_f1": r.macro_f1,
                "tune_secs": tune_secs, "svm_secs": svm_secs, "epoch_loss": report.epoch_loss,
                "train_rows": tr.len(), "test_rows": te.len()})
        );
    }
    Ok(())
}
