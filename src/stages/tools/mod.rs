//! The tools stage: plans, reads through the tool executor, and makes the writes the
//! policy plane allows.
//!
//! - [`stage`] — [`ToolsStage`]: gates, plan, act, save the conversation's state.
//! - [`executor_runner`] — the planner's reads through the executor, and the tool log.
//! - [`writes`] — the write path (write gate, audit, executor).
//! - [`model_planner`] — [`LlmPlanner`], a model that plans where the offline plan is unsure.

pub mod executor_runner;
pub mod model_planner;
pub mod stage;
pub mod writes;

pub use executor_runner::to_tool_call;
pub use model_planner::LlmPlanner;
pub use stage::ToolsStage;
