//! The policy stage: the last word on every ticket. Deterministic gates the model cannot
//! argue past, then a resolution or a warm handoff, each decision audited.
//!
//! - [`stage`] — [`PolicyStage`].
//! - [`gates`] — the pre-action gates (also run by the tools stage before it plans).
//! - [`handoff`] — the warm handoff: its reason, summary and masked legwork.
//! - [`reply_writer`] — [`LlmReply`], a model rewording the resolution's reply (facts checked).
//! - [`summary_writer`] — [`LlmSummary`], a model writing the handoff's one-line summary.

pub mod gates;
pub mod handoff;
pub mod reply_writer;
pub mod stage;
pub mod summary_writer;

pub use reply_writer::LlmReply;
pub use stage::{PolicyStage, POLICY_VERSION};
pub use summary_writer::LlmSummary;
