//! The passage embeddings of an [`Index`]: computed once per content key, cached on disk.

use super::build::write_atomic;
use super::*;

impl Index {
    /// Embeds the passages that have no cached vector (if an embedder is
    /// attached), prunes vectors of vanished passages and rebuilds the
    /// passage matrix. Returns how many passages were embedded.
    pub(super) fn sync_vectors(&mut self) -> Result<usize, RetrievalError> {
        self.matrix.clear();
        let Some(embedder) = self.embedder.clone() else {
            return Ok(0);
        };
        let model = frontdesk_embed::MODEL_NAME;
        let dim = embedder.dim();
        let mut cache = match self.vectors.take() {
            Some(c) if c.model == model && c.dim == dim => c,
            _ => VectorCache::new(model, dim),
        };
        let mut missing: Vec<(Key, String)> = Vec::new();
        let mut seen: HashSet<Key> = HashSet::new();
        for (unit, key) in self.passage_keys.iter().enumerate() {
            if cache.vectors.contains_key(key) || !seen.insert(*key) {
                continue;
            }
            if let Some(text) = self.passage_embed_text(unit) {
                missing.push((*key, text));
            }
        }
        let texts: Vec<&str> = missing.iter().map(|(_, t)| t.as_str()).collect();
        let embedded = match embedder.embed(&texts) {
            Ok(v) => v,
            Err(e) => {
                self.vectors = Some(cache);
                return Err(RetrievalError::Embed(e.to_string()));
            }
        };
        let n = embedded.len();
        self.embedded_total += n;
        for ((key, _), v) in missing.into_iter().zip(embedded) {
            cache.vectors.insert(key, v);
        }
        let used: HashSet<&Key> = self.passage_keys.iter().collect();
        cache.vectors.retain(|k, _| used.contains(k));
        let mut matrix = Vec::with_capacity(self.passage_keys.len() * dim);
        for key in &self.passage_keys {
            match cache.vectors.get(key) {
                Some(v) if v.len() == dim => matrix.extend_from_slice(v),
                _ => {
                    matrix.clear();
                    break;
                }
            }
        }
        self.matrix = matrix;
        self.vectors = Some(cache);
        Ok(n)
    }

    pub(super) fn passage_embed_text(&self, unit: usize) -> Option<String> {
        let (d, p) = *self.passages.get(unit)?;
        let entry = self.entries.get(self.doc_ids.get(d as usize)?)?;
        let passage = entry.doc.passages.get(p as usize)?;
        Some(dense::passage_text(
            &entry.doc.title,
            &passage.section,
            &passage.text,
        ))
    }

    pub(super) fn persist_vectors(&self) -> Result<(), RetrievalError> {
        match (&self.dir, &self.vectors) {
            (Some(dir), Some(cache)) => {
                write_atomic(&dir.join(dense::EMBEDDINGS_FILE), &cache.to_bytes())
            }
            _ => Ok(()),
        }
    }

    /// The query's embedding: the normalised mean of the embeddings of its
    /// role-play-stripped text cut into chunks of whole sentences of at most
    /// [`QUERY_CHUNK_WORDS`] words. `None` without an embedder or on error.
    pub fn embed_query(&self, query: &str) -> Option<Vec<f32>> {
        self.embed_query_chunked(query, QUERY_CHUNK_WORDS)
    }

    /// [`Index::embed_query`] with another chunk size (0: the whole text
    /// as one input, truncated by the model).
    pub fn embed_query_chunked(&self, query: &str, max_words: usize) -> Option<Vec<f32>> {
        let embedder = self.embedder.as_ref()?;
        let text = crate::query::strip_role_play(query);
        let chunks = if max_words == 0 {
            vec![text]
        } else {
            dense::query_chunks(&text, max_words)
        };
        if chunks.is_empty() {
            return None;
        }
        let vectors = embedder.embed(&chunks).ok()?;
        let v = dense::mean_unit(&vectors);
        (v.len() == embedder.dim()).then_some(v)
    }
}
