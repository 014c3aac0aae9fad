//! frontdesk-limits: the write-action gate of the policy plane.
//!
//! Every write a tool call would make is first put to [`Gate::check_and_reserve`]: value
//! ceilings per action (above one, hand off with the action pre-drafted for approval), a
//! rate per action per minute (in memory, per instance), and the limits per conversation
//! (writes within a sliding window) and per customer per UTC day. Those two are kept in the
//! database (`write_reservations`, `write_ledger`), reserved atomically so they hold across
//! restarts and several instances, and keyed by idempotency key so a redelivered ticket
//! re-uses its slot. [`Gate::release`] gives a slot back when the write failed for good.
//!
//! # Layout
//!
//! - [`config`] — [`LimitsConfig`], TOML with unknown keys refused (`limits.toml` is the default).
//! - [`request`] — [`WriteRequest`], [`Decision`], [`DenyRule`], [`Reservation`].
//! - [`ceilings`] — the pure value-ceiling check.
//! - [`rate`] — the per-action governor limiters (per instance).
//! - [`ledger`] — the persisted conversation window and daily cap (SQLite or PostgreSQL
//!   through sqlx `Any`).
//! - [`clock`] — [`Clock`], real and manual, for the limiters and the UTC day.
//! - [`gate`] — [`Gate`], which runs them in order.
//! - [`error`] — [`LimitsError`].
#![deny(missing_docs)]

pub mod ceilings;
pub mod clock;
pub mod config;
pub mod error;
pub mod gate;
pub mod ledger;
pub mod rate;
pub mod request;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{Ceiling, LimitsConfig, RateConfig, UnlistedActions};
pub use error::LimitsError;
pub use gate::Gate;
pub use ledger::{Ledger, ReserveLimits, ReserveOutcome};
pub use request::{Decision, DenyRule, Reservation, WriteRequest};
