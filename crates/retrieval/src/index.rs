//! The persisted retrieval index: documents, their passages, a manifest of
//! content hashes, and the in-memory BM25 structures built from them.
//!
//! On disk a directory holds `manifest.json` (format version, search config and
//! per-document hash and source) and `documents.jsonl` (one [`Document`] per
//! line). Ingesting compares content hashes: unchanged documents keep their
//! cached tokens, changed and new ones are re-split and re-tokenised, and
//! documents that vanished from a source are removed. The BM25 statistics are
//! global, so they are rebuilt from the cached tokens after every change.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use frontdesk_embed::Embedder;
use serde::{Deserialize, Serialize};

use crate::bm25::{Bm25, Bm25Params};
use crate::dense::{self, Key, Retriever, VectorCache};
use crate::document::Document;
use crate::error::RetrievalError;
use crate::hit::Hit;
use crate::text::tokenize;

const MANIFEST: &str = "manifest.json";
const DOCUMENTS: &str = "documents.jsonl";
const FORMAT_VERSION: u32 = 1;

/// Tunables of ranking. Defaults are the values chosen by measurement on the
/// banking help-center dev tasks (see the crate docs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// BM25 parameters for passages.
    pub passage: Bm25Params,
    /// BM25 parameters for whole documents.
    pub document: Bm25Params,
    /// Weight of the (max-normalised) whole-document score added to each
    /// passage's (max-normalised) score; 0 ranks by passage text alone.
    pub document_weight: f32,
    /// How many times the title is repeated in each passage's indexed text.
    pub title_repeat: usize,
    /// Weight of the (max-normalised) BM25 score of the document's title
    /// alone, added like `document_weight`; 0 disables the title field.
    pub title_weight: f32,
    /// Weight of the family-overview boost: documents whose ids differ only
    /// in a trailing `_<number>` form a family (one product's articles), and
    /// the family's first id (its overview, e.g. `..._001`) gets this weight
    /// times the mean score of the family's best three documents added. 0
    /// disables it; documents without a numbered family are unaffected.
    pub family_boost: f32,
    /// Ranking used by [`Index::search`] and [`Index::rank_documents`] when
    /// an embedder is attached ([`Index::attach_embedder`]); without one,
    /// searches are BM25 whatever this says.
    pub retriever: Retriever,
}

impl Default for SearchConfig {
    fn default() -> Self {
        Self {
            passage: Bm25Params { k1: 1.2, b: 0.75 },
            document: Bm25Params { k1: 1.2, b: 0.75 },
            document_weight: 1.0,
            title_repeat: 2,
            title_weight: 0.3,
            family_boost: 0.3,
            retriever: DEFAULT_RETRIEVER,
        }
    }
}

/// What an ingest changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChangeSet {
    /// Ids of documents that were new.
    pub added: Vec<String>,
    /// Ids of documents whose content changed.
    pub updated: Vec<String>,
    /// Ids of documents removed because their source no longer has them.
    pub removed: Vec<String>,
    /// How many documents were identical and left alone.
    pub unchanged: usize,
}

impl ChangeSet {
    /// True if the ingest changed nothing.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty()
    }
}

/// A document-level ranking entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocScore {
    /// Document id.
    pub doc_id: String,
    /// Best passage score of the document (same scale as [`Hit::score`]).
    pub score: f32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    config: SearchConfig,
    documents: BTreeMap<String, ManifestEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestEntry {
    hash: String,
    source: String,
}

#[derive(Debug, Clone)]
struct Entry {
    doc: Document,
    passage_tokens: Vec<Vec<String>>,
    doc_tokens: Vec<String>,
    title_tokens: Vec<String>,
}

impl Entry {
    fn new(doc: Document, title_repeat: usize) -> Self {
        let title_tokens = tokenize(&doc.title);
        let mut doc_tokens = Vec::new();
        for _ in 0..title_repeat {
            doc_tokens.extend(title_tokens.iter().cloned());
        }
        let passage_tokens: Vec<Vec<String>> = doc
            .passages
            .iter()
            .map(|p| {
                let body = tokenize(&p.text);
                doc_tokens.extend(body.iter().cloned());
                let mut t = Vec::with_capacity(title_tokens.len() * title_repeat + body.len());
                for _ in 0..title_repeat {
                    t.extend(title_tokens.iter().cloned());
                }
                t.extend(body);
                t
            })
            .collect();
        Self {
            doc,
            passage_tokens,
            doc_tokens,
            title_tokens,
        }
    }
}

/// The retrieval index. Cheap to query from many threads (`&self`).
#[derive(Debug, Clone)]
pub struct Index {
    dir: Option<PathBuf>,
    config: SearchConfig,
    entries: BTreeMap<String, Entry>,
    /// Ids in ranking order of `doc_bm25` units.
    doc_ids: Vec<String>,
    /// (document position in `doc_ids`, passage position) per passage unit.
    passages: Vec<(u32, u32)>,
    passage_bm25: Bm25,
    doc_bm25: Bm25,
    /// BM25 over titles only, one unit per document (same order as `doc_ids`).
    title_bm25: Bm25,
    /// Family number of each document (same order as `doc_ids`).
    family: Vec<u32>,
    /// Per family: the position in `doc_ids` of its overview (first id) if the
    /// family has at least two documents.
    family_overview: Vec<Option<u32>>,
    /// Sentence embedder for dense / hybrid ranking (none: BM25 only).
    embedder: Option<Arc<Embedder>>,
    /// Passage vectors by content key (loaded from `embeddings.bin`).
    vectors: Option<VectorCache>,
    /// Embedding key of each passage unit (same order as `passages`).
    passage_keys: Vec<Key>,
    /// Row-major unit vectors of the passage units, when every passage has
    /// one (else empty).
    matrix: Vec<f32>,
    /// Passages embedded by this value so far (cache hits excluded).
    embedded_total: usize,
}

impl Index {
    /// An empty index that lives only in memory (tests, benchmarks).
    pub fn in_memory(config: SearchConfig) -> Self {
        Self {
            dir: None,
            config,
            entries: BTreeMap::new(),
            doc_ids: Vec::new(),
            passages: Vec::new(),
            passage_bm25: Bm25::default(),
            doc_bm25: Bm25::default(),
            title_bm25: Bm25::default(),
            family: Vec::new(),
            family_overview: Vec::new(),
            embedder: None,
            vectors: None,
            passage_keys: Vec::new(),
            matrix: Vec::new(),
            embedded_total: 0,
        }
    }

    /// Opens the index persisted in `dir`, or creates an empty one there
    /// (with the default [`SearchConfig`]).
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Self, RetrievalError> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir).map_err(|e| RetrievalError::io(dir, e))?;
        let manifest_path = dir.join(MANIFEST);
        if !manifest_path.exists() {
            let mut idx = Self::in_memory(SearchConfig::default());
            idx.dir = Some(dir.to_path_buf());
            idx.persist()?;
            return Ok(idx);
        }
        let raw = fs::read_to_string(&manifest_path)
            .map_err(|e| RetrievalError::io(&manifest_path, e))?;
        let manifest: Manifest =
            serde_json::from_str(&raw).map_err(|source| RetrievalError::Json {
                path: manifest_path.clone(),
                line: 0,
                source,
            })?;
        if manifest.version != FORMAT_VERSION {
            return Err(RetrievalError::InvalidDocument {
                path: manifest_path,
                reason: format!("unsupported index format version {}", manifest.version),
            });
        }
        let docs_path = dir.join(DOCUMENTS);
        let raw = fs::read_to_string(&docs_path).map_err(|e| RetrievalError::io(&docs_path, e))?;
        let mut idx = Self::in_memory(manifest.config);
        idx.dir = Some(dir.to_path_buf());
        idx.vectors = VectorCache::read(dir)?;
        for (n, line) in raw.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let doc: Document =
                serde_json::from_str(line).map_err(|source| RetrievalError::Json {
                    path: docs_path.clone(),
                    line: n + 1,
                    source,
                })?;
            let entry = Entry::new(doc, idx.config.title_repeat);
            idx.entries.insert(entry.doc.id.clone(), entry);
        }
        idx.rebuild();
        Ok(idx)
    }

    /// The ranking configuration.
    pub fn config(&self) -> &SearchConfig {
        &self.config
    }

    /// Sets [`SearchConfig::retriever`] (recorded in the manifest at the
    /// next persist).
    pub fn set_retriever(&mut self, retriever: Retriever) {
        self.config.retriever = retriever;
    }

    /// Number of documents.
    pub fn document_count(&self) -> usize {
        self.entries.len()
    }

    /// Number of passages.
    pub fn passage_count(&self) -> usize {
        self.passages.len()
    }

    /// A stored document by id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.entries.get(id).map(|e| &e.doc)
    }

    /// Replaces the documents of `source` with `docs`: adds new ids, re-indexes
    /// changed ones (by content hash), removes ids of this source that are not
    /// in `docs`, then rebuilds the ranking structures and persists (if the
    /// index has a directory). An id that already belongs to another source is
    /// taken over by this one.
    pub fn replace_source(
        &mut self,
        source: &str,
        docs: Vec<Document>,
    ) -> Result<ChangeSet, RetrievalError> {
        let mut changes = ChangeSet::default();
        let incoming: HashSet<String> = docs.iter().map(|d| d.id.clone()).collect();
        let stale: Vec<String> = self
            .entries
            .values()
            .filter(|e| e.doc.source == source && !incoming.contains(&e.doc.id))
            .map(|e| e.doc.id.clone())
            .collect();
        for id in stale {
            self.entries.remove(&id);
            changes.removed.push(id);
        }
        for mut doc in docs {
            doc.source = source.to_string();
            match self.entries.get(&doc.id) {
                Some(old) if old.doc.hash == doc.hash && old.doc.source == doc.source => {
                    changes.unchanged += 1;
                    continue;
                }
                Some(_) => changes.updated.push(doc.id.clone()),
                None => changes.added.push(doc.id.clone()),
            }
            let entry = Entry::new(doc, self.config.title_repeat);
            self.entries.insert(entry.doc.id.clone(), entry);
        }
        if !changes.is_empty() {
            self.rebuild();
            self.sync_vectors()?;
            self.persist()?;
        }
        Ok(changes)
    }

    /// Attaches a sentence embedder: embeds every passage whose vector is not
    /// already cached (on disk or in memory), drops vectors of passages that
    /// no longer exist, persists `embeddings.bin` (if the index has a
    /// directory), and from then on ranks with [`SearchConfig::retriever`].
    /// Later ingests embed only new or changed passages. Returns how many
    /// passages were embedded now.
    pub fn attach_embedder(&mut self, embedder: Arc<Embedder>) -> Result<usize, RetrievalError> {
        self.embedder = Some(embedder);
        let n = self.sync_vectors()?;
        if n > 0 {
            self.persist_vectors()?;
        }
        Ok(n)
    }

    /// [`Index::attach_embedder`] with the model [`frontdesk_embed::locate`]
    /// finds (never downloads). Returns `false`, leaving the index BM25-only
    /// exactly as before, when no model is found or it fails to load or run.
    pub fn attach_local_embedder(&mut self) -> bool {
        let Some(dir) = frontdesk_embed::locate() else {
            return false;
        };
        let Ok(embedder) = Embedder::load(&dir) else {
            return false;
        };
        if self.attach_embedder(Arc::new(embedder)).is_err() {
            self.detach_embedder();
            return false;
        }
        true
    }

    /// Drops the embedder: searches are BM25 again (cached vectors are kept).
    pub fn detach_embedder(&mut self) {
        self.embedder = None;
        self.matrix.clear();
    }

    /// True when dense and hybrid ranking are available (an embedder is
    /// attached and every passage has a vector).
    pub fn has_dense(&self) -> bool {
        self.embedder.is_some() && !self.passages.is_empty() && !self.matrix.is_empty()
    }

    /// How many passages this index has run through the embedder since it
    /// was opened (vectors found in `embeddings.bin` do not count).
    pub fn embedded_total(&self) -> usize {
        self.embedded_total
    }

    /// The attached embedder, if any.
    pub fn embedder(&self) -> Option<&Arc<Embedder>> {
        self.embedder.as_ref()
    }

    /// The ranking [`Index::search`] uses now: [`SearchConfig::retriever`]
    /// when [`Index::has_dense`], else BM25.
    pub fn active_retriever(&self) -> Retriever {
        if self.has_dense() {
            self.config.retriever
        } else {
            Retriever::Bm25
        }
    }

    /// Embeds the passages that have no cached vector (if an embedder is
    /// attached), prunes vectors of vanished passages and rebuilds the
    /// passage matrix. Returns how many passages were embedded.
    fn sync_vectors(&mut self) -> Result<usize, RetrievalError> {
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

    fn passage_embed_text(&self, unit: usize) -> Option<String> {
        let (d, p) = *self.passages.get(unit)?;
        let entry = self.entries.get(self.doc_ids.get(d as usize)?)?;
        let passage = entry.doc.passages.get(p as usize)?;
        Some(dense::passage_text(
            &entry.doc.title,
            &passage.section,
            &passage.text,
        ))
    }

    fn persist_vectors(&self) -> Result<(), RetrievalError> {
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

    fn rebuild(&mut self) {
        self.doc_ids = self.entries.keys().cloned().collect();
        self.passages.clear();
        for (d, entry) in self.entries.values().enumerate() {
            for p in 0..entry.passage_tokens.len() {
                self.passages.push((d as u32, p as u32));
            }
        }
        self.passage_bm25 = Bm25::build(
            self.config.passage,
            self.entries
                .values()
                .flat_map(|e| e.passage_tokens.iter().map(|t| t.as_slice())),
        );
        self.doc_bm25 = Bm25::build(
            self.config.document,
            self.entries.values().map(|e| e.doc_tokens.as_slice()),
        );
        self.title_bm25 = Bm25::build(
            self.config.document,
            self.entries.values().map(|e| e.title_tokens.as_slice()),
        );
        self.build_families();
        let model = frontdesk_embed::MODEL_NAME;
        self.passage_keys = (0..self.passages.len())
            .map(|unit| {
                let text = self.passage_embed_text(unit).unwrap_or_default();
                dense::key(model, &text)
            })
            .collect();
        self.matrix.clear();
    }

    /// Groups documents into families by [`family_key`]; ids are sorted, so
    /// a family's first member is its lowest-numbered document.
    fn build_families(&mut self) {
        let mut keys: HashMap<&str, u32> = HashMap::new();
        let mut first: Vec<u32> = Vec::new();
        let mut size: Vec<u32> = Vec::new();
        self.family = Vec::with_capacity(self.doc_ids.len());
        for (d, id) in self.doc_ids.iter().enumerate() {
            let next = u32::try_from(first.len()).unwrap_or(u32::MAX);
            let f = *keys.entry(family_key(id)).or_insert(next);
            if f == next {
                first.push(d as u32);
                size.push(0);
            }
            if let Some(n) = size.get_mut(f as usize) {
                *n += 1;
            }
            self.family.push(f);
        }
        self.family_overview = first
            .into_iter()
            .zip(size)
            .map(|(d, n)| (n >= 2).then_some(d))
            .collect();
    }

    fn persist(&self) -> Result<(), RetrievalError> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        let mut docs = Vec::new();
        for e in self.entries.values() {
            serde_json::to_writer(&mut docs, &e.doc).map_err(RetrievalError::Serialize)?;
            docs.push(b'\n');
        }
        write_atomic(&dir.join(DOCUMENTS), &docs)?;
        let manifest = Manifest {
            version: FORMAT_VERSION,
            config: self.config,
            documents: self
                .entries
                .values()
                .map(|e| {
                    (
                        e.doc.id.clone(),
                        ManifestEntry {
                            hash: e.doc.hash.clone(),
                            source: e.doc.source.clone(),
                        },
                    )
                })
                .collect(),
        };
        let json = serde_json::to_vec_pretty(&manifest).map_err(RetrievalError::Serialize)?;
        write_atomic(&dir.join(MANIFEST), &json)?;
        self.persist_vectors()
    }

    /// Fused score per passage unit: normalised passage BM25 plus
    /// `document_weight` times normalised document BM25 of its document plus
    /// `title_weight` times normalised title BM25 of its document, plus the
    /// family-overview boost for overview documents.
    fn fused_scores(&self, terms: &BTreeMap<String, f32>) -> Vec<f32> {
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
    fn add_family_boost(&self, fused: &mut [f32]) {
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
    fn document_scores(&self, terms: &BTreeMap<String, f32>) -> Vec<f32> {
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
    fn unit_scores(
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

/// Words per query chunk embedded separately by [`Index::embed_query`]
/// (40 and 80 measured alike; 40 was picked on the tuning half).
pub const QUERY_CHUNK_WORDS: usize = 40;

/// [`SearchConfig::retriever`] by default, used only once an embedder is
/// attached: min-max score fusion with dense weight 0.5, picked on the
/// first half of the banking dev tasks (see the crate README).
pub const DEFAULT_RETRIEVER: Retriever =
    Retriever::Hybrid(crate::dense::Fusion::MinMax { dense_weight: 0.5 });

/// How many of a family's best documents its score averages.
const FAMILY_TOP: usize = 3;

/// The family of a document id: the id without a trailing `_<digits>`
/// (`doc_savings_accounts_gold_account_001` -> `doc_savings_accounts_gold_account`);
/// ids without such a suffix are their own family.
fn family_key(id: &str) -> &str {
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
fn top_k(scores: &[f32], k: usize) -> Vec<(usize, f32)> {
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

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), RetrievalError> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp).map_err(|e| RetrievalError::io(&tmp, e))?;
    f.write_all(bytes)
        .map_err(|e| RetrievalError::io(&tmp, e))?;
    f.sync_all().map_err(|e| RetrievalError::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| RetrievalError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(id: &str, title: &str, content: &str) -> Document {
        Document::from_markdown(id, title, "", content)
    }

    fn sample() -> Index {
        let mut idx = Index::in_memory(SearchConfig::default());
        idx.replace_source(
            "s",
            vec![
                doc("refunds", "Refund policy", "## Refunds\nRefunds go to the original payment method within 5 days.\n## Gift cards\nGift card refunds are immediate."),
                doc("cards", "Card limits", "Your credit limit depends on income."),
                doc("travel", "Travel notices", "Tell us before you travel abroad."),
            ],
        )
        .unwrap();
        idx
    }

    #[test]
    fn search_returns_cited_relevant_passage() {
        let idx = sample();
        let hits = idx.search("how long does a refund to my payment method take", 3);
        assert_eq!(hits[0].doc_id, "refunds");
        assert_eq!(hits[0].section, "Refunds");
        assert!(hits[0].confidence > 0.3 && hits[0].confidence <= 1.0);
        assert!(idx.search("zebra quantum", 3).is_empty());
        assert_eq!(
            idx.rank_documents("credit limit income", 1)[0].doc_id,
            "cards"
        );
    }

    #[test]
    fn replace_source_reports_changes() {
        let mut idx = sample();
        let c = idx
            .replace_source(
                "s",
                vec![
                    doc("refunds", "Refund policy", "## Refunds\nRefunds go to the original payment method within 5 days.\n## Gift cards\nGift card refunds are immediate."),
                    doc("cards", "Card limits", "Your credit limit depends on income and history."),
                    doc("new", "New doc", "Fresh content."),
                ],
            )
            .unwrap();
        assert_eq!(c.added, vec!["new"]);
        assert_eq!(c.updated, vec!["cards"]);
        assert_eq!(c.removed, vec!["travel"]);
        assert_eq!(c.unchanged, 1);
        assert!(idx.search("travel abroad", 5).is_empty());
    }

    #[test]
    fn corrupt_or_foreign_index_directories_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let idx = Index::open_or_create(dir.path()).unwrap();
        assert_eq!(idx.document_count(), 0);
        fs::write(dir.path().join(MANIFEST), "{not json").unwrap();
        assert!(matches!(
            Index::open_or_create(dir.path()),
            Err(RetrievalError::Json { .. })
        ));
        let future = r#"{"version":99,"config":{},"documents":{}}"#;
        fs::write(dir.path().join(MANIFEST), future).unwrap();
        assert!(matches!(
            Index::open_or_create(dir.path()),
            Err(RetrievalError::InvalidDocument { .. })
        ));
    }

    #[test]
    fn family_keys_strip_only_a_numeric_suffix() {
        assert_eq!(family_key("doc_gold_account_001"), "doc_gold_account");
        assert_eq!(family_key("doc_gold_account_12"), "doc_gold_account");
        assert_eq!(
            family_key("policy#return-delivered-order"),
            "policy#return-delivered-order"
        );
        assert_eq!(family_key("doc_gold_account_v2"), "doc_gold_account_v2");
        assert_eq!(family_key("_001"), "_001");
        assert_eq!(family_key("doc_"), "doc_");
    }

    #[test]
    fn family_overview_is_lifted_by_its_matching_siblings() {
        let docs = || {
            vec![
                doc(
                    "gold_001",
                    "Gold account",
                    "Getting started: eligibility for savings.",
                ),
                doc(
                    "gold_002",
                    "Gold account",
                    "Interest rate tiers for savings balances.",
                ),
                doc(
                    "gold_003",
                    "Gold account",
                    "Interest is paid monthly on savings.",
                ),
                doc(
                    "other",
                    "Savings interest",
                    "Interest on savings, compared.",
                ),
            ]
        };
        let q = "savings interest rate";
        let mut plain = Index::in_memory(SearchConfig {
            family_boost: 0.0,
            ..SearchConfig::default()
        });
        plain.replace_source("s", docs()).unwrap();
        let mut boosted = Index::in_memory(SearchConfig::default());
        boosted.replace_source("s", docs()).unwrap();
        let score = |idx: &Index, id: &str| {
            idx.rank_documents(q, 4)
                .into_iter()
                .find(|d| d.doc_id == id)
                .map(|d| d.score)
                .unwrap()
        };
        // The overview gains; the other documents keep their scores.
        assert!(score(&boosted, "gold_001") > score(&plain, "gold_001") + 0.05);
        for id in ["gold_002", "gold_003", "other"] {
            assert!(
                (score(&boosted, id) - score(&plain, id)).abs() < 1e-6,
                "{id}"
            );
        }
        assert_eq!(boosted.search("zebra", 3), Vec::new());
    }

    #[test]
    fn without_an_embedder_every_retriever_is_bm25() {
        let plain = sample();
        let cfg = SearchConfig {
            retriever: Retriever::Hybrid(crate::dense::Fusion::Rrf {
                k: 60.0,
                dense_weight: 1.0,
            }),
            ..SearchConfig::default()
        };
        let mut hybrid = Index::in_memory(cfg);
        hybrid
            .replace_source(
                "s",
                vec![
                    doc("refunds", "Refund policy", "## Refunds\nRefunds go to the original payment method within 5 days.\n## Gift cards\nGift card refunds are immediate."),
                    doc("cards", "Card limits", "Your credit limit depends on income."),
                    doc("travel", "Travel notices", "Tell us before you travel abroad."),
                ],
            )
            .unwrap();
        assert!(!hybrid.has_dense());
        assert_eq!(hybrid.active_retriever(), Retriever::Bm25);
        assert!(hybrid.embed_query("refund").is_none());
        for q in ["refund to my payment method", "credit limit", "zebra"] {
            assert_eq!(hybrid.search(q, 3), plain.search(q, 3));
            assert_eq!(
                hybrid.search_with(q, 3, Retriever::Dense),
                plain.search(q, 3)
            );
            assert_eq!(hybrid.rank_documents(q, 3), plain.rank_documents(q, 3));
        }
    }

    #[test]
    fn search_config_with_a_retriever_round_trips_and_old_manifests_load() {
        for r in [
            Retriever::Bm25,
            Retriever::Dense,
            Retriever::Hybrid(crate::dense::Fusion::MinMax { dense_weight: 0.5 }),
            Retriever::Hybrid(crate::dense::Fusion::Rrf {
                k: 60.0,
                dense_weight: 1.0,
            }),
        ] {
            let cfg = SearchConfig {
                retriever: r,
                ..SearchConfig::default()
            };
            let json = serde_json::to_string(&cfg).unwrap();
            let back: SearchConfig = serde_json::from_str(&json).unwrap();
            assert_eq!(back, cfg, "{json}");
        }
        // A manifest config written before the retriever field existed.
        let old = r#"{"passage":{"k1":1.2,"b":0.75},"document":{"k1":1.2,"b":0.75},"document_weight":1.0,"title_repeat":2,"title_weight":0.3,"family_boost":0.3}"#;
        let cfg: SearchConfig = serde_json::from_str(old).unwrap();
        assert_eq!(cfg.retriever, DEFAULT_RETRIEVER);
    }

    proptest! {
        #[test]
        fn top_k_is_sorted_positive_and_bounded(scores in proptest::collection::vec(-1.0f32..10.0, 0..50), k in 0usize..20) {
            let top = top_k(&scores, k);
            prop_assert!(top.len() <= k);
            prop_assert!(top.windows(2).all(|w| w[0].1 >= w[1].1));
            prop_assert!(top.iter().all(|(_, s)| *s > 0.0));
            let positives = scores.iter().filter(|s| **s > 0.0).count();
            prop_assert_eq!(top.len(), k.min(positives));
        }
    }
}
