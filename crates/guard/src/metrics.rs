//! Confusion counts and the figures derived from them (injection and PII evaluation).

/// Confusion counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// True negatives.
    pub tn: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Confusion {
    /// Counts the decisions `predicted` against `truth` (parallel).
    pub fn of(
        truth: impl IntoIterator<Item = bool>,
        predicted: impl IntoIterator<Item = bool>,
    ) -> Self {
        let mut c = Self::default();
        truth
            .into_iter()
            .zip(predicted)
            .for_each(|(t, p)| c.add(t, p));
        c
    }
    /// Adds one decision.
    pub fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
            (true, false) => self.fn_ += 1,
        }
    }
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when there are no positives).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 score.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    /// False-positive rate.
    pub fn fpr(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }
    /// Accuracy.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

/// `num / den`, or 0 when `den` is 0.
pub fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Harmonic mean, 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_metrics() {
        let c = Confusion::of(
            [true, true, false, false, false],
            [true, false, true, false, false],
        );
        assert_eq!(c.precision(), 0.5);
        assert_eq!(c.recall(), 0.5);
        assert!((c.fpr() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(c.accuracy(), 0.6);
        assert_eq!(ratio(1, 0), 0.0);
        assert_eq!(f1(0.0, 0.0), 0.0);
    }
}
