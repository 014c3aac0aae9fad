//! What can go wrong encoding or decoding a record, and the size limits applied.

use super::super::schemas::{RecordKind, SchemaError};

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
