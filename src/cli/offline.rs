//! The offline models' command-line jobs: train and evaluate the router, evaluate
//! retrieval and the guardrails. Each prints figures measured in the run.

use std::time::Instant;

use anyhow::Context;
use frontdesk_intent::Classifier;

use super::{EmbeddingsArg, GroundingCommand, GuardCommand, RouterCommand};
use crate::config::resolve_path;

fn print(value: &impl serde::Serialize, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(value)?);
    } else {
        println!("{}", serde_json::to_string_pretty(value)?);
    }
    Ok(())
}

/// `frontdesk router train|eval`.
pub fn router(cmd: RouterCommand) -> anyhow::Result<()> {
    match cmd {
        RouterCommand::Train {
            data,
            out,
            embeddings,
            fine_tune_layers,
            relabel,
            noisy_copies,
            fine_tune_on_copies,
            drop_function_word,
            max_oos_threshold,
        } => {
            let started = Instant::now();
            let mut rows = frontdesk_intent::load_labelled_csvs(&data)
                .context("Failed to read the training data")?;
            if let Some(path) = &relabel {
                let registry = frontdesk_intent::Registry::load(resolve_path(path)?)
                    .context("Failed to load the intent registry")?;
                let before = rows.len();
                rows = registry.map_bitext_examples(&rows);
                eprintln!(
                    "relabelled through {}: {} rows kept, {} left out",
                    path.display(),
                    rows.len(),
                    before - rows.len()
                );
            }
            let mut cfg = frontdesk_intent::TrainConfig {
                embeddings: match embeddings {
                    EmbeddingsArg::Auto => frontdesk_intent::Embeddings::Auto,
                    EmbeddingsArg::On => frontdesk_intent::Embeddings::On,
                    EmbeddingsArg::Off => frontdesk_intent::Embeddings::Off,
                },
                ..frontdesk_intent::TrainConfig::default()
            };
            cfg.augment.copies = noisy_copies;
            cfg.augment.fine_tune = fine_tune_on_copies;
            cfg.augment.drop_function_word = drop_function_word;
            cfg.max_oos_threshold = max_oos_threshold;
            cfg.embedding.fine_tune = match fine_tune_layers {
                0 => None,
                1..=6 => Some(frontdesk_intent::FineTuneConfig {
                    layers: fine_tune_layers,
                    ..Default::default()
                }),
                n => {
                    anyhow::bail!("--fine-tune-layers takes 0 to 6 (the network's depth), not {n}")
                }
            };
            let model = frontdesk_intent::train(&rows, &cfg).context("Training failed")?;
            model
                .save(&out)
                .with_context(|| format!("Failed to save the model to {}", out.display()))?;
            eprintln!(
                "trained on {} rows, {} labels{}, in {:.1} s; saved to {}",
                rows.len(),
                model.labels().len(),
                match &model.meta.embedding {
                    Some(e) if e.tuned_layers > 0 => " (n-grams + fine-tuned sentence embeddings)",
                    Some(_) => " (n-grams + sentence embeddings)",
                    None => " (n-grams)",
                },
                started.elapsed().as_secs_f64(),
                out.display()
            );
            Ok(())
        }
        RouterCommand::Eval {
            model,
            data,
            misread,
            json,
        } => {
            let model = frontdesk_intent::Model::load(&model)
                .with_context(|| format!("Failed to load {}", model.display()))?;
            let rows = frontdesk_intent::load_labelled_csv(&data)
                .context("Failed to read the evaluation data")?;
            let mut report = if model.uses_embeddings() {
                // The embedding model classifies in batches (one encoder pass per 64 texts).
                let started = Instant::now();
                let mut predicted = Vec::with_capacity(rows.len());
                for chunk in rows.chunks(64) {
                    let texts: Vec<&str> = chunk.iter().map(|r| r.text.as_str()).collect();
                    predicted.extend(
                        model
                            .classify_batch(&texts)
                            .into_iter()
                            .map(|c| c.label().to_owned()),
                    );
                }
                let elapsed = started.elapsed().as_secs_f64();
                let gold: Vec<&str> = rows.iter().map(|r| r.intent.as_str()).collect();
                let pred: Vec<&str> = predicted.iter().map(String::as_str).collect();
                let mut report = frontdesk_intent::eval::score(&gold, &pred);
                report.classifications_per_sec = rows.len() as f64 / elapsed.max(1e-9);
                if misread {
                    report.misread = frontdesk_intent::misreads(&rows, &pred);
                }
                report
            } else {
                let mut report = frontdesk_intent::evaluate(&model, &rows);
                if misread {
                    let predicted: Vec<String> = rows
                        .iter()
                        .map(|r| model.classify(&r.text).label().to_owned())
                        .collect();
                    let pred: Vec<&str> = predicted.iter().map(String::as_str).collect();
                    report.misread = frontdesk_intent::misreads(&rows, &pred);
                }
                report
            };
            report.misread.sort_by(|a, b| a.gold.cmp(&b.gold));
            print(&report, json)
        }
        RouterCommand::EvalRoutes {
            model,
            registry,
            data,
            min_route_confidence,
            cases,
            json,
        } => {
            let model = resolve_path(&model)?;
            let model = frontdesk_intent::Model::load(&model)
                .with_context(|| format!("Failed to load {}", model.display()))?;
            let registry = frontdesk_intent::Registry::load(resolve_path(&registry)?)
                .context("Failed to load the intent registry")?;
            let rows = frontdesk_intent::load_route_cases(&data, &registry)
                .context("Failed to read the labelled e-mails")?;
            let mut report =
                frontdesk_intent::evaluate_routes(&registry, &model, &rows, min_route_confidence);
            if !cases {
                report.outcomes.clear();
            }
            print(&report, json)
        }
    }
}

/// `frontdesk grounding eval`.
pub fn grounding(cmd: GroundingCommand) -> anyhow::Result<()> {
    match cmd {
        GroundingCommand::Eval {
            docs,
            tasks,
            k,
            dense,
            json,
        } => {
            let (report, used_dense) =
                frontdesk_retrieval::evaluate_files_with(&docs, &tasks, k, dense)
                    .context("Retrieval evaluation failed")?;
            if dense && !used_dense {
                eprintln!("the sentence-embedding model was not found (scripts/fetch-model.sh): BM25 only");
            }
            print(&report, json)
        }
    }
}

/// `frontdesk guard train|eval`.
pub fn guard(cmd: GuardCommand) -> anyhow::Result<()> {
    match cmd {
        GuardCommand::Train {
            injection,
            ordinary,
            emails,
            people_emails,
            templates,
            no_augment,
            out,
            json,
        } => guard_train(
            frontdesk_guard::SourceFiles {
                injection: resolve_path(injection)?,
                ordinary: or_shipped(
                    ordinary,
                    &frontdesk_guard::injection::sources::defaults::ORDINARY,
                )?,
                emails: or_shipped(
                    emails,
                    &[frontdesk_guard::injection::sources::defaults::EMAILS],
                )?,
                people_emails: or_shipped(
                    people_emails,
                    &frontdesk_guard::injection::sources::defaults::PEOPLE_EMAILS,
                )?,
                templates: if no_augment {
                    None
                } else {
                    Some(resolve_path(templates)?)
                },
            },
            &out,
            json,
        ),
        GuardCommand::Eval {
            injection,
            pii,
            model,
            ordinary,
            emails,
            json,
        } => {
            anyhow::ensure!(
                injection.is_some() || pii.is_some(),
                "give --injection JSONL and/or --pii JSONL"
            );
            let mut out = serde_json::Map::new();
            if let Some(path) = &injection {
                let report = guard_eval_injection(path, model.as_deref(), ordinary, emails)?;
                out.insert("injection".into(), serde_json::to_value(report)?);
            }
            if let Some(path) = &pii {
                let report =
                    frontdesk_guard::evaluate_pii(path).context("PII evaluation failed")?;
                out.insert("pii".into(), serde_json::to_value(report)?);
            }
            // One report: print it as the object itself.
            let value = if out.len() == 1 {
                out.into_iter().next().map(|(_, v)| v).unwrap_or_default()
            } else {
                out.into()
            };
            print(&value, json)
        }
    }
}

/// The given files, or the shipped ones (resolved against the repository) when none.
fn or_shipped(
    given: Vec<std::path::PathBuf>,
    shipped: &[&str],
) -> anyhow::Result<Vec<std::path::PathBuf>> {
    if given.is_empty() {
        Ok(shipped.iter().map(resolve_path).collect::<Result<_, _>>()?)
    } else {
        Ok(given)
    }
}

fn guard_train(
    files: frontdesk_guard::SourceFiles,
    out: &std::path::Path,
    json: bool,
) -> anyhow::Result<()> {
    let sources = frontdesk_guard::TrainingSources::read(&files)
        .context("Failed to read the training data")?;
    let (detector, report) =
        frontdesk_guard::train(&sources, &frontdesk_guard::TrainConfig::default())
            .context("Training failed")?;
    detector
        .save(out)
        .with_context(|| format!("Failed to save the detector to {}", out.display()))?;
    if json {
        return print(&report, true);
    }
    let t = &report.meta.trained_on;
    eprintln!(
        "trained on {} labelled texts ({} injections), {} ordinary tickets (+{} composites), \
         {} + {} e-mails, {} + {} augmented texts, {} pieces of benign letters; {} features; \
         threshold {:.2}; {:.1} s; saved to {}",
        t.labelled,
        t.labelled_injections,
        t.ordinary,
        t.composites,
        t.emails,
        t.people_emails,
        t.augmented_injections,
        t.augmented_benign,
        t.benign_pieces,
        report.features,
        report.meta.threshold,
        report.seconds,
        out.display()
    );
    if let Some(c) = &report.meta.calibration {
        eprintln!(
            "out-of-fold ({} group-aware folds, {} groups): precision {:.3}, recall {:.3}, F1 {:.3}; \
             held-back ordinary FPR {:.2} % of {}",
            c.folds,
            c.groups,
            c.precision,
            c.recall,
            c.f1,
            c.ordinary_fpr * 100.0,
            c.ordinary_n
        );
    }
    Ok(())
}

fn guard_eval_injection(
    path: &std::path::Path,
    model: Option<&std::path::Path>,
    ordinary: Vec<std::path::PathBuf>,
    emails: Vec<std::path::PathBuf>,
) -> anyhow::Result<frontdesk_guard::InjectionReport> {
    let detector = match model {
        Some(dir) => frontdesk_guard::InjectionDetector::load(dir)
            .with_context(|| format!("Failed to load {}", dir.display()))?,
        None => frontdesk_guard::InjectionDetector::load_default()
            .context("Failed to load the injection detector")?,
    };
    let examples = frontdesk_guard::data::load_kinded_jsonl(path)
        .with_context(|| format!("Failed to read {}", path.display()))?;
    let mut tickets = Vec::new();
    for f in or_shipped(
        ordinary,
        &frontdesk_guard::injection::sources::defaults::ORDINARY,
    )? {
        tickets.extend(
            frontdesk_guard::load_csv_texts(&f)
                .with_context(|| format!("Failed to read {}", f.display()))?,
        );
    }
    let mut mails = Vec::new();
    let shipped_mails = [
        frontdesk_guard::injection::sources::defaults::EMAILS,
        "eval/sets/retail_dev.jsonl",
    ];
    for f in or_shipped(emails, &shipped_mails)? {
        // Scored as the router's screen reads them: without mail headers, quote marks
        // and the shop's own auto-acknowledgement.
        mails.extend(
            frontdesk_guard::data::load_first_messages(&f)
                .with_context(|| format!("Failed to read {}", f.display()))?
                .iter()
                .map(|body| frontdesk_intent::letter::screened_text(body)),
        );
    }
    Ok(frontdesk_guard::evaluate_examples(
        &detector, &examples, &tickets, &mails,
    ))
}
