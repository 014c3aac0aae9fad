//! L2-regularised, class-balanced logistic regression over sparse vectors,
//! trained by full-batch gradient descent with Adam steps (deterministic).

use super::features::Sparse;

/// Fitted weights.
#[derive(Debug, Clone)]
pub struct Logistic {
    weights: Vec<f32>,
    bias: f32,
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
    /// Fits weights for `xs` (features of dimension `dim`) and labels `ys`.
    ///
    /// Classes are weighted inversely to their frequency ("balanced").
    pub fn fit(xs: &[Sparse], ys: &[bool], dim: usize, opts: FitOptions) -> Self {
        let n = xs.len().max(1) as f32;
        let pos = ys.iter().filter(|&&y| y).count().max(1) as f32;
        let neg = ys.iter().filter(|&&y| !y).count().max(1) as f32;
        let w_pos = n / (2.0 * pos);
        let w_neg = n / (2.0 * neg);
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
            for (x, &y) in xs.iter().zip(ys) {
                let z = b + dot(&w, x);
                let cw = if y { w_pos } else { w_neg };
                let err = cw * (sigmoid(z) - if y { 1.0 } else { 0.0 }) / n;
                for &(i, xi) in x {
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
    pub fn predict(&self, x: &Sparse) -> f32 {
        sigmoid(self.bias + dot(&self.weights, x))
    }
}

fn dot(w: &[f32], x: &Sparse) -> f32 {
    x.iter()
        .map(|&(i, xi)| w.get(i as usize).copied().unwrap_or(0.0) * xi)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_a_trivial_problem() {
        let xs: Vec<Sparse> = vec![
            vec![(0, 1.0)],
            vec![(1, 1.0)],
            vec![(0, 1.0)],
            vec![(1, 1.0)],
        ];
        let ys = [true, false, true, false];
        let m = Logistic::fit(
            &xs,
            &ys,
            2,
            FitOptions {
                c: 1000.0,
                iterations: 300,
                learning_rate: 0.1,
            },
        );
        assert!(m.predict(&vec![(0, 1.0)]) > 0.9);
        assert!(m.predict(&vec![(1, 1.0)]) < 0.1);
    }
}
