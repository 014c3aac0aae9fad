//! The write operations: parsed, run in one transaction with their idempotency and
//! ledger rows, the pure state change from [`crate::ops`] in between.

use serde_json::{json, Value};
use sqlx::{AnyConnection, Row};

use super::rows::*;
use super::tables::*;
use super::Store;
use crate::canonical::request_hash;
use crate::ops::{self, Operation};
use crate::StoreError;

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

impl Store {
    pub(super) async fn write(
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
        ops::modify_user_address(&mut user, a.address())?;
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
        WriteArgs::OrderAddress(a) => ops::modify_pending_order_address(&mut order, a.address())?,
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
