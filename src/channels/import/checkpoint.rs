//! Import checkpoints (`import_progress`): how many units of a source are done, so an
//! interrupted import resumes after them. A source is its path, size and modification
//! time: a file that changed (appended to, replaced) starts from the top again, and the
//! inbox keeps its already imported tickets from being published twice.

use std::path::Path;

use sqlx::{AnyPool, Row};

use crate::channels::origin::digest_id;
use crate::messages::now_ms;

/// The checkpoint table over the state database.
#[derive(Debug, Clone)]
pub struct Checkpoints {
    pool: AnyPool,
}

/// The identity of a source file or folder.
pub fn source_key(path: &Path, format: &str) -> std::io::Result<String> {
    let canonical = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&canonical)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let size = if meta.is_dir() {
        super::source::total_bytes(&canonical)
    } else {
        meta.len()
    };
    Ok(digest_id(&[
        &canonical.to_string_lossy(),
        &size.to_string(),
        &modified.to_string(),
        format,
    ]))
}

impl Checkpoints {
    /// The table in the state database behind `pool`.
    pub fn new(pool: AnyPool) -> Checkpoints {
        Checkpoints { pool }
    }

    /// Units of `source` done before (0 for a new source).
    pub async fn position(&self, source: &str) -> Result<u64, sqlx::Error> {
        let row = sqlx::query("SELECT position FROM import_progress WHERE source = $1")
            .bind(source)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| r.try_get::<i64, _>("position"))
            .transpose()?
            .map_or(0, |p| u64::try_from(p).unwrap_or(0)))
    }

    /// Records that the first `position` units of `source` are done.
    pub async fn save(&self, source: &str, position: u64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO import_progress (source, position, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at",
        )
        .bind(source)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
