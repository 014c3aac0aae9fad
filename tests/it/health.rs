//! `frontdesk run` serves `/healthz`, `/readyz` and `/metrics` on `metrics.listen`, and
//! still drains and exits 0 on SIGTERM.

use std::time::{Duration, Instant};

use crate::helpers::{apply_topics, broker, test_config, ChildStage, Which};

async fn serves_health_and_readiness_then_drains_on_sigterm(which: Which) {
    let Some(broker) = broker(which) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cfg = test_config(dir.path());
    apply_topics(&cfg, &broker).await;
    let listen = {
        let socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        socket.local_addr().unwrap().to_string()
    };
    let stage = ChildStage::spawn_with(
        &cfg,
        &broker.bootstrap(),
        "policy",
        &[("FRONTDESK__METRICS__LISTEN", &listen)],
    );
    let base = format!("http://{listen}");
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let body = loop {
        if let Ok(r) = http.get(format!("{base}/readyz")).send().await {
            if r.status() == 200 {
                break r.text().await.unwrap();
            }
        }
        assert!(Instant::now() < deadline, "/readyz never answered 200");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["checks"]["broker"], "ok", "{body}");
    assert_eq!(report["checks"]["database"], "ok", "{body}");
    assert_eq!(report["draining"], false, "{body}");
    let health = http.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let metrics = http.get(format!("{base}/metrics")).send().await.unwrap();
    let text = metrics.text().await.unwrap();
    assert!(
        text.contains("frontdesk_records_consumed_total{stage=\"policy\"}"),
        "{text}"
    );
    assert_eq!(stage.terminate(), Some(0), "SIGTERM drains and exits 0");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_serves_health_and_readiness_then_drains_on_sigterm_mock() {
    serves_health_and_readiness_then_drains_on_sigterm(Which::Mock).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_serves_health_and_readiness_then_drains_on_sigterm_tansu() {
    serves_health_and_readiness_then_drains_on_sigterm(Which::Tansu).await;
}
