//! Train (or load) a model and print the evaluation JSON.
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example eval -- \
//!     --train data/intents/banking77_train.csv --holdout 0.2 [--summary]
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example eval -- \
//!     --train data/intents/clinc150_train.csv --test data/intents/clinc150_val.csv
//! cargo run --release --manifest-path research/Cargo.toml -p research-intent --example eval -- --model DIR --test CSV
//! ```
//! Options: `--c F`, `--min-df N`, `--char-weight F`, `--max-char N`,
//! `--min-char N` (0 = no char n-grams), `--max-word N`, `--oos-weight F`,
//! `--save DIR`, `--summary` (omit `per_intent`), `--oos-threshold F`,
//! `--sweep` (print in-scope accuracy / oos recall at several thresholds),
//! `--embeddings auto|on|off` (default auto), `--combine concat|ensemble`,
//! `--embed-weight F`, `--noisy-copies N`.

use std::time::Instant;

use frontdesk_intent::{
    evaluate, load_labelled_csv, stratified_split, train, Combine, Embeddings, FineTuneConfig,
    Model, TrainConfig,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut train_files = Vec::new();
    let (mut test, mut holdout, mut model_dir, mut save, mut summary) =
        (None, None, None, None, false);
    let mut cfg = TrainConfig::default();
    let (mut oos_threshold, mut sweep) = (None, false);
    let mut i = 0;
    while i < args.len() {
        let next = || {
            args.get(i + 1)
                .cloned()
                .ok_or(format!("{} needs a value", args[i]))
        };
        match args[i].as_str() {
            "--train" => train_files.push(next()?),
            "--test" => test = Some(next()?),
            "--holdout" => holdout = Some(next()?.parse::<f64>()?),
            "--model" => model_dir = Some(next()?),
            "--save" => save = Some(next()?),
            "--c" => cfg.svm.c = next()?.parse()?,
            "--min-df" => cfg.features.min_df = next()?.parse()?,
            "--char-weight" => cfg.features.char_weight = next()?.parse()?,
            "--max-char" => cfg.features.max_char_ngram = next()?.parse()?,
            "--min-char" => cfg.features.min_char_ngram = next()?.parse()?,
            "--max-word" => cfg.features.max_word_ngram = next()?.parse()?,
            "--oos-weight" => cfg.oos_recall_weight = next()?.parse()?,
            "--max-oos-threshold" => cfg.max_oos_threshold = next()?.parse()?,
            "--oos-threshold" => oos_threshold = Some(next()?.parse::<f32>()?),
            "--embeddings" => {
                cfg.embeddings = match next()?.as_str() {
                    "auto" => Embeddings::Auto,
                    "on" => Embeddings::On,
                    "off" => Embeddings::Off,
                    other => return Err(format!("--embeddings auto|on|off, not {other}").into()),
                }
            }
            "--combine" => {
                cfg.embedding.combine = match next()?.as_str() {
                    "concat" => Combine::Concat,
                    "ensemble" => Combine::Ensemble,
                    other => return Err(format!("--combine concat|ensemble, not {other}").into()),
                }
            }
            "--embed-weight" => cfg.embedding.weight = next()?.parse()?,
            "--noisy-copies" => cfg.augment.copies = next()?.parse()?,
            "--noisy-fine-tune" => cfg.augment.fine_tune = next()?.parse()?,
            "--fine-tune-layers" => {
                let layers: usize = next()?.parse()?;
                cfg.embedding.fine_tune = (layers > 0).then(|| FineTuneConfig {
                    layers,
                    ..cfg.embedding.fine_tune.clone().unwrap_or_default()
                });
            }
            "--sweep" => {
                sweep = true;
                i += 1;
                continue;
            }
            "--summary" => {
                summary = true;
                i += 1;
                continue;
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
        i += 2;
    }
    let mut train_rows = Vec::new();
    for f in &train_files {
        train_rows.extend(load_labelled_csv(f)?);
    }
    let mut test_rows = match &test {
        Some(t) => load_labelled_csv(t)?,
        None => Vec::new(),
    };
    if let Some(frac) = holdout {
        let (tr, ho) = stratified_split(&train_rows, frac, 2024);
        train_rows = tr;
        test_rows.extend(ho);
    }
    let mut model = match &model_dir {
        Some(dir) => Model::load(dir)?,
        None => {
            let start = Instant::now();
            let m = train(&train_rows, &cfg)?;
            eprintln!(
                "trained on {} rows, {} labels, {} features in {:.1}s (scale {}, oos threshold {})",
                train_rows.len(),
                m.labels().len(),
                m.n_features(),
                start.elapsed().as_secs_f64(),
                m.meta.scale,
                m.meta.oos_threshold
            );
            m
        }
    };
    if let Some(t) = oos_threshold {
        model.meta.oos_threshold = t;
    }
    if sweep {
        let tuned = model.meta.oos_threshold;
        for t in [0.0f32, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] {
            model.meta.oos_threshold = t;
            let r = evaluate(&model, &test_rows);
            eprintln!(
                "oos threshold {t}: accuracy {:.4} in_scope {:?} oos_recall {:?}",
                r.accuracy, r.in_scope_accuracy, r.oos_recall
            );
        }
        model.meta.oos_threshold = tuned;
    }
    if let Some(dir) = &save {
        model.save(dir)?;
    }
    let report = evaluate(&model, &test_rows);
    let mut json = serde_json::to_value(&report)?;
    if summary {
        if let Some(obj) = json.as_object_mut() {
            obj.remove("per_intent");
        }
    }
    println!("{json}");
    Ok(())
}
