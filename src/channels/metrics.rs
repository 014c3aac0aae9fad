//! Counters of the channel processes (gateway, mail poller, deliver), in the process's
//! `prometheus-client` registry beside the stage counters. Labels are bounded: provider names,
//! outcome and kind labels from fixed sets, never raw error text.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;

/// A counter family's labels, in the order given.
type Labels = Vec<(String, String)>;

/// One family per counter name, registered once in the process's registry
/// ([`crate::runtime::metrics`]) the first time it is counted.
fn families() -> &'static Mutex<BTreeMap<&'static str, Family<Labels, Counter>>> {
    static F: OnceLock<Mutex<BTreeMap<&'static str, Family<Labels, Counter>>>> = OnceLock::new();
    F.get_or_init(|| Mutex::new(BTreeMap::new()))
}

/// The family of `name` (a full `frontdesk_..._total` name), registered on first use.
fn family(name: &'static str) -> Family<Labels, Counter> {
    let mut all = families().lock().unwrap_or_else(|p| p.into_inner());
    all.entry(name)
        .or_insert_with(|| {
            let family = Family::<Labels, Counter>::default();
            // the registry adds the `frontdesk_` prefix and the `_total` suffix
            let short = name
                .trim_start_matches("frontdesk_")
                .trim_end_matches("_total");
            let registered = family.clone();
            crate::runtime::metrics::register(|r| r.register(short, help(name), registered));
            family
        })
        .clone()
}

fn labels(labels: &[(&'static str, &'static str)]) -> Labels {
    labels
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Adds one to `name{labels}`.
pub fn count(name: &'static str, labels_: &[(&'static str, &'static str)]) {
    family(name).get_or_create(&labels(labels_)).inc();
}

/// The current value of `name{labels}` (tests, summaries).
pub fn value(name: &'static str, labels_: &[(&'static str, &'static str)]) -> u64 {
    family(name).get_or_create(&labels(labels_)).get()
}

/// The help text of a channel counter.
fn help(name: &str) -> &'static str {
    match name {
        GATEWAY_REQUESTS => "Gateway requests by provider and outcome",
        MAIL_MESSAGES => "Mailbox messages by outcome",
        DELIVERIES => "Deliveries by provider, kind and outcome",
        DELIVERY_RETRIES => "Delivery retries by provider and cause",
        _ => "A channel counter",
    }
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

/// The process's metrics (stage, channel and any other registered counters) in the text
/// exposition format.
pub fn render_all() -> String {
    crate::runtime::metrics::render()
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
        let text = render_all();
        assert!(
            text.contains(
                "frontdesk_gateway_requests_total{provider=\"metrics_test\",outcome=\"accepted\"} 2"
            ),
            "{text}"
        );
        assert_eq!(
            text.matches("# TYPE frontdesk_gateway_requests counter")
                .count(),
            1,
            "{text}"
        );
    }
}
