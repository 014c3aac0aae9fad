//! frontdesk: a Kafka-native customer-service agent.
//!
//! # Layout
//! - [`messages`]: the records on the topics (Avro schemas in `schemas/`) and their codec.
//! - [`topics`]: topic declarations (`topics/topics.toml`) and `topics apply` (create, fix, report drift).
//! - [`config`]: typed, layered configuration.
//! - [`home`]: where the shipped config, models and data are found (`FRONTDESK_HOME`).
//! - [`kafka`]: Kafka client setup, in one place, and the embedded broker.
//! - [`runtime`]: the stage runtime: the `Stage` trait and the runner that owns Kafka I/O.
//! - [`stages`]: router, tools, grounding and policy.
//! - [`pipeline`]: config to running stages.
//! - [`harness`]: the in-process start-up (broker, state, topics, store, stages) behind
//!   `demo`, `eval`, `bench`, `run` and the tests.
//! - [`state`]: the state database (conversations, turns, processed tickets).
//! - [`demo`]: the one-command demo on the embedded broker.
//! - [`eval`]: `frontdesk eval`, labelled tickets replayed through the pipeline and scored.
//! - [`health`]: `/healthz`, `/readyz` and `/metrics` of long-running commands.
//! - [`bench`]: `frontdesk bench spine`.
//! - [`channels`]: helpdesks and mailboxes: the webhook gateway, the IMAP poller, import and deliver.
//! - [`console`]: the agent-assist console where people work the handoff queue.
//! - [`chaos`]: `frontdesk bench chaos`, the fault suite (stage processes killed, broker
//!   and store faults) and the memory run under a backlog.
//! - [`privacy`]: PII tokenised at ingress, the vault, erasure and retention.
//! - [`dlq`]: `frontdesk dlq list | replay`, the dead-letter topic re-driven after a fix.
//! - [`shadow`]: `frontdesk run --shadow` and `frontdesk shadow report`: what frontdesk
//!   would do on a team's tickets, with no write and nothing sent.
//! - [`telemetry`]: logging and, when configured, OTLP trace export.
//! - [`cli`]: the command line, with the offline models' jobs (`router`, `grounding`,
//!   `guard`).

pub mod bench;
pub mod channels;
pub mod chaos;
pub mod cli;
pub mod config;
pub mod console;
pub mod demo;
pub mod dlq;
pub mod eval;
pub mod harness;
pub mod health;
pub mod home;
pub mod kafka;
pub mod messages;
pub mod pipeline;
pub mod privacy;
pub mod runtime;
pub mod shadow;
pub mod stages;
pub mod state;
pub mod telemetry;
pub mod topics;
