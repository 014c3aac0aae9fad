//! The errors of the gate.

/// What went wrong while checking or reserving a write. A [`crate::Decision::Deny`] is not an
/// error: these are failures to decide.
#[derive(Debug, thiserror::Error)]
pub enum LimitsError {
    /// The ledger database failed (a dependency: retrying can help).
    #[error("limits ledger database: {0}")]
    Db(#[from] sqlx::Error),
    /// The configuration does not parse or is inconsistent (fix the config; no retry helps).
    #[error("invalid limits config: {0}")]
    Config(String),
    /// The write request lacks a field the gate keys on (a caller bug; no retry helps).
    #[error("invalid write request: {0}")]
    InvalidRequest(String),
}

impl LimitsError {
    /// Whether retrying the same call can succeed (only a database failure is transient).
    pub fn is_transient(&self) -> bool {
        matches!(self, LimitsError::Db(_))
    }
}
