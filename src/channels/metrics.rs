//! Counters of the channel processes (gateway, mail poller, deliver), rendered in the
//! Prometheus text format beside the stage counters. Labels are bounded: provider names,
//! outcome and kind labels from fixed sets, never raw error text.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Mutex, OnceLock};

/// A counter's name and its label pairs.
type Key = (&'static str, Vec<(&'static str, &'static str)>);

fn registry() -> &'static Mutex<BTreeMap<Key, u64>> {
    static R: OnceLock<Mutex<BTreeMap<Key, u64>>> = OnceLock::new();
    R.get_or_init(|| Mutex::new(BTreeMap::new()))
}

/// Adds one to `name{labels}`.
pub fn count(name: &'static str, labels: &[(&'static str, &'static str)]) {
    let mut r = registry().lock().unwrap_or_else(|p| p.into_inner());
    *r.entry((name, labels.to_vec())).or_default() += 1;
}

/// The current value of `name{labels}` (tests, summaries).
pub fn value(name: &'static str, labels: &[(&'static str, &'static str)]) -> u64 {
    let r = registry().lock().unwrap_or_else(|p| p.into_inner());
    r.get(&(name, labels.to_vec())).copied().unwrap_or(0)
}

/// Gateway requests by provider and outcome (`accepted`, `duplicate`, `ignored`, `busy`,
/// `unauthorized`, `bad_request`, `too_large`, `unavailable`).
pub const GATEWAY_REQUESTS: &str = "frontdesk_gateway_requests_total";
/// Mailbox messages by outcome (`accepted`, `duplicate`, `ignored`, `unparseable`).
pub const MAIL_MESSAGES: &str = "frontdesk_mail_messages_total";
/// Deliveries by provider, kind and outcome (`delivered`, `duplicate`, `dead_lettered`).
pub const DELIVERIES: &str = "frontdesk_deliveries_total";
/// Delivery retries by provider and cause (`rate_limited`, `server_error`, `timeout`).
pub const DELIVERY_RETRIES: &str = "frontdesk_delivery_retries_total";

/// Every channel counter in the Prometheus text format.
pub fn render() -> String {
    let r = registry().lock().unwrap_or_else(|p| p.into_inner());
    let mut out = String::new();
    let mut last = "";
    for ((name, labels), v) in r.iter() {
        if *name != last {
            let _ = writeln!(out, "# TYPE {name} counter");
            last = name;
        }
        let labels: Vec<String> = labels.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect();
        let _ = writeln!(out, "{name}{{{}}} {v}", labels.join(","));
    }
    out
}

/// Stage counters and channel counters together, for a process's `/metrics`.
pub fn render_all() -> String {
    let mut out = crate::runtime::metrics::render();
    out.push_str(&render());
    out
}

/// Serves `/metrics` (stage and channel counters) and `/healthz` on `listen` until `shutdown`.
pub async fn serve(
    listen: &str,
    shutdown: tokio_util::sync::CancellationToken,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    let routes = axum::Router::new()
        .route("/metrics", axum::routing::get(|| async { render_all() }))
        .route("/healthz", axum::routing::get(|| async { "ok" }));
    axum::serve(listener, routes)
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_render_with_their_labels() {
        count(
            GATEWAY_REQUESTS,
            &[("provider", "metrics_test"), ("outcome", "accepted")],
        );
        count(
            GATEWAY_REQUESTS,
            &[("provider", "metrics_test"), ("outcome", "accepted")],
        );
        assert_eq!(
            value(
                GATEWAY_REQUESTS,
                &[("provider", "metrics_test"), ("outcome", "accepted")]
            ),
            2
        );
        let text = render();
        assert!(
            text.contains(
                "frontdesk_gateway_requests_total{provider=\"metrics_test\",outcome=\"accepted\"} 2"
            ),
            "{text}"
        );
        assert_eq!(
            text.matches("# TYPE frontdesk_gateway_requests_total")
                .count(),
            1
        );
    }
}
