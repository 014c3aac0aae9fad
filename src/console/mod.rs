//! The agent-assist console: a server-rendered web app where people work the handoff queue
//! (`frontdesk console serve`).
//!
//! # Layout
//! - [`config`]: `[console]`, typed.
//! - [`server`]: start-up (state, producer, executor and gate, consumer, HTTP) and routes.
//! - [`consumer`]: the handoffs topic into the `handoffs` table (its own consumer group).
//! - [`handoffs`]: the `handoffs` table: queue queries and conditional state changes.
//! - [`users`], [`sessions`], [`auth`]: people and roles (argon2), sessions, the identity
//!   header of a trusted proxy, CSRF.
//! - [`pages`], [`forms`], [`views`]: the pages, the action forms, the askama templates
//!   (`templates/console/`).
//! - [`actions`]: claim, release, assign, reply, note, approve, reject, close, hand back.
//! - [`approval`]: a proposed action through the tool executor and the write gate.
//! - [`outbound`]: replies on the resolutions topic and audit records.
//! - [`history`]: what people did, and the replies they sent.
//! - [`learn`]: draft acceptance (edit distance) and waits, on `/learn`.
//! - [`metrics`]: those figures on `/metrics`, in the process's `prometheus-client` registry.
//! - [`bench`]: `frontdesk console bench`, render time and memory with a large queue.
//! - [`cli`]: `frontdesk console serve`, `user add`, `bench`.
//! - [`error`]: the errors ([`ConsoleError`]) and their HTTP answers.

pub mod actions;
pub mod approval;
pub mod auth;
pub mod bench;
pub mod cli;
pub mod config;
pub mod consumer;
pub mod error;
pub mod forms;
pub mod handoffs;
pub mod history;
pub mod learn;
pub mod metrics;
pub mod outbound;
pub mod pages;
pub mod server;
pub mod sessions;
pub mod users;
pub mod views;

pub use config::{ConsoleConfig, SecureCookies};
pub use error::ConsoleError;
pub use server::{router, serve, start, Console, Running};
pub use users::{Role, User, Users};
