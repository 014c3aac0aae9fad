//! The state database (sqlx): SQLite by default, PostgreSQL by URL.
//!
//! Tables (see `migrations/state/`): `conversations` (one row per thread, its state as
//! JSON), `turns` (what the customer and the agent said, idempotent per ticket and role),
//! and `processed_tickets` (tickets whose terminal record was acknowledged, so a
//! redelivered ticket does not produce a second outbound record).
//!
//! # Group commit
//! The per-ticket writes (`append_turn`, `mark_finished`) go through one writer task that
//! commits whatever is queued in one transaction; the per-ticket `is_finished` lookups
//! likewise share one `IN (...)` query. A caller's future resolves only after the
//! transaction holding its write committed, so durability is unchanged; what changes is that
//! hundreds of concurrent tickets share one commit (SQLite has one writer, and a commit per
//! ticket capped a stage at about two thousand tickets a second).

use std::path::Path;
use std::str::FromStr;

use serde::{de::DeserializeOwned, Serialize};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Row};

use crate::messages::{now_ms, Ticket, Turn};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/state");

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

/// A handle on the state database; cheap to clone.
#[derive(Clone, Debug)]
pub struct StateDb {
    pool: AnyPool,
    writer: tokio::sync::mpsc::Sender<Job>,
    lookups: tokio::sync::mpsc::Sender<Lookup>,
}

/// A queued "is this ticket finished?" question.
#[derive(Debug)]
struct Lookup {
    ticket_id: String,
    answer: tokio::sync::oneshot::Sender<Result<bool, String>>,
}

/// Answers queued lookups, as many as are waiting (up to [`MAX_BATCH`]) per query.
async fn finished_reader(
    pool: AnyPool,
    params: Params,
    mut rx: tokio::sync::mpsc::Receiver<Lookup>,
) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(l) => batch.push(l),
                Err(_) => break,
            }
        }
        // A few fixed statement sizes (the last id repeated to fill one), so the driver
        // prepares at most four statements rather than one per batch size.
        let size = padded(batch.len());
        let placeholders: Vec<String> = (1..=size).map(|i| params.nth(i)).collect();
        let sql = format!(
            "SELECT ticket_id FROM processed_tickets WHERE ticket_id IN ({})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for i in 0..size {
            query = query.bind(batch[i.min(batch.len() - 1)].ticket_id.as_str());
        }
        let found: Result<std::collections::HashSet<String>, String> = query
            .fetch_all(&pool)
            .await
            .map_err(|e| e.to_string())
            .and_then(|rows| {
                rows.iter()
                    .map(|r| r.try_get::<String, _>("ticket_id"))
                    .collect::<Result<_, _>>()
                    .map_err(|e| e.to_string())
            });
        for l in batch {
            let _ = l.answer.send(
                found
                    .as_ref()
                    .map(|f| f.contains(&l.ticket_id))
                    .map_err(Clone::clone),
            );
        }
    }
}

/// How a statement's parameters are written.
#[derive(Debug, Clone, Copy)]
enum Params {
    /// `$1, $2, ...` (PostgreSQL).
    Numbered,
    /// `?, ?, ...` bound in order (SQLite): sqlx looks each numbered name up in SQLite's
    /// parameter list, which is quadratic in a statement of hundreds of parameters.
    InOrder,
}

impl Params {
    /// The `i`-th (from 1) parameter.
    fn nth(self, i: usize) -> String {
        match self {
            Params::Numbered => format!("${i}"),
            Params::InOrder => "?".to_owned(),
        }
    }
}

/// Most writes committed in one transaction.
const MAX_BATCH: usize = 512;

/// The statement size a batch of `n` (1..=[`MAX_BATCH`]) rows or ids is padded to.
fn padded(n: usize) -> usize {
    match n {
        0..=1 => 1,
        2..=8 => 8,
        9..=64 => 64,
        _ => MAX_BATCH,
    }
}

/// Rows of one multi-row `processed_tickets` insert (4 parameters each).
const FINISHED_ROWS: usize = 128;

/// A per-ticket write, queued for the writer task.
#[derive(Debug)]
enum Write {
    Finished {
        ticket_id: String,
        conversation_id: String,
        outcome: String,
        at: i64,
    },
    Turn {
        conversation_id: String,
        ticket_id: String,
        channel: &'static str,
        customer_json: String,
        role: String,
        text: String,
        at: i64,
    },
}

#[derive(Debug)]
struct Job {
    write: Write,
    done: tokio::sync::oneshot::Sender<Result<(), String>>,
}

/// Commits queued writes, as many as are waiting (up to [`MAX_BATCH`]) per transaction.
async fn writer(pool: AnyPool, params: Params, mut rx: tokio::sync::mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let result = commit(&pool, params, &batch)
            .await
            .map_err(|e| e.to_string());
        for job in batch {
            let _ = job.done.send(result.clone());
        }
    }
}

async fn commit(pool: &AnyPool, params: Params, batch: &[Job]) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Finished marks go in multi-row inserts: one statement per up to FINISHED_ROWS
    // tickets rather than one round trip to the driver each.
    let finished: Vec<&Write> = batch
        .iter()
        .map(|j| &j.write)
        .filter(|w| matches!(w, Write::Finished { .. }))
        .collect();
    for chunk in finished.chunks(FINISHED_ROWS) {
        let rows = padded(chunk.len()).min(FINISHED_ROWS);
        let values: Vec<String> = (0..rows)
            .map(|r| {
                let b = r * 4;
                format!(
                    "({}, {}, {}, {})",
                    params.nth(b + 1),
                    params.nth(b + 2),
                    params.nth(b + 3),
                    params.nth(b + 4)
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO processed_tickets (ticket_id, conversation_id, outcome, finished_at) VALUES {} ON CONFLICT (ticket_id) DO NOTHING",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        // Padding repeats the last row, which the conflict clause ignores.
        for r in 0..rows {
            if let Write::Finished {
                ticket_id,
                conversation_id,
                outcome,
                at,
            } = chunk[r.min(chunk.len() - 1)]
            {
                query = query
                    .bind(ticket_id.as_str())
                    .bind(conversation_id.as_str())
                    .bind(outcome.as_str())
                    .bind(*at);
            }
        }
        query.execute(&mut *tx).await?;
    }
    for job in batch {
        if let Write::Turn {
            conversation_id,
            ticket_id,
            channel,
            customer_json,
            role,
            text,
            at,
        } = &job.write
        {
            sqlx::query(
                "INSERT INTO conversations (conversation_id, channel, customer_json, state_json, created_at, updated_at) VALUES ($1, $2, $3, '{}', $4, $4) ON CONFLICT (conversation_id) DO UPDATE SET updated_at = $4",
            )
            .bind(conversation_id)
            .bind(*channel)
            .bind(customer_json)
            .bind(*at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO turns (conversation_id, ticket_id, role, body, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id, ticket_id, role) DO NOTHING",
            )
            .bind(conversation_id)
            .bind(ticket_id)
            .bind(role)
            .bind(text)
            .bind(*at)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await
}

impl StateDb {
    /// Connects (creating the SQLite file and its directory if needed) and migrates.
    pub async fn connect(url: &str, max_connections: u32) -> Result<StateDb, StateError> {
        sqlx::any::install_default_drivers();
        if let Some(path) = sqlite_file(url) {
            if let Some(dir) = Path::new(&path).parent() {
                if !dir.as_os_str().is_empty() {
                    let _ = std::fs::create_dir_all(dir);
                }
            }
        }
        let opts = AnyConnectOptions::from_str(url)?;
        let is_sqlite = url.starts_with("sqlite:");
        let pool = AnyPoolOptions::new()
            .max_connections(if is_sqlite {
                1.max(max_connections.min(4))
            } else {
                max_connections
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if is_sqlite {
                        sqlx::query("PRAGMA journal_mode=WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA synchronous=NORMAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout=5000")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        MIGRATOR.run(&pool).await?;
        let (tx, rx) = tokio::sync::mpsc::channel(4 * MAX_BATCH);
        let params = if is_sqlite {
            Params::InOrder
        } else {
            Params::Numbered
        };
        tokio::spawn(writer(pool.clone(), params, rx));
        let (lookups, lookup_rx) = tokio::sync::mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(finished_reader(pool.clone(), params, lookup_rx));
        Ok(StateDb {
            pool,
            writer: tx,
            lookups,
        })
    }

    /// Queues `write` for the writer task and waits until its transaction committed.
    async fn write(&self, write: Write) -> Result<(), StateError> {
        let (done, committed) = tokio::sync::oneshot::channel();
        self.writer
            .send(Job { write, done })
            .await
            .map_err(|_| StateError::Batch("the state writer stopped".to_owned()))?;
        committed
            .await
            .map_err(|_| StateError::Batch("the state writer stopped".to_owned()))?
            .map_err(StateError::Batch)
    }

    /// The pool, for modules that keep their own tables here.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Whether the ticket's terminal record was already acknowledged.
    /// Concurrent lookups share one query (see "Group commit").
    pub async fn is_finished(&self, ticket_id: &str) -> Result<bool, StateError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.lookups
            .send(Lookup {
                ticket_id: ticket_id.to_owned(),
                answer,
            })
            .await
            .map_err(|_| StateError::Batch("the state reader stopped".to_owned()))?;
        answered
            .await
            .map_err(|_| StateError::Batch("the state reader stopped".to_owned()))?
            .map_err(StateError::Batch)
    }

    /// Records that the ticket's terminal record was acknowledged. Idempotent.
    pub async fn mark_finished(
        &self,
        ticket_id: &str,
        conversation_id: &str,
        outcome: &str,
    ) -> Result<(), StateError> {
        self.write(Write::Finished {
            ticket_id: ticket_id.to_owned(),
            conversation_id: conversation_id.to_owned(),
            outcome: outcome.to_owned(),
            at: now_ms(),
        })
        .await
    }

    /// Appends a turn (creating the conversation row if needed); the same ticket and role
    /// twice keeps the first.
    pub async fn append_turn(
        &self,
        ticket: &Ticket,
        role: &str,
        text: &str,
    ) -> Result<(), StateError> {
        self.write(Write::Turn {
            conversation_id: ticket.conversation_id.clone(),
            ticket_id: ticket.ticket_id.clone(),
            channel: ticket.channel.as_str(),
            customer_json: serde_json::to_string(&ticket.customer)
                .unwrap_or_else(|_| "{}".to_owned()),
            role: role.to_owned(),
            text: text.to_owned(),
            at: now_ms(),
        })
        .await
    }

    /// The conversation's turns, oldest first.
    pub async fn transcript(&self, conversation_id: &str) -> Result<Vec<Turn>, StateError> {
        let rows = sqlx::query(
            "SELECT role, body, at FROM turns WHERE conversation_id = $1 ORDER BY at, ticket_id, role DESC",
        )
        .bind(conversation_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Turn {
                    role: r.try_get("role")?,
                    text: r.try_get("body")?,
                    at: r.try_get("at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StateError::from)
    }

    /// The conversation's stored state, if any.
    pub async fn load_state<T: DeserializeOwned>(
        &self,
        conversation_id: &str,
    ) -> Result<Option<T>, StateError> {
        let row = sqlx::query("SELECT state_json FROM conversations WHERE conversation_id = $1")
            .bind(conversation_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let text: String = row.try_get("state_json")?;
        if text == "{}" {
            return Ok(None);
        }
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StateError::Corrupt {
                id: conversation_id.to_owned(),
                reason: e.to_string(),
            })
    }

    /// Replaces the conversation's stored state (the conversation row must exist).
    pub async fn save_state<T: Serialize>(
        &self,
        conversation_id: &str,
        state: &T,
    ) -> Result<(), StateError> {
        let text = serde_json::to_string(state).map_err(|e| StateError::Corrupt {
            id: conversation_id.to_owned(),
            reason: e.to_string(),
        })?;
        sqlx::query(
            "UPDATE conversations SET state_json = $1, updated_at = $2 WHERE conversation_id = $3",
        )
        .bind(text)
        .bind(now_ms())
        .bind(conversation_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

fn sqlite_file(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    if path.is_empty() || path == ":memory:" || path.starts_with("file:") {
        return None;
    }
    Some(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_are_found_for_directory_creation() {
        assert_eq!(
            sqlite_file("sqlite://.frontdesk/state.db?mode=rwc").as_deref(),
            Some(".frontdesk/state.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://x"), None);
    }
}
