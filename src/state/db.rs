//! [`StateDb`]: the handle on the state database.

use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Row};

use super::batch::{finished_reader, writer, Job, Lookup, Params, Write, MAX_BATCH};
use super::error::StateError;
use super::key::TicketKey;
use crate::messages::{now_ms, Ticket, Turn};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/state");

/// A handle on the state database; cheap to clone.
#[derive(Clone, Debug)]
pub struct StateDb {
    pub(super) pool: AnyPool,
    writer: tokio::sync::mpsc::Sender<Job>,
    lookups: tokio::sync::mpsc::Sender<Lookup>,
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
    pub async fn is_finished(&self, key: &TicketKey) -> Result<bool, StateError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.lookups
            .send(Lookup {
                key: key.clone(),
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
        key: &TicketKey,
        conversation_id: &str,
        outcome: &str,
    ) -> Result<(), StateError> {
        self.write(Write::Finished {
            key: key.clone(),
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
