//! The second stage of the injection cascade: a class-balanced logistic
//! regression over a sentence embedding (all-MiniLM-L6-v2, 384-d), optionally
//! stacked with the logit of the n-gram score, applied only to texts whose
//! n-gram score lies in an uncertain band.
//!
//! The weights are small (one float per embedding dimension) and ship in
//! `crates/guard/models/injection_head.json` (compiled into the crate); the
//! encoder's weights stay in `models/minilm/` and are located through
//! `frontdesk-embed`. See [`super::cascade`] for how the two stages combine.

use serde::{Deserialize, Serialize};

/// Training settings for [`EmbeddingHead::fit`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HeadFitOptions {
    /// Inverse regularisation strength (scikit-learn's `C`).
    pub c: f32,
    /// Full-batch gradient steps.
    pub iterations: usize,
    /// Adam learning rate.
    pub learning_rate: f32,
}

impl Default for HeadFitOptions {
    fn default() -> Self {
        Self {
            c: 10.0,
            iterations: 400,
            learning_rate: 0.05,
        }
    }
}

/// A fitted embedding head plus the cascade settings chosen with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingHead {
    /// Embedding model the weights belong to (e.g. `sentence-transformers/all-MiniLM-L6-v2`).
    pub model: String,
    /// Embedding width.
    pub dim: usize,
    /// One weight per embedding dimension.
    pub weights: Vec<f32>,
    /// Weight on the logit of the n-gram score (0 when the head uses the embedding only).
    pub ngram_weight: f32,
    /// Intercept.
    pub bias: f32,
    /// Head probability at or above which an in-band text is flagged.
    pub threshold: f32,
    /// `[lo, hi)`: texts whose n-gram score lies in it are decided by the head;
    /// below `lo` they pass, at or above `hi` they are flagged, without embedding.
    pub band: [f32; 2],
    /// Free-form provenance (how and on what the head was trained, measured figures).
    #[serde(default)]
    pub notes: String,
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Logit of a probability, clamped to `[-12, 12]`.
pub fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln().clamp(-12.0, 12.0)
}

impl EmbeddingHead {
    /// Fits a class-balanced, L2-regularised logistic regression on
    /// embeddings `xs` (all of width `xs[0].len()`), labels `ys`, and, when
    /// `ngram` is given, the n-gram scores of the same texts as one extra
    /// feature (their logit). The cascade settings (`threshold`, `band`)
    /// start at `0.5` and `[0, 1]`; the caller sets them.
    pub fn fit(
        model: &str,
        xs: &[Vec<f32>],
        ngram: Option<&[f32]>,
        ys: &[bool],
        opts: HeadFitOptions,
    ) -> Self {
        let dim = xs.first().map_or(0, Vec::len);
        let n = xs.len().max(1) as f32;
        let pos = ys.iter().filter(|&&y| y).count().max(1) as f32;
        let neg = ys.iter().filter(|&&y| !y).count().max(1) as f32;
        let (w_pos, w_neg) = (n / (2.0 * pos), n / (2.0 * neg));
        let lambda = 1.0 / (opts.c.max(1e-6) * n);
        // Parameters: dim embedding weights, then the n-gram weight, then the bias.
        let p = dim + 2;
        let mut w = vec![0.0f32; p];
        let (mut m, mut v) = (vec![0.0f32; p], vec![0.0f32; p]);
        let (beta1, beta2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        let mut grad = vec![0.0f32; p];
        let extra: Vec<f32> = match ngram {
            Some(s) => s.iter().map(|&s| logit(s) / 4.0).collect(),
            None => vec![0.0; xs.len()],
        };
        for t in 1..=opts.iterations {
            for (g, wi) in grad.iter_mut().zip(&w).take(dim + 1) {
                *g = lambda * wi;
            }
            grad[dim + 1] = 0.0;
            for ((x, &y), &e) in xs.iter().zip(ys).zip(&extra) {
                let z = w[dim + 1] + dot(&w[..dim], x) + w[dim] * e;
                let cw = if y { w_pos } else { w_neg };
                let err = cw * (sigmoid(z) - if y { 1.0 } else { 0.0 }) / n;
                for (g, xi) in grad.iter_mut().zip(x) {
                    *g += err * xi;
                }
                grad[dim] += err * e;
                grad[dim + 1] += err;
            }
            let bc1 = 1.0 - beta1.powi(t as i32);
            let bc2 = 1.0 - beta2.powi(t as i32);
            for i in 0..p {
                m[i] = beta1 * m[i] + (1.0 - beta1) * grad[i];
                v[i] = beta2 * v[i] + (1.0 - beta2) * grad[i] * grad[i];
                w[i] -= opts.learning_rate * (m[i] / bc1) / ((v[i] / bc2).sqrt() + eps);
            }
        }
        let bias = w[dim + 1];
        let ngram_weight = if ngram.is_some() { w[dim] / 4.0 } else { 0.0 };
        w.truncate(dim);
        Self {
            model: model.to_string(),
            dim,
            weights: w,
            ngram_weight,
            bias,
            threshold: 0.5,
            band: [0.0, 1.0],
            notes: String::new(),
        }
    }

    /// Probability that a text with embedding `emb` and n-gram score
    /// `ngram_score` is an injection.
    pub fn probability(&self, emb: &[f32], ngram_score: f32) -> f32 {
        let mut z = self.bias + dot(&self.weights, emb);
        if self.ngram_weight != 0.0 {
            z += self.ngram_weight * logit(ngram_score);
        }
        sigmoid(z)
    }

    /// Whether an n-gram score falls in the band the head decides.
    pub fn in_band(&self, ngram_score: f32) -> bool {
        ngram_score >= self.band[0] && ngram_score < self.band[1]
    }

    /// Parses a head from its JSON file contents and checks its shape.
    pub fn from_json(raw: &str) -> Result<Self, String> {
        let head: Self = serde_json::from_str(raw).map_err(|e| e.to_string())?;
        if head.weights.len() != head.dim {
            return Err(format!(
                "head has {} weights for dimension {}",
                head.weights.len(),
                head.dim
            ));
        }
        if head.band[0].partial_cmp(&head.band[1]) != Some(std::cmp::Ordering::Less)
            && head.band[0] != head.band[1]
        {
            return Err(format!("empty band {:?}", head.band));
        }
        Ok(head)
    }
}

fn dot(w: &[f32], x: &[f32]) -> f32 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_a_separable_problem_and_round_trips() {
        let xs = vec![
            vec![1.0, 0.0],
            vec![0.9, 0.1],
            vec![0.0, 1.0],
            vec![0.1, 0.9],
        ];
        let ys = [true, true, false, false];
        let h = EmbeddingHead::fit("stub", &xs, None, &ys, HeadFitOptions::default());
        assert!(h.probability(&[1.0, 0.0], 0.5) > 0.8);
        assert!(h.probability(&[0.0, 1.0], 0.5) < 0.2);
        assert_eq!(h.ngram_weight, 0.0);
        let back = EmbeddingHead::from_json(&serde_json::to_string(&h).unwrap()).unwrap();
        assert_eq!(back, h);
        let mut bad = h.clone();
        bad.weights.pop();
        assert!(EmbeddingHead::from_json(&serde_json::to_string(&bad).unwrap()).is_err());
    }

    #[test]
    fn stacked_feature_gets_weight() {
        // The embedding carries no signal; the n-gram score does.
        let xs = vec![vec![0.5, 0.5]; 6];
        let scores = [0.9, 0.8, 0.95, 0.1, 0.2, 0.05];
        let ys = [true, true, true, false, false, false];
        let h = EmbeddingHead::fit("stub", &xs, Some(&scores), &ys, HeadFitOptions::default());
        assert!(h.ngram_weight > 0.0);
        assert!(h.probability(&[0.5, 0.5], 0.9) > h.probability(&[0.5, 0.5], 0.1));
    }
}
