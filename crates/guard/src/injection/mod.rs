//! Prompt-injection detection: the saved detector, how it is trained and
//! how it is measured.
//!
//! - [`detector`]: [`InjectionDetector`] (load, score, save) and [`quote_as_data`].
//! - [`scorer`]: the fitted model and how a text is scored (whole text and [`pieces`]).
//! - [`logistic`]: the class-balanced, sample-weighted logistic regression.
//! - [`meta`]: [`TrainConfig`] and what `model.json` records; [`file`]: the saved format.
//! - [`sources`]: the training texts and how they are sampled; [`augment`]:
//!   the augmentation grammar.
//! - [`groups`]: near-duplicate groups and group-aware folds.
//! - [`train`]: calibrated training; [`eval`]: reports and cross-validation.

pub mod augment;
pub mod detector;
pub mod eval;
pub mod file;
pub mod groups;
pub mod logistic;
pub mod meta;
pub mod pieces;
pub mod scorer;
pub mod sources;
pub mod train;

pub use detector::{quote_as_data, InjectionDetector, InjectionVerdict, MODEL_ENV};
pub use meta::TrainConfig;
