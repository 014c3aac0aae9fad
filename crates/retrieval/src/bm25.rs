//! An Okapi BM25 inverted index over "units" (passages or whole documents).
//!
//! Built from already-tokenised units; rebuilt in full whenever the document
//! set changes, which takes milliseconds for tens of thousands of passages.

use std::collections::{BTreeMap, HashMap};

/// BM25 parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bm25Params {
    /// Term-frequency saturation.
    pub k1: f32,
    /// Length normalisation (0 = none, 1 = full).
    pub b: f32,
}

impl Default for Bm25Params {
    fn default() -> Self {
        Self { k1: 1.2, b: 0.75 }
    }
}

/// The inverted index.
#[derive(Debug, Clone, Default)]
pub struct Bm25 {
    params: Bm25Params,
    /// term -> (idf, postings of (unit, term frequency))
    postings: HashMap<String, (f32, Vec<(u32, u32)>)>,
    unit_len: Vec<f32>,
    /// Per unit: `k1 * (1 - b + b * len / avg_len)`, precomputed.
    norm: Vec<f32>,
}

impl Bm25 {
    /// Builds the index; `units[i]` is the token list of unit `i`.
    pub fn build<'a, I>(params: Bm25Params, units: I) -> Self
    where
        I: IntoIterator<Item = &'a [String]>,
    {
        let mut postings: HashMap<String, (f32, Vec<(u32, u32)>)> = HashMap::new();
        let mut unit_len = Vec::new();
        for (i, tokens) in units.into_iter().enumerate() {
            let mut tf: HashMap<&str, u32> = HashMap::new();
            for t in tokens {
                *tf.entry(t.as_str()).or_insert(0) += 1;
            }
            let id = u32::try_from(i).unwrap_or(u32::MAX);
            for (t, f) in tf {
                postings
                    .entry(t.to_string())
                    .or_insert_with(|| (0.0, Vec::new()))
                    .1
                    .push((id, f));
            }
            unit_len.push(tokens.len() as f32);
        }
        let n = unit_len.len() as f32;
        for (idf, list) in postings.values_mut() {
            let df = list.len() as f32;
            *idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        }
        let avg_len = if unit_len.is_empty() {
            1.0
        } else {
            (unit_len.iter().sum::<f32>() / n).max(1.0)
        };
        let norm = unit_len
            .iter()
            .map(|len| params.k1 * (1.0 - params.b + params.b * len / avg_len))
            .collect();
        Self {
            params,
            postings,
            unit_len,
            norm,
        }
    }

    /// Number of indexed units.
    pub fn len(&self) -> usize {
        self.unit_len.len()
    }

    /// True if nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.unit_len.is_empty()
    }

    /// Inverse document frequency of a term (0 for unknown terms).
    pub fn idf(&self, term: &str) -> f32 {
        self.postings.get(term).map_or(0.0, |(idf, _)| *idf)
    }

    /// Scores every unit against weighted query terms; returns one score per unit.
    pub fn score(&self, query: &BTreeMap<String, f32>) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.unit_len.len()];
        let k1 = self.params.k1;
        for (term, weight) in query {
            let Some((idf, list)) = self.postings.get(term) else {
                continue;
            };
            let w = weight * idf * (k1 + 1.0);
            for &(unit, tf) in list {
                let (Some(slot), Some(norm)) =
                    (scores.get_mut(unit as usize), self.norm.get(unit as usize))
                else {
                    continue;
                };
                let tf = tf as f32;
                *slot += w * tf / (tf + norm);
            }
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn rare_terms_weigh_more_and_matching_units_win() {
        let units = [
            toks("refund card fee"),
            toks("card limit"),
            toks("card statement"),
        ];
        let idx = Bm25::build(Bm25Params::default(), units.iter().map(|u| u.as_slice()));
        assert!(idx.idf("refund") > idx.idf("card"));
        let q: BTreeMap<String, f32> =
            [("refund".to_string(), 1.0), ("card".to_string(), 1.0)].into();
        let s = idx.score(&q);
        assert!(s[0] > s[1] && s[0] > s[2]);
        assert!(s[1] > 0.0);
        let none: BTreeMap<String, f32> = [("zzz".to_string(), 1.0)].into();
        assert!(idx.score(&none).iter().all(|x| *x == 0.0));
    }
}
