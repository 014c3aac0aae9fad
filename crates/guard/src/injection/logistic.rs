//! L2-regularised, class-balanced logistic regression over the shared sparse
//! TF-IDF vectors (`frontdesk_tfidf::SparseVec`), trained by full-batch
//! gradient descent with Adam steps: deterministic, no random state.

use frontdesk_tfidf::SparseVec;

/// Fitted weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    /// One weight per feature.
    pub weights: Vec<f32>,
    /// Intercept.
    pub bias: f32,
}

/// Training settings for [`Logistic::fit`].
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    /// Inverse regularisation strength (as in scikit-learn's `C`).
    pub c: f32,
    /// Gradient steps.
    pub iterations: usize,
    /// Adam learning rate.
    pub learning_rate: f32,
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Logistic {
    /// Fits weights for `xs` (features of dimension `dim`), labels `ys` and
    /// per-example weights `sample_weights` (parallel to `xs`).
    ///
    /// Classes are weighted inversely to their (sample-weighted) total
    /// ("balanced"), so the two classes weigh the same however many
    /// examples each has.
    pub fn fit(
        xs: &[SparseVec],
        ys: &[bool],
        sample_weights: &[f32],
        dim: usize,
        opts: FitOptions,
    ) -> Self {
        let total = |class: bool| {
            ys.iter()
                .zip(sample_weights)
                .filter(|(&y, _)| y == class)
                .map(|(_, &w)| w)
                .sum::<f32>()
                .max(1e-6)
        };
        let n = sample_weights.iter().sum::<f32>().max(1e-6);
        let (w_pos, w_neg) = (n / (2.0 * total(true)), n / (2.0 * total(false)));
        // Objective: sum_i c_i loss_i / n + lambda/2 |w|^2, lambda = 1 / (C n).
        let lambda = 1.0 / (opts.c.max(1e-6) * n);
        let mut w = vec![0.0f32; dim];
        let mut b = 0.0f32;
        let (mut m, mut v) = (vec![0.0f32; dim], vec![0.0f32; dim]);
        let (mut mb, mut vb) = (0.0f32, 0.0f32);
        let (beta1, beta2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        let mut grad = vec![0.0f32; dim];
        for t in 1..=opts.iterations {
            grad.iter_mut().zip(&w).for_each(|(g, wi)| *g = lambda * wi);
            let mut gb = 0.0f32;
            for ((x, &y), &sw) in xs.iter().zip(ys).zip(sample_weights) {
                let z = b + x.dot(&w);
                let cw = sw * if y { w_pos } else { w_neg };
                let err = cw * (sigmoid(z) - if y { 1.0 } else { 0.0 }) / n;
                for (&i, &xi) in x.idx.iter().zip(&x.val) {
                    if let Some(g) = grad.get_mut(i as usize) {
                        *g += err * xi;
                    }
                }
                gb += err;
            }
            let bc1 = 1.0 - beta1.powi(t as i32);
            let bc2 = 1.0 - beta2.powi(t as i32);
            for i in 0..dim {
                m[i] = beta1 * m[i] + (1.0 - beta1) * grad[i];
                v[i] = beta2 * v[i] + (1.0 - beta2) * grad[i] * grad[i];
                w[i] -= opts.learning_rate * (m[i] / bc1) / ((v[i] / bc2).sqrt() + eps);
            }
            mb = beta1 * mb + (1.0 - beta1) * gb;
            vb = beta2 * vb + (1.0 - beta2) * gb * gb;
            b -= opts.learning_rate * (mb / bc1) / ((vb / bc2).sqrt() + eps);
        }
        Self {
            weights: w,
            bias: b,
        }
    }

    /// Probability of the positive class.
    pub fn predict(&self, x: &SparseVec) -> f32 {
        sigmoid(self.bias + x.dot(&self.weights))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_hot(i: u32) -> SparseVec {
        SparseVec {
            idx: vec![i],
            val: vec![1.0],
        }
    }

    #[test]
    fn separates_a_trivial_problem() {
        let xs: Vec<SparseVec> = [0, 1, 0, 1].into_iter().map(one_hot).collect();
        let ys = [true, false, true, false];
        let opts = FitOptions {
            c: 1000.0,
            iterations: 300,
            learning_rate: 0.1,
        };
        let m = Logistic::fit(&xs, &ys, &[1.0; 4], 2, opts);
        assert!(m.predict(&one_hot(0)) > 0.9);
        assert!(m.predict(&one_hot(1)) < 0.1);
    }

    #[test]
    fn sample_weights_move_a_contested_feature() {
        // Feature 0 is seen once as each class; the heavier example wins it.
        let xs: Vec<SparseVec> = [0, 0, 1, 2].into_iter().map(one_hot).collect();
        let ys = [true, false, true, false];
        let opts = FitOptions {
            c: 10.0,
            iterations: 200,
            learning_rate: 0.05,
        };
        let pos_heavy = Logistic::fit(&xs, &ys, &[3.0, 1.0, 1.0, 1.0], 3, opts);
        let neg_heavy = Logistic::fit(&xs, &ys, &[1.0, 3.0, 1.0, 1.0], 3, opts);
        assert!(pos_heavy.predict(&one_hot(0)) > 0.5);
        assert!(neg_heavy.predict(&one_hot(0)) < 0.5);
    }
}
