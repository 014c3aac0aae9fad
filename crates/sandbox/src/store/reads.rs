//! The read operations.

use serde_json::{json, Value};
use sqlx::Row;

use super::rows::*;
use super::tables::*;
use super::Store;
use crate::ops::{self, Operation};
use crate::StoreError;

impl Store {
    pub(super) async fn read(&self, op: Operation, kwargs: &Value) -> Result<Value, StoreError> {
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
}
