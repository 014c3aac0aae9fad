//! A schema compiled once: apache-avro's cached single-object reader and a pool of its
//! writers, and the direct path's program.

use std::sync::Arc;

use apache_avro::types::Value;
use serde::de::DeserializeOwned;

use super::super::binary;
use super::super::schemas::{current, RecordKind};
use super::DecodeError;

/// A placeholder single-object header: apache-avro's cached readers and writers frame
/// their datum with one; the codec adds it before reading and strips it after writing.
struct NoHeader;

pub(super) const NO_HEADER: [u8; 10] = [0xC3, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];

impl apache_avro::headers::HeaderBuilder for NoHeader {
    fn build_header(&self) -> Vec<u8> {
        NO_HEADER.to_vec()
    }
}

/// One schema with its named types resolved once. `apache_avro::to_avro_datum` and
/// `from_avro_datum` re-resolve the whole schema on every call, which was the largest
/// single cost of moving a record through a stage.
pub(super) struct Compiled {
    pub(super) reader: apache_avro::GenericSingleObjectReader,
    /// Writers are `&mut` while writing; a small pool serves concurrent encodes.
    writers: std::sync::Mutex<Vec<apache_avro::GenericSingleObjectWriter>>,
    pub(super) schema: Arc<apache_avro::Schema>,
    /// The direct path (no `Value` tree), when the schema is one it covers.
    pub(super) direct: Option<binary::Program>,
    /// The kind whose current schema this is (same canonical form), if any: records
    /// written with it need no resolution, whatever id a registry gave it.
    pub(super) current_of: Option<RecordKind>,
}

impl Compiled {
    pub(super) fn new(schema: Arc<apache_avro::Schema>) -> apache_avro::AvroResult<Self> {
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
    pub(super) fn read_direct<T: DeserializeOwned>(
        &self,
        kind: RecordKind,
        body: &[u8],
    ) -> Option<T> {
        if self.current_of != Some(kind) {
            return None;
        }
        binary::from_slice(self.direct.as_ref()?, body).ok()
    }

    /// Writes `value` (validated against the schema) after `out`'s current contents.
    pub(super) fn write(&self, value: &Value, out: &mut Vec<u8>) -> apache_avro::AvroResult<()> {
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
pub(super) fn framed(bytes: &[u8]) -> Result<(u32, &[u8]), DecodeError> {
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
