//! `frontdesk console ...`: serve the console, add people, bench it.

use std::io::BufRead;

use anyhow::Context;
use clap::Subcommand;

use super::users::{Role, Users};
use crate::config::Config;

/// `console` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConsoleCommand {
    /// Serve the agent-assist console (reads the handoffs topic of `kafka.brokers`).
    Serve {
        /// Address to listen on (default: `console.listen`).
        #[arg(long)]
        listen: Option<String>,
    },
    /// Manage the people who may sign in.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Page render time and memory with a large queue (synthetic handoffs, a child
    /// `console serve` on an embedded broker).
    Bench {
        /// Open handoffs in the queue.
        #[arg(long, default_value_t = 10_000)]
        handoffs: usize,
        /// Timed requests per page.
        #[arg(long, default_value_t = 200)]
        requests: usize,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// `console user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a person, or replace their password and roles. The password is the first line
    /// of standard input (`echo "$PW" | frontdesk console user add ana --role approver`).
    Add {
        /// Their user name.
        name: String,
        /// A role (repeatable): agent, approver, admin.
        #[arg(long = "role", value_enum, required = true)]
        roles: Vec<Role>,
    },
}

/// Runs a `console` subcommand.
pub async fn run(cfg: Config, command: ConsoleCommand) -> anyhow::Result<()> {
    match command {
        ConsoleCommand::Serve { listen } => {
            let listen = listen.unwrap_or_else(|| cfg.console.listen.clone());
            super::serve(cfg, &listen).await
        }
        ConsoleCommand::User {
            command: UserCommand::Add { name, roles },
        } => {
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .context("Failed to read the password from standard input")?;
            let password = password.trim_end_matches(['\r', '\n']);
            anyhow::ensure!(
                password.chars().count() >= 8,
                "the password (first line of standard input) needs at least 8 characters"
            );
            let state = crate::state::StateDb::connect(&cfg.state.url, 1)
                .await
                .context("Failed to open the state database")?;
            Users::new(state.pool().clone())
                .upsert(&name, password, &roles)
                .await?;
            let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            println!("user {name}: {}", roles.join(", "));
            Ok(())
        }
        ConsoleCommand::Bench {
            handoffs,
            requests,
            json,
        } => {
            let report =
                super::bench::run(super::bench::BenchOptions { handoffs, requests }).await?;
            if json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!("{}", serde_json::to_string_pretty(&report)?);
            }
            Ok(())
        }
    }
}
