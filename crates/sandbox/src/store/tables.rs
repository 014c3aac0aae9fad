//! The store's tables: their schema, the seed rows a reset restores, bulk inserts.

use serde_json::Value;
use sqlx::{AnyConnection, Row};

use super::Store;
use crate::canonical::canonical_json;
use crate::seed::Seed;
use crate::StoreError;

pub(super) const USERS: &str = "sandbox_users";
pub(super) const ORDERS: &str = "sandbox_orders";
pub(super) const PRODUCTS: &str = "sandbox_products";
pub(super) const IDEMPOTENCY: &str = "sandbox_idempotency";
pub(super) const LEDGER: &str = "sandbox_ledger";

pub(super) const SCHEMA: [&str; 5] = [
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

/// Seed rows, serialised once so that a reset is a few bulk inserts.
pub(super) struct SeedRows {
    pub(super) users: Vec<[String; 6]>,
    pub(super) orders: Vec<(String, String)>,
    pub(super) products: Vec<(String, String)>,
}

impl SeedRows {
    pub(super) fn new(seed: &Seed) -> Result<SeedRows, StoreError> {
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
pub(super) fn user_columns(u: &Value) -> [String; 4] {
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

/// Inserts rows of `width` text columns (plus, when `with_seq`, a `seq`
/// column after the id) in chunks of multi-row inserts.
pub(super) async fn bulk_insert(
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
pub(super) async fn restore_table(
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
    pub(super) async fn insert_seed(&self, conn: &mut AnyConnection) -> Result<(), StoreError> {
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
}
