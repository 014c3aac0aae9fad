//! The router: screens the text (prompt injection, asked for a person), then decides which
//! intents a ticket carries, their autonomy band and the tools allowed.
//!
//! - [`stage`] — [`RouterStage`].
//! - [`classifier`] — the [`IntentClassifier`] seam and its offline implementations.
//! - [`model_fallback`] — [`LlmRouter`], a model asked where the offline route is unsure.

pub mod classifier;
pub mod model_fallback;
pub mod stage;

pub use classifier::{IntentClassifier, KeywordClassifier, ModelClassifier};
pub use model_fallback::LlmRouter;
pub use stage::RouterStage;
