//! Prompt-injection detection: features, model, detector and evaluation.

pub mod cascade;
pub mod detector;
pub mod eval;
pub mod features;
pub mod head;
pub mod logistic;
