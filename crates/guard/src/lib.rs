//! frontdesk-guard: the guardrails of the policy plane. They run before any
//! model or tool sees the customer's text.
//!
//! # Layout
//!
//! - [`injection`]: the prompt-injection detector: TF-IDF over word 1-2-grams
//!   and character 1-5-grams (the shared `frontdesk-tfidf` core) and a
//!   class-balanced logistic regression, scored on the whole text and on each
//!   sentence (or sentence pair), max taken. The shipped model
//!   (`models/guard/injection/`, compiled in) is rebuilt by `frontdesk guard
//!   train` from the labelled injections, a sample of ordinary tickets and
//!   customer e-mails, and texts drawn from the augmentation grammar
//!   (`data/augment.toml`); its threshold is chosen on group-aware
//!   out-of-fold scores. Flagged text must be handled as data
//!   ([`quote_as_data`]) and a flagged ticket must not trigger a write
//!   autonomously (the policy stage enforces it).
//! - [`pii`]: PII recognisers (e-mail, URL, IBAN with mod-97, cards with Luhn,
//!   SSN, IPv4, phone, street address, person name), masking ([`mask`] with
//!   [`MaskConfig`]) and Presidio-style span evaluation ([`evaluate_pii`]).
//! - [`signals`]: [`frustration_score`] / [`frustration_markers`],
//!   [`signals::repeated_frustration`] (handoff trigger) and [`asks_for_human`].
//! - [`liability`]: [`threatens_legal_action`] and [`disputes_charge`], handoff triggers.
//! - [`metrics`]: confusion counts, precision, recall, F1.
//! - [`data`]: loaders for the shipped JSONL / CSV data files.
//! - [`error`]: the crate's [`GuardError`].
//!
//! # Measuring
//!
//! `frontdesk guard eval --injection JSONL --json` (held-out precision,
//! recall, F1, false-positive rates on ordinary tickets and e-mails);
//! `research/guard` holds the cross-validation harness behind the figures
//! in the crate README.
//!
//! Data: deepset/prompt-injections (Apache-2.0), Presidio research synthetic
//! PII set (MIT), Bitext customer-service sample (CDLA-Sharing-1.0), Banking77
//! (Casanueva et al. 2020, CC BY 4.0), CLINC150 (Larson et al. 2019, CC BY 3.0),
//! tau2-bench banking help centre (MIT).

pub mod data;
pub mod error;
pub mod injection;
pub mod liability;
pub mod metrics;
pub mod pii;
pub mod signals;

pub use data::{load_csv_texts, load_injection_jsonl, LabelledText};
pub use error::{GuardError, Result};
pub use injection::eval::{cross_validate, evaluate_examples, CrossValidation, InjectionReport};
pub use injection::sources::{SourceFiles, TrainingSources};
pub use injection::train::{train, TrainReport};
pub use injection::{quote_as_data, InjectionDetector, InjectionVerdict, TrainConfig};
pub use liability::{disputes_charge, threatens_legal_action};
pub use pii::checksum::{iban_valid, luhn_valid};
pub use pii::eval::{evaluate_pii, PiiReport, TypeScore};
pub use pii::mask::{mask, MaskConfig};
pub use pii::{detect_pii, PiiKind, PiiSpan};
pub use signals::{
    asks_for_human, frustration_markers, frustration_score, repeated_frustration, reports_harm,
};
