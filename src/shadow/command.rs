//! `frontdesk shadow report`: the shadow run's outputs read back and compared with the
//! recorded outcomes of the backlog.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Subcommand;
use frontdesk_tools::ToolKind;

use crate::config::{resolve_path, Config};

/// `frontdesk shadow` subcommands.
#[derive(Debug, Subcommand)]
pub enum ShadowCommand {
    /// Read what a shadow run (`frontdesk run --shadow`) produced and compare it with what
    /// people did: would resolve / would hand off / agreed / disagreed, by intent.
    Report {
        /// Recorded outcomes (JSONL: `ticket_id`, `outcome` resolved | escalated,
        /// `actions`, `intent`); without it the report says only what frontdesk would do.
        #[arg(long)]
        recorded: Option<PathBuf>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// Also write the report as a self-contained HTML page here.
        #[arg(long)]
        html: Option<PathBuf>,
        /// The page's subtitle (what the backlog is).
        #[arg(long, default_value = "")]
        title: String,
        /// Wait until this many tickets have a shadow outcome (read again every 5 s).
        #[arg(long)]
        wait_for: Option<usize>,
        /// Give up waiting after this many seconds.
        #[arg(long, default_value_t = 1800)]
        timeout_secs: u64,
    },
}

/// Runs a `frontdesk shadow` subcommand.
pub async fn command(cfg: Config, command: ShadowCommand) -> anyhow::Result<()> {
    let ShadowCommand::Report {
        recorded,
        json,
        html,
        title,
        wait_for,
        timeout_secs,
    } = command;
    anyhow::ensure!(
        !cfg.kafka.is_embedded(),
        "shadow report reads the shadow run's topics: set kafka.brokers (FRONTDESK__KAFKA__BROKERS)"
    );
    let recorded = match &recorded {
        Some(path) => super::recorded::read(path)?,
        None => Default::default(),
    };
    let is_write = write_tools(&cfg)?;
    let deadline = Instant::now() + Duration::from_secs(timeout_secs);
    let shadow = loop {
        let shadow = super::outcome::read(&cfg, &cfg.kafka.brokers).await?;
        match wait_for {
            Some(n) if shadow.len() < n => {
                anyhow::ensure!(
                    Instant::now() < deadline,
                    "{} of {n} tickets have a shadow outcome after {timeout_secs} s",
                    shadow.len()
                );
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
            _ => break shadow,
        }
    };
    let report = super::report::build(&shadow, &recorded, &|t| is_write.contains(t));
    if let Some(path) = &html {
        std::fs::write(path, super::html::page(&report, &title))
            .with_context(|| format!("Failed to write {}", path.display()))?;
    }
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{report}");
    }
    Ok(())
}

/// The write tools of the configured tools file.
fn write_tools(cfg: &Config) -> anyhow::Result<HashSet<String>> {
    let path = resolve_path(&cfg.agent.tools)?;
    let tc = frontdesk_tools::ToolsConfig::from_path(&path)
        .with_context(|| format!("Failed to load tools from {}", path.display()))?;
    Ok(tc
        .tools
        .into_iter()
        .filter(|t| t.kind == ToolKind::Write)
        .map(|t| t.name)
        .collect())
}
