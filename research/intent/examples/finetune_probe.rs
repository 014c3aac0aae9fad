//! Fine-tunes several (up to all six) transformer layers of
//! all-MiniLM-L6-v2 on Banking77 (`frontdesk_embed::tune`: frozen layers
//! below cached, softmax head, AdamW with optional warm-up and linear
//! decay) and measures, after chosen epochs:
//!
//! - `ft`: the fine-tuned network's own softmax head (argmax of its logits);
//! - `tuned`: one SVM over the n-grams and the tuned embedding (the
//!   product's concat with the tuned network in place of the frozen one);
//! - `both`: one SVM over the n-grams, the frozen and the tuned embeddings;
//! - `mix`: probability mixtures `(1 - w) softmax(svm / T) + w softmax(ft)`
//!   of the fine-tuned head with the n-gram SVM (`ngram`), the product's
//!   concat SVM (`base`) or the `tuned` SVM, over a small grid of `T`, `w`.
//!
//! ```text
//! EMBED_CACHE=/tmp/fd-emb-cache cargo run --release --manifest-path research/Cargo.toml -p research-intent --example finetune_probe -- \
//!     [--data-dir DIR] [--split val|test] [--layers 6] [--epochs 3] [--lr 1e-4] \
//!     [--head-lr 3e-3] [--dropout 0.1] [--batch 32] [--wd 0.01] [--warmup 0.1] \
//!     [--decay 1] [--seed 42] [--max-secs S] [--eval-at 2,3] [--c 1] \
//!     [--out DIR] [--tag NAME] [--save FILE.safetensors]
//! ```
//! Split `test`: train on the 8,005 training rows of the stratified 80/20
//! split (seed 2024), report on its 1,998 held-out rows. Split `val`: the
//! training rows split again (15 % held back, seed 7), for choosing the
//! settings. `EMBED_CACHE` keeps the frozen embeddings between runs;
//! `--out` writes each evaluated epoch's per-class scores of the test rows
//! (little-endian f32, rows × classes: `TAG-eE-ft.f32`, `TAG-eE-tuned.f32`,
//! and once `SPLIT-base.f32`, `SPLIT-ngram.f32`) for `mix_probe`;
//! `--save` writes the tuned layers after the last epoch.

mod probe;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use frontdesk_embed::tune::{lower_outputs, Trainer, TuneConfig};
use frontdesk_intent::embedding::Embedder;
use frontdesk_intent::features::{FeatureConfig, Scratch, SparseVec, Vectorizer};
use frontdesk_intent::Example;

type BoxError = Box<dyn std::error::Error>;

/// The frozen (product) embeddings of `rows`, from `EMBED_CACHE` when it
/// holds them.
fn frozen(embedder: &Embedder, rows: &[Example], name: &str) -> Result<Vec<Vec<f32>>, BoxError> {
    let dim = embedder.dim();
    let path = std::env::var_os("EMBED_CACHE")
        .map(|d| PathBuf::from(d).join(format!("{name}-frozen.f32")));
    if let Some(p) = &path {
        if let Ok(bytes) = std::fs::read(p) {
            if bytes.len() == rows.len() * dim * 4 {
                return Ok(probe::from_bytes(&bytes, dim));
            }
        }
    }
    let texts: Vec<&str> = rows.iter().map(|e| e.text.as_str()).collect();
    let start = Instant::now();
    let out = embedder.embed(&texts)?;
    eprintln!(
        "{name}: {} rows embedded in {:.1} s",
        rows.len(),
        start.elapsed().as_secs_f64()
    );
    if let Some(p) = &path {
        std::fs::create_dir_all(p.parent().unwrap_or(std::path::Path::new(".")))?;
        std::fs::write(p, probe::to_bytes(&out))?;
    }
    Ok(out)
}

/// `x` followed by the dense `blocks`, from column `offset` on.
fn with_blocks(x: &SparseVec, offset: usize, blocks: &[&[f32]]) -> SparseVec {
    let mut x = x.clone();
    let mut off = offset;
    for b in blocks {
        for (k, v) in b.iter().enumerate() {
            x.idx.push((off + k) as u32);
            x.val.push(*v);
        }
        off += b.len();
    }
    x
}

/// Accuracy of the mixture `(1 - w) softmax(svm / t) + w softmax(ft)`.
fn mix_accuracy(svm: &[Vec<f32>], ft: &[Vec<f32>], t: f32, w: f32, gold: &[usize]) -> f64 {
    let hits = svm
        .iter()
        .zip(ft)
        .zip(gold)
        .filter(|((s, f), &y)| {
            let p: Vec<f32> = probe::softmax(s, t)
                .iter()
                .zip(probe::softmax(f, 1.0))
                .map(|(a, b)| (1.0 - w) * a + w * b)
                .collect();
            probe::argmax(&p) == y
        })
        .count();
    hits as f64 / gold.len().max(1) as f64
}

/// The temperatures and fine-tuned shares of the mixture grid.
const TEMPS: [f32; 3] = [0.05, 0.1, 0.2];
const SHARES: [f32; 4] = [0.3, 0.5, 0.7, 0.85];

fn main() -> Result<(), BoxError> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut data_dir = format!("{root}/data/intents");
    let mut split = "val".to_string();
    let mut cfg = TuneConfig {
        layers: 6,
        epochs: 3,
        warmup: 0.1,
        linear_decay: true,
        ..TuneConfig::default()
    };
    let mut c = 1.0f32;
    let mut eval_at: Vec<usize> = Vec::new();
    let mut out_dir: Option<PathBuf> = None;
    let mut tag: Option<String> = None;
    let mut save: Option<PathBuf> = None;
    for (flag, v) in probe::flag_pairs()? {
        if probe::tune_arg(&mut cfg, &flag, &v)? {
            continue;
        }
        match flag.as_str() {
            "--data-dir" => data_dir = v,
            "--split" => split = v,
            "--eval-at" => eval_at = v.split(',').map(str::parse).collect::<Result<_, _>>()?,
            "--c" => c = v.parse()?,
            "--out" => out_dir = Some(PathBuf::from(v)),
            "--tag" => tag = Some(v),
            "--save" => save = Some(PathBuf::from(v)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let tag = tag.unwrap_or_else(|| format!("{split}-l{}-lr{}-s{}", cfg.layers, cfg.lr, cfg.seed));
    if let Some(d) = &out_dir {
        std::fs::create_dir_all(d)?;
    }
    let embedder = Embedder::load_default()?;
    let dim = embedder.dim();
    let (tr, te) = probe::banking77_split(&data_dir, &split)?;
    let (labels, ys) = probe::label_index(&tr);
    let gold: Vec<&str> = te.iter().map(|e| e.intent.as_str()).collect();
    let gold_idx: Vec<usize> = te
        .iter()
        .map(|e| labels.binary_search(&e.intent).unwrap_or(usize::MAX))
        .collect();
    let tr_texts: Vec<&str> = tr.iter().map(|e| e.text.as_str()).collect();
    let te_texts: Vec<&str> = te.iter().map(|e| e.text.as_str()).collect();

    // The n-gram and product (frozen concat) SVMs, once.
    let vectorizer = Vectorizer::fit(tr_texts.iter().copied(), FeatureConfig::default());
    let vocab = vectorizer.len();
    let mut scratch = Scratch::default();
    let ng_tr: Vec<SparseVec> = tr_texts
        .iter()
        .map(|t| vectorizer.transform(t, &mut scratch))
        .collect();
    let ng_te: Vec<SparseVec> = te_texts
        .iter()
        .map(|t| vectorizer.transform(t, &mut scratch))
        .collect();
    let fz_tr = frozen(&embedder, &tr, &format!("banking77-{split}-train"))?;
    let fz_te = frozen(&embedder, &te, &format!("banking77-{split}-test"))?;
    let width = vocab + 2 * dim;
    let (ngram, _) = probe::fit_scores(&ng_tr, &ys, &ng_te, labels.len(), width, c);
    let cat = |ng: &[SparseVec], blocks: &[&[Vec<f32>]]| -> Vec<SparseVec> {
        ng.iter()
            .enumerate()
            .map(|(r, x)| {
                let b: Vec<&[f32]> = blocks.iter().map(|blk| blk[r].as_slice()).collect();
                with_blocks(x, vocab, &b)
            })
            .collect()
    };
    let (base, _) = probe::fit_scores(
        &cat(&ng_tr, &[&fz_tr]),
        &ys,
        &cat(&ng_te, &[&fz_te]),
        labels.len(),
        width,
        c,
    );
    let acc = |s: &[Vec<f32>]| probe::score_argmax(s, &labels, &gold).accuracy;
    println!(
        "{}",
        serde_json::json!({"split": split, "ngram": acc(&ngram), "base": acc(&base),
            "train_rows": tr.len(), "test_rows": te.len()})
    );
    if let Some(d) = &out_dir {
        std::fs::write(
            d.join(format!("{split}-ngram.f32")),
            probe::to_bytes(&ngram),
        )?;
        std::fs::write(d.join(format!("{split}-base.f32")), probe::to_bytes(&base))?;
    }

    // Fine-tuning, evaluated after the chosen epochs.
    let mut trainer = Trainer::new(&embedder, labels.len(), &cfg)?;
    let start = Instant::now();
    let st_tr = lower_outputs(&embedder, &tr_texts, trainer.start())?;
    let st_te = lower_outputs(&embedder, &te_texts, trainer.start())?;
    let lower_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut losses = Vec::new();
    for epoch in 1..=cfg.epochs {
        let e_start = Instant::now();
        losses.push(trainer.epoch(&st_tr, &ys)?);
        let train_secs = start.elapsed().as_secs_f64();
        eprintln!(
            "{tag}: epoch {epoch} loss {:.4} in {:.1} s",
            losses[epoch - 1],
            e_start.elapsed().as_secs_f64()
        );
        let out_of_time = cfg.max_secs.is_some_and(|m| train_secs >= m);
        let last = epoch == cfg.epochs || out_of_time;
        if !(last || eval_at.contains(&epoch)) {
            continue;
        }
        let e_start = Instant::now();
        let p_tr = trainer.predict(&st_tr)?;
        let p_te = trainer.predict(&st_te)?;
        let predict_secs = e_start.elapsed().as_secs_f64();
        let tu_tr: Vec<Vec<f32>> = p_tr.iter().map(|p| p.0.clone()).collect();
        let tu_te: Vec<Vec<f32>> = p_te.iter().map(|p| p.0.clone()).collect();
        let ft: Vec<Vec<f32>> = p_te.into_iter().map(|p| p.1).collect();
        let (tuned, svm_secs) = probe::fit_scores(
            &cat(&ng_tr, &[&tu_tr]),
            &ys,
            &cat(&ng_te, &[&tu_te]),
            labels.len(),
            width,
            c,
        );
        let (both, _) = probe::fit_and_score(
            &cat(&ng_tr, &[&fz_tr, &tu_tr]),
            &ys,
            &cat(&ng_te, &[&fz_te, &tu_te]),
            &labels,
            &gold,
            width,
            c,
        );
        let mut mix = BTreeMap::new();
        for (name, svm) in [("ngram", &ngram), ("base", &base), ("tuned", &tuned)] {
            for t in TEMPS {
                for w in SHARES {
                    let a = mix_accuracy(svm, &ft, t, w, &gold_idx);
                    mix.insert(format!("{name}/T{t}/w{w}"), (a * 1e4).round() / 1e4);
                }
            }
        }
        println!(
            "{}",
            serde_json::json!({"split": split, "tag": tag, "layers": cfg.layers, "epoch": epoch,
                "epochs": cfg.epochs, "lr": cfg.lr, "head_lr": cfg.head_lr, "warmup": cfg.warmup,
                "decay": cfg.linear_decay, "dropout": cfg.dropout, "batch": cfg.batch_size,
                "seed": cfg.seed, "c": c, "loss": losses,
                "ft": acc(&ft), "tuned": acc(&tuned), "both": both.accuracy, "mix": mix,
                "lower_secs": lower_secs, "train_secs": train_secs,
                "predict_secs": predict_secs, "svm_secs": svm_secs})
        );
        if let Some(d) = &out_dir {
            std::fs::write(
                d.join(format!("{tag}-e{epoch}-ft.f32")),
                probe::to_bytes(&ft),
            )?;
            std::fs::write(
                d.join(format!("{tag}-e{epoch}-tuned.f32")),
                probe::to_bytes(&tuned),
            )?;
        }
        if out_of_time {
            break;
        }
    }
    if let Some(p) = &save {
        trainer.tuned()?.save(p)?;
    }
    Ok(())
}
