//! The codec against apache-avro: round trips, schema evolution, errors, properties.

mod gen;
mod properties;

use std::collections::HashMap;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::compiled::framed;
use super::*;
use crate::messages::binary;
use crate::messages::schemas::LocalSchemas;
use crate::messages::schemas::{current, RecordKind, SchemaError, SchemaResolver};
use crate::messages::ticket::{Attachment, Channel, Identity, Ticket};
use crate::messages::{DeadLetter, Envelope, Handoff, Resolution};

fn codec() -> Codec {
    Codec::new(Arc::new(LocalSchemas), Limits::default())
}

pub(crate) fn sample_ticket() -> Ticket {
    Ticket {
        ticket_id: "t-1".into(),
        conversation_id: "c-1".into(),
        channel: Channel::Email,
        customer: Identity {
            email: Some("noah.brown7922@example.com".into()),
            ..Default::default()
        },
        subject: Some("Order help".into()),
        body: "Where is my order #W7678072?".into(),
        attachments: vec![Attachment {
            filename: "receipt.pdf".into(),
            content_type: "application/pdf".into(),
            size_bytes: 1234,
            url: None,
        }],
        received_at: 1_700_000_000_000,
        headers: HashMap::from([("message-id".to_owned(), "<abc@x>".to_owned())]),
        locale: Some("en-US".into()),
    }
}

#[tokio::test]
async fn ticket_round_trips_through_avro_and_json() {
    let c = codec();
    let t = sample_ticket();
    let bytes = c.encode(RecordKind::Ticket, "in", &t).await.unwrap();
    assert_eq!(bytes[0], 0);
    assert_eq!(
        u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]),
        2
    );
    assert_eq!(c.decode_ticket(&bytes, None).await.unwrap(), t);
    let json = serde_json::to_vec(&t).unwrap();
    assert_eq!(c.decode_ticket(&json, None).await.unwrap(), t);
}

/// The codec's output is exactly what apache-avro's plain resolve-and-write produces,
/// and the direct path (no `Value` tree) covers the record both ways.
fn assert_plain_encoding<T>(kind: RecordKind, value: &T, framed: &[u8])
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let (id, schema) = current(kind);
    let direct = binary::Program::compile(&schema).expect("the direct path covers the schema");
    let mut out = Vec::new();
    binary::to_writer(&direct, value, &mut out).expect("the direct path encodes it");
    assert_eq!(&framed[5..], out.as_slice(), "direct {}", kind.as_str());
    assert_eq!(
        &binary::from_slice::<T>(&direct, &out).expect("the direct path decodes it"),
        value
    );
    let plain = apache_avro::to_avro_datum(
        &schema,
        apache_avro::to_value(value)
            .unwrap()
            .resolve(&schema)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(framed[0], 0);
    assert_eq!(&framed[1..5], &id.to_be_bytes());
    assert_eq!(&framed[5..], plain.as_slice(), "{}", kind.as_str());
}

/// The direct path's reading of a framed record (None: apache-avro's path would be taken).
async fn decode_direct<T: DeserializeOwned>(
    c: &Codec,
    kind: RecordKind,
    bytes: &[u8],
) -> Option<T> {
    let (id, body) = framed(bytes).ok()?;
    c.compiled(id).await.ok()?.read_direct(kind, body)
}

/// A registry that gives the current envelope schema an id of its own.
struct Registry;

#[async_trait::async_trait]
impl SchemaResolver for Registry {
    async fn by_id(&self, id: u32) -> Result<Arc<apache_avro::Schema>, SchemaError> {
        match id {
            1001 => Ok(current(RecordKind::Envelope).1),
            other => LocalSchemas.by_id(other).await,
        }
    }
    async fn writer_id(&self, kind: RecordKind, topic: &str) -> Result<u32, SchemaError> {
        match kind {
            RecordKind::Envelope => Ok(1001),
            other => LocalSchemas.writer_id(other, topic).await,
        }
    }
}

#[tokio::test]
async fn the_current_schema_under_a_registry_id_is_read_directly() {
    let c = Codec::new(Arc::new(Registry), Limits::default());
    let env = Envelope::new(sample_ticket());
    let bytes = c.encode(RecordKind::Envelope, "x", &env).await.unwrap();
    assert_eq!(&bytes[1..5], &1001u32.to_be_bytes());
    assert_eq!(
        decode_direct::<Envelope>(&c, RecordKind::Envelope, &bytes).await,
        Some(env.clone())
    );
    assert_eq!(
        c.decode::<Envelope>(RecordKind::Envelope, &bytes)
            .await
            .unwrap(),
        env
    );
}

#[tokio::test]
async fn every_outbound_kind_round_trips() {
    let c = codec();
    let mut env = Envelope::new(sample_ticket());
    env.decide(
        "policy",
        crate::messages::Rule::AlwaysEscalate,
        "handoff",
        "legal complaint",
    );
    env.passages.push(crate::messages::Passage {
        doc_id: "d1".into(),
        title: "Returns".into(),
        section: Some("Refunds".into()),
        text: "Refunds go to the original method.".into(),
        score: 3.5,
        confidence: 0.8,
    });
    env.route = Some(crate::messages::Route {
        intents: vec![crate::messages::RoutedIntent {
            intent: "cancel".into(),
            confidence: 0.7,
            band: crate::messages::Band::Conditional,
        }],
        band: crate::messages::Band::Conditional,
        allow_list: vec!["get_order".into()],
        out_of_scope: false,
        model: "ngram".into(),
    });
    let bytes = c.encode(RecordKind::Envelope, "x", &env).await.unwrap();
    assert_plain_encoding(RecordKind::Envelope, &env, &bytes);
    assert_eq!(
        c.decode::<Envelope>(RecordKind::Envelope, &bytes)
            .await
            .unwrap(),
        env
    );

    let dl = DeadLetter {
        original_value: Some(vec![1, 2, 3, 0, 255]),
        original_key: None,
        source_topic: "in".into(),
        source_partition: 3,
        source_offset: 42,
        stage: "router".into(),
        error_kind: "undecodable".into(),
        reason: "bad".into(),
        headers: HashMap::new(),
        failed_at: 5,
    };
    let bytes = c.encode(RecordKind::DeadLetter, "dl", &dl).await.unwrap();
    assert_plain_encoding(RecordKind::DeadLetter, &dl, &bytes);
    assert_eq!(
        c.decode::<DeadLetter>(RecordKind::DeadLetter, &bytes)
            .await
            .unwrap(),
        dl
    );

    let r = Resolution {
        ticket_id: "t".into(),
        conversation_id: "c".into(),
        channel: Channel::Chat,
        customer: Identity::default(),
        reply: "Done".into(),
        intents: vec!["order_status".into()],
        actions: vec![],
        citations: vec!["policy#cancel".into()],
        cost: Default::default(),
        latency_ms: 12,
        resolved_at: 99,
        awaiting_customer: true,
        notifications: vec![crate::messages::Notification {
            channel: Channel::Email,
            to: "noah.brown7922@example.com".into(),
            subject: Some("Your code".into()),
            body: "Your one-time code is 481516.".into(),
        }],
    };
    let bytes = c.encode(RecordKind::Resolution, "r", &r).await.unwrap();
    assert_plain_encoding(RecordKind::Resolution, &r, &bytes);
    assert_eq!(
        c.decode::<Resolution>(RecordKind::Resolution, &bytes)
            .await
            .unwrap(),
        r
    );

    let h = Handoff {
        ticket_id: "t".into(),
        conversation_id: "c".into(),
        channel: Channel::Sms,
        customer: Identity::default(),
        reason_code: crate::messages::Rule::LowConfidence,
        reason: "Not sure".into(),
        summary: "s".into(),
        draft_reply: "d".into(),
        transcript: vec![],
        tool_log: vec![],
        proposed_action: None,
        route: None,
        citations: vec![],
        cost: Default::default(),
        latency_ms: 1,
        handed_off_at: 2,
    };
    let bytes = c.encode(RecordKind::Handoff, "h", &h).await.unwrap();
    assert_plain_encoding(RecordKind::Handoff, &h, &bytes);
    assert_eq!(
        c.decode::<Handoff>(RecordKind::Handoff, &bytes)
            .await
            .unwrap(),
        h
    );
}

/// A reader on the current schema (v2) reads tickets written by an old writer (v1).
#[tokio::test]
async fn reader_with_newer_schema_reads_records_written_with_the_old_one() {
    let c = codec();
    let v1 = LocalSchemas.by_id(1).await.unwrap();
    let mut t = sample_ticket();
    t.locale = None;
    // Write with the v1 schema, which has no `locale` field.
    let mut v = serde_json::to_value(&t).unwrap();
    v.as_object_mut().unwrap().remove("locale");
    let value = apache_avro::to_value(&v).unwrap();
    let value = value.resolve(&v1).unwrap();
    let datum = apache_avro::to_avro_datum(&v1, value).unwrap();
    let mut framed = vec![0, 0, 0, 0, 1];
    framed.extend_from_slice(&datum);
    let read = c.decode_ticket(&framed, None).await.unwrap();
    assert_eq!(read, t);
    assert_eq!(read.locale, None, "the new field takes its default");
}

/// Resolutions written before `awaiting_customer` existed (schema 20) read as resolved.
#[tokio::test]
async fn resolution_v1_records_read_as_resolved() {
    let c = codec();
    let v1 = LocalSchemas.by_id(20).await.unwrap();
    let r = Resolution {
        ticket_id: "t".into(),
        conversation_id: "c".into(),
        channel: Channel::Email,
        customer: Identity::default(),
        reply: "Done".into(),
        intents: vec![],
        actions: vec![],
        citations: vec![],
        cost: Default::default(),
        latency_ms: 1,
        resolved_at: 2,
        awaiting_customer: false,
        notifications: vec![],
    };
    let mut v = serde_json::to_value(&r).unwrap();
    v.as_object_mut().unwrap().remove("awaiting_customer");
    let value = apache_avro::to_value(&v).unwrap().resolve(&v1).unwrap();
    let mut framed = vec![0, 0, 0, 0, 20];
    framed.extend_from_slice(&apache_avro::to_avro_datum(&v1, value).unwrap());
    let read: Resolution = c.decode(RecordKind::Resolution, &framed).await.unwrap();
    assert_eq!(read, r);
}

/// Envelopes written before `cost` existed (schema 10) read with a zero cost.
#[tokio::test]
async fn envelope_v1_records_read_with_zero_cost() {
    let c = codec();
    let v1 = LocalSchemas.by_id(10).await.unwrap();
    let env = crate::messages::Envelope::new(sample_ticket());
    let mut v = serde_json::to_value(&env).unwrap();
    v.as_object_mut().unwrap().remove("cost");
    let value = apache_avro::to_value(&v).unwrap().resolve(&v1).unwrap();
    let mut framed = vec![0, 0, 0, 0, 10];
    framed.extend_from_slice(&apache_avro::to_avro_datum(&v1, value).unwrap());
    // An older writer schema is resolved by apache-avro, not read directly.
    assert_eq!(
        decode_direct::<Envelope>(&c, RecordKind::Envelope, &framed).await,
        None
    );
    let read: crate::messages::Envelope = c.decode(RecordKind::Envelope, &framed).await.unwrap();
    assert_eq!(read, env);
    assert_eq!(read.cost, crate::messages::Cost::default());
}

/// Envelopes written before the typed verdicts existed (schema 11) read with none.
#[tokio::test]
async fn envelope_v2_records_read_without_verdicts() {
    let c = codec();
    let v2 = LocalSchemas.by_id(11).await.unwrap();
    let mut env = crate::messages::Envelope::new(sample_ticket());
    env.decide(
        "router",
        crate::messages::Rule::Classify,
        "conditional",
        "intents [cancel_order 0.91]",
    );
    let mut v = serde_json::to_value(&env).unwrap();
    for field in ["screen", "gate", "plan"] {
        v.as_object_mut().unwrap().remove(field);
    }
    let value = apache_avro::to_value(&v).unwrap().resolve(&v2).unwrap();
    let mut framed = vec![0, 0, 0, 0, 11];
    framed.extend_from_slice(&apache_avro::to_avro_datum(&v2, value).unwrap());
    let read: crate::messages::Envelope = c.decode(RecordKind::Envelope, &framed).await.unwrap();
    assert_eq!(read, env);
    assert_eq!((read.screen, read.gate, read.plan), (None, None, None));
}

#[tokio::test]
async fn bad_input_gets_a_specific_deterministic_error() {
    let c = Codec::new(
        Arc::new(LocalSchemas),
        Limits {
            max_record_bytes: 4096,
            max_body_bytes: 100,
        },
    );
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![], "empty"),
        (b"hello".to_vec(), "undecodable"),
        (vec![0, 0, 0, 3, 231, 1, 2], "unknown_schema"),
        (vec![0, 0, 0, 0, 2, 255, 255, 255], "invalid_avro"),
        (
            b"{\"ticket_id\": \"a\", \"body\": \"\xff\xfe\"}".to_vec(),
            "invalid_utf8",
        ),
        (b"{\"ticket_id\": ".to_vec(), "invalid_json"),
        (
            br#"{"ticket_id": "a", "conversation_id": "c"}"#.to_vec(),
            "missing_field",
        ),
        (
            br#"{"ticket_id": "a", "conversation_id": "c", "body": "x", "channel": "fax"}"#
                .to_vec(),
            "invalid_field",
        ),
        (
            format!(
                r#"{{"ticket_id": "a", "conversation_id": "c", "body": "{}"}}"#,
                "x".repeat(200)
            )
            .into_bytes(),
            "oversize",
        ),
        (vec![b'{'; 5000], "oversize"),
    ];
    for (bytes, kind) in cases {
        let err = c
            .decode_ticket(&bytes, Some(Channel::Email))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert!(!err.is_transient());
    }
}
