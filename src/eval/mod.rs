//! `frontdesk eval`: replay labelled tickets through the real pipeline and score them.
//!
//! - [`case`]: the JSONL case format and its validation.
//! - [`expected`]: the labelled end state (labelled actions on a fresh store).
//! - [`driver`]: the pipeline run (embedded broker, a sandbox store per case run).
//! - [`score`]: verdicts, rates, gates.
//! - [`report`]: the HTML page.

pub mod case;
pub mod driver;
pub mod expected;
pub mod report;
pub mod score;

use std::path::PathBuf;

use crate::config::Config;
use anyhow::Context;
pub use driver::DriveOptions;
pub use score::{Summary, Thresholds};

/// The shipped sets `frontdesk eval` runs when given none.
pub const DEFAULT_SETS: &[&str] = &["eval/sets/retail_dev.jsonl", "eval/sets/adversarial.jsonl"];

/// What to run.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// Case files.
    pub sets: Vec<PathBuf>,
    /// Retail seed data for the stores.
    pub data_dir: PathBuf,
    /// Driver settings.
    pub drive: DriveOptions,
    /// Gate thresholds.
    pub thresholds: Thresholds,
    /// Write the HTML report here.
    pub report: Option<PathBuf>,
    /// Write every scored run here, one JSON object per line.
    pub cases_out: Option<PathBuf>,
}

/// Runs the eval.
pub async fn run(cfg: Config, opts: EvalOptions) -> anyhow::Result<Summary> {
    let cases = case::load(&opts.sets)?;
    anyhow::ensure!(!cases.is_empty(), "no cases in {:?}", opts.sets);
    let seed = frontdesk_sandbox::Seed::load(&opts.data_dir)
        .with_context(|| format!("loading the store seed from {}", opts.data_dir.display()))?;
    let expected = expected::Expected::new(seed.clone());
    let mut labelled = Vec::with_capacity(cases.len());
    for c in &cases {
        labelled.push(
            expected
                .digest(&c.expect.actions)
                .await
                .with_context(|| format!("labelled state of case {}", c.id))?,
        );
    }
    let observed = driver::drive(cfg, &cases, seed, &opts.drive).await?;
    let scored: Vec<score::Scored> = observed
        .into_iter()
        .map(|o| {
            let i = o.case;
            score::score(&cases[i], o, &labelled[i])
        })
        .collect();
    let summary = score::summarize(&cases, &scored, opts.drive.runs, &opts.thresholds);
    if let Some(path) = &opts.report {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).ok();
        }
        std::fs::write(path, report::html(&summary, &scored))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &opts.cases_out {
        let mut out = String::new();
        for s in &scored {
            out.push_str(&serde_json::to_string(s)?);
            out.push('\n');
        }
        std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(summary)
}
