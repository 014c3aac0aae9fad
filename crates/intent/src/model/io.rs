//! Saving and loading a model directory: `model.json`, `model.bin`, and on
//! the embedding path `embed.bin` and `tuned.safetensors`.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use frontdesk_embed::tune::TunedTop;

use super::{EmbedPart, Model, ModelError, ModelMeta, FORMAT_VERSION};
use crate::data::OOS_LABEL;
use crate::embedding::{load_embedder, EmbeddingMeta, SharedEmbedder};
use crate::features::Vectorizer;
use crate::linear::LinearWeights;

const MAGIC: &[u8; 8] = b"FDINTNT1";
const EMBED_MAGIC: &[u8; 8] = b"FDINTEM1";

/// The fine-tuned top layers of the embedding network, when there are any.
const TUNED_FILE: &str = "tuned.safetensors";

impl Model {
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
        let embed_path = dir.join("embed.bin");
        match &self.embed {
            Some(part) => {
                let h = &part.head;
                let dim = h.weights.len() / h.n_classes.max(1);
                let mut buf = Vec::with_capacity(16 + (h.weights.len() + h.bias.len()) * 4);
                buf.extend_from_slice(EMBED_MAGIC);
                buf.extend_from_slice(&(dim as u32).to_le_bytes());
                buf.extend_from_slice(&(h.n_classes as u32).to_le_bytes());
                for x in h.weights.iter().chain(&h.bias) {
                    buf.extend_from_slice(&x.to_le_bytes());
                }
                fs::write(&embed_path, buf).map_err(io(&embed_path))?;
            }
            None => remove_stale(&embed_path)?,
        }
        let tuned_path = dir.join(TUNED_FILE);
        match (&self.embed, &self.meta.embedding) {
            (Some(part), Some(meta)) if meta.tuned_layers > 0 => {
                part.embedder.top(meta.tuned_layers).save(&tuned_path)?
            }
            _ => remove_stale(&tuned_path)?,
        }
        Ok(())
    }

    /// Loads a model saved by [`Model::save`].
    ///
    /// A model trained with sentence embeddings also loads the embedding
    /// network through `frontdesk-embed` (fetching it when it is missing),
    /// and fails when it cannot be had.
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, ModelError> {
        let model = Self::load_ngram(dir.as_ref())?;
        if model.meta.embedding.is_none() {
            return Ok(model);
        }
        model.with_embedding(dir.as_ref(), load_embedder()?)
    }

    /// Loads a model saved by [`Model::save`] using the given embedding
    /// network (shared between models; a model with fine-tuned layers
    /// shares its frozen ones) instead of loading one.
    pub fn load_with_embedder(
        dir: impl AsRef<Path>,
        embedder: SharedEmbedder,
    ) -> Result<Self, ModelError> {
        Self::load_ngram(dir.as_ref())?.with_embedding(dir.as_ref(), embedder)
    }

    /// Attaches the embedding side saved in `dir` (`embed.bin`, and
    /// `tuned.safetensors` when layers were fine-tuned) to an n-gram model.
    fn with_embedding(mut self, dir: &Path, embedder: SharedEmbedder) -> Result<Self, ModelError> {
        let Some(meta) = self.meta.embedding.clone() else {
            return Ok(self);
        };
        if embedder.dim() != meta.dim {
            return Err(ModelError::Input(format!(
                "the model was trained on {}-d embeddings, {} gives {}",
                meta.dim,
                embedder.dir().display(),
                embedder.dim()
            )));
        }
        let head = read_head(&dir.join("embed.bin"), &meta, self.linear.n_classes)?;
        let embedder = if meta.tuned_layers == 0 {
            embedder
        } else {
            let path = dir.join(TUNED_FILE);
            let top = TunedTop::load(&path, &embedder)?;
            if top.layers.len() != meta.tuned_layers {
                return Err(ModelError::Corrupt {
                    path,
                    reason: format!(
                        "{} tuned layers, model.json says {}",
                        top.layers.len(),
                        meta.tuned_layers
                    ),
                });
            }
            Arc::new(embedder.with_top(&top)?)
        };
        self.embed = Some(EmbedPart { embedder, head });
        Ok(self)
    }

    fn load_ngram(dir: &Path) -> Result<Self, ModelError> {
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
        let (n_features, n_classes) = r.header(MAGIC).map_err(corrupt)?;
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
            embed: None,
        })
    }
}

/// Removes a file an earlier model saved in the same directory, so that
/// it cannot be read as part of this one.
fn remove_stale(path: &Path) -> Result<(), ModelError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(ModelError::Io {
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Reads `embed.bin` (the weights over the embedding dimensions).
fn read_head(
    path: &Path,
    meta: &EmbeddingMeta,
    n_classes: usize,
) -> Result<LinearWeights, ModelError> {
    let bytes = fs::read(path).map_err(|source| ModelError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let corrupt = |reason: &str| ModelError::Corrupt {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let mut r = Reader {
        bytes: &bytes,
        pos: 0,
    };
    let (dim, classes) = r.header(EMBED_MAGIC).map_err(corrupt)?;
    if dim != meta.dim || classes != n_classes {
        return Err(corrupt("shape differs from model.json"));
    }
    if bytes.len() != 16 + (dim * classes + classes) * 4 {
        return Err(corrupt("size does not match its header"));
    }
    let weights = (0..dim * classes).filter_map(|_| r.f32()).collect();
    let bias = (0..classes).filter_map(|_| r.f32()).collect();
    Ok(LinearWeights {
        n_classes: classes,
        weights,
        bias,
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// The 16-byte header of a weight file: `magic`, then two counts.
    fn header(&mut self, magic: &[u8; 8]) -> Result<(usize, usize), &'static str> {
        if self.take(8).ok_or("short header")? != magic {
            return Err("bad magic");
        }
        let a = self.u32().ok_or("short header")?;
        let b = self.u32().ok_or("short header")?;
        Ok((a as usize, b as usize))
    }
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
