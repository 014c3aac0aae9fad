//! Channels: tickets in from helpdesks and mailboxes, answers back out.
//!
//! # Layout
//! - [`config`]: the `[channels]` section, one sub-section per provider.
//! - [`secret`]: secrets named by environment variable, never printed.
//! - [`signature`]: the providers' webhook HMACs, and frontdesk's own.
//! - [`origin`]: [`Provider`] and [`Origin`]: where a ticket came from, for its answer.
//! - [`inbox`]: the `channel_inbox` table: inbound dedupe and origins.
//! - [`publish`]: tickets onto their inbound topic, acknowledged.
//! - [`accept`]: claim, publish, mark: the sequence every inbound path shares.
//! - [`mail`]: e-mail to tickets (threads, stripping, verified senders) and the IMAP poller.
//! - [`gateway`]: `frontdesk gateway`, one webhook per provider.
//! - [`metrics`]: the channel counters on `/metrics`.

pub mod accept;
pub mod config;
pub mod gateway;
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
