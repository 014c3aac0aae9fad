//! A series read by quarter: the percentile of each quarter of a run's samples, in their
//! order. A figure that moves from quarter to quarter is a trend; one sample is noise. Used
//! by the backlog bench (latency tail by quarter of the feed) and by the stage supervisor
//! (resident set by quarter of a drain or a chaos run).

use super::spine::percentile;

/// The `p` percentile of each quarter of `values` (in their order), fewer parts when there
/// are fewer than four values.
pub fn by_quarter(values: &[f64], p: f64) -> Vec<f64> {
    let parts = values.len().min(4);
    (0..parts)
        .map(|q| {
            let mut part =
                values[q * values.len() / parts..(q + 1) * values.len() / parts].to_vec();
            part.sort_by(f64::total_cmp);
            percentile(&part, p)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::by_quarter;

    #[test]
    fn each_quarter_has_its_own_tail() {
        let values: Vec<f64> = (0..400).map(|i| (i / 100 * 100 + i % 100) as f64).collect();
        assert_eq!(by_quarter(&values, 0.99), vec![98.0, 198.0, 298.0, 398.0]);
        assert_eq!(by_quarter(&[5.0, 1.0], 1.0), vec![5.0, 1.0]);
        assert!(by_quarter(&[], 0.99).is_empty());
    }

    #[test]
    fn each_quarter_has_its_own_median() {
        // a spike in one sample moves no median; a rise from quarter to quarter shows
        let samples = [
            10.0, 10.0, 90.0, 10.0, 20.0, 20.0, 20.0, 20.0, 30.0, 30.0, 30.0, 30.0, 40.0, 40.0,
            40.0, 40.0,
        ];
        assert_eq!(by_quarter(&samples, 0.5), vec![10.0, 20.0, 30.0, 40.0]);
        assert_eq!(by_quarter(&[5.0, 7.0], 0.5), vec![5.0, 7.0]);
        assert!(by_quarter(&[], 0.5).is_empty());
    }
}
