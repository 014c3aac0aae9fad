//! Group-aware cross-validation of injection-detector variants: each variant
//! is a change to the shipped `TrainConfig`; every fold's detector is
//! trained and calibrated (threshold on inner out-of-fold scores) without
//! the fold, exactly as `frontdesk guard train` would. Near-duplicate groups
//! stay in one fold (`frontdesk_guard::injection::groups`).
//!
//! ```text
//! cargo run --release --manifest-path research/Cargo.toml -p research-guard --example injection_variants -- \
//!     [--k 5] [--seeds 1,2,3] [--only NAME,NAME] [--dev] [--errors]
//! ```
//!
//! Prints one JSON line per variant and fold assignment (seed), then one
//! summary line per variant (mean and range over seeds). `--dev` also trains
//! each variant on everything and scores the hand-written tuning set
//! (`research/guard/data/injection_dev_written.jsonl`, other phrasings than
//! the training rows; choosing on it is allowed), the small-talk tuning set
//! (`research/guard/data/smalltalk_dev.jsonl`) and the flag rate on the
//! session-21 and -22 writers' letters, which no variant trains on. The hand-written held-out
//! set (`crates/guard/tests/data/injection_written.jsonl`) is deliberately
//! not scored here, where variants are compared: it is scored once per
//! shipped model, by `frontdesk guard eval`. `--errors` prints the labelled
//! texts each fold detector got wrong, with their out-of-fold scores.

use std::path::Path;

use frontdesk_guard::data::load_kinded_jsonl;
use frontdesk_guard::{
    cross_validate, evaluate_examples, train, SourceFiles, TrainConfig, TrainingSources,
};
use frontdesk_tfidf::FeatureConfig;

fn variants() -> Vec<(&'static str, TrainConfig)> {
    let base = TrainConfig::default();
    let feats = |f: FeatureConfig| TrainConfig {
        features: f,
        ..base.clone()
    };
    let f = base.features.clone();
    vec![
        ("shipped", base.clone()),
        (
            "no_people_emails",
            TrainConfig {
                people_emails_every: 0,
                ..base.clone()
            },
        ),
        (
            "no_benign_pieces",
            TrainConfig {
                benign_piece_weight: 0.0,
                ..base.clone()
            },
        ),
        (
            "session21",
            TrainConfig {
                people_emails_every: 0,
                benign_piece_weight: 0.0,
                ..base.clone()
            },
        ),
        (
            "benign_pieces_1",
            TrainConfig {
                benign_piece_weight: 1.0,
                ..base.clone()
            },
        ),
        (
            "benign_pieces_0.25",
            TrainConfig {
                benign_piece_weight: 0.25,
                ..base.clone()
            },
        ),
        (
            "no_augment",
            TrainConfig {
                augment_per_pattern: 0,
                ..base.clone()
            },
        ),
        (
            "no_augment_fixed_0.6",
            TrainConfig {
                augment_per_pattern: 0,
                threshold: Some(0.6),
                ..base.clone()
            },
        ),
        (
            "fixed_0.5",
            TrainConfig {
                threshold: Some(0.5),
                ..base.clone()
            },
        ),
        (
            "fixed_0.6",
            TrainConfig {
                threshold: Some(0.6),
                ..base.clone()
            },
        ),
        (
            "aug_weight_1",
            TrainConfig {
                augment_weight: 1.0,
                ..base.clone()
            },
        ),
        (
            "aug_weight_0.25",
            TrainConfig {
                augment_weight: 0.25,
                ..base.clone()
            },
        ),
        (
            "aug_draws_24",
            TrainConfig {
                augment_per_pattern: 24,
                ..base.clone()
            },
        ),
        (
            "aug_draws_6",
            TrainConfig {
                augment_per_pattern: 6,
                ..base.clone()
            },
        ),
        (
            "carriers_0",
            TrainConfig {
                carrier_share: 0.0,
                ..base.clone()
            },
        ),
        (
            "carriers_0.6",
            TrainConfig {
                carrier_share: 0.6,
                ..base.clone()
            },
        ),
        (
            "whole_text_only",
            TrainConfig {
                score_pieces: false,
                ..base.clone()
            },
        ),
        (
            "c_3",
            TrainConfig {
                c: 3.0,
                ..base.clone()
            },
        ),
        (
            "c_30",
            TrainConfig {
                c: 30.0,
                ..base.clone()
            },
        ),
        (
            "fpr_0.01",
            TrainConfig {
                max_ordinary_fpr: 0.01,
                ..base.clone()
            },
        ),
        (
            "fpr_0.0075",
            TrainConfig {
                max_ordinary_fpr: 0.0075,
                ..base.clone()
            },
        ),
        (
            "fpr_0.0075_pieces_1",
            TrainConfig {
                max_ordinary_fpr: 0.0075,
                benign_piece_weight: 1.0,
                ..base.clone()
            },
        ),
        (
            "fpr_0.0075_draws_24",
            TrainConfig {
                max_ordinary_fpr: 0.0075,
                augment_per_pattern: 24,
                ..base.clone()
            },
        ),
        (
            "fpr_0.0075_every_8",
            TrainConfig {
                max_ordinary_fpr: 0.0075,
                ordinary_every: 8,
                ..base.clone()
            },
        ),
        (
            "fpr_0.002",
            TrainConfig {
                max_ordinary_fpr: 0.002,
                ..base.clone()
            },
        ),
        (
            "chars_only_1_4",
            feats(FeatureConfig {
                max_word_ngram: 1,
                min_char_ngram: 1,
                max_char_ngram: 4,
                char_weight: 1.0,
                ..f.clone()
            }),
        ),
        (
            "chars_2_5",
            feats(FeatureConfig {
                min_char_ngram: 2,
                ..f.clone()
            }),
        ),
        (
            "chars_1_4",
            feats(FeatureConfig {
                max_char_ngram: 4,
                ..f.clone()
            }),
        ),
        (
            "words_1_3",
            feats(FeatureConfig {
                max_word_ngram: 3,
                ..f.clone()
            }),
        ),
        (
            "words_1",
            feats(FeatureConfig {
                max_word_ngram: 1,
                ..f.clone()
            }),
        ),
        (
            "char_weight_0.5",
            feats(FeatureConfig {
                char_weight: 0.5,
                ..f.clone()
            }),
        ),
        (
            "char_weight_2",
            feats(FeatureConfig {
                char_weight: 2.0,
                ..f.clone()
            }),
        ),
        (
            "min_df_1",
            feats(FeatureConfig {
                min_df: 1,
                ..f.clone()
            }),
        ),
        (
            "min_df_3",
            feats(FeatureConfig {
                min_df: 3,
                ..f.clone()
            }),
        ),
        (
            "ordinary_every_50",
            TrainConfig {
                ordinary_every: 50,
                ..base.clone()
            },
        ),
        (
            "ordinary_every_12",
            TrainConfig {
                ordinary_every: 12,
                ..base.clone()
            },
        ),
        (
            "ordinary_every_8",
            TrainConfig {
                ordinary_every: 8,
                ..base.clone()
            },
        ),
        (
            "iterations_400",
            TrainConfig {
                iterations: 400,
                ..base.clone()
            },
        ),
    ]
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let k: usize = arg(&args, "--k").map_or(Ok(5), |v| v.parse())?;
    let seeds: Vec<u64> = arg(&args, "--seeds")
        .unwrap_or_else(|| "1,2,3".into())
        .split(',')
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let only: Option<Vec<String>> =
        arg(&args, "--only").map(|v| v.split(',').map(String::from).collect());
    let errors = args.iter().any(|a| a == "--errors");
    let dev = args.iter().any(|a| a == "--dev");
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let sources = TrainingSources::read(&SourceFiles::shipped(root))?;
    let dev_rows = load_kinded_jsonl(root.join("research/guard/data/injection_dev_written.jsonl"))?;
    let mut smalltalk_rows =
        load_kinded_jsonl(root.join("research/guard/data/smalltalk_dev.jsonl"))?;
    let replies = root.join("research/guard/data/replies_dev.jsonl");
    if replies.exists() {
        smalltalk_rows.extend(load_kinded_jsonl(replies)?);
    }
    // Letters no variant trains on (the session-21 and -22 writers' batches), for their flag rate.
    let mut later_letters = Vec::new();
    for entry in std::fs::read_dir(root.join("eval/rephrased"))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if (name.starts_with("session21_") || name.starts_with("session22_"))
            && name.ends_with(".jsonl")
        {
            later_letters.extend(frontdesk_guard::data::load_first_messages(&path)?);
        }
    }
    for (name, cfg) in variants() {
        if only.as_ref().is_some_and(|o| !o.iter().any(|n| n == name)) {
            continue;
        }
        let mut f1s = Vec::new();
        let (mut ofpr, mut efpr) = (Vec::new(), Vec::new());
        for &seed in &seeds {
            let started = std::time::Instant::now();
            let cv = cross_validate(&sources, &cfg, k, seed, 7)?;
            println!(
                "{}",
                serde_json::json!({
                    "variant": name, "seed": seed, "k": k, "groups": cv.groups,
                    "f1": cv.pooled.f1, "precision": cv.pooled.precision, "recall": cv.pooled.recall,
                    "benign_fpr": cv.pooled.false_positive_rate,
                    "ordinary_fpr": cv.ordinary_false_positive_rate, "ordinary_n": cv.ordinary_n,
                    "email_fpr": cv.email_false_positive_rate, "emails_n": cv.emails_n,
                    "fold_threshold": cv.fold_threshold, "seconds": started.elapsed().as_secs_f64(),
                })
            );
            if errors {
                for (i, row) in sources.labelled.iter().enumerate() {
                    if cv.flagged[i] != row.label {
                        let kind = if row.label { "missed" } else { "false_alarm" };
                        println!(
                            "{kind}\t{:.2}\t{}",
                            cv.scores[i],
                            row.text.replace('\n', " ")
                        );
                    }
                }
            }
            f1s.push(cv.pooled.f1);
            ofpr.push(cv.ordinary_false_positive_rate);
            efpr.push(cv.email_false_positive_rate);
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let range = |v: &[f64]| {
            let lo = v.iter().copied().fold(f64::MAX, f64::min);
            let hi = v.iter().copied().fold(f64::MIN, f64::max);
            [lo, hi]
        };
        let mut summary = serde_json::json!({
            "summary": name, "f1_mean": mean(&f1s), "f1_range": range(&f1s),
            "ordinary_fpr_mean": mean(&ofpr), "email_fpr_mean": mean(&efpr),
        });
        if dev {
            let (detector, _) = train(&sources, &cfg)?;
            let r = evaluate_examples(&detector, &dev_rows, &[], &[]);
            summary["dev"] = serde_json::json!({
                "f1": r.f1, "precision": r.precision, "recall": r.recall,
                "benign_fpr": r.false_positive_rate, "threshold": r.threshold,
            });
            let st = evaluate_examples(&detector, &smalltalk_rows, &[], &later_letters);
            summary["smalltalk_dev"] = serde_json::json!({
                "f1": st.f1, "precision": st.precision, "recall": st.recall,
                "benign_fpr": st.false_positive_rate,
                "later_letters_flagged": st.emails.false_positive_rate,
            });
            if errors {
                for row in dev_rows.iter().chain(&smalltalk_rows) {
                    let v = detector.score(&row.labelled.text);
                    if v.flagged != row.labelled.label {
                        let kind = if row.labelled.label {
                            "dev_missed"
                        } else {
                            "dev_false_alarm"
                        };
                        println!(
                            "{kind}\t{:.2}\t{}",
                            v.score,
                            row.labelled.text.replace('\n', " ")
                        );
                    }
                }
            }
        }
        println!("{summary}");
    }
    Ok(())
}
