//! Compares the n-gram model with the sentence-embedding variants on
//! held-out data, embedding each data set once.
//!
//! ```text
//! scripts/fetch-model.sh
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example embed_compare -- \
//!     [--data-dir data/intents] [--only banking77|clinc150|bitext]... [--variants LIST]
//! ```
//! Splits: Banking77 and Bitext, a stratified 20 % of the shared file held
//! out (seed 2024); CLINC150, train on `clinc150_train.csv`, test on
//! `clinc150_val.csv`. Variants: `ngram`, `emb` (SVM on embeddings alone),
//! `ens:W` (probability mixture, embedding share W), `cat:W` (one SVM over
//! n-gram features and the embedding scaled by W), each optionally with
//! `@C` for the SVM cost (e.g. `cat:1.5@0.5`). Prints one JSON line per
//! data set and variant.
//!
//! `--test FILE` trains on the whole training file (Bitext, Banking77) or on
//! `clinc150_train.csv` and scores on FILE instead of the split's test rows.
//!
//! `--tuned DIR` embeds through the fine-tuned layers a model saved in DIR
//! (`tuned.safetensors`) instead of the published network; `--val` scores
//! on the rows that `train`'s calibration holds back from the training
//! part (15 %, the SVM seed) instead of the test rows, training on the
//! rest: with `--tuned` of a model trained on the same training part, those
//! rows were not seen by fine-tuning either, so settings can be chosen on
//! them without touching the test rows.

use std::sync::Arc;
use std::time::Instant;

use frontdesk_intent::eval::score;
use frontdesk_intent::features::Scratch;
use frontdesk_intent::{
    load_labelled_csv, stratified_split, train, train_with_embeddings, Combine, EmbeddingConfig,
    Embeddings, Example, Model, TrainConfig,
};

fn variant(spec: &str) -> Result<TrainConfig, String> {
    let (kind, c) = match spec.split_once('@') {
        Some((k, c)) => (k, Some(c.parse::<f32>().map_err(|e| e.to_string())?)),
        None => (spec, None),
    };
    let mut cfg = TrainConfig::default();
    let (name, w) = match kind.split_once(':') {
        Some((n, w)) => (n, w.parse::<f32>().map_err(|e| e.to_string())?),
        None => (kind, 1.0),
    };
    match name {
        "ngram" => cfg.embeddings = Embeddings::Off,
        "emb" | "ens" => {
            cfg.embeddings = Embeddings::On;
            cfg.embedding = EmbeddingConfig {
                combine: Combine::Ensemble,
                weight: if name == "emb" { 1.0 } else { w },
                c: c.unwrap_or(1.0),
                fine_tune: None,
            };
        }
        "cat" => {
            cfg.embeddings = Embeddings::On;
            cfg.embedding = EmbeddingConfig {
                combine: Combine::Concat,
                weight: w,
                c: 1.0,
                fine_tune: None,
            };
            if let Some(c) = c {
                cfg.svm.c = c;
            }
        }
        other => return Err(format!("unknown variant {other}")),
    }
    Ok(cfg)
}

/// Embeds the texts, or reads them from `$EMBED_CACHE/NAME.f32` when that
/// variable is set and the file matches (then the timing is the read's).
fn embed_cached(
    embedder: &frontdesk_embed::Embedder,
    rows: &[Example],
    name: &str,
) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error>> {
    let dim = embedder.dim();
    let path = std::env::var_os("EMBED_CACHE")
        .map(|d| std::path::PathBuf::from(d).join(format!("{name}.f32")));
    if let Some(p) = &path {
        if let Ok(bytes) = std::fs::read(p) {
            if bytes.len() == rows.len() * dim * 4 {
                let f: Vec<f32> = bytes
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                return Ok(f.chunks(dim).map(<[f32]>::to_vec).collect());
            }
        }
    }
    let v = embedder.embed(&rows.iter().map(|e| e.text.as_str()).collect::<Vec<_>>())?;
    if let Some(p) = &path {
        std::fs::create_dir_all(p.parent().unwrap_or(std::path::Path::new(".")))?;
        let bytes: Vec<u8> = v.iter().flatten().flat_map(|x| x.to_le_bytes()).collect();
        std::fs::write(p, bytes)?;
    }
    Ok(v)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data_dir = format!("{root}/data/intents");
    let mut only: Vec<String> = Vec::new();
    let mut variants = "ngram,emb,ens:0.5,cat:1".to_string();
    let mut tuned: Option<String> = None;
    let mut val = false;
    let mut test_file: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().ok_or("missing value")?;
        match args[i].as_str() {
            "--data-dir" => data_dir = v,
            "--only" => only.push(v),
            "--variants" => variants = v,
            "--tuned" => tuned = Some(v),
            "--test" => test_file = Some(v),
            "--val" => {
                val = true;
                i += 1;
                continue;
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    let mut embedder = Arc::new(frontdesk_embed::Embedder::load_default()?);
    let mut tag = String::new();
    if let Some(dir) = &tuned {
        let top = frontdesk_embed::tune::TunedTop::load(
            std::path::Path::new(dir).join("tuned.safetensors"),
            &embedder,
        )?;
        embedder = Arc::new(embedder.with_top(&top)?);
        // cache entries of different networks must not mix
        let path = std::fs::canonicalize(dir)?;
        tag = format!("-tuned-{:x}", {
            use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
            BuildHasherDefault::<DefaultHasher>::default().hash_one(&path)
        });
    }
    let sets = ["banking77", "clinc150", "bitext"];
    for set in sets {
        if !only.is_empty() && !only.iter().any(|o| o == set) {
            continue;
        }
        let (tr, te): (Vec<Example>, Vec<Example>) = match set {
            "clinc150" => (
                load_labelled_csv(format!("{data_dir}/clinc150_train.csv"))?,
                load_labelled_csv(format!("{data_dir}/clinc150_val.csv"))?,
            ),
            "banking77" => stratified_split(
                &load_labelled_csv(format!("{data_dir}/banking77_train.csv"))?,
                0.2,
                2024,
            ),
            _ => stratified_split(
                &load_labelled_csv(format!("{data_dir}/bitext_dev.csv"))?,
                0.2,
                2024,
            ),
        };
        // `--test FILE`: train on the whole training file, score on FILE (e.g. the short
        // requests written apart from Bitext, `crates/intent/tests/data/bitext_people_dev.csv`)
        let (tr, te) = match &test_file {
            Some(f) => {
                let mut all = tr;
                if set != "clinc150" {
                    all.extend(te);
                }
                (all, load_labelled_csv(f)?)
            }
            None => (tr, te),
        };
        let (tr, te, part) = if val {
            let seed = frontdesk_intent::TrainConfig::default().svm.seed;
            let (a, b) = stratified_split(&tr, 0.15, seed);
            (a, b, "val")
        } else {
            (tr, te, "test")
        };
        let start = Instant::now();
        let tr_name = if test_file.is_some() {
            "all-train".to_owned()
        } else {
            format!("{part}-train")
        };
        let tr_vec = embed_cached(&embedder, &tr, &format!("{set}-{tr_name}{tag}"))?;
        let embed_secs = start.elapsed().as_secs_f64();
        let te_name = match &test_file {
            Some(f) => std::path::Path::new(f)
                .file_stem()
                .map_or("file".into(), |s| s.to_string_lossy().into_owned()),
            None => format!("{part}-test"),
        };
        let te_vec = embed_cached(&embedder, &te, &format!("{set}-{te_name}{tag}"))?;
        eprintln!(
            "{set}: {} train / {} test rows; embedded the train rows in {embed_secs:.1} s ({:.0} texts/s, batched)",
            tr.len(),
            te.len(),
            tr.len() as f64 / embed_secs
        );
        for spec in variants.split(',') {
            let cfg = variant(spec)?;
            let start = Instant::now();
            let model: Model = if cfg.embeddings == Embeddings::Off {
                train(&tr, &cfg)?
            } else {
                train_with_embeddings(&tr, &tr_vec, embedder.clone(), &cfg)?
            };
            let train_secs = start.elapsed().as_secs_f64();
            let mut scratch = Scratch::default();
            let pred: Vec<String> = te
                .iter()
                .zip(&te_vec)
                .map(|(e, v)| {
                    model
                        .classify_embedded(&e.text, Some(v), &mut scratch)
                        .label()
                        .to_string()
                })
                .collect();
            let gold: Vec<&str> = te.iter().map(|e| e.intent.as_str()).collect();
            let p: Vec<&str> = pred.iter().map(String::as_str).collect();
            let r = score(&gold, &p);
            println!(
                "{}",
                serde_json::json!({
                    "set": set,
                    "scored_on": part,
                    "tuned": tuned,
                    "variant": spec,
                    "accuracy": r.accuracy,
                    "macro_f1": r.macro_f1,
                    "in_scope_accuracy": r.in_scope_accuracy,
                    "oos_recall": r.oos_recall,
                    "train_secs_excl_embedding": train_secs,
                    "train_embed_secs": embed_secs,
                    "scale": model.meta.scale,
                    "oos_threshold": model.meta.oos_threshold,
                    "embedding": model.meta.embedding,
                })
            );
        }
    }
    Ok(())
}
