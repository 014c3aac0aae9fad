//! Channels: tickets in from helpdesks and mailboxes, answers back out.
//!
//! # Layout
//! - [`commands`]: the binary's `gateway`, `mail poll`, `import` and `deliver`.
//! - [`config`]: the `[channels]` section, one sub-section per provider.
//! - [`secret`]: secrets named by environment variable, never printed.
//! - [`signature`]: the providers' webhook HMACs, and frontdesk's own.
//! - [`origin`]: [`Provider`] and [`Origin`]: where a ticket came from, for its answer.
//! - [`inbox`]: the `channel_inbox` table: inbound dedupe and origins.
//! - [`publish`]: tickets onto their inbound topic, acknowledged.
//! - [`accept`]: claim, publish, mark: the sequence every inbound path shares.
//! - [`mail`]: e-mail to tickets (threads, stripping, verified senders) and the IMAP poller.
//! - [`gateway`]: `frontdesk gateway`, one webhook per provider.
//! - [`import`]: `frontdesk import`, backlogs (JSONL, CSV, mbox, `.eml`, Zendesk exports).
//! - [`deliver`]: `frontdesk deliver`, one adapter per provider, with the outbox.
//! - [`metrics`]: the channel counters on `/metrics`.

pub mod accept;
pub mod commands;
pub mod config;
pub mod deliver;
pub mod gateway;
pub mod import;
pub mod inbox;
pub mod mail;
pub mod metrics;
pub mod origin;
pub mod publish;
pub mod secret;
pub mod signature;

pub use accept::{Accepted, Acceptor, Inbound};
pub use config::ChannelsConfig;
pub use origin::{Origin, Provider};
