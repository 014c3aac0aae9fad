//! frontdesk-intent: the router's offline intent model, intent registry and
//! entity extraction.
//!
//! # Layout
//! - [`data`]: labelled examples, the CSV loader, stratified splits.
//! - [`features`]: normalisation and hashed TF-IDF word/character n-grams.
//! - [`augment`]: noisy copies of training rows (dropped words, typos).
//! - [`linear`]: one-vs-rest linear SVM trained by dual coordinate descent.
//! - [`embedding`]: the optional sentence-embedding path (all-MiniLM-L6-v2
//!   through `frontdesk-embed`) and how it joins the n-gram features.
//! - [`model`]: the trainable, saveable [`Model`] with calibrated confidence
//!   and an out-of-scope threshold.
//! - [`clauses`]: a ticket split into the clauses routed one by one.
//! - [`classifier`]: the [`Classifier`] seam and the [`Cascade`] that asks a
//!   second classifier (e.g. an LLM) only when the first is unsure.
//! - [`eval`]: accuracy, macro F1, per-intent scores, throughput.
//! - [`letter`]: the salutation and the closing of a written message, left
//!   out of routing; quoted history and legal footers (`letter::history`),
//!   left out of routing and planning.
//! - [`registry`]: the intent registry (`config/intents.toml`) and routing
//!   (bands, thresholds, multi-intent, out of scope).
//! - [`entities`]: extraction of order ids, emails, names, zips, addresses,
//!   amounts, items and options, payment methods and cancellation reasons.
//! - [`route_eval`]: scoring routes on labelled e-mails.
//! - [`rng`]: a small deterministic PRNG.
//!
//! # Use
//! Load the model and the registry once per process, then route each ticket
//! and extract its entities:
//!
//! ```no_run
//! use frontdesk_intent::{extract_entities, Catalog, Model, Registry};
//! let model = Model::load("models/router/retail")?;
//! let registry = Registry::load("config/intents.toml")?;
//! let catalog = Catalog::load("data/retail")?;
//! let text = "Please cancel order #W2611340, I ordered it by mistake";
//! let route = registry.route(&model, text);
//! let entities = extract_entities(text, &catalog, None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod augment;
pub mod classifier;
pub mod clauses;
pub mod data;
pub mod embedding;
pub mod entities;
pub mod eval;
pub mod features;
pub mod letter;
pub mod linear;
pub mod model;
pub mod registry;
pub mod rng;
pub mod route_eval;

pub use augment::AugmentConfig;
pub use classifier::{Cascade, Classification, Classifier};
pub use data::{
    label_index, labels_of, load_labelled_csv, load_labelled_csvs, stratified_split, DataError,
    Example, OOS_LABEL,
};
pub use embedding::{Combine, EmbeddingConfig, EmbeddingMeta, Embeddings, FineTuneConfig};
pub use entities::{extract_entities, Catalog, CatalogError, CustomerContext, Entity, EntityKind};
pub use eval::{evaluate, misreads, EvalReport, IntentScore, Misread};
pub use model::{train, train_with_embeddings, Model, ModelError, ModelMeta, TrainConfig};
pub use registry::{
    Band, Downgrade, IntentSpec, Registry, RegistryError, Route, RoutedIntent, RoutingConfig,
};
pub use route_eval::{evaluate_routes, load_route_cases, RouteCase, RouteCaseError, RouteReport};
