//! The `frontdesk dlq` subcommands: arguments and printing.

use anyhow::Context;
use clap::{Args, Subcommand};

use super::{parse_offsets, parse_time, read_all, replay, Letter, Selection};
use crate::config::Config;
use crate::messages::now_ms;
use crate::state::StateDb;
use crate::topics::names;

/// `dlq` subcommands.
#[derive(Debug, Subcommand)]
pub enum DlqCommand {
    /// List dead letters: where each is, when, which stage, its kind and reason.
    List {
        #[command(flatten)]
        select: SelectArgs,
        /// Print one JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Produce the selected originals back to the topics they were read from, once each
    /// (a letter replayed before is skipped), after the cause was fixed.
    Replay {
        #[command(flatten)]
        select: SelectArgs,
        /// Count what would be replayed; produce nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// Which dead letters.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Only these kinds (`panic`, `invalid_avro`, `state_unreadable`, ...); repeatable.
    #[arg(long = "reason")]
    reasons: Vec<String>,
    /// Only these stages; repeatable.
    #[arg(long = "stage")]
    stages: Vec<String>,
    /// Failed at or after: RFC 3339, or a duration ago (`2h`).
    #[arg(long)]
    since: Option<String>,
    /// Failed before: RFC 3339, or a duration ago.
    #[arg(long)]
    until: Option<String>,
    /// Only this partition of the dead-letter topic.
    #[arg(long)]
    partition: Option<i32>,
    /// Only these offsets of the dead-letter topic: `A..B` (inclusive) or `A`.
    #[arg(long)]
    offsets: Option<String>,
}

impl SelectArgs {
    fn selection(&self) -> anyhow::Result<Selection> {
        let now = now_ms();
        let time = |s: &Option<String>| s.as_deref().map(|s| parse_time(s, now)).transpose();
        Ok(Selection {
            reasons: self.reasons.clone(),
            stages: self.stages.clone(),
            since_ms: time(&self.since).map_err(anyhow::Error::msg)?,
            until_ms: time(&self.until).map_err(anyhow::Error::msg)?,
            partition: self.partition,
            offsets: self
                .offsets
                .as_deref()
                .map(parse_offsets)
                .transpose()
                .map_err(anyhow::Error::msg)?,
        })
    }
}

/// Runs a `dlq` subcommand against the configured cluster and state database.
pub async fn command(cfg: Config, command: DlqCommand) -> anyhow::Result<()> {
    anyhow::ensure!(
        !cfg.kafka.is_embedded(),
        "dlq needs a cluster: set kafka.brokers (FRONTDESK__KAFKA__BROKERS)"
    );
    let topics = crate::pipeline::topics(&cfg)?;
    let codec = crate::pipeline::codec(&cfg);
    let dl_topic = topics.physical(names::DEADLETTER);
    let (select, json) = match &command {
        DlqCommand::List { select, json } | DlqCommand::Replay { select, json, .. } => {
            (select.selection()?, *json)
        }
    };
    let letters: Vec<Letter> = read_all(&cfg.kafka.brokers, &cfg.kafka, &dl_topic, &codec)
        .await
        .with_context(|| format!("Failed to read {dl_topic}"))?
        .into_iter()
        .filter(|l| select.matches(l))
        .collect();
    match command {
        DlqCommand::List { .. } => {
            for l in &letters {
                print_letter(l, json)?;
            }
            if !json {
                eprintln!("{} dead letter(s) on {dl_topic}", letters.len());
            }
        }
        DlqCommand::Replay { dry_run, .. } => {
            let state = StateDb::connect(&cfg.state.url, cfg.state.max_connections)
                .await
                .context("Failed to open the state database")?;
            let producer = crate::kafka::producer(&cfg.kafka.brokers, &cfg.kafka)?;
            let report = replay(
                &letters, &dl_topic, &producer, &state, &codec, &topics, dry_run,
            )
            .await
            .context("Failed to replay")?;
            if json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!(
                    "{} selected: {} {}, {} replayed before, {} without their original; {} ticket(s) reopened",
                    report.selected,
                    report.replayed,
                    if dry_run { "would be replayed" } else { "replayed" },
                    report.already_replayed,
                    report.without_original,
                    report.reopened
                );
            }
        }
    }
    Ok(())
}

fn print_letter(l: &Letter, json: bool) -> anyhow::Result<()> {
    let d = &l.letter;
    let key = d
        .original_key
        .as_deref()
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    let at = chrono::DateTime::from_timestamp_millis(d.failed_at)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default();
    if json {
        println!(
            "{}",
            serde_json::json!({
                "partition": l.partition, "offset": l.offset, "failed_at": at,
                "stage": d.stage, "kind": d.error_kind, "reason": d.reason, "key": key,
                "source": format!("{}/{}/{}", d.source_topic, d.source_partition, d.source_offset),
                "original_bytes": d.original_value.as_ref().map(Vec::len),
            })
        );
    } else {
        let reason: String = d.reason.chars().take(100).collect();
        println!(
            "{}/{}\t{at}\t{}\t{}\t{}/{}/{}\tkey={key}\t{reason}",
            l.partition,
            l.offset,
            d.stage,
            d.error_kind,
            d.source_topic,
            d.source_partition,
            d.source_offset
        );
    }
    Ok(())
}
