//! `frontdesk import FILE`: a backlog file to tickets, in batches: each batch is claimed
//! in the inbox in one transaction, published concurrently, marked once the broker
//! acknowledged it, and checkpointed. Importing the same file again publishes nothing
//! (every ticket id is derived from the row or message, and the inbox has it);
//! an interrupted import resumes after its last checkpoint. `--dry-run` only decodes and
//! validates, and lists bad rows by line.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::checkpoint::{source_key, Checkpoints};
use super::source::{self, Format, Place, Unit};
use crate::channels::accept::{Accepted, Acceptor, Inbound};
use crate::channels::mail::{InboundMail, MailOutcome, MailTickets};
use crate::messages::{Channel, Codec};

/// Bad rows listed in the summary (all are counted).
const MAX_LISTED: usize = 100;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// File or folder.
    pub path: PathBuf,
    /// Its format (detected from the path when `None`).
    pub format: Option<Format>,
    /// Channel of tickets that name none.
    pub channel: Channel,
    /// Validate only: no broker, no database.
    pub dry_run: bool,
    /// Tickets per batch.
    pub batch: usize,
    /// Draw a progress bar on stderr (only on a terminal).
    pub progress: bool,
}

/// A unit that is not a ticket, and why.
#[derive(Debug, Clone, Serialize)]
pub struct BadRow {
    /// Where it is.
    pub at: Place,
    /// Why it was refused.
    pub reason: String,
}

/// The final count.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportSummary {
    /// Format read.
    pub format: String,
    /// Only validated.
    pub dry_run: bool,
    /// Units read (rows, messages, tickets), those skipped by the checkpoint included.
    pub read: u64,
    /// Units done before and skipped by the checkpoint.
    pub resumed_after: u64,
    /// Tickets published now (in a dry run: valid tickets).
    pub imported: u64,
    /// Tickets the inbox had already (imported before).
    pub duplicates: u64,
    /// Not customer messages (solved tickets, auto-replies): not imported.
    pub skipped: u64,
    /// Bad rows.
    pub invalid: u64,
    /// The first bad rows, with where they are.
    pub bad_rows: Vec<BadRow>,
    /// Wall time.
    pub elapsed_ms: u64,
    /// Units read per second.
    pub units_per_sec: f64,
}

/// What a real (not dry) import writes to.
pub struct Sinks {
    /// Claims and publishes.
    pub acceptor: Acceptor,
    /// Threads e-mails.
    pub mail: MailTickets,
    /// Checkpoints.
    pub checkpoints: Checkpoints,
    /// Trusted authserv-ids for e-mail senders.
    pub trusted: Vec<String>,
}

/// Runs an import; `sinks` is `None` for a dry run.
pub async fn run(
    opts: &ImportOptions,
    codec: &Codec,
    sinks: Option<&Sinks>,
) -> anyhow::Result<ImportSummary> {
    let format = match opts.format {
        Some(f) => f,
        None => Format::detect(&opts.path).with_context(|| {
            format!(
                "Cannot tell the format of {} (use --format)",
                opts.path.display()
            )
        })?,
    };
    let format_name = format!("{format:?}").to_ascii_lowercase();
    let started = Instant::now();
    let mut s = ImportSummary {
        format: format_name.clone(),
        dry_run: sinks.is_none(),
        ..Default::default()
    };
    let key = source_key(&opts.path, &format_name)
        .with_context(|| format!("Failed to read {}", opts.path.display()))?;
    let resume = match sinks {
        Some(k) => k.checkpoints.position(&key).await?,
        None => 0,
    };
    let bar = progress_bar(opts.progress, source::total_bytes(&opts.path));
    let units = source::open(&opts.path, format, opts.channel)
        .with_context(|| format!("Failed to open {}", opts.path.display()))?;
    let trusted: &[String] = sinks.map(|k| k.trusted.as_slice()).unwrap_or(&[]);
    let mut batch: Vec<Inbound> = Vec::with_capacity(opts.batch);
    for next in units {
        let (place, unit, read_bytes) =
            next.with_context(|| format!("Failed to read {}", opts.path.display()))?;
        s.read += 1;
        bar.set_position(read_bytes);
        if s.read <= resume {
            s.resumed_after += 1;
            continue;
        }
        match to_inbound(unit, codec, sinks.map(|k| &k.mail), trusted, opts.channel).await? {
            Converted::Ticket(i) => batch.push(*i),
            Converted::Valid => s.imported += 1,
            Converted::Skip => s.skipped += 1,
            Converted::Bad(reason) => {
                s.invalid += 1;
                if s.bad_rows.len() < MAX_LISTED {
                    s.bad_rows.push(BadRow { at: place, reason });
                }
            }
        }
        if batch.len() >= opts.batch.max(1) {
            flush(&mut batch, &mut s, sinks, &key).await?;
            bar.set_message(counts(&s));
        }
    }
    flush(&mut batch, &mut s, sinks, &key).await?;
    bar.finish_and_clear();
    s.elapsed_ms = started.elapsed().as_millis() as u64;
    s.units_per_sec = s.read as f64 / started.elapsed().as_secs_f64().max(1e-9);
    Ok(s)
}

fn counts(s: &ImportSummary) -> String {
    format!(
        "{} imported, {} already there, {} skipped, {} bad",
        s.imported, s.duplicates, s.skipped, s.invalid
    )
}

fn progress_bar(enabled: bool, total: u64) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} ({eta}) {msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// Accepts (or, in a dry run, counts) a batch, then checkpoints it.
async fn flush(
    batch: &mut Vec<Inbound>,
    s: &mut ImportSummary,
    sinks: Option<&Sinks>,
    key: &str,
) -> anyhow::Result<()> {
    let Some(k) = sinks else {
        s.imported += batch.len() as u64;
        batch.clear();
        return Ok(());
    };
    if !batch.is_empty() {
        let results = k.acceptor.accept_batch(batch).await.with_context(|| {
            format!(
                "Import stopped after {} units (the broker or the database failed); run it again to resume",
                s.read
            )
        })?;
        for r in results {
            match r {
                Accepted::New => s.imported += 1,
                // Busy: another importer of the same file is publishing it.
                Accepted::Duplicate | Accepted::Busy => s.duplicates += 1,
            }
        }
        batch.clear();
    }
    k.checkpoints.save(key, s.read).await?;
    Ok(())
}

enum Converted {
    Ticket(Box<Inbound>),
    /// A dry run's valid e-mail (not threaded: a dry run has no database).
    Valid,
    Skip,
    Bad(String),
}

async fn to_inbound(
    unit: Unit,
    codec: &Codec,
    mail: Option<&MailTickets>,
    trusted: &[String],
    channel: Channel,
) -> anyhow::Result<Converted> {
    Ok(match unit {
        Unit::Ready(Ok(i)) => Converted::Ticket(i),
        Unit::Ready(Err(reason)) => Converted::Bad(reason),
        Unit::Skip(_) => Converted::Skip,
        Unit::Json(bytes) => match codec.decode_ticket(&bytes, Some(channel)).await {
            Ok(ticket) => Converted::Ticket(Box::new(Inbound::imported(ticket))),
            Err(e) => Converted::Bad(e.to_string()),
        },
        Unit::Mime(raw) => match InboundMail::from_mime(&raw, trusted) {
            Err(e) => Converted::Bad(e.to_string()),
            Ok(m) => match mail {
                // A dry run: no thread table; what would be skipped is still skipped.
                None if m.auto_submitted || m.from.is_none() => Converted::Skip,
                None => Converted::Valid,
                Some(mt) => match mt.ticket(&m).await? {
                    MailOutcome::Ticket(i) => Converted::Ticket(i),
                    MailOutcome::Ignored(_) => Converted::Skip,
                },
            },
        },
    })
}
