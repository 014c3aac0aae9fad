//! The persistent store: an sqlx `AnyPool` (SQLite or PostgreSQL) holding users,
//! orders and products as JSON text rows keyed by id, seeded from the JSON
//! files; operations run in one transaction each, together with their
//! idempotency row and ledger row.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use sqlx::any::AnyPoolOptions;
use sqlx::AnyConnection;
use sqlx::{AnyPool, Row};

use crate::canonical::{canonical_json, request_hash};
use crate::ops::{self, Operation};
use crate::seed::Seed;
use crate::StoreError;

const USERS: &str = "sandbox_users";
const ORDERS: &str = "sandbox_orders";
const PRODUCTS: &str = "sandbox_products";
const IDEMPOTENCY: &str = "sandbox_idempotency";
const LEDGER: &str = "sandbox_ledger";

const SCHEMA: [&str; 5] = [
    "CREATE TABLE IF NOT EXISTS sandbox_users (id TEXT PRIMARY KEY, seq BIGINT NOT NULL, \
     email TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL, zip TEXT NOT NULL, \
     body TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sandbox_orders (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sandbox_products (id TEXT PRIMARY KEY, seq BIGINT NOT NULL, \
     body TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sandbox_idempotency (idem_key TEXT PRIMARY KEY, \
     request_hash TEXT NOT NULL, response TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sandbox_ledger (seq BIGINT PRIMARY KEY, idem_key TEXT, \
     operation TEXT NOT NULL, arguments TEXT NOT NULL, ok BIGINT NOT NULL, outcome TEXT NOT NULL, \
     created_at TEXT NOT NULL)",
];

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

/// Seed rows, serialised once so that a reset is a few bulk inserts.
struct SeedRows {
    users: Vec<[String; 6]>,
    orders: Vec<(String, String)>,
    products: Vec<(String, String)>,
}

impl SeedRows {
    fn new(seed: &Seed) -> Result<SeedRows, StoreError> {
        let body = |v: &Value| -> Result<String, StoreError> { Ok(canonical_json(v)) };
        let mut users = Vec::with_capacity(seed.users.len());
        for (id, u) in &seed.users {
            let [email, first, last, zip] = user_columns(u);
            users.push([id.clone(), email, first, last, zip, body(u)?]);
        }
        let mut orders = Vec::with_capacity(seed.orders.len());
        for (id, o) in &seed.orders {
            orders.push((id.clone(), body(o)?));
        }
        let mut products = Vec::with_capacity(seed.products.len());
        for (id, p) in &seed.products {
            products.push((id.clone(), body(p)?));
        }
        Ok(SeedRows {
            users,
            orders,
            products,
        })
    }
}

/// The lookup columns kept beside a user's JSON body.
fn user_columns(u: &Value) -> [String; 4] {
    let s = |p: &[&str]| {
        let mut v = u;
        for k in p {
            v = match v.get(k) {
                Some(x) => x,
                None => return String::new(),
            };
        }
        v.as_str().unwrap_or_default().to_owned()
    };
    [
        s(&["email"]),
        s(&["name", "first_name"]),
        s(&["name", "last_name"]),
        s(&["address", "zip"]),
    ]
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

/// Write operations with their parsed arguments.
enum WriteArgs {
    Cancel(ops::CancelArgs),
    OrderAddress(ops::OrderAddressArgs),
    Payment(ops::PaymentArgs),
    Items(ops::ItemsArgs),
    Exchange(ops::ItemsArgs),
    Return(ops::ReturnArgs),
    UserAddress(ops::UserAddressArgs),
}

impl WriteArgs {
    fn parse(op: Operation, kwargs: &Value) -> Result<WriteArgs, StoreError> {
        use ops::parse_args as p;
        Ok(match op {
            Operation::CancelPendingOrder => WriteArgs::Cancel(p(op, kwargs)?),
            Operation::ModifyPendingOrderAddress => WriteArgs::OrderAddress(p(op, kwargs)?),
            Operation::ModifyPendingOrderPayment => WriteArgs::Payment(p(op, kwargs)?),
            Operation::ModifyPendingOrderItems => WriteArgs::Items(p(op, kwargs)?),
            Operation::ExchangeDeliveredOrderItems => WriteArgs::Exchange(p(op, kwargs)?),
            Operation::ReturnDeliveredOrderItems => WriteArgs::Return(p(op, kwargs)?),
            Operation::ModifyUserAddress => WriteArgs::UserAddress(p(op, kwargs)?),
            _ => {
                return Err(StoreError::bad_request(
                    "not_a_write",
                    format!("{} is not a write", op.name()),
                ))
            }
        })
    }

    fn order_id(&self) -> Option<&str> {
        match self {
            WriteArgs::Cancel(a) => Some(&a.order_id),
            WriteArgs::OrderAddress(a) => Some(&a.order_id),
            WriteArgs::Payment(a) => Some(&a.order_id),
            WriteArgs::Items(a) | WriteArgs::Exchange(a) => Some(&a.order_id),
            WriteArgs::Return(a) => Some(&a.order_id),
            WriteArgs::UserAddress(_) => None,
        }
    }
}

/// Turns `sqlite::memory:` into a private temporary file (several stores may
/// live in one process; an in-memory database must not be shared by accident).
fn resolve_url(url: &str) -> Result<(String, Option<tempfile::TempDir>), StoreError> {
    if url == "sqlite::memory:" || url == "sqlite://:memory:" || url == "sqlite:" {
        let dir = tempfile::Builder::new()
            .prefix("frontdesk-sandbox-")
            .tempdir()
            .map_err(|e| StoreError::Seed(format!("temporary directory: {e}")))?;
        let path = dir.path().join("store.db");
        Ok((format!("sqlite://{}?mode=rwc", path.display()), Some(dir)))
    } else {
        Ok((url.to_owned(), None))
    }
}

fn not_found_order(order_id: &str) -> StoreError {
    StoreError::not_found("order_not_found", format!("order {order_id} not found"))
}

fn not_found_user(user_id: &str) -> StoreError {
    StoreError::not_found("user_not_found", format!("user {user_id} not found"))
}

fn parse_body(text: &str) -> Result<Value, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("row body: {e}")))
}

/// Entity bodies are stored as canonical JSON, so the digest can hash the
/// stored text as is.
fn to_text(v: &Value) -> Result<String, StoreError> {
    Ok(canonical_json(v))
}

fn with_user_id(mut user: Value, user_id: &str) -> Value {
    if let Some(m) = user.as_object_mut() {
        m.insert("user_id".into(), json!(user_id));
    }
    user
}

async fn fetch_body(
    conn: &mut AnyConnection,
    table: &str,
    id: &str,
) -> Result<Option<Value>, StoreError> {
    let row = sqlx::query(&format!("SELECT body FROM {table} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) => Ok(Some(parse_body(&r.try_get::<String, _>(0)?)?)),
        None => Ok(None),
    }
}

async fn all_products(conn: &mut AnyConnection) -> Result<BTreeMap<String, Value>, StoreError> {
    let rows = sqlx::query(&format!("SELECT id, body FROM {PRODUCTS}"))
        .fetch_all(&mut *conn)
        .await?;
    let mut out = BTreeMap::new();
    for r in rows {
        out.insert(
            r.try_get::<String, _>(0)?,
            parse_body(&r.try_get::<String, _>(1)?)?,
        );
    }
    Ok(out)
}

async fn put_order(conn: &mut AnyConnection, id: &str, order: &Value) -> Result<(), StoreError> {
    sqlx::query(&format!("UPDATE {ORDERS} SET body = $1 WHERE id = $2"))
        .bind(to_text(order)?)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn put_user(conn: &mut AnyConnection, id: &str, user: &Value) -> Result<(), StoreError> {
    let [email, first, last, zip] = user_columns(user);
    sqlx::query(&format!(
        "UPDATE {USERS} SET email = $1, first_name = $2, last_name = $3, zip = $4, body = $5 \
         WHERE id = $6"
    ))
    .bind(email)
    .bind(first)
    .bind(last)
    .bind(zip)
    .bind(to_text(user)?)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Inserts rows of `width` text columns (plus, when `with_seq`, a `seq`
/// column after the id) in chunks of multi-row inserts.
async fn bulk_insert(
    conn: &mut AnyConnection,
    table: &str,
    columns: &str,
    rows: &[Vec<&str>],
    with_seq: bool,
    seq_offset: usize,
) -> Result<(), StoreError> {
    const CHUNK: usize = 100;
    for (chunk_no, chunk) in rows.chunks(CHUNK).enumerate() {
        let mut sql = format!("INSERT INTO {table} ({columns}) VALUES ");
        let mut n = 0usize;
        for (i, row) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            let width = row.len() + usize::from(with_seq);
            for c in 0..width {
                n += 1;
                if c > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("${n}"));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(&sql);
        for (i, row) in chunk.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                q = q.bind(cell.to_string());
                if c == 0 && with_seq {
                    let seq = seq_offset + chunk_no * CHUNK + i;
                    q = q.bind(i64::try_from(seq).unwrap_or(i64::MAX));
                }
            }
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Makes `table` hold exactly the seed `rows` (id first, body last): rows
/// whose body differs or that are missing are re-inserted, extra rows deleted.
async fn restore_table(
    conn: &mut AnyConnection,
    table: &str,
    columns: &str,
    rows: &[Vec<&str>],
    with_seq: bool,
) -> Result<(), StoreError> {
    let current = sqlx::query(&format!("SELECT id, body FROM {table}"))
        .fetch_all(&mut *conn)
        .await?;
    let mut current_bodies = std::collections::HashMap::with_capacity(current.len());
    for r in current {
        current_bodies.insert(r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?);
    }
    let mut stale = Vec::new();
    for (seq, row) in rows.iter().enumerate() {
        let (Some(id), Some(body)) = (row.first(), row.last()) else {
            continue;
        };
        match current_bodies.remove(*id) {
            Some(b) if b == *body => {}
            Some(_) => stale.push((seq, row.clone())),
            None => stale.push((seq, row.clone())),
        }
    }
    let extra: Vec<String> = current_bodies.into_keys().collect();
    for id in extra
        .iter()
        .map(String::as_str)
        .chain(stale.iter().filter_map(|(_, r)| r.first().copied()))
    {
        sqlx::query(&format!("DELETE FROM {table} WHERE id = $1"))
            .bind(id.to_owned())
            .execute(&mut *conn)
            .await?;
    }
    for (seq, row) in stale {
        bulk_insert(conn, table, columns, &[row], with_seq, seq).await?;
    }
    Ok(())
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

    async fn insert_seed(&self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        let seed = &self.inner.seed;
        let users: Vec<Vec<&str>> = seed
            .users
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        bulk_insert(
            conn,
            USERS,
            "id, seq, email, first_name, last_name, zip, body",
            &users,
            true,
            0,
        )
        .await?;
        let orders: Vec<Vec<&str>> = seed
            .orders
            .iter()
            .map(|(id, b)| vec![id.as_str(), b.as_str()])
            .collect();
        bulk_insert(conn, ORDERS, "id, body", &orders, false, 0).await?;
        let products: Vec<Vec<&str>> = seed
            .products
            .iter()
            .map(|(id, b)| vec![id.as_str(), b.as_str()])
            .collect();
        bulk_insert(conn, PRODUCTS, "id, seq, body", &products, true, 0).await?;
        Ok(())
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

    async fn read(&self, op: Operation, kwargs: &Value) -> Result<Value, StoreError> {
        use ops::parse_args as p;
        let mut conn = self.inner.pool.acquire().await?;
        match op {
            Operation::FindUserIdByEmail => {
                let a: ops::EmailArgs = p(op, kwargs)?;
                let wanted = a.email.to_lowercase();
                let rows = sqlx::query(&format!("SELECT id, email FROM {USERS} ORDER BY seq"))
                    .fetch_all(&mut *conn)
                    .await?;
                for r in rows {
                    if r.try_get::<String, _>(1)?.to_lowercase() == wanted {
                        return Ok(json!(r.try_get::<String, _>(0)?));
                    }
                }
                Err(StoreError::not_found("user_not_found", "user not found"))
            }
            Operation::FindUserIdByNameZip => {
                let a: ops::NameZipArgs = p(op, kwargs)?;
                let (first, last) = (a.first_name.to_lowercase(), a.last_name.to_lowercase());
                let rows = sqlx::query(&format!(
                    "SELECT id, first_name, last_name, zip FROM {USERS} ORDER BY seq"
                ))
                .fetch_all(&mut *conn)
                .await?;
                for r in rows {
                    if r.try_get::<String, _>(1)?.to_lowercase() == first
                        && r.try_get::<String, _>(2)?.to_lowercase() == last
                        && r.try_get::<String, _>(3)? == a.zip
                    {
                        return Ok(json!(r.try_get::<String, _>(0)?));
                    }
                }
                Err(StoreError::not_found("user_not_found", "user not found"))
            }
            Operation::GetUserDetails => {
                let a: ops::UserIdArgs = p(op, kwargs)?;
                let user = fetch_body(&mut conn, USERS, &a.user_id)
                    .await?
                    .ok_or_else(|| not_found_user(&a.user_id))?;
                Ok(with_user_id(user, &a.user_id))
            }
            Operation::GetOrderDetails => {
                let a: ops::OrderIdArgs = p(op, kwargs)?;
                fetch_body(&mut conn, ORDERS, &a.order_id)
                    .await?
                    .ok_or_else(|| not_found_order(&a.order_id))
            }
            Operation::GetProductDetails => {
                let a: ops::ProductIdArgs = p(op, kwargs)?;
                fetch_body(&mut conn, PRODUCTS, &a.product_id)
                    .await?
                    .ok_or_else(|| {
                        StoreError::not_found(
                            "product_not_found",
                            format!("product {} not found", a.product_id),
                        )
                    })
            }
            Operation::ListAllProductTypes => {
                let _: ops::NoArgs = p(op, kwargs)?;
                let rows = sqlx::query(&format!("SELECT body FROM {PRODUCTS} ORDER BY seq"))
                    .fetch_all(&mut *conn)
                    .await?;
                let mut products = Vec::with_capacity(rows.len());
                for r in rows {
                    products.push(parse_body(&r.try_get::<String, _>(0)?)?);
                }
                Ok(ops::product_types(&products))
            }
            _ => Err(StoreError::bad_request(
                "not_a_read",
                format!("{} is not a read", op.name()),
            )),
        }
    }

    async fn write(
        &self,
        op: Operation,
        kwargs: &Value,
        idempotency_key: Option<&str>,
    ) -> Result<Value, StoreError> {
        // Malformed requests are refused before the key is looked at or remembered.
        let args = WriteArgs::parse(op, kwargs)?;
        let kwargs = if kwargs.is_null() {
            json!({})
        } else {
            kwargs.clone()
        };
        let hash = request_hash(op.name(), &kwargs);

        let _guard = self.inner.write_lock.lock().await;
        let mut tx = self.inner.pool.begin().await?;
        // Serialise with writers in other processes sharing the database: the
        // in-process mutex only covers this store.
        let lock = if self.inner.postgres {
            "LOCK TABLE sandbox_ledger IN SHARE ROW EXCLUSIVE MODE"
        } else {
            // A write statement (even one matching no row) takes SQLite's write lock.
            "UPDATE sandbox_ledger SET seq = seq WHERE 1 = 0"
        };
        sqlx::query(lock).execute(&mut *tx).await?;
        if let Some(key) = idempotency_key {
            let row = sqlx::query(&format!(
                "SELECT request_hash, response FROM {IDEMPOTENCY} WHERE idem_key = $1"
            ))
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(row) = row {
                tx.rollback().await?;
                if row.try_get::<String, _>(0)? != hash {
                    return Err(StoreError::IdempotencyConflict {
                        key: key.to_owned(),
                    });
                }
                let stored = parse_body(&row.try_get::<String, _>(1)?)?;
                return match stored.get("ok") {
                    Some(v) => Ok(v.clone()),
                    None => Err(StoreError::from_stored(
                        stored.get("error").unwrap_or(&Value::Null),
                    )),
                };
            }
        }

        let outcome = run_write(&mut tx, &args).await;
        if let Err(e) = &outcome {
            if !e.is_replayable() {
                tx.rollback().await?;
                return outcome;
            }
        }
        let (ok, result_body, stored) = match &outcome {
            Ok(v) => (1i64, v.clone(), json!({"ok": v})),
            Err(e) => (0i64, e.to_body(), json!({"error": e.to_stored()})),
        };
        let seq: i64 = sqlx::query(&format!("SELECT COALESCE(MAX(seq), 0) FROM {LEDGER}"))
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        sqlx::query(&format!(
            "INSERT INTO {LEDGER} (seq, idem_key, operation, arguments, ok, outcome, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        ))
        .bind(seq + 1)
        .bind(idempotency_key.map(str::to_owned))
        .bind(op.name())
        .bind(to_text(&kwargs)?)
        .bind(ok)
        .bind(to_text(&result_body)?)
        .bind(chrono::Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?;
        if let Some(key) = idempotency_key {
            sqlx::query(&format!(
                "INSERT INTO {IDEMPOTENCY} (idem_key, request_hash, response) VALUES ($1, $2, $3)"
            ))
            .bind(key)
            .bind(&hash)
            .bind(to_text(&stored)?)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        tracing::debug!(operation = op.name(), ok = ok == 1, "sandbox write");
        outcome
    }
}

/// Loads the entities a write needs, applies the pure operation and persists
/// the changed rows. Nothing is written when the operation fails.
async fn run_write(conn: &mut AnyConnection, args: &WriteArgs) -> Result<Value, StoreError> {
    if let WriteArgs::UserAddress(a) = args {
        let mut user = fetch_body(conn, USERS, &a.user_id)
            .await?
            .ok_or_else(|| not_found_user(&a.user_id))?;
        let addr = ops::address(
            &a.address1,
            &a.address2,
            &a.city,
            &a.state,
            &a.country,
            &a.zip,
        );
        ops::modify_user_address(&mut user, addr)?;
        put_user(conn, &a.user_id, &user).await?;
        return Ok(with_user_id(user, &a.user_id));
    }
    let order_id = args.order_id().unwrap_or_default();
    let mut order = fetch_body(conn, ORDERS, order_id)
        .await?
        .ok_or_else(|| not_found_order(order_id))?;
    let user_id = ops::status(&order)
        .ok()
        .and_then(|_| order.get("user_id").and_then(Value::as_str))
        .unwrap_or_default()
        .to_owned();
    let mut user = fetch_body(conn, USERS, &user_id)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("order {order_id} has unknown user")))?;
    let user_before = user.clone();
    match args {
        WriteArgs::Cancel(a) => ops::cancel_pending_order(&mut order, &mut user, &a.reason)?,
        WriteArgs::OrderAddress(a) => {
            let addr = ops::address(
                &a.address1,
                &a.address2,
                &a.city,
                &a.state,
                &a.country,
                &a.zip,
            );
            ops::modify_pending_order_address(&mut order, addr)?
        }
        WriteArgs::Payment(a) => {
            ops::modify_pending_order_payment(&mut order, &mut user, &a.payment_method_id)?
        }
        WriteArgs::Items(a) => {
            let products = all_products(conn).await?;
            ops::modify_pending_order_items(&mut order, &mut user, &products, a)?
        }
        WriteArgs::Exchange(a) => {
            let products = all_products(conn).await?;
            ops::exchange_delivered_order_items(&mut order, &user, &products, a)?
        }
        WriteArgs::Return(a) => ops::return_delivered_order_items(&mut order, &user, a)?,
        WriteArgs::UserAddress(_) => {}
    }
    put_order(conn, order_id, &order).await?;
    if user != user_before {
        put_user(conn, &user_id, &user).await?;
    }
    Ok(order)
}
