//! The store under fault: the sandbox's HTTP API behind a layer that fails writes before
//! they happen, and loses the response of writes that did happen, each at a set rate. The
//! tools executor retries with the same idempotency key, so a lost response must be
//! reconciled by the store's idempotency table, never applied twice.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use tokio_util::sync::CancellationToken;

/// Fault rates of the store, per write request.
#[derive(Debug, Clone, Copy)]
pub struct StoreFaults {
    /// Share of writes answered 503 without reaching the store.
    pub fail_rate: f64,
    /// Share of writes the store applies whose answer is replaced by a 503 (lost).
    pub lose_rate: f64,
}

/// What the faulty layer did.
#[derive(Debug, Default)]
pub struct StoreCounts {
    /// Writes that reached the layer.
    pub writes: AtomicU64,
    /// Failed before the store.
    pub failed: AtomicU64,
    /// Applied, answer lost.
    pub lost: AtomicU64,
    /// Whether faults are injected now (switched off for the drain).
    pub active: std::sync::atomic::AtomicBool,
}

/// Serves the sandbox store from `data_dir` (database `db_url`) behind the fault layer on
/// a loopback port; returns its base URL, the store (to read its ledger) and the counts.
pub async fn serve(
    db_url: &str,
    data_dir: &std::path::Path,
    faults: StoreFaults,
    shutdown: CancellationToken,
) -> anyhow::Result<(String, frontdesk_sandbox::Store, Arc<StoreCounts>)> {
    let store = frontdesk_sandbox::Store::open(db_url, data_dir).await?;
    let counts = Arc::new(StoreCounts::default());
    counts.active.store(true, Ordering::Relaxed);
    let layer_counts = counts.clone();
    let app = frontdesk_sandbox::router(store.clone()).layer(axum::middleware::from_fn(
        move |req: Request, next: Next| {
            let counts = layer_counts.clone();
            async move { faulty(req, next, faults, &counts).await }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        let stopped = async move { shutdown.cancelled().await };
        if let Err(error) = axum::serve(listener, app)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!(%error, "chaos store stopped");
        }
    });
    Ok((url, store, counts))
}

async fn faulty(req: Request, next: Next, faults: StoreFaults, counts: &StoreCounts) -> Response {
    let is_write = req.method() == Method::POST && !req.uri().path().starts_with("/admin");
    if !is_write || !counts.active.load(Ordering::Relaxed) {
        return next.run(req).await;
    }
    counts.writes.fetch_add(1, Ordering::Relaxed);
    let (fail, lose) = {
        let mut rng = rand::thread_rng();
        (
            rng.gen_bool(faults.fail_rate),
            rng.gen_bool(faults.lose_rate),
        )
    };
    if fail {
        counts.failed.fetch_add(1, Ordering::Relaxed);
        return unavailable("injected failure before the write");
    }
    let response = next.run(req).await;
    if lose {
        counts.lost.fetch_add(1, Ordering::Relaxed);
        // The write happened; the caller never hears of it.
        drop(response);
        return unavailable("injected loss of the response after the write");
    }
    response
}

fn unavailable(why: &'static str) -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [("content-type", "application/json")],
        Body::from(format!(
            "{{\"error\":\"unavailable\",\"message\":\"{why}\"}}"
        )),
    )
        .into_response()
}
