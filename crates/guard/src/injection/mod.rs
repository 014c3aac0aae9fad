//! Prompt-injection detection: features, model, detector and evaluation.

pub mod detector;
pub mod eval;
pub mod features;
pub mod logistic;
