//! The runner: owns the consumer and the producer of one stage and moves records through
//! its [`Stage`](super::Stage).
//!
//! Threads and tasks:
//! - a **poll thread** ([`poll`]) owns `poll()` on the consumer: it accepts records (tracking
//!   their offsets), pauses the assignment while `max_buffered` records are unfinished, and
//!   runs the rebalance callbacks ([`context`]), where a revoke waits for that partition's
//!   in-flight work (up to the drain timeout) and commits synchronously;
//! - a **dispatcher** task ([`dispatch`]) schedules records per key (one record of a key at
//!   a time, in offset order; up to `max_in_flight` different keys concurrently) and, as
//!   records finish, books them ([`tracking`]): it stores the offsets that became safe
//!   (only up to the lowest offset still in flight of that partition);
//! - one **task per record** ([`worker`]): decode, `process` (transient errors retried with
//!   backoff, permanent ones dead-lettered, [`dead_letter`]) and hand every output to the
//!   producer ([`delivery`]); then it **releases** its key and its running slot, waits for
//!   the broker's acknowledgements (and, for a ticket's last stage, records it as finished)
//!   and reports the offset done ([`report`]).
//!
//! Releasing the key once the outputs are enqueued, not once they are acknowledged, is
//! what keeps a key's records flowing at the producer's pace rather than one broker round
//! trip each: the idempotent producer keeps a partition's records in the order they were
//! enqueued, so a key's outputs still leave in offset order. The offset is still stored
//! only after the acknowledgements (at-least-once is unchanged). If an acknowledgement
//! fails for good (after `message.timeout.ms`), the output is produced again, after the
//! key's later outputs: the only case in which a key's outputs can leave out of order.
//!
//! Layout: [`run`] assembles the pieces ([`Runner`]); [`wiring`] says what a stage reads
//! and writes; [`hold`] is the stage-wide hold for an unavailable dependency.

mod context;
mod dead_letter;
mod delivery;
mod dispatch;
mod hold;
mod poll;
mod report;
mod run;
mod tracking;
mod wiring;
mod worker;

#[cfg(test)]
mod dispatch_tests;

pub use run::{instance_id, Runner, RunnerError};
pub use wiring::{Input, Wiring};
