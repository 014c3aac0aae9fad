//! One entity's JSON row: read, written, and the errors for a missing one.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use sqlx::{AnyConnection, Row};

use super::tables::{user_columns, ORDERS, PRODUCTS, USERS};
use crate::canonical::canonical_json;
use crate::StoreError;

/// Turns `sqlite::memory:` into a private temporary file (several stores may
/// live in one process; an in-memory database must not be shared by accident).
pub(super) fn resolve_url(url: &str) -> Result<(String, Option<tempfile::TempDir>), StoreError> {
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

pub(super) fn not_found_order(order_id: &str) -> StoreError {
    StoreError::not_found("order_not_found", format!("order {order_id} not found"))
}

pub(super) fn not_found_user(user_id: &str) -> StoreError {
    StoreError::not_found("user_not_found", format!("user {user_id} not found"))
}

pub(super) fn parse_body(text: &str) -> Result<Value, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("row body: {e}")))
}

/// Entity bodies are stored as canonical JSON, so the digest can hash the
/// stored text as is.
pub(super) fn to_text(v: &Value) -> Result<String, StoreError> {
    Ok(canonical_json(v))
}

pub(super) fn with_user_id(mut user: Value, user_id: &str) -> Value {
    if let Some(m) = user.as_object_mut() {
        m.insert("user_id".into(), json!(user_id));
    }
    user
}

pub(super) async fn fetch_body(
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

pub(super) async fn all_products(
    conn: &mut AnyConnection,
) -> Result<BTreeMap<String, Value>, StoreError> {
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

pub(super) async fn put_order(
    conn: &mut AnyConnection,
    id: &str,
    order: &Value,
) -> Result<(), StoreError> {
    sqlx::query(&format!("UPDATE {ORDERS} SET body = $1 WHERE id = $2"))
        .bind(to_text(order)?)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn put_user(
    conn: &mut AnyConnection,
    id: &str,
    user: &Value,
) -> Result<(), StoreError> {
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
