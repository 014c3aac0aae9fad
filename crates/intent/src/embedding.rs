//! The optional sentence-embedding path of the intent model: settings, and
//! how embeddings are turned into features for the linear model.
//!
//! The embeddings come from [`frontdesk_embed`] (all-MiniLM-L6-v2, 384-d,
//! unit length). Two ways of combining them with the n-gram model are
//! implemented (see the crate README for the measurements that chose the
//! default):
//! - [`Combine::Concat`]: one linear SVM over the n-gram TF-IDF features and
//!   the embedding (scaled by [`EmbeddingConfig::weight`]) side by side;
//! - [`Combine::Ensemble`]: a separate linear SVM on the embedding alone,
//!   whose calibrated probabilities are mixed with the n-gram model's
//!   (share [`EmbeddingConfig::weight`] for the embedding head; 1 = the
//!   embedding head alone).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::features::SparseVec;

pub use frontdesk_embed::{EmbedError, Embedder};

/// Whether training uses sentence embeddings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Embeddings {
    /// Use them when the model can be located or fetched, else train the
    /// n-gram model alone (with a warning on standard error).
    #[default]
    Auto,
    /// Use them; training fails when the model cannot be had.
    On,
    /// N-gram features only (no network, no model files).
    Off,
}

/// How embeddings are combined with the n-gram features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// One SVM over n-gram and embedding features side by side.
    #[default]
    Concat,
    /// Probability mixture of the n-gram SVM and an SVM on embeddings.
    Ensemble,
}

/// Settings of the embedding path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EmbeddingConfig {
    /// How the two feature sets are combined.
    pub combine: Combine,
    /// Concat: scale of the (unit) embedding block next to the n-gram
    /// blocks (each of unit norm). Ensemble: share of the embedding head's
    /// probabilities in the mixture.
    pub weight: f32,
    /// SVM cost of the embedding head (ensemble only).
    pub c: f32,
    /// Fine-tune the network on the training rows before the linear model
    /// is fit (`None`: use the network as published).
    pub fine_tune: Option<FineTuneConfig>,
}

impl Default for EmbeddingConfig {
    fn default() -> Self {
        Self {
            combine: Combine::Concat,
            weight: 1.0,
            c: 1.0,
            fine_tune: Some(FineTuneConfig::default()),
        }
    }
}

/// Fine-tuning the embedding network on the training rows' intents (a
/// softmax head over the mean-pooled output, thrown away afterwards; see
/// `frontdesk_embed::tune`). The defaults are the settings chosen on a
/// validation split of Banking77's training file (crate README).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FineTuneConfig {
    /// How many top transformer layers are tuned (1–6; 6 = all of them).
    pub layers: usize,
    /// Passes the learning-rate schedule is planned over (10 % linear
    /// warm-up, then a linear fall to 0).
    pub epochs: usize,
    /// Passes actually run (≤ `epochs`).
    pub stop_after: usize,
    /// Learning rate of the tuned layers (AdamW).
    pub lr: f64,
    /// Seed of the batch order, the head's initialisation and the dropout
    /// masks: the same rows and seed give the same network.
    pub seed: u64,
}

impl Default for FineTuneConfig {
    fn default() -> Self {
        Self {
            layers: 6,
            epochs: 3,
            stop_after: 2,
            lr: 1e-4,
            seed: 42,
        }
    }
}

impl FineTuneConfig {
    /// The settings `frontdesk_embed::tune` takes.
    pub fn tune_config(&self) -> frontdesk_embed::tune::TuneConfig {
        frontdesk_embed::tune::TuneConfig {
            layers: self.layers,
            epochs: self.epochs.max(1),
            stop_after: Some(self.stop_after.max(1)),
            lr: self.lr,
            seed: self.seed,
            warmup: 0.1,
            linear_decay: true,
            ..Default::default()
        }
    }
}

/// What `model.json` records about the embedding path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbeddingMeta {
    /// The sentence-embedding model (located through `frontdesk-embed`).
    pub model: String,
    /// Embedding width.
    pub dim: usize,
    /// How it is combined with the n-gram features.
    pub combine: Combine,
    /// See [`EmbeddingConfig::weight`].
    pub weight: f32,
    /// Softmax temperature of the embedding head (ensemble only).
    pub head_scale: f32,
    /// How many top layers of the network were fine-tuned (saved in
    /// `tuned.safetensors`; 0 = the network as published).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tuned_layers: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A shared, loaded sentence-embedding model.
pub type SharedEmbedder = Arc<Embedder>;

/// Locates (fetching when missing) and loads the embedding model.
pub fn load_embedder() -> Result<SharedEmbedder, EmbedError> {
    Ok(Arc::new(Embedder::load_default()?))
}

/// Appends `weight * e` to `x` at feature offset `offset`.
pub(crate) fn append_dense(x: &mut SparseVec, offset: usize, e: &[f32], weight: f32) {
    x.idx.reserve(e.len());
    x.val.reserve(e.len());
    for (i, v) in e.iter().enumerate() {
        x.idx.push((offset + i) as u32);
        x.val.push(weight * v);
    }
}

/// A dense vector as a [`SparseVec`].
pub(crate) fn dense(e: &[f32]) -> SparseVec {
    SparseVec {
        idx: (0..e.len() as u32).collect(),
        val: e.to_vec(),
    }
}
