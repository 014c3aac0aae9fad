//! frontdesk: a Kafka-native customer-service agent.
//!
//! # Layout
//! - [`messages`]: the records on the topics (Avro schemas in `schemas/`) and their codec.
//! - [`topics`]: topic declarations (`topics/topics.toml`) and `topics apply`.
//! - [`config`]: typed, layered configuration.
//! - [`kafka`]: Kafka client setup, in one place, and the embedded broker.
//! - [`runtime`]: the stage runtime: the `Stage` trait and the runner that owns Kafka I/O.
//! - [`stages`]: router, tools, grounding and policy.
//! - [`pipeline`]: config to running stages.
//! - [`state`]: the state database (conversations, turns, processed tickets).
//! - [`demo`]: the one-command demo on the embedded broker.
//! - [`eval`]: `frontdesk eval`, labelled tickets replayed through the pipeline and scored.
//! - [`bench`]: `frontdesk bench spine`.
//! - [`channels`]: helpdesks and mailboxes: the webhook gateway, the IMAP poller, import and deliver.
//! - [`cli`]: the command line.

pub mod bench;
pub mod channels;
pub mod cli;
pub mod config;
pub mod demo;
pub mod eval;
pub mod harness;
pub mod kafka;
pub mod messages;
pub mod offline;
pub mod pipeline;
pub mod runtime;
pub mod stages;
pub mod state;
pub mod telemetry;
pub mod topics;
