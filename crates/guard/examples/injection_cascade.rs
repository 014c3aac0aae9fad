//! Measures and trains the injection cascade (n-gram detector, then an
//! all-MiniLM-L6-v2 embedding head for texts of uncertain n-gram score).
//!
//! ```text
//! cargo run --release -p frontdesk-guard --example injection_cascade -- cv [k...]   # default: 5 10 and the 80/20 hold-out
//! cargo run --release -p frontdesk-guard --example injection_cascade -- train       # writes crates/guard/models/injection_head.json
//! cargo run --release -p frontdesk-guard --example injection_cascade -- bench       # shipped detector on ordinary tickets
//! ```
//!
//! Every choice (head weights, band, head threshold, embedding-only
//! threshold) is made inside the training part of each outer split, on
//! out-of-fold scores of an inner 5-fold split; the outer test fold is only
//! scored. Embeddings are cached in `$TMPDIR/frontdesk-guard-emb-cache.json`
//! (or the file named by `INJECTION_EMB_CACHE`, which must then hold every
//! text: only all-MiniLM-L6-v2 is embedded on a miss).
//!
//! Variants (all scored on the same outer folds):
//! - `ngram`: the shipped n-gram detector (threshold 0.6);
//! - `emb_lr`: logistic regression on the embedding alone, every text embedded;
//! - `stack_all`: logistic regression on embedding + logit(n-gram score), every text embedded;
//! - `cascade_emb`: n-gram outside the band, `emb_lr` head inside it;
//! - `cascade_stack`: n-gram outside the band, stacked head inside it;
//! - `cascade_stack_fixed`: as `cascade_stack` with the band fixed to [0.05, 0.95].

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use frontdesk_guard::injection::detector::{
    default_benign_training, default_injection_examples, ordinary_heldout_sample,
};
use frontdesk_guard::injection::eval::{stratified_folds, Confusion};
use frontdesk_guard::injection::head::{EmbeddingHead, HeadFitOptions};
use frontdesk_guard::{load_csv_texts, InjectionDetector, LabelledText, TrainConfig};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
const INNER_K: usize = 5;
const FIXED_BAND: [f32; 2] = [0.05, 0.95];

type Cache = HashMap<String, Vec<f32>>;

/// The embedding cache; `INJECTION_EMB_CACHE` names another file (e.g. the
/// embeddings of another encoder, precomputed for the same texts).
fn cache_path() -> PathBuf {
    std::env::var_os("INJECTION_EMB_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("frontdesk-guard-emb-cache.json"))
}

fn embed_all(texts: &[&str], cache: &mut Cache) -> Result<(), Box<dyn std::error::Error>> {
    let missing: Vec<&str> = {
        let mut seen = std::collections::HashSet::new();
        texts
            .iter()
            .copied()
            .filter(|t| !cache.contains_key(*t) && seen.insert(*t))
            .collect()
    };
    if missing.is_empty() {
        return Ok(());
    }
    let dir = frontdesk_embed::locate().ok_or("all-MiniLM-L6-v2 not found")?;
    let e = frontdesk_embed::Embedder::load(dir)?;
    let started = Instant::now();
    let vs = e.embed(&missing)?;
    eprintln!(
        "embedded {} texts in {:.1}s",
        missing.len(),
        started.elapsed().as_secs_f64()
    );
    for (t, v) in missing.into_iter().zip(vs) {
        cache.insert(t.to_string(), v);
    }
    std::fs::write(cache_path(), serde_json::to_vec(cache)?)?;
    Ok(())
}

struct Data {
    examples: Vec<LabelledText>,
    benign: Vec<String>,
    heldout: Vec<String>,
    cache: Cache,
}

fn load_data() -> Result<Data, Box<dyn std::error::Error>> {
    let examples = default_injection_examples()?;
    let benign = default_benign_training()?;
    // The same 2,000 held-out ordinary tickets as the injection_cv example.
    let heldout = ordinary_heldout_sample(2000)?;
    let mut cache: Cache = std::fs::read(cache_path())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let all: Vec<&str> = examples
        .iter()
        .map(|e| e.text.as_str())
        .chain(benign.iter().map(String::as_str))
        .chain(heldout.iter().map(String::as_str))
        .collect();
    embed_all(&all, &mut cache)?;
    Ok(Data {
        examples,
        benign,
        heldout,
        cache,
    })
}

/// A training row: text, label, embedding.
#[derive(Clone)]
struct Row<'a> {
    text: &'a str,
    label: bool,
    emb: &'a [f32],
    /// Labelled row of the injection set (the rows F1 is chosen on), not a benign extra.
    labelled: bool,
}

fn train_ngram(rows: &[&Row]) -> InjectionDetector {
    let ex: Vec<LabelledText> = rows
        .iter()
        .map(|r| LabelledText {
            text: r.text.to_string(),
            label: r.label,
        })
        .collect();
    InjectionDetector::train(&ex, &TrainConfig::default()).expect("both classes")
}

/// Fits a head on `rows` (only the labelled rows when `HEAD_LABELLED_ONLY` is set).
fn fit_head(rows: &[&Row], ngram: Option<&[f32]>, opts: HeadFitOptions) -> EmbeddingHead {
    let only = std::env::var_os("HEAD_LABELLED_ONLY").is_some();
    let keep: Vec<usize> = (0..rows.len())
        .filter(|&i| !only || rows[i].labelled)
        .collect();
    let xs: Vec<Vec<f32>> = keep.iter().map(|&i| rows[i].emb.to_vec()).collect();
    let ys: Vec<bool> = keep.iter().map(|&i| rows[i].label).collect();
    let ng: Option<Vec<f32>> = ngram.map(|s| keep.iter().map(|&i| s[i]).collect());
    EmbeddingHead::fit(frontdesk_embed::MODEL_NAME, &xs, ng.as_deref(), &ys, opts)
}

/// Stratified round-robin fold of each row (within class, in order; with
/// `FOLD_SEED=N`, in a seeded pseudo-random order instead, to measure how
/// much the figures move with the fold assignment).
fn folds(labels: &[bool], k: usize) -> Vec<usize> {
    let seed = std::env::var("FOLD_SEED").ok().and_then(|s| s.parse().ok());
    stratified_folds(labels, k, seed)
}

/// Out-of-fold n-gram scores, emb-only head and stacked head probabilities.
struct Oof {
    ngram: Vec<f32>,
    emb: Vec<f32>,
    stack: Vec<f32>,
}

fn inner_oof(rows: &[&Row], opts: HeadFitOptions) -> Oof {
    let labels: Vec<bool> = rows.iter().map(|r| r.label).collect();
    let f = folds(&labels, INNER_K);
    let mut ngram = vec![0.0f32; rows.len()];
    let mut emb = vec![0.0f32; rows.len()];
    for fold in 0..INNER_K {
        let train: Vec<&Row> = rows
            .iter()
            .zip(&f)
            .filter(|(_, &g)| g != fold)
            .map(|(r, _)| *r)
            .collect();
        let det = train_ngram(&train);
        let head = fit_head(&train, None, opts);
        for (i, r) in rows.iter().enumerate().filter(|(i, _)| f[*i] == fold) {
            ngram[i] = det.ngram_score(r.text);
            emb[i] = head.probability(r.emb, 0.0);
        }
    }
    // Stacked head: OOF again, fed with the OOF n-gram scores.
    let mut stack = vec![0.0f32; rows.len()];
    for fold in 0..INNER_K {
        let idx: Vec<usize> = (0..rows.len()).filter(|&i| f[i] != fold).collect();
        let train: Vec<&Row> = idx.iter().map(|&i| rows[i]).collect();
        let ng: Vec<f32> = idx.iter().map(|&i| ngram[i]).collect();
        let head = fit_head(&train, Some(&ng), opts);
        for i in (0..rows.len()).filter(|&i| f[i] == fold) {
            stack[i] = head.probability(rows[i].emb, ngram[i]);
        }
    }
    Oof { ngram, emb, stack }
}

const NGRAM_T: f32 = 0.6;

fn cascade_decide(ngram: f32, p: f32, band: [f32; 2], t: f32) -> bool {
    if ngram < band[0] {
        false
    } else if ngram >= band[1] {
        true
    } else {
        p >= t
    }
}

/// Best threshold for scores `p` on the labelled rows, max F1 (ties: the
/// middle of the best plateau).
fn best_threshold(rows: &[&Row], p: &[f32]) -> f32 {
    let grid: Vec<f32> = (1..100).map(|i| i as f32 / 100.0).collect();
    let f1s: Vec<f64> = grid
        .iter()
        .map(|&t| {
            let mut c = Confusion::default();
            for (r, &s) in rows.iter().zip(p) {
                if r.labelled {
                    c.add(r.label, s >= t);
                }
            }
            c.f1()
        })
        .collect();
    let best = f1s.iter().cloned().fold(0.0, f64::max);
    let at: Vec<usize> = (0..grid.len()).filter(|&i| f1s[i] >= best - 1e-9).collect();
    grid[at[at.len() / 2]]
}

/// Band and head threshold maximising inner F1 on the labelled rows, with a
/// cap on benign-extra false positives; ties go to the narrowest band.
fn best_band(rows: &[&Row], oof: &Oof, p: &[f32], fixed: Option<[f32; 2]>) -> ([f32; 2], f32) {
    let los = [0.01f32, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5];
    let his = [0.7f32, 0.8, 0.9, 0.95, 0.98, 0.995];
    let ts: Vec<f32> = (1..20).map(|i| i as f32 / 20.0).collect();
    let bands: Vec<[f32; 2]> = match fixed {
        Some(b) => vec![b],
        None => los
            .iter()
            .flat_map(|&lo| his.iter().map(move |&hi| [lo, hi]))
            .collect(),
    };
    let mut best: Option<(f64, usize, [f32; 2], f32)> = None;
    for band in bands {
        let width = rows
            .iter()
            .zip(&oof.ngram)
            .filter(|(r, &s)| !r.labelled && s >= band[0] && s < band[1])
            .count();
        for &t in &ts {
            let (mut c, mut extra_fp, mut extra_n) = (Confusion::default(), 0usize, 0usize);
            for ((r, &s), &pp) in rows.iter().zip(&oof.ngram).zip(p) {
                let d = cascade_decide(s, pp, band, t);
                if r.labelled {
                    c.add(r.label, d);
                } else {
                    extra_n += 1;
                    extra_fp += usize::from(d);
                }
            }
            if extra_fp * 100 > extra_n * 2 {
                continue;
            }
            let f1 = c.f1();
            let better = match best {
                None => true,
                Some((bf, bw, _, _)) => f1 > bf + 1e-9 || (f1 > bf - 1e-9 && width < bw),
            };
            if better {
                best = Some((f1, width, band, t));
            }
        }
    }
    best.map(|(_, _, b, t)| (b, t)).unwrap_or(([0.0, 0.0], 0.5))
}

#[derive(Default, Clone)]
struct Tally {
    c: Confusion,
    ord_fp: usize,
    ord_n: usize,
    ord_band: usize,
}

const VARIANTS: [&str; 6] = [
    "ngram",
    "emb_lr",
    "stack_all",
    "cascade_emb",
    "cascade_stack",
    "cascade_stack_fixed",
];

struct Chosen {
    emb_head: EmbeddingHead,
    stack_head: EmbeddingHead,
    t_emb: f32,
    t_stack: f32,
    band_emb: ([f32; 2], f32),
    band_stack: ([f32; 2], f32),
    band_fixed: ([f32; 2], f32),
}

fn choose(train: &[&Row], opts: HeadFitOptions) -> Chosen {
    let oof = inner_oof(train, opts);
    let t_emb = best_threshold(train, &oof.emb);
    let t_stack = best_threshold(train, &oof.stack);
    let band_emb = best_band(train, &oof, &oof.emb, None);
    let band_stack = best_band(train, &oof, &oof.stack, None);
    let band_fixed = best_band(train, &oof, &oof.stack, Some(FIXED_BAND));
    let emb_head = fit_head(train, None, opts);
    let stack_head = fit_head(train, Some(&oof.ngram), opts);
    Chosen {
        emb_head,
        stack_head,
        t_emb,
        t_stack,
        band_emb,
        band_stack,
        band_fixed,
    }
}

fn decisions(ch: &Chosen, ngram: f32, emb: &[f32]) -> [(bool, bool); 6] {
    let pe = ch.emb_head.probability(emb, ngram);
    let ps = ch.stack_head.probability(emb, ngram);
    let inb = |b: [f32; 2]| ngram >= b[0] && ngram < b[1];
    [
        (ngram >= NGRAM_T, false),
        (pe >= ch.t_emb, true),
        (ps >= ch.t_stack, true),
        (
            cascade_decide(ngram, pe, ch.band_emb.0, ch.band_emb.1),
            inb(ch.band_emb.0),
        ),
        (
            cascade_decide(ngram, ps, ch.band_stack.0, ch.band_stack.1),
            inb(ch.band_stack.0),
        ),
        (
            cascade_decide(ngram, ps, ch.band_fixed.0, ch.band_fixed.1),
            inb(ch.band_fixed.0),
        ),
    ]
}

fn run_split(
    d: &Data,
    rows: &[Row],
    benign_rows: &[Row],
    test_mask: &[bool],
    opts: HeadFitOptions,
    tallies: &mut [Tally; 6],
) {
    let train: Vec<&Row> = rows
        .iter()
        .zip(test_mask)
        .filter(|(_, &t)| !t)
        .map(|(r, _)| r)
        .chain(benign_rows.iter())
        .collect();
    let det = train_ngram(&train);
    let ch = choose(&train, opts);
    eprintln!(
        "  chosen: t_emb {:.2} t_stack {:.2} band_emb {:?} band_stack {:?} fixed {:?} ngram_w {:.3}",
        ch.t_emb, ch.t_stack, ch.band_emb, ch.band_stack, ch.band_fixed, ch.stack_head.ngram_weight
    );
    for (r, _) in rows.iter().zip(test_mask).filter(|(_, &t)| t) {
        let s = det.ngram_score(r.text);
        for (tally, (dec, _)) in tallies.iter_mut().zip(decisions(&ch, s, r.emb)) {
            tally.c.add(r.label, dec);
        }
    }
    for t in &d.heldout {
        let s = det.ngram_score(t);
        let emb = &d.cache[t];
        for (tally, (dec, band)) in tallies.iter_mut().zip(decisions(&ch, s, emb)) {
            tally.ord_n += 1;
            tally.ord_fp += usize::from(dec);
            tally.ord_band += usize::from(band);
        }
    }
}

fn print_table(name: &str, tallies: &[Tally; 6], per_fold_f1: &[Vec<f64>]) {
    println!("\n## {name}");
    println!("| variant | F1 (pooled) | mean fold F1 | precision | recall | ordinary FPR | ordinary embedded |");
    println!("|---|---|---|---|---|---|---|");
    for (i, v) in VARIANTS.iter().enumerate() {
        let t = &tallies[i];
        let mean = if per_fold_f1.is_empty() {
            t.c.f1()
        } else {
            per_fold_f1.iter().map(|f| f[i]).sum::<f64>() / per_fold_f1.len() as f64
        };
        println!(
            "| {v} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2}% | {:.1}% |",
            t.c.f1(),
            mean,
            t.c.precision(),
            t.c.recall(),
            100.0 * t.ord_fp as f64 / t.ord_n.max(1) as f64,
            100.0 * t.ord_band as f64 / t.ord_n.max(1) as f64,
        );
    }
}

fn make_rows(d: &Data) -> (Vec<Row<'_>>, Vec<Row<'_>>) {
    let rows = d
        .examples
        .iter()
        .map(|e| Row {
            text: &e.text,
            label: e.label,
            emb: &d.cache[&e.text],
            labelled: true,
        })
        .collect();
    let benign = d
        .benign
        .iter()
        .map(|t| Row {
            text: t,
            label: false,
            emb: &d.cache[t],
            labelled: false,
        })
        .collect();
    (rows, benign)
}

fn cv(d: &Data, ks: &[usize], opts: HeadFitOptions) {
    let (rows, benign) = make_rows(d);
    let labels: Vec<bool> = rows.iter().map(|r| r.label).collect();
    for &k in ks {
        let started = Instant::now();
        let f = folds(&labels, k);
        let mut total: [Tally; 6] = Default::default();
        let mut per_fold = Vec::new();
        for fold in 0..k {
            eprintln!("{k}-fold: fold {fold}");
            let mask: Vec<bool> = f.iter().map(|&g| g == fold).collect();
            let mut t: [Tally; 6] = Default::default();
            run_split(d, &rows, &benign, &mask, opts, &mut t);
            per_fold.push(t.iter().map(|x| x.c.f1()).collect::<Vec<_>>());
            for (a, b) in total.iter_mut().zip(&t) {
                a.c.tp += b.c.tp;
                a.c.fp += b.c.fp;
                a.c.tn += b.c.tn;
                a.c.fn_ += b.c.fn_;
                a.ord_fp += b.ord_fp;
                a.ord_n += b.ord_n;
                a.ord_band += b.ord_band;
            }
        }
        print_table(
            &format!(
                "stratified {k}-fold CV ({:.0}s)",
                started.elapsed().as_secs_f64()
            ),
            &total,
            &per_fold,
        );
    }
    // Fixed 80/20 hold-out: within each class, rows ordered by a hash of
    // their text, the first fifth is the test set.
    let mut mask = vec![false; rows.len()];
    for class in [true, false] {
        let mut idx: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].label == class)
            .collect();
        idx.sort_by_key(|&i| fnv(rows[i].text));
        for &i in idx.iter().take(idx.len() / 5) {
            mask[i] = true;
        }
    }
    let mut t: [Tally; 6] = Default::default();
    eprintln!("80/20 hold-out");
    run_split(d, &rows, &benign, &mask, opts, &mut t);
    print_table(
        &format!(
            "fixed 80/20 hold-out ({} test rows)",
            mask.iter().filter(|&&m| m).count()
        ),
        &t,
        &[],
    );
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ 0x5eed;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn train(d: &Data, opts: HeadFitOptions, variant: &str) -> Result<(), Box<dyn std::error::Error>> {
    let (rows, benign) = make_rows(d);
    let all: Vec<&Row> = rows.iter().chain(benign.iter()).collect();
    let ch = choose(&all, opts);
    let (mut head, (band, t)) = match variant {
        "emb" => (ch.emb_head, ch.band_emb),
        "fixed" => (ch.stack_head, ch.band_fixed),
        _ => (ch.stack_head, ch.band_stack),
    };
    head.band = band;
    head.threshold = t;
    head.notes = format!(
        "cascade_{variant} head: class-balanced logistic regression (C {}, {} Adam steps, lr {}) on \
         all-MiniLM-L6-v2 embeddings{} of the 546 rows of data/guardrails/injection_train.jsonl plus \
         the {} benign texts of default_benign_training(); band and threshold chosen on inner \
         {INNER_K}-fold out-of-fold scores (max F1 on the labelled rows, benign-extra FPR <= 2%, \
         narrowest band on ties). Written by `cargo run --release -p frontdesk-guard --example \
         injection_cascade -- train {variant}`.",
        opts.c,
        opts.iterations,
        opts.learning_rate,
        if head.ngram_weight != 0.0 {
            " + logit of the out-of-fold n-gram score"
        } else {
            ""
        },
        d.benign.len()
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/models/injection_head.json");
    let mut json = serde_json::to_string_pretty(&head)?;
    json.push('\n');
    std::fs::write(path, json)?;
    eprintln!(
        "wrote {path}: band {:?} threshold {:.2} ngram_weight {:.3}",
        head.band, head.threshold, head.ngram_weight
    );
    Ok(())
}

fn bench() -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let cascade = InjectionDetector::load_cascade()?;
    eprintln!(
        "load_cascade ({}) in {:.2}s",
        cascade.method(),
        started.elapsed().as_secs_f64()
    );
    let ngram = cascade.clone().without_cascade();
    let mut ordinary = load_csv_texts(format!("{DATA}/intents/bitext_dev.csv"))?;
    ordinary.extend(load_csv_texts(format!(
        "{DATA}/intents/banking77_train.csv"
    ))?);
    let unseen: Vec<&str> = ordinary
        .iter()
        .filter(|t| !cascade.was_trained_on(t))
        .map(String::as_str)
        .collect();
    let started = Instant::now();
    let base: Vec<bool> = unseen.iter().map(|t| ngram.score(t).flagged).collect();
    let t_ngram = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let one: Vec<_> = unseen.iter().map(|t| cascade.score_detailed(t)).collect();
    let t_one = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let batch = cascade.score_batch_detailed(&unseen);
    let t_batch = started.elapsed().as_secs_f64();
    assert_eq!(
        one.iter().map(|v| v.flagged).collect::<Vec<_>>(),
        batch.iter().map(|v| v.flagged).collect::<Vec<_>>()
    );
    let n = unseen.len() as f64;
    let emb = one
        .iter()
        .filter(|v| v.path == frontdesk_guard::injection::cascade::DecisionPath::Embedding)
        .count();
    println!(
        "ordinary tickets (Bitext + Banking77, unseen): {}\n\
         n-gram only: FPR {:.3}%, {:.0} tickets/s\n\
         cascade: FPR {:.3}%, embedded {} ({:.2}%), {:.0} tickets/s one by one, {:.0} tickets/s batched",
        unseen.len(),
        100.0 * base.iter().filter(|&&f| f).count() as f64 / n,
        n / t_ngram,
        100.0 * one.iter().filter(|v| v.flagged).count() as f64 / n,
        emb,
        100.0 * emb as f64 / n,
        n / t_one,
        n / t_batch
    );
    Ok(())
}

/// Prints the 5-fold out-of-fold errors of the n-gram detector with both heads' scores.
fn errors(d: &Data, opts: HeadFitOptions) {
    let (rows, benign) = make_rows(d);
    let labels: Vec<bool> = rows.iter().map(|r| r.label).collect();
    let f = folds(&labels, 5);
    for fold in 0..5 {
        let train: Vec<&Row> = rows
            .iter()
            .zip(&f)
            .filter(|(_, &g)| g != fold)
            .map(|(r, _)| r)
            .chain(benign.iter())
            .collect();
        let det = train_ngram(&train);
        let head = fit_head(&train, None, opts);
        for (r, _) in rows.iter().zip(&f).filter(|(_, &g)| g == fold) {
            let s = det.ngram_score(r.text);
            let p = head.probability(r.emb, 0.0);
            if (s >= NGRAM_T) != r.label || (p >= 0.5) != r.label {
                println!(
                    "{} ngram {:.3} emb {:.3} | {}",
                    if r.label { "INJ" } else { "BEN" },
                    s,
                    p,
                    r.text
                        .chars()
                        .take(220)
                        .collect::<String>()
                        .replace('\n', " ")
                );
            }
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = HeadFitOptions::default();
    if let Ok(c) = std::env::var("HEAD_C") {
        opts.c = c.parse()?;
    }
    if let Ok(it) = std::env::var("HEAD_ITERS") {
        opts.iterations = it.parse()?;
    }
    match args.first().map(String::as_str) {
        Some("cv") | None => {
            let ks: Vec<usize> = args.iter().skip(1).filter_map(|a| a.parse().ok()).collect();
            let ks = if ks.is_empty() { vec![5, 10] } else { ks };
            eprintln!("head options {opts:?}");
            cv(&load_data()?, &ks, opts);
        }
        Some("train") => train(
            &load_data()?,
            opts,
            args.get(1).map_or("stack", String::as_str),
        )?,
        Some("bench") => bench()?,
        Some("errors") => errors(&load_data()?, opts),
        Some(other) => return Err(format!("unknown command {other}").into()),
    }
    Ok(())
}
