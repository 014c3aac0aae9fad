//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while loading data, training or evaluating.
#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    /// A data file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A JSONL line did not parse.
    #[error("{path}:{line}: invalid JSON line: {source}")]
    Json {
        /// The file being read.
        path: String,
        /// 1-based line number.
        line: usize,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// A CSV file did not parse.
    #[error("{path}: invalid CSV: {source}")]
    Csv {
        /// The file being read.
        path: String,
        /// The parse error.
        #[source]
        source: csv::Error,
    },
    /// A CSV file lacks the expected column.
    #[error("{path}: no column named {column:?}")]
    MissingColumn {
        /// The file being read.
        path: String,
        /// The column that was expected.
        column: String,
    },
    /// Training data is unusable (empty, or only one class).
    #[error("cannot train: {0}")]
    Training(String),
    /// The augmentation grammar is invalid.
    #[error("augmentation templates: {0}")]
    Templates(String),
    /// A saved detector is unreadable or inconsistent.
    #[error("{path}: {reason}")]
    Model {
        /// The model file (or directory).
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A model file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A labelled span does not fit its text.
    #[error("{path}:{line}: span {start}..{end} is outside the text")]
    BadSpan {
        /// The file being read.
        path: String,
        /// 1-based line number.
        line: usize,
        /// Span start (characters).
        start: usize,
        /// Span end (characters).
        end: usize,
    },
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, GuardError>;
