//! The saved detector: a directory with `model.json` ([`DetectorMeta`]) and
//! `model.bin`, little-endian:
//!
//! ```text
//! magic "FDINJ001" | n_features u64 | n_seen u64
//! | vocabulary (frontdesk_tfidf::Vectorizer::encode_parts: hashes u64, IDF f32, blocks u8)
//! | weights f32 x n_features | bias f32
//! | seen u64 x n_seen   (text keys of every training and calibration text, sorted)
//! ```

use std::path::Path;

use frontdesk_tfidf::Vectorizer;

use super::logistic::Logistic;
use super::meta::DetectorMeta;
use super::scorer::Scorer;
use crate::error::{GuardError, Result};

/// Format version written in `model.json`.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"FDINJ001";

/// The parts of a saved detector.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// Settings, threshold and training record.
    pub meta: DetectorMeta,
    /// The fitted model.
    pub scorer: Scorer,
    /// Sorted keys of the texts seen in training or calibration.
    pub seen: Vec<u64>,
}

/// Writes `model.json` and `model.bin` into `dir` (created if missing).
pub fn save(saved: &Saved, dir: &Path) -> Result<()> {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|source| GuardError::Write { path, source })
    };
    std::fs::create_dir_all(dir).map_err(|source| GuardError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let json = serde_json::to_vec_pretty(&saved.meta).map_err(|e| GuardError::Model {
        path: dir.join("model.json"),
        reason: e.to_string(),
    })?;
    write("model.json", &json)?;
    write("model.bin", &encode(saved))
}

fn encode(saved: &Saved) -> Vec<u8> {
    let n = saved.scorer.vectorizer.len();
    let mut out =
        Vec::with_capacity(24 + n * (Vectorizer::BYTES_PER_FEATURE + 4) + 8 * saved.seen.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(n as u64).to_le_bytes());
    out.extend_from_slice(&(saved.seen.len() as u64).to_le_bytes());
    saved.scorer.vectorizer.encode_parts(&mut out);
    for w in &saved.scorer.model.weights {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(&saved.scorer.model.bias.to_le_bytes());
    for k in &saved.seen {
        out.extend_from_slice(&k.to_le_bytes());
    }
    out
}

/// Reads a detector saved by [`save`].
pub fn load(dir: &Path) -> Result<Saved> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|source| GuardError::Io { path, source })
    };
    decode(&read("model.json")?, &read("model.bin")?, dir)
}

/// Decodes the two files' bytes; `origin` names the model in errors.
pub fn decode(json: &[u8], bin: &[u8], origin: &Path) -> Result<Saved> {
    let bad = |file: &str, reason: String| GuardError::Model {
        path: origin.join(file),
        reason,
    };
    let meta: DetectorMeta =
        serde_json::from_slice(json).map_err(|e| bad("model.json", e.to_string()))?;
    if meta.version != FORMAT_VERSION {
        return Err(bad(
            "model.json",
            format!(
                "format version {} (this build reads {FORMAT_VERSION}); retrain with `frontdesk guard train`",
                meta.version
            ),
        ));
    }
    let corrupt = |why: &str| bad("model.bin", why.to_string());
    if bin.len() < 24 || &bin[..8] != MAGIC {
        return Err(corrupt("not an injection model (bad magic)"));
    }
    let u64_at = |at: usize| {
        bin.get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    };
    let (n, n_seen) = match (u64_at(8), u64_at(16)) {
        (Some(n), Some(s)) => (n as usize, s as usize),
        _ => return Err(corrupt("truncated header")),
    };
    let vocab_end = 24 + n * Vectorizer::BYTES_PER_FEATURE;
    let weights_end = vocab_end + 4 * n + 4;
    if bin.len() != weights_end + 8 * n_seen {
        return Err(corrupt("size does not match its header"));
    }
    let vectorizer = Vectorizer::decode_parts(meta.config.features.clone(), n, &bin[24..])
        .ok_or_else(|| corrupt("truncated vocabulary"))?;
    let floats: Vec<f32> = bin[vocab_end..weights_end]
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let (weights, bias) = floats.split_at(n);
    let seen = bin[weights_end..]
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect();
    Ok(Saved {
        scorer: Scorer {
            vectorizer,
            model: Logistic {
                weights: weights.to_vec(),
                bias: bias.first().copied().unwrap_or(0.0),
            },
            score_pieces: meta.config.score_pieces,
        },
        meta,
        seen,
    })
}
