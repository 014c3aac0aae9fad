//! The persisted retrieval index: documents, their passages, a manifest of
//! content hashes, and the in-memory BM25 structures built from them.
//!
//! On disk a directory holds `manifest.json` (format version, search config and
//! per-document hash and source) and `documents.jsonl` (one [`Document`] per
//! line). Ingesting compares content hashes: unchanged documents keep their
//! cached tokens, changed and new ones are re-split and re-tokenised, and
//! documents that vanished from a source are removed. The BM25 statistics are
//! global, so they are rebuilt from the cached tokens after every change.
//!
//! The folder splits the index along its concerns: this module holds the
//! types, construction and sources; [`vectors`] the passage embeddings;
//! [`build`] the BM25 structures and what is written to disk; [`search`]
//! the scoring and ranking.

mod build;
mod search;
#[cfg(test)]
mod tests;
mod vectors;

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
}

/// Words per query chunk embedded separately by [`Index::embed_query`]
/// (40 and 80 measured alike; 40 was picked on the tuning half).
pub const QUERY_CHUNK_WORDS: usize = 40;

/// [`SearchConfig::retriever`] by default, used only once an embedder is
/// attached: min-max score fusion with dense weight 0.5, picked on the
/// first half of the banking dev tasks (see the crate README).
pub const DEFAULT_RETRIEVER: Retriever =
    Retriever::Hybrid(crate::dense::Fusion::MinMax { dense_weight: 0.5 });
