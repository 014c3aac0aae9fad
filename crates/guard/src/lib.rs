//! frontdesk-guard: the guardrails of the policy plane. They run before any
//! model or tool sees the customer's text.
//!
//! # Layout
//!
//! - [`injection`]: prompt-injection detector (char 1-4-gram TF-IDF +
//!   class-balanced logistic regression, scored on the whole text and on each
//!   sentence, or each pair of consecutive sentences for texts of four or
//!   more, max taken), trained at load time (~0.25 s in release) from the
//!   data compiled into the crate (labelled injections; benign ordinary
//!   tickets, long composites of them and a quarter of the
//!   `eval/sets/retail_train.jsonl` e-mails); evaluation and k-fold
//!   cross-validation. Opt-in second stage ([`InjectionDetector::load_cascade`]
//!   or `FRONTDESK_INJECTION_CASCADE=1`): texts of uncertain n-gram score
//!   are decided by a logistic head on all-MiniLM-L6-v2 embeddings
//!   (`injection::cascade`, `injection::head`, weights in
//!   `models/injection_head.json`); see the crate README for the figures.
//!   Flagged text must be handled as data ([`quote_as_data`]) and a flagged
//!   ticket must not trigger a write autonomously (the policy stage enforces it).
//! - [`pii`]: PII recognisers (e-mail, URL, IBAN with mod-97, cards with Luhn,
//!   SSN, IPv4, phone, street address, person name), masking ([`mask`] with
//!   [`MaskConfig`]) and Presidio-style span evaluation ([`evaluate_pii`]).
//! - [`signals`]: [`frustration_score`] / [`frustration_markers`],
//!   [`signals::repeated_frustration`] (handoff trigger) and [`asks_for_human`].
//! - [`data`]: loaders for the shipped JSONL / CSV data files.
//! - [`error`]: the crate's [`GuardError`].
//!
//! # Measuring
//!
//! `cargo run --release -p frontdesk-guard --example injection_cv -- 5` (k-fold
//! CV on the 546 labelled injection rows), `--example retail_fpr` (flag rate
//! on retail e-mails and adversarial injections), `--example guard_eval -- injection
//! [JSONL]`, `-- pii [JSONL] [--split dev|holdout|all]`, `-- signals`.
//!
//! Data: deepset/prompt-injections (Apache-2.0), Presidio research synthetic
//! PII set (MIT), Bitext customer-service sample (CDLA-Sharing-1.0), Banking77
//! (Casanueva et al. 2020, CC BY 4.0), CLINC150 (Larson et al. 2019, CC BY 3.0),
//! tau2-bench banking help centre (MIT).

pub mod data;
pub mod error;
pub mod injection;
pub mod pii;
pub mod signals;

pub use data::{load_csv_texts, load_injection_jsonl, LabelledText};
pub use error::{GuardError, Result};
pub use injection::cascade::{CascadeVerdict, DecisionPath, SentenceEmbedder};
pub use injection::detector::{quote_as_data, InjectionDetector, InjectionVerdict, TrainConfig};
pub use injection::eval::{cross_validate, evaluate_injection, CrossValidation, InjectionReport};
pub use injection::head::EmbeddingHead;
pub use pii::checksum::{iban_valid, luhn_valid};
pub use pii::eval::{evaluate_pii, PiiReport, TypeScore};
pub use pii::mask::{mask, MaskConfig};
pub use pii::{detect_pii, PiiKind, PiiSpan};
pub use signals::{asks_for_human, frustration_markers, frustration_score, repeated_frustration};
