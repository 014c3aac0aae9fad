//! The channel commands of the binary (`gateway`, `mail poll`, `import`, `deliver`): load,
//! build, run until a signal, print. Errors carry context for the person at the terminal.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use tokio_util::sync::CancellationToken;

use super::import::{self, Checkpoints, Format, ImportOptions, ImportSummary, Sinks};
use super::mail::{MailTickets, Poller, Threads};
use crate::config::Config;
use crate::messages::Channel;
use crate::state::StateDb;

/// `frontdesk mail` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum MailCommand {
    /// Read the `[channels.email.imap]` mailbox: each new message becomes a ticket, marked
    /// done once the broker acknowledged it. Runs until SIGINT/SIGTERM.
    Poll {
        /// Process what is in the mailbox now, then exit (for cron, and tests).
        #[arg(long)]
        once: bool,
    },
}

/// `frontdesk import` arguments.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A `.jsonl`, `.csv`, `.mbox` or Zendesk export `.json` file, or a folder of `.eml` files.
    pub file: PathBuf,
    /// The format, when the file name does not say.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Channel of tickets that name none (JSONL, CSV).
    #[arg(long, default_value = "webhook", value_parser = parse_channel)]
    pub channel: Channel,
    /// Validate only: decode every row and report bad ones by line; nothing is published.
    #[arg(long)]
    pub dry_run: bool,
    /// Tickets claimed and published per batch.
    #[arg(long, default_value_t = 1000)]
    pub batch: usize,
    /// No progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    Channel::parse(s).ok_or_else(|| format!("`{s}` is not one of email, chat, sms, webhook"))
}

/// The broker and the state database every channel command needs.
async fn connect(cfg: &Config, what: &str) -> anyhow::Result<(String, StateDb)> {
    anyhow::ensure!(
        !cfg.kafka.is_embedded(),
        "{what} needs a Kafka cluster shared with the pipeline: set kafka.brokers (FRONTDESK__KAFKA__BROKERS)"
    );
    let state = StateDb::connect(&cfg.state.url, cfg.state.max_connections)
        .await
        .context("Failed to open the state database")?;
    Ok((cfg.kafka.brokers.clone(), state))
}

fn serve_metrics(cfg: &Config, shutdown: &CancellationToken) {
    if let Some(listen) = cfg.metrics.listen.clone() {
        let token = shutdown.clone();
        tokio::spawn(async move {
            if let Err(error) = super::metrics::serve(&listen, token).await {
                tracing::error!(%error, "metrics endpoint failed");
            }
        });
    }
}

/// `frontdesk gateway`.
pub async fn gateway(cfg: Config, listen: Option<String>) -> anyhow::Result<()> {
    let (brokers, state) = connect(&cfg, "the gateway").await?;
    let gateway = Arc::new(super::gateway::build(&cfg, &brokers, &state)?);
    let listen = listen.unwrap_or_else(|| cfg.channels.gateway.listen.clone());
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .with_context(|| format!("Failed to listen on {listen}"))?;
    let shutdown = CancellationToken::new();
    crate::runtime::shutdown::install(shutdown.clone());
    eprintln!(
        "gateway on http://{} serving {}",
        listener.local_addr()?,
        gateway.paths().join(", ")
    );
    super::gateway::serve(listener, gateway, shutdown).await?;
    Ok(())
}

/// `frontdesk mail poll`.
pub async fn mail(cfg: Config, command: MailCommand) -> anyhow::Result<()> {
    let MailCommand::Poll { once } = command;
    let email = cfg
        .channels
        .email
        .as_ref()
        .context("no [channels.email] section")?;
    let imap = email
        .imap
        .clone()
        .context("no [channels.email.imap] section")?;
    let password = imap.password_env.load()?.expose().to_owned();
    let (brokers, state) = connect(&cfg, "the mail poller").await?;
    let poller = Poller::new(
        imap,
        password,
        email.trusted_authserv_ids.clone(),
        super::accept::build(&cfg, &brokers, &state)?,
        MailTickets::new(
            Threads::new(state.pool().clone()),
            cfg.runtime.max_body_bytes,
        ),
    );
    let shutdown = CancellationToken::new();
    crate::runtime::shutdown::install(shutdown.clone());
    serve_metrics(&cfg, &shutdown);
    let round = poller.run(shutdown, once).await?;
    eprintln!(
        "mail poll: {} fetched, {} accepted, {} already there, {} ignored",
        round.fetched, round.accepted, round.duplicates, round.ignored
    );
    Ok(())
}

/// `frontdesk import`.
pub async fn import(cfg: Config, args: ImportArgs) -> anyhow::Result<()> {
    let opts = ImportOptions {
        path: args.file,
        format: args.format,
        channel: args.channel,
        dry_run: args.dry_run,
        batch: args.batch,
        progress: !args.no_progress,
    };
    let codec = crate::pipeline::codec(&cfg);
    let summary = if opts.dry_run {
        import::run(&opts, &codec, None).await?
    } else {
        let (brokers, state) = connect(&cfg, "import").await?;
        let sinks = Sinks {
            acceptor: super::accept::build(&cfg, &brokers, &state)?
                .with_lease(std::time::Duration::ZERO),
            mail: MailTickets::new(
                Threads::new(state.pool().clone()),
                cfg.runtime.max_body_bytes,
            ),
            checkpoints: Checkpoints::new(state.pool().clone()),
            trusted: cfg
                .channels
                .email
                .as_ref()
                .map(|e| e.trusted_authserv_ids.clone())
                .unwrap_or_default(),
        };
        import::run(&opts, &codec, Some(&sinks)).await?
    };
    print_summary(&summary, args.json)?;
    anyhow::ensure!(
        !(summary.dry_run && summary.invalid > 0),
        "{} bad rows",
        summary.invalid
    );
    Ok(())
}

fn print_summary(s: &ImportSummary, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(s)?);
        return Ok(());
    }
    let verb = if s.dry_run { "valid" } else { "imported" };
    println!(
        "frontdesk import ({}{}): {} read, {} {verb}, {} already imported, {} skipped, {} bad, {} resumed past; {} ms ({:.0}/s)",
        s.format,
        if s.dry_run { ", dry run" } else { "" },
        s.read,
        s.imported,
        s.duplicates,
        s.skipped,
        s.invalid,
        s.resumed_after,
        s.elapsed_ms,
        s.units_per_sec
    );
    for b in &s.bad_rows {
        println!("  {}: {}", b.at, b.reason);
    }
    if (s.invalid as usize) > s.bad_rows.len() {
        println!("  ... and {} more", s.invalid as usize - s.bad_rows.len());
    }
    Ok(())
}

/// `frontdesk deliver`.
pub async fn deliver(cfg: Config) -> anyhow::Result<()> {
    let (brokers, state) = connect(&cfg, "deliver").await?;
    let deliver = super::deliver::build(&cfg, &brokers, &state)?;
    let shutdown = CancellationToken::new();
    crate::runtime::shutdown::install(shutdown.clone());
    serve_metrics(&cfg, &shutdown);
    deliver.run(shutdown).await?;
    Ok(())
}
