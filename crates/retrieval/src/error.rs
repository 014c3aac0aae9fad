//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while ingesting, persisting or evaluating.
#[derive(Debug, thiserror::Error)]
pub enum RetrievalError {
    /// A file or directory could not be read or written.
    #[error("i/o error on {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A JSON or JSONL input line could not be parsed.
    #[error("invalid JSON in {path} at line {line}: {source}")]
    Json {
        /// The file being parsed.
        path: PathBuf,
        /// 1-based line number (0 for whole-file JSON).
        line: usize,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// The persisted index could not be serialised.
    #[error("could not serialise the index: {0}")]
    Serialize(#[source] serde_json::Error),
    /// An input document is unusable (empty id, duplicate id in one source...).
    #[error("invalid document in {path}: {reason}")]
    InvalidDocument {
        /// The source file.
        path: PathBuf,
        /// Why it was rejected.
        reason: String,
    },
    /// The sentence embedder failed on a passage.
    #[error("embedding failed: {0}")]
    Embed(String),
}

impl RetrievalError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
