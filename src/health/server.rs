//! The operations listener: `/healthz`, `/readyz` and `/metrics`.
//!
//! - `/healthz`: 200 while the process serves HTTP at all (liveness: restart only a hung or
//!   dead process, never one whose dependency is down).
//! - `/readyz`: 200 when every [`Probe`] passes and the process is not draining; else 503.
//!   The body is one JSON object: `ready`, `draining` and each probe's `"ok"` or error.
//! - `/metrics`: the process's registry ([`crate::runtime::metrics::render`]).
//!
//! The listener is not stopped by the shutdown token: while the stages drain after
//! SIGTERM, `/healthz` still answers (the orchestrator must not kill a draining process)
//! and `/readyz` says `draining`. It ends with the process.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::probe::Probe;

/// What `/readyz` checks.
#[derive(Clone)]
pub struct Readiness {
    probes: Vec<Arc<dyn Probe>>,
    draining: CancellationToken,
}

/// The body of `/readyz`.
#[derive(Debug, Serialize)]
struct ReadyReport {
    ready: bool,
    draining: bool,
    checks: BTreeMap<&'static str, String>,
}

impl Readiness {
    /// Readiness over `probes`; not ready once `draining` is cancelled.
    pub fn new(probes: Vec<Arc<dyn Probe>>, draining: CancellationToken) -> Readiness {
        Readiness { probes, draining }
    }

    /// Runs every probe concurrently.
    async fn report(&self) -> ReadyReport {
        let results = futures::future::join_all(
            self.probes
                .iter()
                .map(|p| async move { (p.name(), p.check().await) }),
        )
        .await;
        let draining = self.draining.is_cancelled();
        let mut ready = !draining;
        let mut checks = BTreeMap::new();
        for (name, result) in results {
            let text = match result {
                Ok(()) => "ok".to_owned(),
                Err(error) => {
                    ready = false;
                    tracing::warn!(probe = name, %error, "readiness probe failed");
                    error
                }
            };
            checks.insert(name, text);
        }
        ReadyReport {
            ready,
            draining,
            checks,
        }
    }
}

/// The routes of the operations listener.
pub fn router(readiness: Readiness) -> axum::Router {
    axum::Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route(
            "/readyz",
            get(move || {
                let readiness = readiness.clone();
                async move {
                    let report = readiness.report().await;
                    let status = if report.ready {
                        StatusCode::OK
                    } else {
                        StatusCode::SERVICE_UNAVAILABLE
                    };
                    (status, axum::Json(report)).into_response()
                }
            }),
        )
        .route(
            "/metrics",
            get(|| async {
                (
                    [(
                        header::CONTENT_TYPE,
                        "application/openmetrics-text; version=1.0.0; charset=utf-8",
                    )],
                    crate::runtime::metrics::render(),
                )
            }),
        )
}

/// Serves [`router`] on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, readiness: Readiness) -> std::io::Result<()> {
    axum::serve(listener, router(readiness)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::{BrokerProbe, DatabaseProbe};

    struct Fixed(&'static str, Result<(), String>);

    #[async_trait::async_trait]
    impl Probe for Fixed {
        fn name(&self) -> &'static str {
            self.0
        }
        async fn check(&self) -> Result<(), String> {
            self.1.clone()
        }
    }

    async fn start(probes: Vec<Arc<dyn Probe>>) -> (String, CancellationToken) {
        let draining = CancellationToken::new();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(serve(listener, Readiness::new(probes, draining.clone())));
        (base, draining)
    }

    async fn get(url: String) -> (u16, String) {
        let r = reqwest::get(url).await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    #[tokio::test]
    async fn ready_when_broker_and_database_answer_and_not_while_draining() {
        let broker = crate::kafka::EmbeddedBroker::start(1).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
        let state = crate::state::StateDb::connect(&url, 2).await.unwrap();
        let probes: Vec<Arc<dyn Probe>> = vec![
            Arc::new(BrokerProbe::new(broker.bootstrap_servers(), &Default::default()).unwrap()),
            Arc::new(DatabaseProbe::new(state)),
        ];
        let (base, draining) = start(probes).await;

        assert_eq!(get(format!("{base}/healthz")).await.0, 200);
        let (status, body) = get(format!("{base}/readyz")).await;
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["checks"]["broker"], "ok", "{body}");
        assert_eq!(v["checks"]["database"], "ok", "{body}");

        draining.cancel();
        let (status, body) = get(format!("{base}/readyz")).await;
        assert_eq!(status, 503, "{body}");
        assert!(body.contains("\"draining\":true"), "{body}");
        // Liveness holds while the stages drain.
        assert_eq!(get(format!("{base}/healthz")).await.0, 200);
        assert_eq!(get(format!("{base}/metrics")).await.0, 200);
    }

    #[tokio::test]
    async fn an_unreachable_broker_or_a_failing_probe_is_not_ready_and_is_named() {
        // Nothing listens on port 1: the metadata request fails within the probe timeout.
        let broker = BrokerProbe::new("127.0.0.1:1", &Default::default()).unwrap();
        let probes: Vec<Arc<dyn Probe>> = vec![
            Arc::new(broker),
            Arc::new(Fixed("store", Err("http://store: 502".to_owned()))),
            Arc::new(Fixed("database", Ok(()))),
        ];
        let (base, _draining) = start(probes).await;
        let started = std::time::Instant::now();
        let (status, body) = get(format!("{base}/readyz")).await;
        assert_eq!(status, 503, "{body}");
        assert!(started.elapsed() < super::super::probe::PROBE_TIMEOUT * 3);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_ne!(v["checks"]["broker"], "ok", "{body}");
        assert_eq!(v["checks"]["store"], "http://store: 502", "{body}");
        assert_eq!(v["checks"]["database"], "ok", "{body}");
        assert_eq!(v["draining"], false, "{body}");
    }
}
