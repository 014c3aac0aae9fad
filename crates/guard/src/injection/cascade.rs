//! The two-stage injection cascade.
//!
//! The fast char n-gram detector scores every text. Texts whose n-gram score
//! is below the head's band (`score < lo`) pass and texts at or above it
//! (`score >= hi`) are flagged without further work; only texts inside
//! `[lo, hi)` are embedded (all-MiniLM-L6-v2 through `frontdesk-embed`) and
//! decided by the [`EmbeddingHead`]. On ordinary support tickets few texts
//! fall in the band, so the pipeline keeps the n-gram detector's throughput.
//!
//! The verdict's `score` stays comparable with the detector threshold: for an
//! in-band text the head probability `p` is mapped piecewise-linearly into
//! the band so that the head threshold lands on the detector threshold
//! (`p < t` → `[lo, threshold)`, `p >= t` → `[threshold, hi]`); thus
//! `flagged == (score >= threshold)` holds on every path. The head is only
//! consulted when `lo < threshold < hi` (a threshold moved outside the band
//! with `with_threshold` makes the detector n-gram only).

use std::sync::Arc;

use serde::Serialize;

use super::head::EmbeddingHead;

/// Something that turns texts into sentence embeddings (the real
/// all-MiniLM-L6-v2 encoder, or a stub in tests).
pub trait SentenceEmbedder: Send + Sync {
    /// One embedding per text, in order.
    fn embed_texts(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, String>;
    /// The model's name (must match [`EmbeddingHead::model`]).
    fn model_name(&self) -> &str;
    /// Embedding width (must match [`EmbeddingHead::dim`]).
    fn dim(&self) -> usize;
}

impl SentenceEmbedder for frontdesk_embed::Embedder {
    fn embed_texts(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        self.embed(texts).map_err(|e| e.to_string())
    }
    fn model_name(&self) -> &str {
        frontdesk_embed::MODEL_NAME
    }
    fn dim(&self) -> usize {
        frontdesk_embed::Embedder::dim(self)
    }
}

/// The second stage: a head and the encoder that feeds it.
#[derive(Clone)]
pub struct Cascade {
    /// The embedding head (weights, band, threshold).
    pub head: EmbeddingHead,
    /// The sentence encoder.
    pub embedder: Arc<dyn SentenceEmbedder>,
}

impl std::fmt::Debug for Cascade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cascade")
            .field("model", &self.head.model)
            .field("band", &self.head.band)
            .field("threshold", &self.head.threshold)
            .finish_non_exhaustive()
    }
}

/// Which stage decided a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionPath {
    /// The n-gram detector alone (no cascade configured or loaded).
    Ngram,
    /// Below the band: passed by the n-gram stage.
    NgramPass,
    /// At or above the band: flagged by the n-gram stage.
    NgramFlag,
    /// In the band: decided by the embedding head.
    Embedding,
    /// In the band, but the encoder failed: the n-gram verdict stands.
    EmbeddingFailed,
}

/// A verdict with the details of how the cascade reached it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CascadeVerdict {
    /// Final score in `[0, 1]` (see the module docs for the in-band mapping).
    pub score: f32,
    /// `true` when the text must be treated as an injection.
    pub flagged: bool,
    /// The n-gram detector's score.
    pub ngram_score: f32,
    /// The head's probability, for texts decided by the head.
    pub head_probability: Option<f32>,
    /// Which stage decided.
    pub path: DecisionPath,
}

/// Whether the head may decide at all under detector threshold `threshold`.
pub fn head_applies(head: &EmbeddingHead, threshold: f32) -> bool {
    head.band[0] < threshold && threshold < head.band[1]
}

/// Where the text goes before any embedding is computed: `Some(verdict)`
/// when the n-gram stage decides, `None` when the head must decide.
pub fn first_stage(
    ngram_score: f32,
    threshold: f32,
    head: &EmbeddingHead,
) -> Option<CascadeVerdict> {
    let ngram_verdict = |path| CascadeVerdict {
        score: ngram_score,
        flagged: ngram_score >= threshold,
        ngram_score,
        head_probability: None,
        path,
    };
    if !head_applies(head, threshold) {
        return Some(ngram_verdict(DecisionPath::Ngram));
    }
    if ngram_score < head.band[0] {
        Some(ngram_verdict(DecisionPath::NgramPass))
    } else if ngram_score >= head.band[1] {
        Some(ngram_verdict(DecisionPath::NgramFlag))
    } else {
        None
    }
}

/// The verdict for an in-band text given the head's probability (`None`
/// when the encoder failed: the n-gram verdict stands).
pub fn second_stage(
    ngram_score: f32,
    threshold: f32,
    head: &EmbeddingHead,
    head_probability: Option<f32>,
) -> CascadeVerdict {
    let Some(p) = head_probability.filter(|p| p.is_finite()) else {
        return CascadeVerdict {
            score: ngram_score,
            flagged: ngram_score >= threshold,
            ngram_score,
            head_probability: None,
            path: DecisionPath::EmbeddingFailed,
        };
    };
    let [lo, hi] = head.band;
    let t = head.threshold.clamp(1e-6, 1.0 - 1e-6);
    let flagged = p >= t;
    let score = if flagged {
        threshold + (p - t) / (1.0 - t) * (hi - threshold)
    } else {
        // Strictly below the threshold.
        (lo + p / t * (threshold - lo)).min(next_below(threshold))
    };
    CascadeVerdict {
        score: score.clamp(0.0, 1.0),
        flagged,
        ngram_score,
        head_probability: Some(p),
        path: DecisionPath::Embedding,
    }
}

fn next_below(x: f32) -> f32 {
    if x > 0.0 {
        f32::from_bits(x.to_bits() - 1)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head() -> EmbeddingHead {
        EmbeddingHead {
            model: "stub".into(),
            dim: 2,
            weights: vec![4.0, -4.0],
            ngram_weight: 0.0,
            bias: 0.0,
            threshold: 0.7,
            band: [0.1, 0.9],
            notes: String::new(),
        }
    }

    #[test]
    fn confident_scores_skip_the_head() {
        let h = head();
        let low = first_stage(0.05, 0.6, &h).unwrap();
        assert_eq!((low.path, low.flagged), (DecisionPath::NgramPass, false));
        let high = first_stage(0.95, 0.6, &h).unwrap();
        assert_eq!((high.path, high.flagged), (DecisionPath::NgramFlag, true));
        assert!(first_stage(0.1, 0.6, &h).is_none());
        assert!(first_stage(0.5, 0.6, &h).is_none());
        assert!(first_stage(0.8999, 0.6, &h).is_none());
    }

    #[test]
    fn head_decides_in_band_and_score_agrees_with_threshold() {
        let h = head();
        for p in [0.0, 0.3, 0.69, 0.7, 0.71, 0.99, 1.0] {
            for ngram in [0.2, 0.55, 0.65, 0.85] {
                let v = second_stage(ngram, 0.6, &h, Some(p));
                assert_eq!(v.path, DecisionPath::Embedding);
                assert_eq!(v.flagged, p >= 0.7, "p {p}");
                assert_eq!(v.flagged, v.score >= 0.6, "p {p} score {}", v.score);
                assert!(v.score >= 0.1 && v.score <= 0.9, "{}", v.score);
            }
        }
    }

    #[test]
    fn encoder_failure_keeps_the_ngram_verdict() {
        let v = second_stage(0.65, 0.6, &head(), None);
        assert_eq!(v.path, DecisionPath::EmbeddingFailed);
        assert!(v.flagged);
        let v = second_stage(0.3, 0.6, &head(), Some(f32::NAN));
        assert!(!v.flagged);
    }

    #[test]
    fn threshold_outside_the_band_means_ngram_only() {
        let h = head();
        let v = first_stage(0.5, 0.95, &h).unwrap();
        assert_eq!((v.path, v.flagged), (DecisionPath::Ngram, false));
        let v = first_stage(0.5, 0.05, &h).unwrap();
        assert_eq!((v.path, v.flagged), (DecisionPath::Ngram, true));
    }
}
