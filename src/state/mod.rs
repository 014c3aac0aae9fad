//! The state database (sqlx): SQLite by default, PostgreSQL by URL.
//!
//! Tables (see `migrations/state/`): `conversations` (one row per thread), `turns` (what
//! the customer and the agent said, idempotent per ticket and role), `conversation_states`
//! (the thread's state after each of its last tickets, see "Conversation state") and
//! `processed_tickets` (tickets whose terminal record was acknowledged, by [`TicketKey`], so
//! a redelivered ticket does not produce a second outbound record).
//!
//! # Conversation state
//! A stage saves a conversation's state *for a ticket*, and loads it *before a ticket*:
//! `save_state(conv, ticket, s)` appends `s` as the state after `ticket` (a redelivery of
//! `ticket` replaces its own entry only while no later ticket saved one), and
//! `load_state(conv, ticket)` returns the state before `ticket` — the latest one, or, when
//! `ticket` already saved one (a redelivery after a crash), the one before it. So a
//! replayed ticket plans against what it first saw, not against what it did, and the next
//! ticket of the thread sees the state at once, without waiting for acknowledgements.
//!
//! # Group commit
//! The per-ticket writes (`append_turn`, `mark_finished`) go through one writer task that
//! commits whatever is queued in one transaction; the per-ticket `is_finished` lookups
//! likewise share one `IN (...)` query. A caller's future resolves only after the
//! transaction holding its write committed, so durability is unchanged; what changes is that
//! hundreds of concurrent tickets share one commit (SQLite has one writer, and a commit per
//! ticket capped a stage at about two thousand tickets a second).
//!
//! # Layout
//! - [`db`]: [`StateDb`], connecting and migrating, turns and finished marks.
//! - [`batch`]: the group commit: the writer task and the batched lookups.
//! - [`conversation`]: a conversation's state per ticket.
//! - [`holds`]: whether a person holds a conversation (its handoff is open in the console).
//! - [`key`]: [`TicketKey`], what makes a ticket the same ticket.
//! - [`replays`]: what `frontdesk dlq replay` keeps here.
//! - [`error`]: [`StateError`], and what a stage makes of it.

mod batch;
mod conversation;
mod db;
mod error;
mod holds;
mod key;
mod replays;

pub use db::StateDb;
pub use error::StateError;
pub use holds::Hold;
pub use key::{TicketKey, TENANT_HEADER};
