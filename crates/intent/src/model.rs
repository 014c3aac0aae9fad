//! The offline intent model: TF-IDF n-gram features, a one-vs-rest linear
//! SVM, softmax confidence with a fitted temperature, and an out-of-scope
//! threshold tuned on held-back training data.
//!
//! Saved as two files in a directory: `model.json` (labels, settings,
//! calibration) and `model.bin` (vocabulary hashes, IDF, weights).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::classifier::{Classification, Classifier};
use crate::data::{stratified_split, Example, OOS_LABEL};
use crate::features::{FeatureConfig, Scratch, SparseVec, Vectorizer};
use crate::linear::{train_ovr, LinearWeights, SvmConfig};

const MAGIC: &[u8; 8] = b"FDINTNT1";

/// Version of the saved format and of the n-gram hashing; a model saved with
/// another version is refused rather than silently misread.
pub const FORMAT_VERSION: u32 = 2;

/// Training settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainConfig {
    /// Feature extraction.
    pub features: FeatureConfig,
    /// Solver.
    pub svm: SvmConfig,
    /// Fraction of the training data held back to fit calibration and the
    /// out-of-scope threshold (0 disables both).
    pub calibration_fraction: f64,
    /// Weight of one correctly rejected `oos` row against one correctly
    /// classified in-scope row when tuning the out-of-scope threshold on the
    /// held-back rows (1 = plain accuracy). The default, 10, reflects that
    /// labelled training sets hold far fewer `oos` rows than real traffic
    /// (CLINC150: 0.7 % of train rows, 18 % of its test rows).
    pub oos_recall_weight: f32,
    /// Upper bound on the tuned out-of-scope threshold: held-back rows come
    /// from the training distribution and are easier than real tickets, so
    /// an uncapped threshold rejects too much unseen in-scope text.
    pub max_oos_threshold: f32,
    /// How many ranked labels a classification keeps.
    pub top_k: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            features: FeatureConfig::default(),
            svm: SvmConfig::default(),
            calibration_fraction: 0.15,
            oos_recall_weight: 10.0,
            max_oos_threshold: 0.5,
            top_k: 5,
        }
    }
}

/// Metadata stored in `model.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelMeta {
    /// Format version.
    pub version: u32,
    /// Class labels, by class index.
    pub labels: Vec<String>,
    /// Feature extraction used at training time.
    pub features: FeatureConfig,
    /// Softmax temperature applied to raw SVM scores.
    pub scale: f32,
    /// Below this best confidence the text is out of scope (only when the
    /// model was trained with `oos` rows).
    pub oos_threshold: f32,
    /// How many ranked labels a classification keeps.
    pub top_k: usize,
    /// Number of training examples.
    pub trained_on: usize,
}

/// Errors from training, saving or loading a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// No examples, or a single label.
    #[error("training needs at least two distinct labels, got {0}")]
    TooFewLabels(usize),
    /// File system error.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Invalid `model.json`.
    #[error("{path}: {source}")]
    Json {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// `model.bin` is truncated or inconsistent with `model.json`.
    #[error("{path}: corrupt model file: {reason}")]
    Corrupt {
        /// The file involved.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// A trained intent model. Load it once per process and share it.
#[derive(Debug, Clone)]
pub struct Model {
    /// Labels, settings and calibration.
    pub meta: ModelMeta,
    vectorizer: Vectorizer,
    linear: LinearWeights,
    oos_index: Option<usize>,
}

struct Fitted {
    vectorizer: Vectorizer,
    linear: LinearWeights,
}

fn fit(examples: &[Example], labels: &[String], cfg: &TrainConfig) -> Fitted {
    let vectorizer = Vectorizer::fit(
        examples.iter().map(|e| e.text.as_str()),
        cfg.features.clone(),
    );
    let mut scratch = Scratch::default();
    let xs: Vec<SparseVec> = examples
        .iter()
        .map(|e| vectorizer.transform(&e.text, &mut scratch))
        .collect();
    let ys: Vec<usize> = examples
        .iter()
        .map(|e| labels.binary_search(&e.intent).unwrap_or(0))
        .collect();
    let linear = train_ovr(&xs, &ys, labels.len(), vectorizer.len(), &cfg.svm);
    Fitted { vectorizer, linear }
}

/// Softmax of `scale * scores`, in place.
fn softmax(scores: &mut [f32], scale: f32) {
    let max = scores.iter().fold(f32::NEG_INFINITY, |m, s| m.max(*s));
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = ((*s - max) * scale).exp();
        sum += *s;
    }
    if sum > 0.0 {
        for s in scores.iter_mut() {
            *s /= sum;
        }
    }
}

/// Picks the softmax temperature minimising held-out negative log-likelihood.
fn fit_scale(raw: &[Vec<f32>], gold: &[usize]) -> f32 {
    let grid = [
        0.5f32, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 30.0,
    ];
    let mut best = (f32::INFINITY, 5.0);
    for &scale in &grid {
        let mut nll = 0.0f32;
        for (s, g) in raw.iter().zip(gold) {
            let mut p = s.clone();
            softmax(&mut p, scale);
            nll -= p[*g].max(1e-9).ln();
        }
        if nll < best.0 {
            best = (nll, scale);
        }
    }
    best.1
}

/// Picks the confidence threshold that maximises correct in-scope rows plus
/// `weight` times correctly rejected `oos` rows on held-out predictions.
fn fit_oos_threshold(probs: &[Vec<f32>], gold: &[usize], oos: usize, weight: f32) -> f32 {
    let n_oos = gold.iter().filter(|g| **g == oos).count();
    let n_in = gold.len() - n_oos;
    if n_oos == 0 || n_in == 0 {
        return 0.0;
    }
    let mut best = (f32::NEG_INFINITY, 0.0);
    for step in 0..=60 {
        let t = step as f32 * 0.01;
        let (mut in_ok, mut oos_ok) = (0usize, 0usize);
        for (p, g) in probs.iter().zip(gold) {
            let (arg, conf) = argmax(p);
            let pred = if arg == oos || conf < t { oos } else { arg };
            if *g == oos {
                oos_ok += usize::from(pred == oos);
            } else {
                in_ok += usize::from(pred == *g);
            }
        }
        let score = in_ok as f32 + weight * oos_ok as f32;
        if score > best.0 + 1e-6 {
            best = (score, t);
        }
    }
    best.1
}

fn argmax(p: &[f32]) -> (usize, f32) {
    p.iter().enumerate().fold(
        (0, f32::NEG_INFINITY),
        |b, (i, v)| if *v > b.1 { (i, *v) } else { b },
    )
}

/// Trains a model on labelled examples.
pub fn train(examples: &[Example], cfg: &TrainConfig) -> Result<Model, ModelError> {
    let mut labels: Vec<String> = examples.iter().map(|e| e.intent.clone()).collect();
    labels.sort();
    labels.dedup();
    if labels.len() < 2 {
        return Err(ModelError::TooFewLabels(labels.len()));
    }
    let oos_index = labels.binary_search_by(|l| l.as_str().cmp(OOS_LABEL)).ok();
    let (mut scale, mut oos_threshold) = (5.0, 0.0);
    if cfg.calibration_fraction > 0.0 {
        let (tr, held) = stratified_split(examples, cfg.calibration_fraction, cfg.svm.seed);
        if !held.is_empty() {
            let fitted = fit(&tr, &labels, cfg);
            let mut scratch = Scratch::default();
            let raw: Vec<Vec<f32>> = held
                .iter()
                .map(|e| {
                    let x = fitted.vectorizer.transform(&e.text, &mut scratch);
                    let mut s = Vec::new();
                    fitted.linear.scores(&x, &mut s);
                    s
                })
                .collect();
            let gold: Vec<usize> = held
                .iter()
                .map(|e| labels.binary_search(&e.intent).unwrap_or(0))
                .collect();
            scale = fit_scale(&raw, &gold);
            if let Some(oos) = oos_index {
                let probs: Vec<Vec<f32>> = raw
                    .into_iter()
                    .map(|mut s| {
                        softmax(&mut s, scale);
                        s
                    })
                    .collect();
                oos_threshold = fit_oos_threshold(&probs, &gold, oos, cfg.oos_recall_weight)
                    .min(cfg.max_oos_threshold);
            }
        }
    }
    let fitted = fit(examples, &labels, cfg);
    Ok(Model {
        meta: ModelMeta {
            version: FORMAT_VERSION,
            labels,
            features: cfg.features.clone(),
            scale,
            oos_threshold,
            top_k: cfg.top_k.max(1),
            trained_on: examples.len(),
        },
        vectorizer: fitted.vectorizer,
        linear: fitted.linear,
        oos_index,
    })
}

impl Model {
    /// Calibrated probabilities for every label, by class index.
    pub fn probabilities(&self, text: &str, scratch: &mut Scratch) -> Vec<f32> {
        let x = self.vectorizer.transform(text, scratch);
        let mut s = Vec::with_capacity(self.linear.n_classes);
        self.linear.scores(&x, &mut s);
        softmax(&mut s, self.meta.scale);
        s
    }

    /// Classifies using caller-owned scratch buffers (fastest path).
    pub fn classify_with(&self, text: &str, scratch: &mut Scratch) -> Classification {
        let probs = self.probabilities(text, scratch);
        let mut order: Vec<usize> = (0..probs.len()).collect();
        let k = self.meta.top_k.min(order.len());
        order.select_nth_unstable_by(k.saturating_sub(1), |a, b| probs[*b].total_cmp(&probs[*a]));
        order.truncate(k);
        order.sort_by(|a, b| probs[*b].total_cmp(&probs[*a]));
        let best = order.first().copied();
        let out_of_scope = match (best, self.oos_index) {
            (Some(b), Some(oos)) => b == oos || probs[b] < self.meta.oos_threshold,
            (None, _) => true,
            _ => false,
        };
        Classification {
            top: order
                .into_iter()
                .map(|i| (self.meta.labels[i].clone(), probs[i]))
                .collect(),
            out_of_scope,
        }
    }

    /// Labels the model knows.
    pub fn labels(&self) -> &[String] {
        &self.meta.labels
    }

    /// Number of vocabulary features.
    pub fn n_features(&self) -> usize {
        self.vectorizer.len()
    }

    /// Saves `model.json` and `model.bin` into `dir` (created if missing).
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<(), ModelError> {
        let dir = dir.as_ref();
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ModelError::Io { path, source }
        };
        fs::create_dir_all(dir).map_err(io(dir))?;
        let meta_path = dir.join("model.json");
        let json = serde_json::to_vec_pretty(&self.meta).map_err(|source| ModelError::Json {
            path: meta_path.clone(),
            source,
        })?;
        fs::write(&meta_path, json).map_err(io(&meta_path))?;
        let bin_path = dir.join("model.bin");
        let v = &self.vectorizer;
        let mut buf = Vec::with_capacity(16 + v.len() * (13 + 4 * self.linear.n_classes));
        buf.extend_from_slice(MAGIC);
        buf.extend_from_slice(&(v.len() as u32).to_le_bytes());
        buf.extend_from_slice(&(self.linear.n_classes as u32).to_le_bytes());
        for h in &v.hashes {
            buf.extend_from_slice(&h.to_le_bytes());
        }
        for x in &v.idf {
            buf.extend_from_slice(&x.to_le_bytes());
        }
        buf.extend_from_slice(&v.blocks);
        for x in self.linear.weights.iter().chain(&self.linear.bias) {
            buf.extend_from_slice(&x.to_le_bytes());
        }
        let mut f = fs::File::create(&bin_path).map_err(io(&bin_path))?;
        f.write_all(&buf).map_err(io(&bin_path))?;
        Ok(())
    }

    /// Loads a model saved by [`Model::save`].
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, ModelError> {
        let dir = dir.as_ref();
        let meta_path = dir.join("model.json");
        let json = fs::read(&meta_path).map_err(|source| ModelError::Io {
            path: meta_path.clone(),
            source,
        })?;
        let meta: ModelMeta = serde_json::from_slice(&json).map_err(|source| ModelError::Json {
            path: meta_path.clone(),
            source,
        })?;
        let bin_path = dir.join("model.bin");
        if meta.version != FORMAT_VERSION {
            return Err(ModelError::Corrupt {
                path: meta_path,
                reason: format!(
                    "format version {} (this build reads {FORMAT_VERSION}); retrain the model",
                    meta.version
                ),
            });
        }
        let mut bytes = Vec::new();
        fs::File::open(&bin_path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(|source| ModelError::Io {
                path: bin_path.clone(),
                source,
            })?;
        let corrupt = |reason: &str| ModelError::Corrupt {
            path: bin_path.clone(),
            reason: reason.to_string(),
        };
        let mut r = Reader {
            bytes: &bytes,
            pos: 0,
        };
        if r.take(8).ok_or_else(|| corrupt("short header"))? != MAGIC {
            return Err(corrupt("bad magic"));
        }
        let n_features = r.u32().ok_or_else(|| corrupt("short header"))? as usize;
        let n_classes = r.u32().ok_or_else(|| corrupt("short header"))? as usize;
        if n_classes != meta.labels.len() {
            return Err(corrupt("class count differs from model.json"));
        }
        let expected = 16 + n_features * (8 + 4 + 1) + (n_features * n_classes + n_classes) * 4;
        if bytes.len() != expected {
            return Err(corrupt("size does not match its header"));
        }
        let hashes = (0..n_features).filter_map(|_| r.u64()).collect();
        let idf = (0..n_features).filter_map(|_| r.f32()).collect();
        let blocks = r.take(n_features).unwrap_or_default().to_vec();
        let weights = (0..n_features * n_classes)
            .filter_map(|_| r.f32())
            .collect();
        let bias = (0..n_classes).filter_map(|_| r.f32()).collect();
        let vectorizer = Vectorizer::from_parts(meta.features.clone(), hashes, idf, blocks);
        let oos_index = meta.labels.iter().position(|l| l == OOS_LABEL);
        Ok(Self {
            meta,
            vectorizer,
            linear: LinearWeights {
                n_classes,
                weights,
                bias,
            },
            oos_index,
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.pos..self.pos + n)?;
        self.pos += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    }
    fn f32(&mut self) -> Option<f32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(f32::from_le_bytes)
    }
}

impl Classifier for Model {
    fn classify(&self, text: &str) -> Classification {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut scratch) => self.classify_with(text, &mut scratch),
            Err(_) => self.classify_with(text, &mut Scratch::default()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Example> {
        let mut v = Vec::new();
        for (label, phrases) in [
            (
                "track",
                [
                    "where is my order",
                    "track my package",
                    "when will my parcel arrive",
                    "has my order shipped",
                    "delivery status of my order",
                    "where's my stuff",
                ],
            ),
            (
                "cancel",
                [
                    "cancel my order",
                    "i want to cancel the purchase",
                    "please cancel order",
                    "stop my order from shipping",
                    "cancel it now",
                    "i no longer want this order cancel",
                ],
            ),
            (
                "oos",
                [
                    "what is the weather",
                    "tell me a joke",
                    "who won the game",
                    "play some music",
                    "what time is it",
                    "how tall is everest",
                ],
            ),
        ] {
            for p in phrases {
                v.push(Example::new(p, label));
            }
        }
        v
    }

    #[test]
    fn trains_saves_loads_and_classifies() {
        let cfg = TrainConfig {
            features: FeatureConfig {
                min_df: 1,
                ..FeatureConfig::default()
            },
            calibration_fraction: 0.0,
            ..TrainConfig::default()
        };
        let model = train(&toy(), &cfg).unwrap();
        assert_eq!(model.classify("please cancel my order").label(), "cancel");
        assert_eq!(model.classify("where is my package").label(), "track");
        assert!(model.classify("tell me a funny joke").out_of_scope);
        let dir = tempfile::tempdir().unwrap();
        model.save(dir.path()).unwrap();
        let loaded = Model::load(dir.path()).unwrap();
        let a = model.classify("cancel the order");
        let b = loaded.classify("cancel the order");
        assert_eq!(a, b);
        let conf_sum: f32 = model
            .probabilities("x", &mut Scratch::default())
            .iter()
            .sum();
        assert!((conf_sum - 1.0).abs() < 1e-4);
    }

    #[test]
    fn rejects_single_label_and_corrupt_files() {
        let one = vec![Example::new("a", "x"), Example::new("b", "x")];
        assert!(matches!(
            train(&one, &TrainConfig::default()),
            Err(ModelError::TooFewLabels(1))
        ));
        let model = train(&toy(), &TrainConfig::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        model.save(dir.path()).unwrap();
        let bin = dir.path().join("model.bin");
        let mut bytes = std::fs::read(&bin).unwrap();
        bytes.truncate(bytes.len() - 3);
        std::fs::write(&bin, bytes).unwrap();
        assert!(matches!(
            Model::load(dir.path()),
            Err(ModelError::Corrupt { .. })
        ));
    }
}
