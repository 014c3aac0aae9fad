//! The HTTP JSON API over a [`Store`].
//!
//! Reads: `GET /users/by-email?email=`, `GET /users/by-name-zip?first_name=&last_name=&zip=`,
//! `GET /users/{user_id}`, `GET /orders/{order_id}` (`%23W1234567` or `W1234567`),
//! `GET /products/{product_id}`, `GET /products`.
//! Writes (POST, JSON body, `Idempotency-Key` header required):
//! `/orders/{order_id}/{cancel|modify-address|modify-payment|modify-items|return|exchange}`,
//! `/users/{user_id}/address`.
//! Admin: `GET /admin/digest`, `POST /admin/reset`, `GET /admin/ledger`, `GET /healthz`.
//! Errors: `{"error": {"code", "message"}}` with 400 / 404 / 409 / 422 / 500.

use std::collections::HashMap;
use std::future::Future;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::{Store, StoreError};

/// The header every write must carry.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// The HTTP API as an axum router.
pub fn router(store: Store) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/users/by-email", get(user_by_email))
        .route("/users/by-name-zip", get(user_by_name_zip))
        .route("/users/{user_id}", get(get_user))
        .route("/users/{user_id}/address", post(modify_user_address))
        .route("/orders/{order_id}", get(get_order))
        .route("/orders/{order_id}/{action}", post(order_write))
        .route("/products", get(list_products))
        .route("/products/{product_id}", get(get_product))
        .route("/admin/digest", get(digest))
        .route("/admin/reset", post(reset))
        .route("/admin/ledger", get(ledger))
        .fallback(fallback)
        .with_state(store)
}

/// Serves the API on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Store,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(store))
        .with_graceful_shutdown(shutdown)
        .await
}

fn error_response(e: &StoreError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status.is_server_error() {
        tracing::error!(error = %e, "sandbox request failed");
    }
    (status, Json(e.to_body())).into_response()
}

fn respond(result: Result<Value, StoreError>) -> Response {
    match result {
        Ok(v) => (StatusCode::OK, Json(v)).into_response(),
        Err(e) => error_response(&e),
    }
}

fn missing_param(name: &str) -> Response {
    error_response(&StoreError::bad_request(
        "missing_parameter",
        format!("query parameter `{name}` is required"),
    ))
}

/// Order ids carry a leading `#`; accept them with or without it.
fn normalize_order_id(id: &str) -> String {
    if id.starts_with('#') {
        id.to_owned()
    } else {
        format!("#{id}")
    }
}

async fn healthz() -> Response {
    Json(json!({"status": "ok"})).into_response()
}

async fn fallback() -> Response {
    error_response(&StoreError::not_found("no_route", "no such endpoint"))
}

async fn user_by_email(
    State(store): State<Store>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(email) = q.get("email") else {
        return missing_param("email");
    };
    let r = store
        .apply("find_user_id_by_email", &json!({"email": email}), None)
        .await;
    respond(r.map(|id| json!({"user_id": id})))
}

async fn user_by_name_zip(
    State(store): State<Store>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut args = serde_json::Map::new();
    for name in ["first_name", "last_name", "zip"] {
        match q.get(name) {
            Some(v) => args.insert(name.to_owned(), json!(v)),
            None => return missing_param(name),
        };
    }
    let r = store
        .apply("find_user_id_by_name_zip", &Value::Object(args), None)
        .await;
    respond(r.map(|id| json!({"user_id": id})))
}

async fn get_user(State(store): State<Store>, Path(user_id): Path<String>) -> Response {
    respond(
        store
            .apply("get_user_details", &json!({"user_id": user_id}), None)
            .await,
    )
}

async fn get_order(State(store): State<Store>, Path(order_id): Path<String>) -> Response {
    let order_id = normalize_order_id(&order_id);
    respond(
        store
            .apply("get_order_details", &json!({"order_id": order_id}), None)
            .await,
    )
}

async fn get_product(State(store): State<Store>, Path(product_id): Path<String>) -> Response {
    respond(
        store
            .apply(
                "get_product_details",
                &json!({"product_id": product_id}),
                None,
            )
            .await,
    )
}

async fn list_products(State(store): State<Store>) -> Response {
    let r = store
        .apply("list_all_product_types", &json!({}), None)
        .await;
    respond(r.map(|types| json!({"product_types": types})))
}

/// Runs write `op` with the JSON body plus the id from the path.
async fn write(
    store: &Store,
    op: &str,
    headers: &HeaderMap,
    body: &Bytes,
    id_field: &str,
    id: String,
) -> Response {
    let key = match headers.get(IDEMPOTENCY_HEADER).map(|v| v.to_str()) {
        Some(Ok(k)) if !k.trim().is_empty() => k.to_owned(),
        _ => {
            return error_response(&StoreError::bad_request(
                "missing_idempotency_key",
                "writes require an Idempotency-Key header",
            ))
        }
    };
    let mut kwargs: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => {
                return error_response(&StoreError::bad_request(
                    "malformed_body",
                    format!("request body is not valid JSON: {e}"),
                ))
            }
        }
    };
    let Some(obj) = kwargs.as_object_mut() else {
        return error_response(&StoreError::bad_request(
            "malformed_body",
            "request body must be a JSON object",
        ));
    };
    obj.insert(id_field.to_owned(), json!(id));
    respond(store.apply(op, &kwargs, Some(&key)).await)
}

async fn order_write(
    State(store): State<Store>,
    Path((order_id, action)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let op = match action.as_str() {
        "cancel" => "cancel_pending_order",
        "modify-address" => "modify_pending_order_address",
        "modify-payment" => "modify_pending_order_payment",
        "modify-items" => "modify_pending_order_items",
        "return" => "return_delivered_order_items",
        "exchange" => "exchange_delivered_order_items",
        _ => return fallback().await,
    };
    let order_id = normalize_order_id(&order_id);
    write(&store, op, &headers, &body, "order_id", order_id).await
}

async fn modify_user_address(
    State(store): State<Store>,
    Path(user_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    write(
        &store,
        "modify_user_address",
        &headers,
        &body,
        "user_id",
        user_id,
    )
    .await
}

async fn digest(State(store): State<Store>) -> Response {
    respond(store.digest().await.map(|d| json!({"digest": d})))
}

async fn reset(State(store): State<Store>) -> Response {
    let r = match store.reset().await {
        Ok(()) => store
            .digest()
            .await
            .map(|d| json!({"status": "reset", "digest": d})),
        Err(e) => Err(e),
    };
    respond(r)
}

async fn ledger(State(store): State<Store>) -> Response {
    match store.ledger().await {
        Ok(entries) => Json(entries).into_response(),
        Err(e) => error_response(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ids_get_their_hash() {
        assert_eq!(normalize_order_id("W123"), "#W123");
        assert_eq!(normalize_order_id("#W123"), "#W123");
    }
}
