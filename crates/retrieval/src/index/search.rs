//! Scoring and ranking: fused BM25 (and dense) scores per passage, family boosts, top-k.

use super::*;

impl Index {
    /// Fused score per passage unit: normalised passage BM25 plus
    /// `document_weight` times normalised document BM25 of its document plus
    /// `title_weight` times normalised title BM25 of its document, plus the
    /// family-overview boost for overview documents.
    pub(super) fn fused_scores(&self, terms: &BTreeMap<String, f32>) -> Vec<f32> {
        let ps = self.passage_bm25.score(terms);
        let per_doc = self.document_scores(terms);
        let max_p = ps.iter().copied().fold(0.0f32, f32::max);
        let mut fused: Vec<f32> = ps
            .iter()
            .zip(&self.passages)
            .map(|(p, (d, _))| {
                let pn = if max_p > 0.0 { p / max_p } else { 0.0 };
                pn + per_doc.get(*d as usize).copied().unwrap_or(0.0)
            })
            .collect();
        self.add_family_boost(&mut fused);
        fused
    }

    /// Adds `family_boost` × (mean of the best [`FAMILY_TOP`] document scores
    /// of the family) to every matching passage of each family's overview
    /// document. A document's score is its best passage's fused score.
    pub(super) fn add_family_boost(&self, fused: &mut [f32]) {
        let g = self.config.family_boost;
        if g == 0.0 || self.family_overview.iter().all(Option::is_none) {
            return;
        }
        let mut best = vec![0.0f32; self.doc_ids.len()];
        for (s, (d, _)) in fused.iter().zip(&self.passages) {
            if let Some(b) = best.get_mut(*d as usize) {
                *b = b.max(*s);
            }
        }
        let mut top = vec![[0.0f32; FAMILY_TOP]; self.family_overview.len()];
        for (s, f) in best.iter().zip(&self.family) {
            if let Some(slots) = top.get_mut(*f as usize) {
                // Insert into the descending top list.
                let mut v = *s;
                for slot in slots.iter_mut() {
                    if v > *slot {
                        std::mem::swap(slot, &mut v);
                    }
                }
            }
        }
        let mut boost = vec![0.0f32; self.doc_ids.len()];
        for (slots, overview) in top.iter().zip(&self.family_overview) {
            if let Some(b) = overview.and_then(|d| boost.get_mut(d as usize)) {
                *b = g * slots.iter().sum::<f32>() / FAMILY_TOP as f32;
            }
        }
        for (s, (d, _)) in fused.iter_mut().zip(&self.passages) {
            if *s > 0.0 {
                *s += boost.get(*d as usize).copied().unwrap_or(0.0);
            }
        }
    }

    /// Per document: `document_weight` × normalised whole-document BM25 plus
    /// `title_weight` × normalised title BM25.
    pub(super) fn document_scores(&self, terms: &BTreeMap<String, f32>) -> Vec<f32> {
        let mut out = vec![0.0f32; self.doc_ids.len()];
        let fields = [
            (&self.doc_bm25, self.config.document_weight),
            (&self.title_bm25, self.config.title_weight),
        ];
        for (bm25, w) in fields {
            if w == 0.0 {
                continue;
            }
            let s = bm25.score(terms);
            let max = s.iter().copied().fold(0.0f32, f32::max);
            if max <= 0.0 {
                continue;
            }
            for (o, v) in out.iter_mut().zip(&s) {
                *o += w * v / max;
            }
        }
        out
    }

    /// Per-passage scores of `query` under `retriever`; `qvec` is the
    /// query's embedding (computed here when needed and not given). Falls
    /// back to BM25 when dense ranking is unavailable.
    pub(super) fn unit_scores(
        &self,
        query: &str,
        terms: &BTreeMap<String, f32>,
        retriever: Retriever,
        qvec: Option<&[f32]>,
    ) -> Vec<f32> {
        if retriever == Retriever::Bm25 || !self.has_dense() {
            return self.fused_scores(terms);
        }
        let owned;
        let qvec = match qvec {
            Some(v) => v,
            None => match self.embed_query(query) {
                Some(v) => {
                    owned = v;
                    owned.as_slice()
                }
                None => return self.fused_scores(terms),
            },
        };
        let dim = self.matrix.len() / self.passages.len();
        let cos = dense::dot_all(&self.matrix, dim, qvec);
        match retriever {
            // Shift into (0, 2] so every passage is rankable.
            Retriever::Dense => cos.into_iter().map(|c| c + 1.0 + 1e-6).collect(),
            Retriever::Hybrid(fusion) => dense::fuse(&self.fused_scores(terms), &cos, fusion),
            Retriever::Bm25 => self.fused_scores(terms),
        }
    }

    /// The top `k` passages for `query`, best first. Empty if nothing matches.
    /// Ranks with [`Index::active_retriever`]: BM25 unless an embedder is
    /// attached.
    pub fn search(&self, query: &str, k: usize) -> Vec<Hit> {
        self.search_with(query, k, self.active_retriever())
    }

    /// [`Index::search`] with BM25 only (the fast path, whatever is attached).
    pub fn search_bm25(&self, query: &str, k: usize) -> Vec<Hit> {
        self.search_with(query, k, Retriever::Bm25)
    }

    /// [`Index::search`] with an explicit ranking (BM25 if dense ranking is
    /// unavailable).
    pub fn search_with(&self, query: &str, k: usize, retriever: Retriever) -> Vec<Hit> {
        let terms = crate::query::query_terms(query);
        let scores = self.unit_scores(query, &terms, retriever, None);
        let top = top_k(&scores, k);
        let weights = crate::confidence::TermWeights::new(&terms, |t| self.idf(t));
        top.into_iter()
            .filter_map(|(unit, score)| {
                let (d, p) = *self.passages.get(unit)?;
                let entry = self.entries.get(self.doc_ids.get(d as usize)?)?;
                let passage = entry.doc.passages.get(p as usize)?;
                let tokens = entry.passage_tokens.get(p as usize)?;
                Some(Hit {
                    doc_id: entry.doc.id.clone(),
                    title: entry.doc.title.clone(),
                    section: passage.section.clone(),
                    passage: passage.text.clone(),
                    score,
                    confidence: weights.coverage(tokens),
                })
            })
            .collect()
    }

    /// The top `n` documents for `query`, each scored by its best passage
    /// (ranked with [`Index::active_retriever`]).
    pub fn rank_documents(&self, query: &str, n: usize) -> Vec<DocScore> {
        self.rank_documents_with(query, n, self.active_retriever(), None)
    }

    /// [`Index::rank_documents`] with an explicit ranking and optionally a
    /// precomputed query embedding (from [`Index::embed_query`]).
    pub fn rank_documents_with(
        &self,
        query: &str,
        n: usize,
        retriever: Retriever,
        qvec: Option<&[f32]>,
    ) -> Vec<DocScore> {
        let terms = crate::query::query_terms(query);
        let scores = self.unit_scores(query, &terms, retriever, qvec);
        let mut best = vec![0.0f32; self.doc_ids.len()];
        for (s, (d, _)) in scores.iter().zip(&self.passages) {
            if let Some(b) = best.get_mut(*d as usize) {
                *b = b.max(*s);
            }
        }
        top_k(&best, n)
            .into_iter()
            .filter_map(|(d, score)| {
                Some(DocScore {
                    doc_id: self.doc_ids.get(d)?.clone(),
                    score,
                })
            })
            .collect()
    }

    /// Passage-level inverse document frequency of a (normalised) term; terms
    /// the index has never seen get the maximum possible IDF.
    pub fn idf(&self, term: &str) -> f32 {
        let idf = self.passage_bm25.idf(term);
        if idf > 0.0 {
            idf
        } else {
            let n = self.passage_bm25.len() as f32;
            (1.0 + (n + 0.5) / 0.5).ln()
        }
    }
}

/// How many of a family's best documents its score averages.
const FAMILY_TOP: usize = 3;

/// The family of a document id: the id without a trailing `_<digits>`
/// (`doc_savings_accounts_gold_account_001` -> `doc_savings_accounts_gold_account`);
/// ids without such a suffix are their own family.
pub(super) fn family_key(id: &str) -> &str {
    match id.rsplit_once('_') {
        Some((stem, n))
            if !stem.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            stem
        }
        _ => id,
    }
}

/// Indices and scores of the `k` largest positive scores, best first (ties by
/// lower index).
pub(super) fn top_k(scores: &[f32], k: usize) -> Vec<(usize, f32)> {
    let mut cand: Vec<(usize, f32)> = scores
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, s)| *s > 0.0)
        .collect();
    let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if k == 0 {
        return Vec::new();
    }
    if cand.len() > k {
        cand.select_nth_unstable_by(k - 1, order);
        cand.truncate(k);
    }
    cand.sort_by(order);
    cand
}
