//! Frozen all-MiniLM-L6-v2 features beyond the final mean-pooled layer:
//! which layers' mean-pooled outputs (and the CLS token) to put next to the
//! n-gram features in the one concat SVM (Banking77).
//!
//! ```text
//! EMBED_CACHE=/tmp/fd-emb-cache cargo run --release --manifest-path research/Cargo.toml -p research-intent --example layer_probe -- \
//!     [--data-dir DIR] [--split val|test] [--variants 'm6;m6+m5;a456;m6+c6']
//! ```
//! Split `test`: train on the 8,005 training rows of the stratified 80/20
//! split (seed 2024), report on its 1,998 held-out rows. Split `val`:
//! the same training rows split again (15 % held back, seed 7), for choosing
//! a variant without looking at the held-out rows.
//!
//! A variant is `+`-joined blocks, each optionally `*W` (weight, default 1):
//! `mK` = mean-pooled output of layer K (0 = embedding layer, 6 = last,
//! what the product uses), `cK` = CLS token of layer 6 (`c6`),
//! `aIJK` = mean of the listed layers' mean-pooled outputs. Each block is
//! scaled to unit length, then by its weight.

mod probe;

use std::time::Instant;

use frontdesk_intent::embedding::Embedder;
use frontdesk_intent::features::{FeatureConfig, Scratch, SparseVec, Vectorizer};
use frontdesk_intent::{load_labelled_csv, stratified_split, Example};

/// Blocks per text: m0..m6, c6.
const BLOCKS: usize = 8;

fn layer_features(
    embedder: &Embedder,
    rows: &[Example],
    name: &str,
) -> Result<Vec<Vec<f32>>, Box<dyn std::error::Error>> {
    let dim = embedder.dim();
    let width = BLOCKS * dim;
    let path = std::env::var_os("EMBED_CACHE")
        .map(|d| std::path::PathBuf::from(d).join(format!("{name}-layers.f32")));
    if let Some(p) = &path {
        if let Ok(bytes) = std::fs::read(p) {
            if bytes.len() == rows.len() * width * 4 {
                return Ok(probe::from_bytes(&bytes, width));
            }
        }
    }
    let texts: Vec<&str> = rows.iter().map(|e| e.text.as_str()).collect();
    let mut out = vec![Vec::new(); rows.len()];
    let start = Instant::now();
    for batch in embedder.length_batches(&texts) {
        let bt: Vec<&str> = batch.iter().map(|&i| texts[i]).collect();
        let (ids, types, mask) = embedder.tokenize(&bt)?;
        let hs = embedder.encoder().hidden_states(&ids, &types, &mask)?;
        let mut per: Vec<Vec<f32>> = vec![Vec::with_capacity(width); bt.len()];
        for h in &hs {
            let m = frontdesk_embed::bert::mean_pool(h, &mask)?.to_vec2::<f32>()?;
            for (p, v) in per.iter_mut().zip(m) {
                p.extend(v);
            }
        }
        let cls = hs
            .last()
            .ok_or("no layers")?
            .narrow(1, 0, 1)?
            .squeeze(1)?
            .to_vec2::<f32>()?;
        for (p, v) in per.iter_mut().zip(cls) {
            p.extend(v);
        }
        for (&i, p) in batch.iter().zip(per) {
            out[i] = p;
        }
    }
    eprintln!(
        "{name}: {} rows through the network in {:.1} s",
        rows.len(),
        start.elapsed().as_secs_f64()
    );
    if let Some(p) = &path {
        std::fs::create_dir_all(p.parent().unwrap_or(std::path::Path::new(".")))?;
        std::fs::write(p, probe::to_bytes(&out))?;
    }
    Ok(out)
}

fn unit(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    v.iter_mut().for_each(|x| *x /= n);
}

/// The dense features of one variant for one text.
fn variant_features(spec: &str, f: &[f32], dim: usize) -> Result<Vec<f32>, String> {
    let block = |k: usize| &f[k * dim..(k + 1) * dim];
    let mut out = Vec::new();
    for part in spec.split('+') {
        let (name, w) = match part.split_once('*') {
            Some((n, w)) => (n, w.parse::<f32>().map_err(|e| e.to_string())?),
            None => (part, 1.0),
        };
        let mut v: Vec<f32> = match name.as_bytes().first() {
            Some(b'm') => block(name[1..].parse::<usize>().map_err(|e| e.to_string())?).to_vec(),
            Some(b'c') => block(7).to_vec(),
            Some(b'a') => {
                let mut acc = vec![0f32; dim];
                for ch in name[1..].chars() {
                    let k = ch.to_digit(10).ok_or("bad layer")? as usize;
                    let mut b = block(k).to_vec();
                    unit(&mut b);
                    acc.iter_mut().zip(&b).for_each(|(a, x)| *a += x);
                }
                acc
            }
            _ => return Err(format!("bad block {part}")),
        };
        unit(&mut v);
        out.extend(v.iter().map(|x| x * w));
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut data_dir = format!("{root}/data/intents");
    let mut split = "val".to_string();
    let mut variants = "m6;m6+m5;m6+m4;a456;m6+c6;m6+m5+m4".to_string();
    let mut c = 1.0f32;
    for (flag, v) in probe::flag_pairs()? {
        match flag.as_str() {
            "--data-dir" => data_dir = v,
            "--split" => split = v,
            "--variants" => variants = v,
            "--c" => c = v.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let embedder = Embedder::load_default()?;
    let dim = embedder.dim();
    let all = load_labelled_csv(format!("{data_dir}/banking77_train.csv"))?;
    let (tr, te) = stratified_split(&all, 0.2, 2024);
    let tr_f = layer_features(&embedder, &tr, "banking77-train")?;
    let (tr, te, tr_f, te_f) = if split == "val" {
        let (a, b) = stratified_split(&tr, 0.15, 7);
        let lookup: std::collections::HashMap<&str, &Vec<f32>> = tr
            .iter()
            .zip(&tr_f)
            .map(|(e, f)| (e.text.as_str(), f))
            .collect();
        let fa: Vec<Vec<f32>> = a.iter().map(|e| lookup[e.text.as_str()].clone()).collect();
        let fb: Vec<Vec<f32>> = b.iter().map(|e| lookup[e.text.as_str()].clone()).collect();
        (a, b, fa, fb)
    } else {
        let te_f = layer_features(&embedder, &te, "banking77-test")?;
        (tr, te, tr_f, te_f)
    };
    let (labels, ys) = probe::label_index(&tr);
    let vectorizer = Vectorizer::fit(tr.iter().map(|e| e.text.as_str()), FeatureConfig::default());
    let mut scratch = Scratch::default();
    let vocab = vectorizer.len();
    let base_tr: Vec<SparseVec> = tr
        .iter()
        .map(|e| vectorizer.transform(&e.text, &mut scratch))
        .collect();
    let base_te: Vec<SparseVec> = te
        .iter()
        .map(|e| vectorizer.transform(&e.text, &mut scratch))
        .collect();
    for spec in variants.split(';') {
        let extend = |base: &[SparseVec], feats: &[Vec<f32>]| -> Result<Vec<SparseVec>, String> {
            base.iter()
                .zip(feats)
                .map(|(x, f)| {
                    let mut x = x.clone();
                    if spec != "none" {
                        for (k, v) in variant_features(spec, f, dim)?.into_iter().enumerate() {
                            x.idx.push((vocab + k) as u32);
                            x.val.push(v);
                        }
                    }
                    Ok(x)
                })
                .collect()
        };
        let xs = extend(&base_tr, &tr_f)?;
        let xt = extend(&base_te, &te_f)?;
        let width = xs
            .iter()
            .map(|x| x.idx.last().map_or(0, |&i| i + 1))
            .max()
            .unwrap_or(0) as usize;
        let gold: Vec<&str> = te.iter().map(|e| e.intent.as_str()).collect();
        let (r, secs) = probe::fit_and_score(&xs, &ys, &xt, &labels, &gold, width.max(vocab), c);
        println!(
            "{}",
            serde_json::json!({"split": split, "variant": spec, "c": c, "accuracy": r.accuracy,
                "macro_f1": r.macro_f1, "svm_secs": secs, "train_rows": tr.len(), "test_rows": te.len()})
        );
    }
    Ok(())
}
