//! The grounding stage: help-center passages with citations, and an extractive answer
//! only when the per-intent confidence gate passes.
//!
//! - [`stage`] — [`GroundingStage`] and [`build_index`].

pub mod stage;

pub use stage::{build_index, GroundingStage};
