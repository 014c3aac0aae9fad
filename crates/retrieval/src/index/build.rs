//! Building the BM25 structures of an [`Index`] from its cached tokens, and writing it to disk.

use super::search::family_key;
use super::*;

impl Index {
    pub(super) fn rebuild(&mut self) {
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
    pub(super) fn build_families(&mut self) {
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

    pub(super) fn persist(&self) -> Result<(), RetrievalError> {
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
}

pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), RetrievalError> {
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp).map_err(|e| RetrievalError::io(&tmp, e))?;
    f.write_all(bytes)
        .map_err(|e| RetrievalError::io(&tmp, e))?;
    f.sync_all().map_err(|e| RetrievalError::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| RetrievalError::io(path, e))
}
