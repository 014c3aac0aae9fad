//! The stage runtime: a [`Stage`] is pure logic; the [`runner`] owns all Kafka I/O.
//!
//! - [`stage`]: the [`Stage`] trait, its [`Outcome`] and [`StageError`].
//! - [`offsets`]: per-partition tracking of in-flight offsets; what may be committed.
//! - [`keyed`]: per-key queues (one record of a conversation at a time).
//! - [`runner`]: consume, decode, process, produce, acknowledge, store offsets.
//! - [`metrics`]: per-stage counters and their Prometheus rendering.
//! - [`backoff`]: retry delays.
//! - [`budget`]: retry budgets per cause, and the history a handoff carries when one is spent.
//! - [`flag`]: a cheap one-way stop flag shared by many record tasks.
//! - [`shutdown`]: signals to a cancellation token.

pub mod backoff;
pub mod budget;
pub mod flag;
pub mod keyed;
pub mod metrics;
pub mod offsets;
pub mod runner;
pub mod shutdown;
pub mod stage;

pub use metrics::StageMetrics;
pub use runner::{Input, Runner, RunnerError, Wiring};
pub use stage::{Outcome, Stage, StageContext, StageError};
