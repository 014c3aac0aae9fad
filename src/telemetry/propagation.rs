//! One trace per ticket across stages and processes: the W3C trace context (`traceparent`,
//! `tracestate`) travels in the headers of every record.
//!
//! A publisher (gateway, IMAP poller, import) opens the ticket's root span and writes its
//! context into the ticket's headers; the runner makes each record's span a child of the
//! context it finds there ([`follow`]) and writes its own span's context into everything
//! the record produces ([`trace_headers`]): forwards, outcomes, audit records, dead letters.
//! So router, tools, grounding and policy spans of a ticket form one chain in one trace.
//!
//! With export off there is no OpenTelemetry layer, so spans have no context: nothing is
//! extracted, and the incoming headers are passed on unchanged (a process that does not
//! export does not cut the trace of the processes that do). The cost is the header.

use opentelemetry::propagation::{Extractor, Injector, TextMapPropagator};
use opentelemetry::trace::TraceContextExt;
use opentelemetry::Context;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use rdkafka::message::{Header, Headers, OwnedHeaders};
use tracing::Span;
use tracing_opentelemetry::OpenTelemetrySpanExt;

/// The headers the W3C trace-context propagator reads and writes.
pub const TRACE_HEADERS: [&str; 2] = ["traceparent", "tracestate"];

/// The trace-context headers of the records produced in one span (empty when nothing is
/// traced).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TraceHeaders(Vec<(String, String)>);

impl Injector for TraceHeaders {
    fn set(&mut self, key: &str, value: String) {
        self.0.push((key.to_owned(), value));
    }
}

impl TraceHeaders {
    /// The value of `key` (`traceparent`, `tracestate`).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `headers` with these appended.
    pub fn append_to(&self, headers: OwnedHeaders) -> OwnedHeaders {
        self.0.iter().fold(headers, |h, (key, value)| {
            h.insert(Header {
                key,
                value: Some(value),
            })
        })
    }
}

/// Kafka headers read by the propagator.
struct Reader<'a, H>(&'a H);

impl<H: Headers> Extractor for Reader<'_, H> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|h| h.key.eq_ignore_ascii_case(key))
            .and_then(|h| std::str::from_utf8(h.value?).ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.iter().map(|h| h.key).collect()
    }
}

/// The remote parent a record's headers carry, if they carry a valid one.
fn extract<H: Headers>(headers: &H) -> Option<Context> {
    let cx = TraceContextPropagator::new().extract(&Reader(headers));
    cx.span().span_context().is_valid().then_some(cx)
}

/// Makes `span` a child of the span that produced a record with `headers`. Call it before
/// the span is first entered. Without trace-context headers, or with export off, `span`
/// stays as it is.
pub fn follow<H: Headers>(span: &Span, headers: Option<&H>) {
    if let Some(cx) = headers.and_then(extract) {
        // Fails only without an OpenTelemetry layer (export off): nothing to parent then.
        let _ = span.set_parent(cx);
    }
}

/// The trace-context headers for the records produced within `span`: its own context when
/// spans are exported; otherwise the trace-context headers of `incoming` (the record being
/// processed), passed on unchanged.
pub fn trace_headers<H: Headers>(span: &Span, incoming: Option<&H>) -> TraceHeaders {
    let mut out = TraceHeaders::default();
    let cx = span.context();
    if cx.span().span_context().is_valid() {
        TraceContextPropagator::new().inject_context(&cx, &mut out);
    } else if let Some(headers) = incoming {
        for h in headers.iter() {
            let value = h.value.and_then(|v| std::str::from_utf8(v).ok());
            if let (true, Some(value)) = (TRACE_HEADERS.contains(&h.key), value) {
                out.set(h.key, value.to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry::trace::TracerProvider as _;
    use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
    use tracing_subscriber::layer::SubscriberExt;

    fn traced() -> (
        InMemorySpanExporter,
        SdkTracerProvider,
        impl tracing::Subscriber,
    ) {
        let exporter = InMemorySpanExporter::default();
        let provider = SdkTracerProvider::builder()
            .with_simple_exporter(exporter.clone())
            .build();
        let subscriber = tracing_subscriber::registry()
            .with(tracing_opentelemetry::layer().with_tracer(provider.tracer("test")));
        (exporter, provider, subscriber)
    }

    #[test]
    fn a_record_span_is_a_child_of_the_span_that_produced_the_record() {
        let (exporter, provider, subscriber) = traced();
        tracing::subscriber::with_default(subscriber, || {
            let producer = tracing::info_span!("publish");
            let headers = trace_headers(&producer, None::<&OwnedHeaders>).append_to(
                OwnedHeaders::new().insert(Header {
                    key: "frontdesk-stage",
                    value: Some("router"),
                }),
            );
            drop(producer);
            let consumer = tracing::info_span!("record");
            follow(&consumer, Some(&headers));
            drop(consumer.entered());
        });
        provider.force_flush().unwrap();
        let spans = exporter.get_finished_spans().unwrap();
        let by_name = |n: &str| spans.iter().find(|s| s.name == n).unwrap();
        let (publish, record) = (by_name("publish"), by_name("record"));
        assert_eq!(
            record.span_context.trace_id(),
            publish.span_context.trace_id()
        );
        assert_eq!(record.parent_span_id, publish.span_context.span_id());
    }

    #[test]
    fn without_export_the_incoming_trace_context_is_passed_on() {
        let incoming = OwnedHeaders::new()
            .insert(Header {
                key: "traceparent",
                value: Some("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            })
            .insert(Header {
                key: "frontdesk-stage",
                value: Some("router"),
            });
        // No OpenTelemetry layer: the span has no context of its own.
        let span = tracing::info_span!("record");
        follow(&span, Some(&incoming));
        let out = trace_headers(&span, Some(&incoming));
        assert_eq!(
            out.get("traceparent"),
            Some("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        );
        assert_eq!(out.get("frontdesk-stage"), None);
        assert_eq!(
            trace_headers(&span, None::<&OwnedHeaders>),
            TraceHeaders::default()
        );
    }
}
