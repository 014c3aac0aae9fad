//! Encoding and decoding records: Avro in the Confluent wire format, JSON at ingress.
//!
//! Wire format: byte 0 is the magic `0`, bytes 1..5 the big-endian schema id, the rest
//! one Avro datum written with that schema. A reader decodes with the writer's schema
//! and resolves it against its own current schema (schema evolution).

use std::collections::HashMap;
use std::sync::Arc;

use apache_avro::types::Value;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::binary;
use super::schemas::{current, RecordKind, SchemaError, SchemaResolver};
use super::ticket::{Attachment, Channel, Identity, Ticket};

/// Why a record could not be decoded. Every variant but [`DecodeError::Registry`] is
/// deterministic: the record goes to the dead-letter topic.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// No value at all.
    #[error("the record has no value")]
    Empty,
    /// Larger than the configured limit.
    #[error("{what} is {size} bytes, over the {max}-byte limit")]
    Oversize {
        /// What was too large.
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Neither Avro (magic byte 0) nor JSON (`{`).
    #[error("undecodable bytes: {0}")]
    Undecodable(String),
    /// The schema id is not known.
    #[error("unknown schema id {0}")]
    UnknownSchema(u32),
    /// The schema registry is unreachable: retry.
    #[error("schema registry unavailable: {0}")]
    Registry(String),
    /// Avro datum does not match its schema.
    #[error("invalid Avro: {0}")]
    Avro(String),
    /// JSON text is not valid UTF-8.
    #[error("invalid UTF-8 at byte {0}")]
    InvalidUtf8(usize),
    /// JSON is malformed.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A required field is missing or empty.
    #[error("missing required field `{0}`")]
    MissingField(String),
    /// A field has a value outside its domain.
    #[error("invalid field `{field}`: {reason}")]
    InvalidField {
        /// The field.
        field: &'static str,
        /// Why.
        reason: String,
    },
}

impl DecodeError {
    /// A bounded label for metrics and the dead letter's `error_kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::Oversize { .. } => "oversize",
            DecodeError::Undecodable(_) => "undecodable",
            DecodeError::UnknownSchema(_) => "unknown_schema",
            DecodeError::Registry(_) => "schema_registry",
            DecodeError::Avro(_) => "invalid_avro",
            DecodeError::InvalidUtf8(_) => "invalid_utf8",
            DecodeError::Json(_) => "invalid_json",
            DecodeError::MissingField(_) => "missing_field",
            DecodeError::InvalidField { .. } => "invalid_field",
        }
    }

    /// Whether retrying can help (only a registry outage).
    pub fn is_transient(&self) -> bool {
        matches!(self, DecodeError::Registry(_))
    }
}

impl From<SchemaError> for DecodeError {
    fn from(e: SchemaError) -> Self {
        match e {
            SchemaError::UnknownId(id) => DecodeError::UnknownSchema(id),
            SchemaError::Unavailable(m) => DecodeError::Registry(m),
            SchemaError::Invalid(m) => DecodeError::Avro(m),
        }
    }
}

/// Why a record could not be encoded.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    /// The value does not fit its schema: a defect.
    #[error("value does not fit the {kind:?} schema: {reason}")]
    Schema {
        /// Record kind.
        kind: RecordKind,
        /// Why.
        reason: String,
    },
    /// The registry could not give a writer id: retry.
    #[error(transparent)]
    Registry(#[from] SchemaError),
}

/// Limits applied at decode.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest record value accepted.
    pub max_record_bytes: usize,
    /// Largest ticket body accepted.
    pub max_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_record_bytes: 1 << 20,
            max_body_bytes: 64 * 1024,
        }
    }
}

/// A placeholder single-object header: apache-avro's cached readers and writers frame
/// their datum with one; the codec adds it before reading and strips it after writing.
struct NoHeader;

const NO_HEADER: [u8; 10] = [0xC3, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];

impl apache_avro::headers::HeaderBuilder for NoHeader {
    fn build_header(&self) -> Vec<u8> {
        NO_HEADER.to_vec()
    }
}

/// One schema with its named types resolved once. `apache_avro::to_avro_datum` and
/// `from_avro_datum` re-resolve the whole schema on every call, which was the largest
/// single cost of moving a record through a stage.
struct Compiled {
    reader: apache_avro::GenericSingleObjectReader,
    /// Writers are `&mut` while writing; a small pool serves concurrent encodes.
    writers: std::sync::Mutex<Vec<apache_avro::GenericSingleObjectWriter>>,
    schema: Arc<apache_avro::Schema>,
    /// The direct path (no `Value` tree), when the schema is one it covers.
    direct: Option<binary::Program>,
    /// The kind whose current schema this is (same canonical form), if any: records
    /// written with it need no resolution, whatever id a registry gave it.
    current_of: Option<RecordKind>,
}

impl Compiled {
    fn new(schema: Arc<apache_avro::Schema>) -> apache_avro::AvroResult<Self> {
        Ok(Compiled {
            reader: apache_avro::GenericSingleObjectReader::new_with_header_builder(
                (*schema).clone(),
                NoHeader,
            )?,
            writers: std::sync::Mutex::new(Vec::new()),
            direct: binary::Program::compile(&schema),
            current_of: {
                let canonical = schema.canonical_form();
                RecordKind::ALL
                    .into_iter()
                    .find(|k| current(*k).1.canonical_form() == canonical)
            },
            schema,
        })
    }

    /// The direct path's reading of `body` as a `T`, when this is `kind`'s current schema
    /// and the direct path covers it; None sends the record down apache-avro's path.
    fn read_direct<T: DeserializeOwned>(&self, kind: RecordKind, body: &[u8]) -> Option<T> {
        if self.current_of != Some(kind) {
            return None;
        }
        binary::from_slice(self.direct.as_ref()?, body).ok()
    }

    /// Writes `value` (validated against the schema) after `out`'s current contents.
    fn write(&self, value: &Value, out: &mut Vec<u8>) -> apache_avro::AvroResult<()> {
        let pooled = self.writers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let mut writer = match pooled {
            Some(w) => w,
            None => apache_avro::GenericSingleObjectWriter::new_with_capacity_and_header_builder(
                &self.schema,
                1024,
                NoHeader,
            )?,
        };
        let start = out.len();
        // On an error the writer may hold a partial datum: it is dropped, not pooled.
        writer.write_value_ref(value, out)?;
        out.drain(start..start + NO_HEADER.len());
        self.writers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(writer);
        Ok(())
    }
}

/// The schema id and the datum of a Confluent-framed record.
fn framed(bytes: &[u8]) -> Result<(u32, &[u8]), DecodeError> {
    if bytes.len() < 5 || bytes[0] != 0 {
        return Err(DecodeError::Undecodable(format!(
            "expected Confluent Avro framing (magic byte 0 and a 4-byte schema id), got {} bytes starting {:#04x}",
            bytes.len(),
            bytes.first().copied().unwrap_or_default()
        )));
    }
    let id = u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]);
    Ok((id, &bytes[5..]))
}

/// Encodes and decodes frontdesk's records.
#[derive(Clone)]
pub struct Codec {
    resolver: Arc<dyn SchemaResolver>,
    limits: Limits,
    compiled: Arc<std::sync::RwLock<HashMap<u32, Arc<Compiled>>>>,
}

impl Codec {
    /// A codec over a schema resolver.
    pub fn new(resolver: Arc<dyn SchemaResolver>, limits: Limits) -> Self {
        Codec {
            resolver,
            limits,
            compiled: Arc::default(),
        }
    }

    /// The compiled form of schema `id` (a registry id always names the same schema).
    async fn compiled(&self, id: u32) -> Result<Arc<Compiled>, SchemaError> {
        if let Some(c) = self
            .compiled
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
        {
            return Ok(c.clone());
        }
        let schema = self.resolver.by_id(id).await?;
        let compiled = Arc::new(
            Compiled::new(schema)
                .map_err(|e| SchemaError::Invalid(format!("schema id {id}: {e}")))?,
        );
        self.compiled
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, compiled.clone());
        Ok(compiled)
    }

    /// Encodes a record as Confluent-framed Avro for `topic`.
    pub async fn encode<T: Serialize>(
        &self,
        kind: RecordKind,
        topic: &str,
        value: &T,
    ) -> Result<Vec<u8>, EncodeError> {
        let id = self.resolver.writer_id(kind, topic).await?;
        let compiled = self.compiled(id).await?;
        let bad = |reason: String| EncodeError::Schema { kind, reason };
        let mut out = Vec::with_capacity(512);
        out.push(0u8);
        out.extend_from_slice(&id.to_be_bytes());
        if let Some(direct) = &compiled.direct {
            if binary::to_writer(direct, value, &mut out).is_ok() {
                return Ok(out);
            }
            out.truncate(5);
        }
        // apache-avro's path: what the direct path does not cover, and its errors.
        let value = apache_avro::to_value(value).map_err(|e| bad(e.to_string()))?;
        // Most values already have the schema's shape (validated while written); the rest
        // (e.g. an integer written to a wider field) are resolved against it first.
        if compiled.write(&value, &mut out).is_err() {
            out.truncate(5);
            let value = value
                .resolve(&compiled.schema)
                .map_err(|e| bad(e.to_string()))?;
            compiled
                .write(&value, &mut out)
                .map_err(|e| bad(e.to_string()))?;
        }
        Ok(out)
    }

    /// Decodes a framed Avro record of `kind`, resolving the writer schema to the current one.
    pub async fn decode<T: DeserializeOwned>(
        &self,
        kind: RecordKind,
        bytes: &[u8],
    ) -> Result<T, DecodeError> {
        self.check_size(bytes)?;
        self.decode_avro(kind, bytes).await
    }

    fn check_size(&self, bytes: &[u8]) -> Result<(), DecodeError> {
        if bytes.is_empty() {
            return Err(DecodeError::Empty);
        }
        if bytes.len() > self.limits.max_record_bytes {
            return Err(DecodeError::Oversize {
                what: "record",
                size: bytes.len(),
                max: self.limits.max_record_bytes,
            });
        }
        Ok(())
    }

    /// A Confluent-framed Avro record of `kind`: read directly when its writer schema is
    /// the current one (under its local id or any id a registry gave it), else through
    /// apache-avro, which resolves an older writer schema or says what is wrong.
    async fn decode_avro<T: DeserializeOwned>(
        &self,
        kind: RecordKind,
        bytes: &[u8],
    ) -> Result<T, DecodeError> {
        let (id, mut body) = framed(bytes)?;
        let writer = self.compiled(id).await?;
        if let Some(value) = writer.read_direct(kind, body) {
            return Ok(value);
        }
        let value = if writer.current_of == Some(kind) {
            // Written with the current schema: nothing to resolve.
            use std::io::Read;
            writer
                .reader
                .read_value(&mut NO_HEADER.as_slice().chain(&mut body))
        } else {
            let (_, reader) = current(kind);
            apache_avro::from_avro_datum(&writer.schema, &mut body, Some(reader.as_ref()))
        }
        .map_err(|e| DecodeError::Avro(format!("schema id {id}: {e}")))?;
        if !body.is_empty() {
            return Err(DecodeError::Avro(format!(
                "{} trailing bytes after the datum",
                body.len()
            )));
        }
        apache_avro::from_value::<T>(&value).map_err(|e| DecodeError::Avro(e.to_string()))
    }

    /// Decodes an inbound ticket: Avro (magic byte 0) or JSON (`{`). `channel` is the
    /// channel of the topic it was read from, used when JSON omits it.
    pub async fn decode_ticket(
        &self,
        bytes: &[u8],
        channel: Option<Channel>,
    ) -> Result<Ticket, DecodeError> {
        self.check_size(bytes)?;
        let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
        let ticket = match first {
            Some(0) if bytes[0] == 0 => self.decode_avro(RecordKind::Ticket, bytes).await?,
            Some(b'{') => decode_json_ticket(bytes, channel)?,
            _ => {
                return Err(DecodeError::Undecodable(
                    "neither Confluent Avro (magic byte 0) nor a JSON object".to_owned(),
                ))
            }
        };
        self.validate_ticket(&ticket)?;
        Ok(ticket)
    }

    fn validate_ticket(&self, t: &Ticket) -> Result<(), DecodeError> {
        for (name, v) in [
            ("ticket_id", &t.ticket_id),
            ("conversation_id", &t.conversation_id),
        ] {
            if v.trim().is_empty() {
                return Err(DecodeError::MissingField(name.to_owned()));
            }
        }
        if t.body.len() > self.limits.max_body_bytes {
            return Err(DecodeError::Oversize {
                what: "body",
                size: t.body.len(),
                max: self.limits.max_body_bytes,
            });
        }
        Ok(())
    }
}

/// The JSON shape accepted at ingress: the Avro field names, most of them optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTicket {
    ticket_id: Option<String>,
    conversation_id: Option<String>,
    channel: Option<String>,
    #[serde(default)]
    customer: Identity,
    subject: Option<String>,
    body: Option<String>,
    #[serde(default)]
    attachments: Vec<Attachment>,
    received_at: Option<i64>,
    #[serde(default)]
    headers: HashMap<String, String>,
    locale: Option<String>,
}

fn decode_json_ticket(bytes: &[u8], topic_channel: Option<Channel>) -> Result<Ticket, DecodeError> {
    let text = std::str::from_utf8(bytes).map_err(|e| DecodeError::InvalidUtf8(e.valid_up_to()))?;
    let j: JsonTicket = serde_json::from_str(text).map_err(|e| DecodeError::Json(e.to_string()))?;
    let required =
        |v: Option<String>, name: &str| v.ok_or_else(|| DecodeError::MissingField(name.to_owned()));
    let channel = match j.channel {
        Some(c) => Channel::parse(&c).ok_or(DecodeError::InvalidField {
            field: "channel",
            reason: format!("`{c}` is not one of email, chat, sms, webhook"),
        })?,
        None => topic_channel.ok_or_else(|| DecodeError::MissingField("channel".to_owned()))?,
    };
    Ok(Ticket {
        ticket_id: required(j.ticket_id, "ticket_id")?,
        conversation_id: required(j.conversation_id, "conversation_id")?,
        channel,
        customer: j.customer,
        subject: j.subject,
        body: required(j.body, "body")?,
        attachments: j.attachments,
        received_at: j.received_at.unwrap_or_else(super::now_ms),
        headers: j.headers,
        locale: j.locale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::schemas::LocalSchemas;
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
        let read: crate::messages::Envelope =
            c.decode(RecordKind::Envelope, &framed).await.unwrap();
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
        let read: crate::messages::Envelope =
            c.decode(RecordKind::Envelope, &framed).await.unwrap();
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

    mod gen {
        use crate::messages::*;
        use proptest::prelude::*;
        use std::collections::HashMap;

        /// Finite doubles (a NaN is never equal to itself).
        fn num() -> impl Strategy<Value = f64> {
            -1e300f64..1e300
        }

        fn text() -> impl Strategy<Value = String> {
            "\\PC{0,12}"
        }

        fn opt() -> impl Strategy<Value = Option<String>> {
            proptest::option::of(text())
        }

        fn band() -> impl Strategy<Value = Band> {
            prop_oneof![
                Just(Band::Autonomous),
                Just(Band::Conditional),
                Just(Band::AlwaysEscalate)
            ]
        }

        pub fn ticket() -> impl Strategy<Value = Ticket> {
            (
                (text(), text(), 0usize..4, opt(), opt(), opt(), opt()),
                (opt(), text(), any::<i64>(), opt()),
                proptest::collection::vec((text(), text(), any::<i64>(), opt()), 0..3),
                proptest::collection::hash_map(text(), text(), 0..3),
            )
                .prop_map(
                    |(
                        (id, conv, ch, email, phone, hd, name),
                        (subject, body, at, locale),
                        att,
                        headers,
                    )| Ticket {
                        ticket_id: id,
                        conversation_id: conv,
                        channel: Channel::ALL[ch],
                        customer: Identity {
                            email,
                            phone,
                            helpdesk_user_id: hd,
                            name,
                        },
                        subject,
                        body,
                        attachments: att
                            .into_iter()
                            .map(|(filename, content_type, size_bytes, url)| Attachment {
                                filename,
                                content_type,
                                size_bytes,
                                url,
                            })
                            .collect(),
                        received_at: at,
                        headers: headers.into_iter().collect::<HashMap<_, _>>(),
                        locale,
                    },
                )
        }

        pub fn envelope() -> impl Strategy<Value = Envelope> {
            let route = (
                proptest::collection::vec((text(), -1e9f64..1e9, band()), 0..3),
                band(),
                proptest::collection::vec(text(), 0..3),
                any::<bool>(),
                text(),
            )
                .prop_map(|(intents, band, allow_list, out_of_scope, model)| Route {
                    intents: intents
                        .into_iter()
                        .map(|(intent, confidence, band)| RoutedIntent {
                            intent,
                            confidence,
                            band,
                        })
                        .collect(),
                    band,
                    allow_list,
                    out_of_scope,
                    model,
                });
            let call = (
                text(),
                text(),
                opt(),
                text(),
                proptest::option::of(any::<i32>()),
                opt(),
                opt(),
                any::<i64>(),
                any::<i32>(),
            )
                .prop_map(
                    |(
                        tool,
                        arguments_json,
                        idempotency_key,
                        outcome,
                        http_status,
                        response_json,
                        error,
                        latency_ms,
                        attempts,
                    )| ToolCall {
                        tool,
                        arguments_json,
                        idempotency_key,
                        outcome,
                        http_status,
                        response_json,
                        error,
                        latency_ms,
                        attempts,
                    },
                );
            (
                ticket(),
                proptest::option::of(route),
                proptest::collection::vec((text(), text()), 0..2),
                proptest::collection::vec(call, 0..2),
                proptest::collection::vec((text(), text(), opt(), text(), num(), num()), 0..2),
                (
                    proptest::option::of(num()),
                    opt(),
                    proptest::collection::vec((text(), any::<i64>()), 0..3),
                    any::<i64>(),
                    any::<i64>(),
                    num(),
                ),
            )
                .prop_map(
                    |(
                        ticket,
                        route,
                        plan,
                        tool_log,
                        passages,
                        (gc, draft, hops, tin, tout, usd),
                    )| {
                        let mut env = Envelope::new(ticket);
                        env.route = route;
                        env.tool_plan = plan
                            .into_iter()
                            .map(|(tool, arguments_json)| PlannedCall {
                                tool,
                                arguments_json,
                            })
                            .collect();
                        env.tool_log = tool_log;
                        env.passages = passages
                            .into_iter()
                            .map(
                                |(doc_id, title, section, text, score, confidence)| Passage {
                                    doc_id,
                                    title,
                                    section,
                                    text,
                                    score,
                                    confidence,
                                },
                            )
                            .collect();
                        env.grounding_confidence = gc;
                        env.draft_reply = draft;
                        env.hops = hops
                            .into_iter()
                            .map(|(stage, at)| Hop { stage, at })
                            .collect();
                        env.cost = Cost {
                            tokens_in: tin,
                            tokens_out: tout,
                            usd,
                        };
                        env
                    },
                )
                .prop_flat_map(|env| (Just(env), verdicts(), notifications()))
                .prop_map(|(mut env, (decisions, screen, gate, plan), notes)| {
                    env.decisions = decisions;
                    env.screen = screen;
                    env.gate = gate;
                    env.plan = plan;
                    env.notifications = notes;
                    env
                })
        }

        fn notifications() -> impl Strategy<Value = Vec<Notification>> {
            let channel = proptest::sample::select(Channel::ALL.to_vec());
            proptest::collection::vec(
                (channel, text(), opt(), text()).prop_map(|(channel, to, subject, body)| {
                    Notification {
                        channel,
                        to,
                        subject,
                        body,
                    }
                }),
                0..2,
            )
        }

        fn rule() -> impl Strategy<Value = Rule> {
            proptest::sample::select(Rule::ALL)
        }

        /// The decisions and typed verdicts of an envelope (schema v3).
        #[allow(clippy::type_complexity)]
        fn verdicts() -> impl Strategy<
            Value = (
                Vec<Decision>,
                Option<Screen>,
                Option<GateVerdict>,
                Option<PlanVerdict>,
            ),
        > {
            let decision = (text(), rule(), text(), text(), any::<i64>()).prop_map(
                |(stage, rule, outcome, reason, at)| Decision {
                    stage,
                    rule,
                    outcome,
                    reason,
                    at,
                },
            );
            let screen = (num(), any::<bool>(), any::<bool>()).prop_map(
                |(injection_score, injection, asked_for_human)| Screen {
                    injection_score,
                    injection,
                    asked_for_human,
                },
            );
            let gate = (proptest::option::of(rule()), text())
                .prop_map(|(blocked_by, reason)| GateVerdict { blocked_by, reason });
            let outcome = proptest::sample::select(vec![
                PlanOutcome::Acted,
                PlanOutcome::Ask,
                PlanOutcome::Handoff,
                PlanOutcome::Answered,
                PlanOutcome::Blocked,
            ]);
            let plan = (outcome, proptest::option::of(rule()), text()).prop_map(
                |(outcome, reason, detail)| PlanVerdict {
                    outcome,
                    reason,
                    detail,
                },
            );
            (
                proptest::collection::vec(decision, 0..3),
                proptest::option::of(screen),
                proptest::option::of(gate),
                proptest::option::of(plan),
            )
        }
    }

    /// The direct path against apache-avro's: each reads what the other wrote, and both
    /// get the value back. (Bytes are compared by the unit tests above: with two or more
    /// map entries apache-avro's own order varies from call to call.)
    fn same_both_ways<T>(
        kind: RecordKind,
        value: &T,
    ) -> Result<(), proptest::test_runner::TestCaseError>
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let (_, schema) = current(kind);
        let direct = binary::Program::compile(&schema).unwrap();
        let mut ours = Vec::new();
        binary::to_writer(&direct, value, &mut ours).unwrap();
        let theirs = apache_avro::to_avro_datum(
            &schema,
            apache_avro::to_value(value)
                .unwrap()
                .resolve(&schema)
                .unwrap(),
        )
        .unwrap();
        proptest::prop_assert_eq!(ours.len(), theirs.len());
        let read_by_them = |bytes: &[u8]| -> T {
            let mut b = bytes;
            let v = apache_avro::from_avro_datum(&schema, &mut b, None).unwrap();
            assert!(b.is_empty());
            apache_avro::from_value(&v).unwrap()
        };
        proptest::prop_assert_eq!(&binary::from_slice::<T>(&direct, &ours).unwrap(), value);
        proptest::prop_assert_eq!(&binary::from_slice::<T>(&direct, &theirs).unwrap(), value);
        proptest::prop_assert_eq!(&read_by_them(&ours), value);
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn the_direct_path_matches_apache_avro_on_tickets(t in gen::ticket()) {
            same_both_ways(RecordKind::Ticket, &t)?;
        }

        #[test]
        fn the_direct_path_matches_apache_avro_on_envelopes(e in gen::envelope()) {
            same_both_ways(RecordKind::Envelope, &e)?;
        }

        #[test]
        fn the_direct_path_rejects_what_it_cannot_read_without_panicking(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            let direct = binary::Program::compile(&current(RecordKind::Envelope).1).unwrap();
            let _ = binary::from_slice::<Envelope>(&direct, &bytes);
        }

        #[test]
        fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let c = codec();
            let _ = rt.block_on(c.decode_ticket(&bytes, Some(Channel::Chat)));
            let _ = rt.block_on(c.decode::<Envelope>(RecordKind::Envelope, &bytes));
        }
    }
}
