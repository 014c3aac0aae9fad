//! The persisted limits: the per-conversation window and the per-customer daily cap, in
//! tables `write_reservations`, `write_conversations` and `write_ledger` (`migrations/`),
//! through sqlx's `Any` driver so one code path runs on SQLite and PostgreSQL. Every
//! instance of the stage shares them, and they survive restarts.
//!
//! A reservation is one transaction: insert the reservation row by idempotency key
//! (`ON CONFLICT DO NOTHING`: a redelivery finds the earlier one and re-uses it); lock the
//! conversation's row (an upsert of `write_conversations`, so two instances writing for one
//! conversation count one after the other) and count its reservations within the window;
//! then increment the customer's count for the day in one statement that cannot pass the cap:
//! `INSERT ... ON CONFLICT (customer_id, day) DO UPDATE SET count = count + 1 WHERE count <
//! cap RETURNING count`. No row back means the cap is reached and the transaction rolls back.
//! PostgreSQL locks the conflicting row and re-checks the `WHERE` on its latest version;
//! SQLite serialises writers. So several instances racing never exceed the cap.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

use crate::error::LimitsError;
use crate::request::{Reservation, WriteRequest};

/// The schema files, in order (forward-only: new files, never edits).
const SCHEMA: [&str; 2] = [
    include_str!("../migrations/0001_write_ledger.sql"),
    include_str!("../migrations/0002_conversation_window.sql"),
];

/// What [`Ledger::reserve`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReserveOutcome {
    /// A new slot was taken.
    Reserved(Reservation),
    /// The idempotency key already held a slot; it is returned (`reused = true`).
    Reused(Reservation),
    /// The customer's count for the day is at the cap; nothing was written.
    CapReached,
    /// The conversation has this many writes within its window already; nothing was written.
    ConversationLimit(i64),
}

/// The persisted limits a reservation must stay within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReserveLimits {
    /// Writes per customer per UTC day (at least 1).
    pub daily_cap: u32,
    /// Writes per conversation within `conversation_window_ms`.
    pub conversation_max_writes: u32,
    /// The conversation's sliding window, in milliseconds.
    pub conversation_window_ms: i64,
}

/// A handle on the ledger tables; cheap to clone.
#[derive(Debug, Clone)]
pub struct Ledger {
    pool: AnyPool,
}

/// The schema's statements, comments dropped.
fn statements() -> impl Iterator<Item = String> {
    SCHEMA
        .iter()
        .flat_map(|file| file.split(';'))
        .map(|s| {
            s.lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|s| !s.trim().is_empty())
}

impl Ledger {
    /// Connects (for SQLite: WAL, a busy timeout, the file's directory created; use
    /// `?mode=rwc` to create the file) and creates the tables if missing.
    pub async fn connect(url: &str) -> Result<Ledger, LimitsError> {
        sqlx::any::install_default_drivers();
        let is_sqlite = url.starts_with("sqlite:");
        if is_sqlite {
            let path = url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            let path = path.split('?').next().unwrap_or_default();
            if let Some(dir) = Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    let _ = std::fs::create_dir_all(dir);
                }
            }
        }
        let opts = AnyConnectOptions::from_str(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if is_sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if is_sqlite {
                        for pragma in [
                            "PRAGMA busy_timeout=10000",
                            "PRAGMA journal_mode=WAL",
                            "PRAGMA synchronous=NORMAL",
                        ] {
                            sqlx::query(pragma).execute(&mut *conn).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        Ledger::from_pool(pool).await
    }

    /// Uses an existing pool (e.g. the state database's) and creates the tables if missing.
    pub async fn from_pool(pool: AnyPool) -> Result<Ledger, LimitsError> {
        sqlx::any::install_default_drivers();
        let ledger = Ledger { pool };
        ledger.ensure_schema().await?;
        Ok(ledger)
    }

    /// Runs the idempotent `CREATE ... IF NOT EXISTS` statements. On PostgreSQL two
    /// instances creating the same table at once can collide in the catalog, so a failure is
    /// retried a few times.
    async fn ensure_schema(&self) -> Result<(), LimitsError> {
        let mut attempt = 0;
        loop {
            let mut result = Ok(());
            for stmt in statements() {
                if let Err(e) = sqlx::query(&stmt).execute(&self.pool).await {
                    result = Err(e);
                    break;
                }
            }
            match result {
                Ok(()) => return Ok(()),
                Err(e) if attempt < 4 => {
                    attempt += 1;
                    tracing::debug!(%e, attempt, "Retrying the limits ledger schema.");
                    tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The pool.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The reservation held by an idempotency key, if any.
    pub async fn find(&self, idempotency_key: &str) -> Result<Option<Reservation>, LimitsError> {
        let row = sqlx::query(
            "SELECT idempotency_key, customer_id, day, action, count FROM write_reservations WHERE idempotency_key = $1",
        )
        .bind(idempotency_key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| reservation(&r, true)).transpose()
    }

    /// Takes one slot of the customer's `day` for the request, unless the idempotency key
    /// already holds one, the conversation has its writes for the window, or the customer's
    /// count is at the cap.
    pub async fn reserve(
        &self,
        req: &WriteRequest,
        day: &str,
        limits: ReserveLimits,
        now_ms: i64,
    ) -> Result<ReserveOutcome, LimitsError> {
        if limits.daily_cap == 0 {
            return Ok(ReserveOutcome::CapReached);
        }
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO write_reservations (idempotency_key, customer_id, day, action, conversation_id, ticket_id, count, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7) ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(&req.idempotency_key)
        .bind(&req.customer_id)
        .bind(day)
        .bind(&req.action)
        .bind(&req.conversation_id)
        .bind(&req.ticket_id)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            let row = sqlx::query(
                "SELECT idempotency_key, customer_id, day, action, count FROM write_reservations WHERE idempotency_key = $1",
            )
            .bind(&req.idempotency_key)
            .fetch_one(&mut *tx)
            .await?;
            tx.rollback().await?;
            return Ok(ReserveOutcome::Reused(reservation(&row, true)?));
        }
        // The conversation's row is locked until commit: concurrent reservations of one
        // conversation (two instances during a rebalance) count one after the other.
        sqlx::query(
            "INSERT INTO write_conversations (conversation_id, touched_at) VALUES ($1, $2) ON CONFLICT (conversation_id) DO UPDATE SET touched_at = $2",
        )
        .bind(&req.conversation_id)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
        let in_window: i64 = sqlx::query(
            "SELECT COUNT(*) FROM write_reservations WHERE conversation_id = $1 AND created_at > $2",
        )
        .bind(&req.conversation_id)
        .bind(now_ms - limits.conversation_window_ms)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        // The count includes this request's own row.
        if in_window > i64::from(limits.conversation_max_writes) {
            tx.rollback().await?;
            return Ok(ReserveOutcome::ConversationLimit(in_window - 1));
        }
        let counted = sqlx::query(
            "INSERT INTO write_ledger (customer_id, day, count, updated_at) VALUES ($1, $2, 1, $3) ON CONFLICT (customer_id, day) DO UPDATE SET count = write_ledger.count + 1, updated_at = $3 WHERE write_ledger.count < $4 RETURNING count",
        )
        .bind(&req.customer_id)
        .bind(day)
        .bind(now_ms)
        .bind(i64::from(limits.daily_cap))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(counted) = counted else {
            tx.rollback().await?;
            return Ok(ReserveOutcome::CapReached);
        };
        let count: i64 = counted.try_get(0)?;
        sqlx::query("UPDATE write_reservations SET count = $1 WHERE idempotency_key = $2")
            .bind(count)
            .bind(&req.idempotency_key)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(ReserveOutcome::Reserved(Reservation {
            idempotency_key: req.idempotency_key.clone(),
            customer_id: req.customer_id.clone(),
            day: day.to_owned(),
            action: req.action.clone(),
            count,
            reused: false,
        }))
    }

    /// Gives a slot back: deletes the reservation and decrements its day's count, in one
    /// transaction. Returns whether there was a reservation to release (a second release of
    /// the same key is a no-op).
    pub async fn release(&self, idempotency_key: &str, now_ms: i64) -> Result<bool, LimitsError> {
        let mut tx = self.pool.begin().await?;
        let deleted = sqlx::query(
            "DELETE FROM write_reservations WHERE idempotency_key = $1 RETURNING customer_id, day",
        )
        .bind(idempotency_key)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(deleted) = deleted else {
            tx.rollback().await?;
            return Ok(false);
        };
        let customer: String = deleted.try_get(0)?;
        let day: String = deleted.try_get(1)?;
        sqlx::query(
            "UPDATE write_ledger SET count = count - 1, updated_at = $1 WHERE customer_id = $2 AND day = $3 AND count > 0",
        )
        .bind(now_ms)
        .bind(customer)
        .bind(day)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The customer's count of writes on `day` (0 if none).
    pub async fn count(&self, customer_id: &str, day: &str) -> Result<i64, LimitsError> {
        let row = sqlx::query("SELECT count FROM write_ledger WHERE customer_id = $1 AND day = $2")
            .bind(customer_id)
            .bind(day)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => r.try_get(0)?,
            None => 0,
        })
    }

    /// Deletes ledger rows and reservations of days before `day` (`YYYY-MM-DD`); returns how
    /// many rows went. A redelivery older than that reserves anew.
    pub async fn prune_before(&self, day: &str) -> Result<u64, LimitsError> {
        let mut tx = self.pool.begin().await?;
        let a = sqlx::query("DELETE FROM write_reservations WHERE day < $1")
            .bind(day)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let b = sqlx::query("DELETE FROM write_ledger WHERE day < $1")
            .bind(day)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(a + b)
    }
}

fn reservation(row: &AnyRow, reused: bool) -> Result<Reservation, LimitsError> {
    Ok(Reservation {
        idempotency_key: row.try_get(0)?,
        customer_id: row.try_get(1)?,
        day: row.try_get(2)?,
        action: row.try_get(3)?,
        count: row.try_get(4)?,
        reused,
    })
}
