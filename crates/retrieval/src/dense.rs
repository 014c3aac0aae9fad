//! Dense (sentence-embedding) retrieval and its fusion with BM25.
//!
//! Passages are embedded with all-MiniLM-L6-v2 ([`frontdesk_embed`]) as
//! `"<title>. <section>. <text>"` (the model truncates at 128 word pieces) and
//! scored by cosine similarity against the query's embedding. Vectors are
//! cached by the SHA-256 of the model name and the embedded text, so a
//! re-ingest embeds only passages whose text changed, and they are persisted
//! beside the index in `embeddings.bin` ([`VectorCache::write`]).
//!
//! Fusion ([`fuse`]) is pure and model-free: reciprocal-rank fusion or
//! min-max-normalised score fusion of the BM25 and the dense passage scores.
//!
//! Nothing here is needed for BM25: an index without an attached embedder
//! ranks exactly as before.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::RetrievalError;

/// File (in the index directory) holding the passage vectors.
pub const EMBEDDINGS_FILE: &str = "embeddings.bin";

const MAGIC: &[u8; 8] = b"FDEMB01\n";

/// Cache key of one embedded text: SHA-256 of the model name and the text.
pub type Key = [u8; 32];

/// Which ranking a search uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum Retriever {
    /// BM25 (passage + document + title fields, family boost) only: the fast
    /// path, and what every search falls back to without an embedder.
    #[default]
    Bm25,
    /// Cosine similarity of query and passage embeddings only.
    Dense,
    /// BM25 and dense passage scores fused.
    Hybrid(Fusion),
}

/// How BM25 and dense passage scores are combined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "fusion")]
pub enum Fusion {
    /// Reciprocal-rank fusion: `1/(k + rank_bm25) + w/(k + rank_dense)`
    /// (ranks from 1; passages BM25 did not match get no BM25 term).
    Rrf {
        /// The RRF constant (60 in the original paper).
        k: f32,
        /// Weight of the dense term.
        dense_weight: f32,
    },
    /// Score fusion: `minmax(bm25) + w · minmax(cosine)`, each min-max
    /// normalised over all passages of the query.
    MinMax {
        /// Weight of the dense term.
        dense_weight: f32,
    },
}

/// Embedding-cache key of `text` under `model`.
pub fn key(model: &str, text: &str) -> Key {
    let mut h = Sha256::new();
    h.update(model.as_bytes());
    h.update([0u8]);
    h.update(text.as_bytes());
    h.finalize().into()
}

/// The text a passage is embedded as.
pub fn passage_text(title: &str, section: &str, text: &str) -> String {
    let mut out = String::with_capacity(title.len() + section.len() + text.len() + 4);
    for part in [title, section, text] {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(". ");
        }
        out.push_str(part);
    }
    out
}

/// Splits a (role-play-stripped) query into chunks of whole sentences of at
/// most about `max_words` words each, for embedding long scenario texts
/// (the model sees only 128 word pieces at a time). A short message is one
/// chunk.
pub fn query_chunks(text: &str, max_words: usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut cur = String::new();
    let mut words = 0usize;
    for s in crate::query::sentences(text) {
        let n = s.split_whitespace().count();
        if words > 0 && words + n > max_words {
            chunks.push(std::mem::take(&mut cur));
            words = 0;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(s);
        words += n;
    }
    if !cur.trim().is_empty() {
        chunks.push(cur);
    }
    chunks
}

/// Normalised mean of vectors (the query vector of a chunked query).
pub fn mean_unit(vectors: &[Vec<f32>]) -> Vec<f32> {
    let Some(first) = vectors.first() else {
        return Vec::new();
    };
    let mut out = vec![0.0f32; first.len()];
    for v in vectors {
        for (o, x) in out.iter_mut().zip(v) {
            *o += x;
        }
    }
    let norm = out.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for o in &mut out {
            *o /= norm;
        }
    }
    out
}

/// Dot products of `query` with each row of the row-major `matrix`
/// (`dim` columns): cosine similarities when all vectors are unit length.
pub fn dot_all(matrix: &[f32], dim: usize, query: &[f32]) -> Vec<f32> {
    if dim == 0 || query.len() != dim {
        return vec![0.0; matrix.len().checked_div(dim).unwrap_or(0)];
    }
    matrix
        .chunks_exact(dim)
        .map(|row| {
            // Four accumulators let the compiler vectorise the reduction.
            let mut acc = [0.0f32; 8];
            let mut r = row.chunks_exact(8);
            let mut q = query.chunks_exact(8);
            for (a, b) in (&mut r).zip(&mut q) {
                for i in 0..8 {
                    acc[i] += a[i] * b[i];
                }
            }
            let tail: f32 = r
                .remainder()
                .iter()
                .zip(q.remainder())
                .map(|(a, b)| a * b)
                .sum();
            acc.iter().sum::<f32>() + tail
        })
        .collect()
}

/// 1-based ranks of `scores` (higher is better; ties by lower index).
/// Entries for which `eligible` is false get rank 0 (unranked).
fn ranks(scores: &[f32], eligible: impl Fn(f32) -> bool) -> Vec<u32> {
    let mut order: Vec<usize> = (0..scores.len()).filter(|&i| eligible(scores[i])).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut out = vec![0u32; scores.len()];
    for (r, i) in order.into_iter().enumerate() {
        out[i] = r as u32 + 1;
    }
    out
}

fn min_max(scores: &[f32]) -> Vec<f32> {
    let (lo, hi) = scores
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), s| {
            (lo.min(*s), hi.max(*s))
        });
    // Also true when every score is equal (or NaN is involved).
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return vec![0.0; scores.len()];
    }
    scores.iter().map(|s| (s - lo) / (hi - lo)).collect()
}

/// Fuses per-passage BM25 scores (`> 0` = matched) and dense cosine scores
/// (same length) into one score per passage; every fused score is positive,
/// so every passage can be retrieved.
pub fn fuse(bm25: &[f32], dense: &[f32], fusion: Fusion) -> Vec<f32> {
    debug_assert_eq!(bm25.len(), dense.len());
    match fusion {
        Fusion::Rrf { k, dense_weight } => {
            let rb = ranks(bm25, |s| s > 0.0);
            let rd = ranks(dense, |_| true);
            rb.iter()
                .zip(&rd)
                .map(|(&b, &d)| {
                    let sb = if b > 0 { 1.0 / (k + b as f32) } else { 0.0 };
                    let sd = if d > 0 { 1.0 / (k + d as f32) } else { 0.0 };
                    sb + dense_weight * sd
                })
                .collect()
        }
        Fusion::MinMax { dense_weight } => {
            let nb = min_max(bm25);
            let nd = min_max(dense);
            nb.iter()
                .zip(&nd)
                // A tiny floor keeps the dense-worst passage retrievable.
                .map(|(b, d)| b + dense_weight * d + 1e-6)
                .collect()
        }
    }
}

/// Embeddings by cache key, for one model.
#[derive(Debug, Clone, Default)]
pub struct VectorCache {
    /// Model the vectors come from.
    pub model: String,
    /// Vector width.
    pub dim: usize,
    /// The vectors.
    pub vectors: HashMap<Key, Vec<f32>>,
}

impl VectorCache {
    /// An empty cache for `model` with vectors of width `dim`.
    pub fn new(model: &str, dim: usize) -> Self {
        Self {
            model: model.to_string(),
            dim,
            vectors: HashMap::new(),
        }
    }

    /// Serialises: magic, u32 dim, u32 model-name length, the name, u32
    /// count, then per vector the 32-byte key and `dim` little-endian f32s
    /// (keys sorted, so the file is deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(20 + self.vectors.len() * (32 + 4 * self.dim));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.dim as u32).to_le_bytes());
        out.extend_from_slice(&(self.model.len() as u32).to_le_bytes());
        out.extend_from_slice(self.model.as_bytes());
        out.extend_from_slice(&(self.vectors.len() as u32).to_le_bytes());
        let mut keys: Vec<&Key> = self.vectors.keys().collect();
        keys.sort();
        for k in keys {
            out.extend_from_slice(k);
            for x in &self.vectors[k] {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Parses [`VectorCache::to_bytes`] output; `None` if malformed.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader(bytes);
        if r.take(8)? != MAGIC {
            return None;
        }
        let dim = r.u32()? as usize;
        let name_len = r.u32()? as usize;
        let model = String::from_utf8(r.take(name_len)?.to_vec()).ok()?;
        let count = r.u32()? as usize;
        let mut vectors = HashMap::with_capacity(count.min(1 << 20));
        for _ in 0..count {
            let key: Key = r.take(32)?.try_into().ok()?;
            let v = r
                .take(dim.checked_mul(4)?)?
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            vectors.insert(key, v);
        }
        if !r.0.is_empty() {
            return None;
        }
        Some(Self {
            model,
            dim,
            vectors,
        })
    }

    /// Reads `dir/embeddings.bin`; `Ok(None)` if absent, an error if corrupt.
    pub fn read(dir: &Path) -> Result<Option<Self>, RetrievalError> {
        let path = dir.join(EMBEDDINGS_FILE);
        match fs::read(&path) {
            Ok(bytes) => {
                Self::from_bytes(&bytes)
                    .map(Some)
                    .ok_or_else(|| RetrievalError::InvalidDocument {
                        path,
                        reason: "malformed embeddings file".into(),
                    })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(RetrievalError::io(path, e)),
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rrf_rewards_agreement_and_keeps_dense_only_passages() {
        // Passage 0: BM25 best, dense worst. Passage 1: second in both.
        // Passage 2: no BM25 match, dense best. Passage 3: third in both.
        let bm25 = [3.0, 2.0, 0.0, 1.0];
        let dense = [0.0, 0.8, 0.9, 0.5];
        let f = fuse(
            &bm25,
            &dense,
            Fusion::Rrf {
                k: 60.0,
                dense_weight: 1.0,
            },
        );
        assert!(f[1] > f[0], "agreement beats one strong signal: {f:?}");
        assert!(f[2] > 0.0);
        assert!(f[0] > f[2]);
        // Ranks: bm25 = [1, 2, -, 3], dense = [4, 2, 1, 3].
        assert!((f[0] - (1.0 / 61.0 + 1.0 / 64.0)).abs() < 1e-7);
        assert!((f[2] - 1.0 / 61.0).abs() < 1e-7);
        assert!((f[3] - 2.0 / 63.0).abs() < 1e-7);
        // Weight 0 is BM25 order.
        let only = fuse(
            &bm25,
            &dense,
            Fusion::Rrf {
                k: 60.0,
                dense_weight: 0.0,
            },
        );
        assert!(only[0] > only[1] && only[1] > only[3] && only[3] > only[2]);
    }

    #[test]
    fn minmax_fusion_normalises_each_signal() {
        let bm25 = [10.0, 5.0, 0.0];
        let dense = [0.2, 0.6, 0.4];
        let f = fuse(&bm25, &dense, Fusion::MinMax { dense_weight: 1.0 });
        // bm25 -> [1, .5, 0], dense -> [0, 1, .5]
        assert!((f[0] - 1.0).abs() < 1e-5);
        assert!((f[1] - 1.5).abs() < 1e-5);
        assert!((f[2] - 0.5).abs() < 1e-5);
        // Constant signals contribute nothing but keep scores positive.
        let flat = fuse(&[0.0; 3], &[0.3; 3], Fusion::MinMax { dense_weight: 1.0 });
        assert!(flat.iter().all(|s| *s > 0.0 && *s < 1e-3));
    }

    #[test]
    fn chunks_pack_whole_sentences() {
        let q = "One two three. Four five. Six seven eight nine.";
        assert_eq!(
            query_chunks(q, 5),
            vec!["One two three. Four five.", "Six seven eight nine."]
        );
        assert_eq!(query_chunks(q, 100).len(), 1);
        assert!(query_chunks("  ", 10).is_empty());
        assert_eq!(passage_text("T", "", "body"), "T. body");
        assert_eq!(passage_text("T", "S", "body"), "T. S. body");
    }

    #[test]
    fn mean_unit_and_dot() {
        let m = mean_unit(&[vec![1.0, 0.0], vec![0.0, 1.0]]);
        assert!((m[0] - m[1]).abs() < 1e-6 && (m[0] * m[0] + m[1] * m[1] - 1.0).abs() < 1e-5);
        let matrix: Vec<f32> = (0..30).map(|i| i as f32).collect();
        let q: Vec<f32> = (0..10).map(|i| (i % 3) as f32).collect();
        let d = dot_all(&matrix, 10, &q);
        for (r, got) in d.iter().enumerate() {
            let want: f32 = (0..10).map(|i| matrix[r * 10 + i] * q[i]).sum();
            assert!((got - want).abs() < 1e-3);
        }
    }

    #[test]
    fn cache_round_trips_and_rejects_garbage() {
        let mut c = VectorCache::new("m", 3);
        c.vectors.insert(key("m", "a"), vec![1.0, 2.0, 3.0]);
        c.vectors.insert(key("m", "b"), vec![-1.0, 0.5, 0.0]);
        let back = VectorCache::from_bytes(&c.to_bytes()).unwrap();
        assert_eq!(back.model, "m");
        assert_eq!(back.dim, 3);
        assert_eq!(back.vectors, c.vectors);
        let bytes = c.to_bytes();
        assert!(VectorCache::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(VectorCache::from_bytes(b"nonsense").is_none());
        assert_ne!(key("m", "a"), key("n", "a"));
    }

    proptest! {
        #[test]
        fn fused_scores_are_positive_and_weight_zero_keeps_bm25_order(
            pairs in proptest::collection::vec((0.0f32..10.0, -1.0f32..1.0), 1..40),
            w in 0.0f32..3.0,
        ) {
            let (b, d): (Vec<f32>, Vec<f32>) = pairs.into_iter().unzip();
            for fusion in [Fusion::Rrf { k: 60.0, dense_weight: w }, Fusion::MinMax { dense_weight: w }] {
                let f = fuse(&b, &d, fusion);
                prop_assert_eq!(f.len(), b.len());
                let rrf_zero = w == 0.0 && matches!(fusion, Fusion::Rrf { .. });
                let ok = f.iter().all(|s| *s > 0.0 || rrf_zero);
                prop_assert!(ok);
            }
            let f = fuse(&b, &d, Fusion::MinMax { dense_weight: 0.0 });
            for i in 0..b.len() {
                for j in 0..b.len() {
                    if b[i] > b[j] {
                        prop_assert!(f[i] > f[j]);
                    }
                }
            }
        }
    }
}
