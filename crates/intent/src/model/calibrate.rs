//! Calibration of the linear model's scores: the softmax temperature and the
//! out-of-scope threshold, both fitted on rows held back from training.

use crate::embedding::Combine;

/// The parts of the embedding settings that scoring needs.
#[derive(Debug, Clone, Copy)]
pub(super) struct EmbeddingConfigLike {
    pub(super) combine: Combine,
    pub(super) weight: f32,
    pub(super) head_scale: f32,
}

/// Calibrated probabilities from raw scores.
pub(super) fn mix(
    raw: (Vec<f32>, Option<Vec<f32>>),
    scale: f32,
    how: Option<&EmbeddingConfigLike>,
) -> Vec<f32> {
    let (mut p, e) = raw;
    softmax(&mut p, scale);
    if let (Some(mut e), Some(how)) = (e, how) {
        softmax(&mut e, how.head_scale);
        let a = how.weight.clamp(0.0, 1.0);
        for (x, y) in p.iter_mut().zip(&e) {
            *x = (1.0 - a) * *x + a * y;
        }
    }
    p
}

/// Softmax of `scale * scores`, in place.
pub(super) fn softmax(scores: &mut [f32], scale: f32) {
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
pub(super) fn fit_scale(raw: &[Vec<f32>], gold: &[usize]) -> f32 {
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

/// The out-of-scope thresholds tried: 0 to 0.6 in steps of 0.01.
fn threshold_grid() -> impl Iterator<Item = f32> {
    (0..=60u8).map(|step| f32::from(step) * 0.01)
}

/// Picks the confidence threshold that maximises correct in-scope rows plus
/// `weight` times correctly rejected `oos` rows on held-out predictions.
pub(super) fn fit_oos_threshold(
    probs: &[Vec<f32>],
    gold: &[usize],
    oos: usize,
    weight: f32,
) -> f32 {
    let n_oos = gold.iter().filter(|g| **g == oos).count();
    let n_in = gold.len() - n_oos;
    if n_oos == 0 || n_in == 0 {
        return 0.0;
    }
    let mut best = (f32::NEG_INFINITY, 0.0);
    for t in threshold_grid() {
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

/// The highest confidence threshold (on the same grid as
/// [`fit_oos_threshold`]) that turns at most `budget` of the in-scope rows
/// from right to wrong.
pub(super) fn budget_oos_threshold(
    probs: &[Vec<f32>],
    gold: &[usize],
    oos: usize,
    budget: f32,
) -> f32 {
    let right: Vec<f32> = probs
        .iter()
        .zip(gold)
        .filter(|(p, g)| **g != oos && argmax(p).0 == **g)
        .map(|(p, _)| argmax(p).1)
        .collect();
    let n_in = gold.iter().filter(|g| **g != oos).count();
    if budget <= 0.0 || n_in == 0 {
        return 0.0;
    }
    let allowed = (budget * n_in as f32).floor() as usize;
    let mut best = 0.0;
    for t in threshold_grid() {
        if right.iter().filter(|c| **c < t).count() > allowed {
            break;
        }
        best = t;
    }
    best
}

pub(super) fn argmax(p: &[f32]) -> (usize, f32) {
    p.iter().enumerate().fold(
        (0, f32::NEG_INFINITY),
        |b, (i, v)| if *v > b.1 { (i, *v) } else { b },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_threshold_rejects_at_most_the_budget() {
        // ten in-scope rows (class 0), right at confidences 0.1 ... 1.0, and
        // one oos row (class 1)
        let mut probs: Vec<Vec<f32>> = (1..=10)
            .map(|i| {
                let c = i as f32 / 10.0;
                vec![c, (1.0 - c) / 2.0, (1.0 - c) / 2.0]
            })
            .collect();
        probs.push(vec![0.2, 0.7, 0.1]);
        let mut gold = vec![0; 10];
        gold.push(1);
        // the rows at 0.1-0.3 are wrong already (another class wins); the
        // budget, 10 % of ten in-scope rows, lets one right row fall below
        let t = budget_oos_threshold(&probs, &gold, 1, 0.1);
        let right_below = probs[..10]
            .iter()
            .filter(|p| argmax(p).0 == 0 && argmax(p).1 < t)
            .count();
        assert!(right_below <= 1, "threshold {t}");
        assert!(t > 0.0);
        // a bigger budget never gives a lower threshold; none gives 0
        assert!(budget_oos_threshold(&probs, &gold, 1, 0.3) >= t);
        assert_eq!(budget_oos_threshold(&probs, &gold, 1, 0.0), 0.0);
    }
}
