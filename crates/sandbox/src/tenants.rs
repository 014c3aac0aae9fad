//! Many independent stores behind one listener, selected per request by a header.
//!
//! The eval harness runs hundreds of cases at once, each against a fresh store, so that
//! one case's writes never change another's end state. A request carrying
//! [`TENANT_HEADER`] is served by that tenant's store, created on first use from the seed
//! (a private temporary SQLite file); a request without it is served by the default store.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::sync::{Mutex, OnceCell};
use tower::ServiceExt;

use crate::{Seed, Store, StoreError};

/// The header naming the tenant (store) a request is for.
pub const TENANT_HEADER: &str = "x-sandbox-tenant";

/// Longest accepted tenant name.
const MAX_TENANT_LEN: usize = 128;

/// The stores, by tenant name.
#[derive(Clone)]
pub struct Tenants {
    inner: Arc<Inner>,
}

struct Inner {
    seed: Seed,
    default: Store,
    stores: Mutex<HashMap<String, Arc<OnceCell<Store>>>>,
}

impl Tenants {
    /// Tenants seeded from `seed`; requests without a tenant go to `default`.
    pub fn new(default: Store, seed: Seed) -> Tenants {
        Tenants {
            inner: Arc::new(Inner {
                seed,
                default,
                stores: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// The store of `tenant`, created and seeded on first use.
    pub async fn store(&self, tenant: &str) -> Result<Store, StoreError> {
        if tenant.is_empty()
            || tenant.len() > MAX_TENANT_LEN
            || !tenant
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        {
            return Err(StoreError::bad_request(
                "invalid_tenant",
                format!("tenant names are 1 to {MAX_TENANT_LEN} characters of [A-Za-z0-9-_.:]"),
            ));
        }
        let cell = {
            let mut stores = self.inner.stores.lock().await;
            stores.entry(tenant.to_owned()).or_default().clone()
        };
        cell.get_or_try_init(|| Store::open_seeded("sqlite::memory:", &self.inner.seed))
            .await
            .cloned()
    }

    /// Forgets `tenant` and closes its store (its temporary file goes with it).
    pub async fn remove(&self, tenant: &str) {
        let cell = self.inner.stores.lock().await.remove(tenant);
        if let Some(store) = cell.and_then(|c| c.get().cloned()) {
            store.close().await;
        }
    }

    /// Tenants created so far.
    pub async fn len(&self) -> usize {
        self.inner.stores.lock().await.len()
    }

    /// Whether no tenant was created yet.
    pub async fn is_empty(&self) -> bool {
        self.len().await == 0
    }

    /// The HTTP API, dispatching each request to its tenant's store.
    pub fn router(self) -> Router {
        Router::new().fallback(dispatch).with_state(self)
    }

    /// Serves the multi-tenant API on `listener` until `shutdown` completes.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await
    }
}

async fn dispatch(State(tenants): State<Tenants>, req: Request) -> Response {
    let tenant = req
        .headers()
        .get(TENANT_HEADER)
        .map(|v| v.to_str().map(str::to_owned));
    let store = match tenant {
        None => tenants.inner.default.clone(),
        Some(Err(_)) => {
            return error(StoreError::bad_request(
                "invalid_tenant",
                "the tenant header is not visible ASCII",
            ))
        }
        Some(Ok(name)) => match tenants.store(&name).await {
            Ok(s) => s,
            Err(e) => return error(e),
        },
    };
    match crate::http::router(store).oneshot(req).await {
        Ok(r) => r,
        Err(never) => match never {},
    }
}

fn error(e: StoreError) -> Response {
    let status = axum::http::StatusCode::from_u16(e.status())
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(e.to_body())).into_response()
}
