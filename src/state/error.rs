//! Errors of the state database, and what a stage makes of them.

use crate::runtime::StageError;

/// Errors of the state database. All are transient from a stage's point of view
/// (the database is a dependency), except a corrupt stored value.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The database failed.
    #[error("state database: {0}")]
    Db(#[from] sqlx::Error),
    /// Migrations failed.
    #[error("state migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The batch holding this write failed (the message is the database's).
    #[error("state database (batched write): {0}")]
    Batch(String),
    /// A stored value does not parse.
    #[error("corrupt state for {id}: {reason}")]
    Corrupt {
        /// Row id.
        id: String,
        /// Why.
        reason: String,
    },
}

/// A state database failure, as a stage sees it: a state that no longer parses cannot be
/// fixed by retrying (the record is dead-lettered and handed to a person); anything else
/// is the database being unavailable (retried within the runner's budget).
impl From<StateError> for StageError {
    fn from(e: StateError) -> StageError {
        match e {
            StateError::Corrupt { .. } => StageError::Permanent {
                kind: "state_unreadable",
                reason: e.to_string(),
            },
            other => StageError::Transient(other.to_string()),
        }
    }
}
