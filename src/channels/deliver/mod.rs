//! `frontdesk deliver`: resolutions and handoffs delivered where their tickets came from,
//! effectively once.
//!
//! - [`consumer`]: the Kafka side: batches, per-conversation order, dead letters, offsets.
//! - [`route`]: which adapters a record goes to.
//! - [`attempt`]: one delivery: outbox, interrupted parts checked, 429 / 5xx / budget.
//! - [`outbox`]: the `channel_outbox` table.
//! - [`adapter`]: the [`Adapter`] trait and the [`Failure`] classes.
//! - [`http`]: one provider call, classified.
//! - [`render`]: handoff notes, HTML replies, SMS segments.
//! - [`build`]: config to a deliver process (the one place that reads outbound secrets).
//! - one file per provider: [`zendesk`], [`intercom`], [`twilio`], [`smtp`], [`webhook`].

pub mod adapter;
pub mod attempt;
pub mod build;
pub mod consumer;
pub mod http;
pub mod intercom;
pub mod outbox;
pub mod render;
pub mod route;
pub mod smtp;
pub mod twilio;
pub mod webhook;
pub mod zendesk;

pub use adapter::{Adapter, Failure, Outgoing, Record};
pub use build::build;
pub use consumer::{Deliver, DeliverError};
pub use outbox::{Outbox, OutboxKey};
