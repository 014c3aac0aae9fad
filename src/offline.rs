//! The offline models' command-line jobs: train and evaluate the router, evaluate
//! retrieval and the guardrails. Each prints figures measured in the run.

use std::time::Instant;

use anyhow::Context;

use crate::cli::{GroundingCommand, GuardCommand, RouterCommand};
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
        RouterCommand::Train { data, out } => {
            let started = Instant::now();
            let rows = frontdesk_intent::load_labelled_csvs(&data)
                .context("Failed to read the training data")?;
            let model = frontdesk_intent::train(&rows, &frontdesk_intent::TrainConfig::default())
                .context("Training failed")?;
            model
                .save(&out)
                .with_context(|| format!("Failed to save the model to {}", out.display()))?;
            eprintln!(
                "trained on {} rows, {} labels, in {:.1} s; saved to {}",
                rows.len(),
                model.labels().len(),
                started.elapsed().as_secs_f64(),
                out.display()
            );
            Ok(())
        }
        RouterCommand::Eval { model, data, json } => {
            let model = frontdesk_intent::Model::load(&model)
                .with_context(|| format!("Failed to load {}", model.display()))?;
            let rows = frontdesk_intent::load_labelled_csv(&data)
                .context("Failed to read the evaluation data")?;
            print(&frontdesk_intent::evaluate(&model, &rows), json)
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
            json,
        } => {
            let report = frontdesk_retrieval::evaluate_files(&docs, &tasks, k)
                .context("Retrieval evaluation failed")?;
            print(&report, json)
        }
    }
}

/// `frontdesk guard eval`.
pub fn guard(cmd: GuardCommand) -> anyhow::Result<()> {
    let GuardCommand::Eval {
        injection,
        pii,
        ordinary,
        json,
    } = cmd;
    anyhow::ensure!(
        injection.is_some() || pii.is_some(),
        "give --injection JSONL and/or --pii JSONL"
    );
    let mut out = serde_json::Map::new();
    if let Some(path) = &injection {
        let detector = frontdesk_guard::InjectionDetector::load_default()
            .context("Failed to build the injection detector")?;
        let files = if ordinary.is_empty() {
            vec![
                resolve_path("data/intents/bitext_dev.csv"),
                resolve_path("data/intents/banking77_train.csv"),
            ]
        } else {
            ordinary
        };
        let mut texts = Vec::new();
        for f in &files {
            texts.extend(
                frontdesk_guard::load_csv_texts(f)
                    .with_context(|| format!("Failed to read {}", f.display()))?,
            );
        }
        let report = frontdesk_guard::evaluate_injection(&detector, path, &texts)
            .context("Injection evaluation failed")?;
        out.insert("injection".into(), serde_json::to_value(report)?);
    }
    if let Some(path) = &pii {
        let report = frontdesk_guard::evaluate_pii(path).context("PII evaluation failed")?;
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
