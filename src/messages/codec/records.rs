//! [`Codec`]: records in the Confluent wire format, read and written through the direct
//! path when it covers them and apache-avro otherwise.

use std::collections::HashMap;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::compiled::{framed, Compiled, NO_HEADER};
use super::json::decode_json_ticket;
use super::{DecodeError, EncodeError, Limits};
use crate::messages::binary;
use crate::messages::schemas::{current, RecordKind, SchemaError, SchemaResolver};
use crate::messages::ticket::{Channel, Ticket};

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
        // apache-avro bounds the item count of an array or map block (and the length of a
        // string) by one process-wide figure, 512 Mi by default, and reserves that many
        // items up front: a 27-byte ticket claiming about 500 million header entries made
        // it ask for 10.8 GB (found by fuzzing: fuzz/regressions/ticket_avro/). A datum of
        // at most `max_record_bytes` holds neither more items nor a longer string than that
        // many bytes, so that is the bound (never below the default limit's, 1 MiB, so a
        // codec with a smaller limit built first cannot shrink it for the others).
        // apache-avro keeps the first value it is given in a process, so the first codec
        // sets it, before anything is decoded.
        apache_avro::util::max_allocation_bytes(
            limits
                .max_record_bytes
                .max(Limits::default().max_record_bytes),
        );
        Codec {
            resolver,
            limits,
            compiled: Arc::default(),
        }
    }

    /// The compiled form of schema `id` (a registry id always names the same schema).
    pub(super) async fn compiled(&self, id: u32) -> Result<Arc<Compiled>, SchemaError> {
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
