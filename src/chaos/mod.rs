//! `frontdesk bench chaos`: the fault suite. Each stage runs in its own process against
//! the sandbox store; tickets of the shipped kinds go in while stage processes are
//! SIGKILLed and restarted, the embedded broker fails requests, loses a broker and moves
//! partition leaders, and the store fails writes and loses the responses of writes it
//! applied. Then it counts what came out: every ticket should have exactly one outcome
//! (after de-duplication by ticket id), none lost, and no write applied twice.
//!
//! - [`command`]: the `bench chaos` arguments, printing and gate.
//! - [`run`]: the orchestration and [`ChaosOptions`], [`ChaosReport`].
//! - [`tickets`]: the tickets and their publishing.
//! - [`supervisor`]: the stage processes (kill, restart, resident memory).
//! - [`faults`]: broker faults on the mock cluster.
//! - [`store`]: the store behind its fault layer.
//! - [`observer`]: the reader of the outcome topics, which outlives broker faults.
//! - [`outcomes`]: what came out, and the score.
//! - [`census`]: what the topics hold at the end, and where a lost ticket was last seen.

pub mod census;
pub mod command;
pub mod faults;
pub mod observer;
pub mod outcomes;
pub mod run;
pub mod store;
pub mod supervisor;
pub mod tickets;

pub use command::{command, ChaosArgs};
pub use run::{run, ChaosOptions, ChaosReport};
