//! Encoding and decoding records: Avro in the Confluent wire format, JSON at ingress.
//!
//! Wire format: byte 0 is the magic `0`, bytes 1..5 the big-endian schema id, the rest
//! one Avro datum written with that schema. A reader decodes with the writer's schema
//! and resolves it against its own current schema (schema evolution).

//!
//! - [`error`] — [`DecodeError`], [`EncodeError`], [`Limits`].
//! - [`compiled`] — a schema compiled once: apache-avro's cached reader and writers, the
//!   direct path's [`binary::Program`](super::binary::Program).
//! - [`records`] — [`Codec`]: framing, schema lookup, the direct path first.
//! - [`json`] — the JSON ticket accepted at ingress.

mod compiled;
pub mod error;
mod json;
pub mod records;

pub use error::{DecodeError, EncodeError, Limits};
pub use records::Codec;

#[cfg(test)]
mod tests;
