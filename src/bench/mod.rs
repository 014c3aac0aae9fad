//! Benchmarks of the pipeline in one process.
//!
//! - [`spine`]: `frontdesk bench spine`, the stage runtime's throughput and latency next to
//!   a raw consume→produce baseline.
//! - [`backlog`]: `frontdesk bench backlog`, the time to drain a pre-loaded backlog and the
//!   resident memory while it drains.
//!
//! (`frontdesk bench chaos`, with each stage in its own process, is [`crate::chaos`].)

mod backlog;
mod spine;

pub use backlog::{backlog, BacklogOptions, BacklogReport};
pub use spine::{spine, SpineOptions, SpineReport};
