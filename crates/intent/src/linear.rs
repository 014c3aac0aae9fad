//! One-vs-rest linear SVM (L2-regularised, squared hinge loss) trained by
//! dual coordinate descent (Hsieh et al. 2008, the LIBLINEAR solver), with a
//! bias feature. Classes are trained in parallel on the available cores.

use serde::{Deserialize, Serialize};

use crate::features::SparseVec;
use crate::rng::SplitMix64;

/// Solver settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SvmConfig {
    /// Inverse regularisation strength.
    pub c: f32,
    /// Maximum passes over the data per class.
    pub max_passes: usize,
    /// Stop when the projected-gradient spread falls below this.
    pub tol: f32,
    /// Seed for the visiting order.
    pub seed: u64,
    /// Worker threads (0 = available cores).
    pub threads: usize,
}

impl Default for SvmConfig {
    fn default() -> Self {
        Self {
            c: 1.0,
            max_passes: 60,
            tol: 0.05,
            seed: 42,
            threads: 0,
        }
    }
}

/// Learned weights, stored feature-major so a sparse dot product touches
/// contiguous memory: `weights[f * n_classes + c]`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearWeights {
    /// Number of classes.
    pub n_classes: usize,
    /// Feature-major weight matrix.
    pub weights: Vec<f32>,
    /// Per-class bias.
    pub bias: Vec<f32>,
}

impl LinearWeights {
    /// Writes one raw score per class into `out` (resized to `n_classes`).
    pub fn scores(&self, x: &SparseVec, out: &mut Vec<f32>) {
        out.clear();
        out.extend_from_slice(&self.bias);
        let c = self.n_classes;
        for (f, v) in x.idx.iter().zip(&x.val) {
            let start = *f as usize * c;
            if let Some(row) = self.weights.get(start..start + c) {
                for (o, w) in out.iter_mut().zip(row) {
                    *o += v * w;
                }
            }
        }
    }
}

/// Trains one binary problem; returns (weights, bias).
fn train_binary(
    xs: &[SparseVec],
    sq_norms: &[f32],
    positive: &[bool],
    n_features: usize,
    cfg: &SvmConfig,
    seed: u64,
) -> (Vec<f32>, f32) {
    let n = xs.len();
    let mut w = vec![0f32; n_features];
    let mut b = 0f32;
    let mut alpha = vec![0f32; n];
    let diag = 0.5 / cfg.c;
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    for _ in 0..cfg.max_passes {
        rng.shuffle(&mut order);
        let (mut pg_max, mut pg_min) = (f32::NEG_INFINITY, f32::INFINITY);
        for &i in &order {
            let x = &xs[i];
            let y = if positive[i] { 1.0 } else { -1.0 };
            let mut dot = b;
            for (f, v) in x.idx.iter().zip(&x.val) {
                dot += w[*f as usize] * v;
            }
            let g = y * dot - 1.0 + diag * alpha[i];
            let pg = if alpha[i] == 0.0 { g.min(0.0) } else { g };
            pg_max = pg_max.max(pg);
            pg_min = pg_min.min(pg);
            if pg.abs() > 1e-12 {
                let old = alpha[i];
                let q = sq_norms[i] + 1.0 + diag;
                alpha[i] = (old - g / q).max(0.0);
                let d = (alpha[i] - old) * y;
                for (f, v) in x.idx.iter().zip(&x.val) {
                    w[*f as usize] += d * v;
                }
                b += d;
            }
        }
        if pg_max - pg_min < cfg.tol {
            break;
        }
    }
    (w, b)
}

/// Trains one-vs-rest classifiers for labels `0..n_classes`.
pub fn train_ovr(
    xs: &[SparseVec],
    ys: &[usize],
    n_classes: usize,
    n_features: usize,
    cfg: &SvmConfig,
) -> LinearWeights {
    let sq_norms: Vec<f32> = xs
        .iter()
        .map(|x| x.val.iter().map(|v| v * v).sum())
        .collect();
    let threads = if cfg.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        cfg.threads
    }
    .clamp(1, n_classes.max(1));
    let mut per_class: Vec<Option<(Vec<f32>, f32)>> = vec![None; n_classes];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let sq_norms = &sq_norms;
                scope.spawn(move || {
                    (t..n_classes)
                        .step_by(threads)
                        .map(|c| {
                            let positive: Vec<bool> = ys.iter().map(|y| *y == c).collect();
                            let seed = cfg.seed.wrapping_add(c as u64);
                            (
                                c,
                                train_binary(xs, sq_norms, &positive, n_features, cfg, seed),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            if let Ok(results) = h.join() {
                for (c, wb) in results {
                    per_class[c] = Some(wb);
                }
            }
        }
    });
    let mut weights = vec![0f32; n_features * n_classes];
    let mut bias = vec![0f32; n_classes];
    for (c, wb) in per_class.into_iter().enumerate() {
        if let Some((w, b)) = wb {
            for (f, v) in w.into_iter().enumerate() {
                weights[f * n_classes + c] = v;
            }
            bias[c] = b;
        }
    }
    LinearWeights {
        n_classes,
        weights,
        bias,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sv(pairs: &[(u32, f32)]) -> SparseVec {
        SparseVec {
            idx: pairs.iter().map(|p| p.0).collect(),
            val: pairs.iter().map(|p| p.1).collect(),
        }
    }

    #[test]
    fn separates_three_classes() {
        let xs = vec![
            sv(&[(0, 1.0)]),
            sv(&[(0, 0.9), (3, 0.1)]),
            sv(&[(1, 1.0)]),
            sv(&[(1, 0.8), (3, 0.2)]),
            sv(&[(2, 1.0)]),
            sv(&[(2, 0.7), (3, 0.3)]),
        ];
        let ys = vec![0, 0, 1, 1, 2, 2];
        let m = train_ovr(&xs, &ys, 3, 4, &SvmConfig::default());
        let mut out = Vec::new();
        for (x, y) in xs.iter().zip(&ys) {
            m.scores(x, &mut out);
            let best = (0..3).max_by(|a, b| out[*a].total_cmp(&out[*b])).unwrap();
            assert_eq!(best, *y);
        }
    }
}
