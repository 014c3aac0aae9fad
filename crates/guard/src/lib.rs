//! frontdesk-guard: the guardrails of the policy plane. They run before any
//! model or tool sees the customer's text.
//!
//! # Layout
//!
//! - [`injection`]: prompt-injection detector (char n-gram TF-IDF + logistic
//!   regression, trained at load time from the shipped data), its evaluation
//!   and k-fold cross-validation.
//! - [`pii`]: PII recognisers (structured identifiers with checksums,
//!   addresses, person names), masking ([`mask`]) and span evaluation.
//! - [`signals`]: frustration score and "asked for a human" detector.
//! - [`data`]: loaders for the shipped JSONL / CSV data files.
//! - [`error`]: the crate's [`GuardError`].

pub mod data;
pub mod error;
pub mod injection;
pub mod pii;
pub mod signals;

pub use data::{load_csv_texts, load_injection_jsonl, LabelledText};
pub use error::{GuardError, Result};
pub use injection::detector::{quote_as_data, InjectionDetector, InjectionVerdict, TrainConfig};
pub use injection::eval::{cross_validate, evaluate_injection, CrossValidation, InjectionReport};
pub use pii::checksum::{iban_valid, luhn_valid};
pub use pii::eval::{evaluate_pii, PiiReport, TypeScore};
pub use pii::mask::{mask, MaskConfig};
pub use pii::{detect_pii, PiiKind, PiiSpan};
pub use signals::{asks_for_human, frustration_markers, frustration_score};
