//! One trace per ticket across the stages: the publisher's span is the root, and each
//! stage's span per record is a child of the previous stage's, through the trace context
//! in the record headers.

use std::time::Duration;

use frontdesk::channels::publish::TicketSink;
use frontdesk::harness::{Harness, HarnessOptions, Stages, Store};
use frontdesk::messages::{now_ms, Channel, Identity, Ticket};
use frontdesk::stages::StageKind;
use frontdesk::topics::names;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tracing_subscriber::layer::SubscriberExt;

use crate::helpers::*;

fn attribute(span: &SpanData, key: &str) -> Option<String> {
    span.attributes
        .iter()
        .find(|kv| kv.key.as_str() == key)
        .map(|kv| kv.value.as_str().into_owned())
}

/// A current-thread runtime (the attribute's default): the subscriber set for this thread
/// sees the spans of every stage task, since they all run on it.
#[tokio::test]
async fn a_tickets_spans_across_the_stages_form_one_chain_in_one_trace() {
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    let subscriber = tracing_subscriber::registry()
        .with(tracing_opentelemetry::layer().with_tracer(provider.tracer("it")));
    let _traced = tracing::subscriber::set_default(subscriber);

    let dir = tempfile::tempdir().unwrap();
    let harness = Harness::start(
        test_config(dir.path()),
        HarnessOptions {
            broker: Broker::embedded().unwrap(),
            store: Store::None,
            stages: Stages::Configured(StageKind::ALL.to_vec()),
            keep_state_url: true,
            declare_topics: true,
        },
    )
    .await
    .unwrap();
    let (res, hand) = (
        harness.topics.physical(names::RESOLUTIONS),
        harness.topics.physical(names::HANDOFFS),
    );
    let obs = observer(&harness.cfg, &harness.brokers, &[&res, &hand]);
    let sink = TicketSink::new(
        producer(&harness.cfg, &harness.brokers),
        harness.codec.clone(),
        harness.topics.clone(),
        Duration::from_secs(10),
    );
    let ticket = Ticket {
        ticket_id: unique("trace"),
        conversation_id: unique("conv"),
        channel: Channel::Email,
        customer: Identity {
            email: Some("trace@example.com".into()),
            ..Default::default()
        },
        subject: Some("Returns".into()),
        body: "How many days do I have to return an item?".into(),
        attachments: vec![],
        received_at: now_ms(),
        headers: Default::default(),
        locale: None,
    };
    sink.publish(&ticket).await.unwrap();
    let outcome = collect_until(&obs, Duration::from_secs(60), |s| !s.is_empty())
        .await
        .remove(0);
    harness.stop().await.unwrap();
    provider.force_flush().unwrap();

    let spans = exporter.get_finished_spans().unwrap();
    let of_ticket = |name: &str, stage: Option<&str>| -> Vec<&SpanData> {
        spans
            .iter()
            .filter(|s| s.name == name)
            .filter(|s| attribute(s, "ticket_id").as_deref() == Some(&ticket.ticket_id))
            .filter(|s| stage.is_none() || attribute(s, "stage").as_deref() == stage)
            .collect()
    };
    let publish = of_ticket("publish", None);
    assert_eq!(publish.len(), 1, "one publish span");
    let mut parent = publish[0];
    for stage in ["router", "tools", "grounding", "policy"] {
        let record = of_ticket("record", Some(stage));
        assert_eq!(record.len(), 1, "one span of {stage} for the ticket");
        let record = record[0];
        assert_eq!(
            record.span_context.trace_id(),
            publish[0].span_context.trace_id(),
            "{stage} is in the ticket's trace"
        );
        assert_eq!(
            record.parent_span_id,
            parent.span_context.span_id(),
            "{stage}'s parent is the span that produced its record"
        );
        parent = record;
    }
    // The outcome carries the trace on: its `traceparent` names the policy span.
    let traceparent = &outcome.headers["traceparent"];
    assert!(
        traceparent.contains(&parent.span_context.span_id().to_string()),
        "{traceparent}"
    );
    assert!(
        traceparent.contains(&parent.span_context.trace_id().to_string()),
        "{traceparent}"
    );
}
