//! Benchmarks of the pipeline.
//!
//! - [`spine`]: `frontdesk bench spine`, the stage runtime's throughput and latency next to
//!   a raw consume→produce baseline, in one process.
//! - [`backlog`]: `frontdesk bench backlog`, each stage in its own process: the time to
//!   drain a pre-loaded backlog, CPU and memory per process, latency at half load, and the
//!   rate with two processes per stage.
//! - [`procfs`]: what `/proc` says about a process (resident set, CPU time).
//!
//! (`frontdesk bench chaos`, the fault suite, is [`crate::chaos`].)

mod backlog;
pub mod procfs;
pub mod quarters;
mod spine;

pub use backlog::{backlog, BacklogOptions, BacklogReport, DrainRun, HalfLoad};
pub use spine::{spine, SpineOptions, SpineReport};
