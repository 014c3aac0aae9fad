//! Logging and tracing setup: `RUST_LOG`-filtered human or JSON lines on stderr and, when an
//! OTLP endpoint is configured, the same spans exported as traces over OTLP/HTTP (protobuf).
//!
//! Export is off unless `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the full URL) or
//! `OTEL_EXPORTER_OTLP_ENDPOINT` (`/v1/traces` is appended) is set; the exporter reads the
//! other standard variables itself (`OTEL_EXPORTER_OTLP_HEADERS`, `..._TIMEOUT`).
//! `OTEL_SERVICE_NAME` names the process (default `frontdesk`; give each Deployment its
//! own). Spans are batched and sent by the SDK's own thread, never on a record's task.
//! Each stage's span per record (stage, topic, partition, offset, key, ticket id) becomes a
//! span of that process, parented on the span that produced the record
//! ([`super::propagation`]): one trace per ticket, from the publisher to the last stage.

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// The variables that turn trace export on.
const ENDPOINT_VARS: [&str; 2] = [
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
];

/// Holds the trace exporter, if any; dropping it flushes and stops the exporter.
#[must_use = "dropping it stops trace export"]
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
}

impl Drop for Telemetry {
    fn drop(&mut self) {
        if let Some(provider) = self.provider.take() {
            if let Err(error) = provider.shutdown() {
                eprintln!("frontdesk: trace export did not flush: {error}");
            }
        }
    }
}

/// Installs the global subscriber. `json` for machine-read logs. Trace export starts when
/// an endpoint variable is set; an exporter that cannot be built is reported on stderr and
/// the process runs without it.
pub fn init(json: bool, default_filter: &str) -> Telemetry {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let fmt = if json {
        fmt.json().boxed()
    } else {
        fmt.boxed()
    };
    let configured = ENDPOINT_VARS
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
    let provider = if configured {
        match otlp_provider(None) {
            Ok(provider) => Some(provider),
            Err(error) => {
                eprintln!("frontdesk: traces are not exported: {error}");
                None
            }
        }
    } else {
        None
    };
    let otel = provider
        .as_ref()
        .map(|p| tracing_opentelemetry::layer().with_tracer(p.tracer("frontdesk")));
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(fmt)
        .with(otel)
        .try_init();
    Telemetry { provider }
}

/// A tracer provider exporting over OTLP/HTTP to `endpoint` (the full URL), or to the
/// endpoint the standard variables name when `None`.
pub fn otlp_provider(
    endpoint: Option<&str>,
) -> Result<SdkTracerProvider, opentelemetry_otlp::ExporterBuildError> {
    let mut exporter = opentelemetry_otlp::SpanExporter::builder().with_http();
    if let Some(endpoint) = endpoint {
        exporter = exporter.with_endpoint(endpoint);
    }
    let service = std::env::var("OTEL_SERVICE_NAME").unwrap_or_else(|_| "frontdesk".to_owned());
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter.build()?)
        .with_resource(
            opentelemetry_sdk::Resource::builder()
                .with_service_name(service)
                .build(),
        )
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn spans_are_exported_over_otlp_http_as_protobuf() {
        let collector = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v1/traces"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&collector)
            .await;
        let provider = otlp_provider(Some(&format!("{}/v1/traces", collector.uri()))).unwrap();
        let subscriber = tracing_subscriber::registry()
            .with(tracing_opentelemetry::layer().with_tracer(provider.tracer("test")));
        tracing::subscriber::with_default(subscriber, || {
            let _record =
                tracing::info_span!("record", stage = "router", ticket_id = "t-1").entered();
        });
        // The batch processor exports on its own thread; flushing waits for it.
        tokio::task::spawn_blocking(move || provider.shutdown())
            .await
            .unwrap()
            .unwrap();
        let requests = collector.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1, "{requests:?}");
        let r = &requests[0];
        assert_eq!(
            r.headers.get("content-type").unwrap(),
            "application/x-protobuf"
        );
        let body = String::from_utf8_lossy(&r.body);
        assert!(body.contains("record"), "span name in the export");
        assert!(body.contains("ticket_id"), "span fields in the export");
        assert!(body.contains("frontdesk"), "service name in the export");
    }
}
