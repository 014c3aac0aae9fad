//! The persistent store: an sqlx `AnyPool` (SQLite or PostgreSQL) holding users,
//! orders and products as JSON text rows keyed by id, seeded from the JSON
//! files; operations run in one transaction each, together with their
//! idempotency row and ledger row.

//!
//! - `tables` — the schema, the seed rows and bulk inserts.
//! - `rows` — reading and writing one entity's JSON row.
//! - `reads` — the read operations.
//! - `writes` — the write operations, with their idempotency and ledger rows.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};

use crate::ops::Operation;
use crate::seed::Seed;
use crate::StoreError;

mod reads;
mod rows;
mod tables;
mod writes;

use rows::parse_body;
use rows::resolve_url;
use tables::{restore_table, SeedRows, IDEMPOTENCY, LEDGER, ORDERS, PRODUCTS, SCHEMA, USERS};

/// One recorded write attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// Position in the ledger, from 1.
    pub seq: i64,
    /// The idempotency key the write came with, if any.
    pub idempotency_key: Option<String>,
    /// The operation's tool name.
    pub operation: String,
    /// The arguments as given.
    pub arguments: Value,
    /// Whether the write took effect.
    pub ok: bool,
    /// The returned entity, or the error body when `ok` is false.
    pub result: Value,
    /// UTC time of the write, RFC 3339.
    pub at: String,
}

struct Inner {
    pool: AnyPool,
    /// PostgreSQL (else SQLite): selects the statement that takes the write lock.
    postgres: bool,
    seed: SeedRows,
    /// Serialises writes (and digests) within this store.
    write_lock: tokio::sync::Mutex<()>,
    /// Keeps the temporary SQLite file of a `sqlite::memory:` store alive.
    _temp: Option<tempfile::TempDir>,
}

/// The retail sandbox store. Cheap to clone (shared handle).
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating the schema, and seeding from `data_dir` when empty) the
    /// store at `database_url`: `sqlite://path?mode=rwc`, `sqlite::memory:`
    /// (a private temporary file) or `postgres://...`.
    pub async fn open(database_url: &str, data_dir: &Path) -> Result<Store, StoreError> {
        Store::open_seeded(database_url, &Seed::load(data_dir)?).await
    }

    /// [`Store::open`] with an already loaded seed: what opening many stores (one per
    /// eval case) uses, so the seed files are parsed once.
    pub async fn open_seeded(database_url: &str, seed: &Seed) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let seed = SeedRows::new(seed)?;
        let (url, temp) = resolve_url(database_url)?;
        let sqlite = url.starts_with("sqlite:");
        let mut options = AnyPoolOptions::new().max_connections(if sqlite { 4 } else { 8 });
        if sqlite {
            // A shared-cache in-memory database lives only while a connection is open.
            options = options
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None);
            if temp.is_some() {
                // A private temporary store needs no durability.
                options = options.after_connect(|conn, _meta| {
                    Box::pin(async move {
                        sqlx::query("PRAGMA synchronous = OFF")
                            .execute(&mut *conn)
                            .await?;
                        Ok(())
                    })
                });
            }
        }
        let pool = options.connect(&url).await?;
        if sqlite && !url.contains("mode=memory") {
            // WAL lets readers proceed during a write; persistent per database file.
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await?;
        }
        for ddl in SCHEMA {
            sqlx::query(ddl).execute(&pool).await?;
        }
        let store = Store {
            inner: Arc::new(Inner {
                pool,
                postgres: !sqlite,
                seed,
                write_lock: tokio::sync::Mutex::new(()),
                _temp: temp,
            }),
        };
        let _guard = store.inner.write_lock.lock().await;
        let count: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {USERS}"))
            .fetch_one(&store.inner.pool)
            .await?
            .try_get(0)?;
        if count == 0 {
            let mut tx = store.inner.pool.begin().await?;
            store.insert_seed(&mut tx).await?;
            tx.commit().await?;
        }
        drop(_guard);
        Ok(store)
    }

    /// Closes the connection pool (needed before dropping a PostgreSQL database).
    pub async fn close(&self) {
        self.inner.pool.close().await;
    }

    /// Restores the seed state and clears the ledger and idempotency keys.
    ///
    /// Only rows that differ from the seed are rewritten (compared by their
    /// canonical text), so resetting after a few writes is cheap.
    pub async fn reset(&self) -> Result<(), StoreError> {
        let _guard = self.inner.write_lock.lock().await;
        let mut tx = self.inner.pool.begin().await?;
        let seed = &self.inner.seed;
        let users: Vec<Vec<&str>> = seed
            .users
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let orders: Vec<Vec<&str>> = seed
            .orders
            .iter()
            .map(|(id, b)| vec![id.as_str(), b.as_str()])
            .collect();
        let products: Vec<Vec<&str>> = seed
            .products
            .iter()
            .map(|(id, b)| vec![id.as_str(), b.as_str()])
            .collect();
        let tables: [(&str, &str, &[Vec<&str>], bool); 3] = [
            (
                USERS,
                "id, seq, email, first_name, last_name, zip, body",
                &users,
                true,
            ),
            (ORDERS, "id, body", &orders, false),
            (PRODUCTS, "id, seq, body", &products, true),
        ];
        for (table, columns, rows, with_seq) in tables {
            restore_table(&mut tx, table, columns, rows, with_seq).await?;
        }
        for table in [IDEMPOTENCY, LEDGER] {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Hex SHA-256 over users, orders and products (their canonical JSON
    /// bodies, sorted by id); independent of the ledger, idempotency keys and
    /// times.
    pub async fn digest(&self) -> Result<String, StoreError> {
        let _guard = self.inner.write_lock.lock().await;
        let mut h = Sha256::new();
        for table in [USERS, ORDERS, PRODUCTS] {
            let rows = sqlx::query(&format!("SELECT id, body FROM {table}"))
                .fetch_all(&self.inner.pool)
                .await?;
            let mut entries = Vec::with_capacity(rows.len());
            for r in rows {
                let id: String = r.try_get(0)?;
                let body: String = r.try_get(1)?;
                entries.push((id, body));
            }
            entries.sort();
            h.update(table.as_bytes());
            h.update(b"\n");
            for (id, body) in entries {
                h.update(id.as_bytes());
                h.update(b"\t");
                h.update(body.as_bytes());
                h.update(b"\n");
            }
        }
        Ok(hex::encode(h.finalize()))
    }

    /// Every write attempt since the last reset, oldest first.
    pub async fn ledger(&self) -> Result<Vec<LedgerEntry>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT seq, idem_key, operation, arguments, ok, outcome, created_at FROM {LEDGER} \
             ORDER BY seq"
        ))
        .fetch_all(&self.inner.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(LedgerEntry {
                seq: r.try_get(0)?,
                idempotency_key: r.try_get(1)?,
                operation: r.try_get(2)?,
                arguments: parse_body(&r.try_get::<String, _>(3)?)?,
                ok: r.try_get::<i64, _>(4)? != 0,
                result: parse_body(&r.try_get::<String, _>(5)?)?,
                at: r.try_get(6)?,
            });
        }
        Ok(out)
    }

    /// Runs the tau-bench retail tool `name` with `kwargs`.
    ///
    /// Reads return the tool's value (`find_user_id_*` a JSON string, the
    /// details a JSON object, `list_all_product_types` a name -> id object).
    /// Writes return the updated order (or user) and are atomic; with an
    /// `idempotency_key`, repeating the same request returns the first outcome
    /// without a second effect, and another request under the same key fails
    /// with [`StoreError::IdempotencyConflict`].
    pub async fn apply(
        &self,
        name: &str,
        kwargs: &Value,
        idempotency_key: Option<&str>,
    ) -> Result<Value, StoreError> {
        let op = Operation::from_name(name).ok_or_else(|| {
            StoreError::bad_request("unknown_operation", format!("unknown operation {name:?}"))
        })?;
        if op.is_write() {
            self.write(op, kwargs, idempotency_key).await
        } else {
            self.read(op, kwargs).await
        }
    }
}
