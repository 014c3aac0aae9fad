//! `frontdesk gateway`: providers' webhooks in, tickets out on the inbound topics, each
//! answered only after the broker acknowledged its ticket.
//!
//! - [`webhook`]: the [`Webhook`] trait, the request and what parsing yields.
//! - [`server`]: the axum service: size limit, verify, parse, accept, answer, count.
//! - [`build`]: config to a gateway (the one place that reads the webhook secrets).
//! - one file per provider: [`generic`], [`zendesk`], [`intercom`], [`twilio`], and for
//!   e-mail [`mime`] (raw message), [`mailgun`] and [`sendgrid`] (parse webhooks).
//!
//! The request bodies the tests replay are in `golden/`, copied in shape from each
//! provider's documentation.

pub mod build;
pub mod generic;
pub mod intercom;
pub mod mailgun;
pub mod mime;
pub mod sendgrid;
pub mod server;
pub mod twilio;
pub mod webhook;
pub mod zendesk;

pub use build::{build, webhooks};
pub use server::{serve, Gateway};
pub use webhook::{Parsed, Rejection, Request, Webhook};
