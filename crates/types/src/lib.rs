//! frontdesk-types: the few types that more than one frontdesk crate speaks, defined once.
//!
//! # Layout
//! - [`channel`]: [`Channel`], where a ticket came from (one inbound topic each).
//! - [`route`]: the router's decision: [`Band`], [`RoutedIntent`], [`Route`].
//! - [`rule`]: [`Rule`], the one vocabulary of rules and handoff reasons (stable codes).
//! - [`token`]: the shape of the tokens that stand for personal data in customer text.
//!
//! The main crate puts them on the wire (Avro schemas in `schemas/`), the intent crate's
//! registry produces routes, and the planner reads the channel; none of them maps one
//! crate's copy onto another's.

#![deny(missing_docs)]

pub mod channel;
pub mod route;
pub mod rule;
pub mod token;

pub use channel::Channel;
pub use route::{Band, Route, RoutedIntent};
pub use rule::Rule;
