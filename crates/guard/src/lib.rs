//! frontdesk-guard: the guardrails of the policy plane. They run before any
//! model or tool sees the customer's text.
//!
//! # Layout
//!
//! - [`injection`]: prompt-injection detector (char n-gram TF-IDF + logistic
//!   regression, trained at load time from the shipped data), its evaluation
//!   and k-fold cross-validation.
//! - [`data`]: loaders for the shipped JSONL / CSV data files.
//! - [`error`]: the crate's [`GuardError`].

pub mod data;
pub mod error;
pub mod injection;

pub use data::{load_csv_texts, load_injection_jsonl, LabelledText};
pub use error::{GuardError, Result};
pub use injection::detector::{quote_as_data, InjectionDetector, InjectionVerdict, TrainConfig};
pub use injection::eval::{cross_validate, evaluate_injection, CrossValidation, InjectionReport};
