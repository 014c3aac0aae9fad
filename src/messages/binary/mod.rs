//! Avro binary encoding straight from and to Rust values, guided by a compiled schema.
//!
//! apache-avro goes through its `Value` tree on both sides: `to_value` builds one tree per
//! record, the writer validates and encodes it; the reader builds another tree and
//! `from_value` walks it into the struct. At every hop of every ticket that was a quarter
//! of a stage's CPU. [`Program`] compiles a schema once (named references resolved to
//! indices) and [`to_writer`] / [`from_slice`] run serde against the binary encoding
//! directly, with no tree in between.
//!
//! Scope: exactly what frontdesk's records use (records, `["null", T]` unions, enums,
//! arrays, maps, the primitive types). Anything else — a record whose fields do not come
//! in the schema's order, a union with two non-null branches, a value that needs
//! resolving to fit — is an error here, and the codec falls back to apache-avro's own
//! path, which handles (or reports) it. Tests pin the output byte for byte to
//! apache-avro's.

//! - [`program`] — [`Program`]: a schema compiled once (named references resolved).
//! - [`ser`] — [`to_writer`]: serde to the binary encoding.
//! - [`de`] — [`from_slice`]: the binary encoding to serde.
//!
//! apache-avro 0.21's own schema-aware serializer (no `Value` tree either) was measured
//! against [`ser`] on `frontdesk bench spine` (docs/MEASUREMENTS.md, 2026-12-04): it cost
//! about 7 % more CPU per ticket and 12 % of the pipeline rate, and its public entry point
//! resolves no named types, so the direct writer stays.

use std::fmt;

pub mod de;
pub mod program;
pub mod ser;

pub use de::from_slice;
pub use program::Program;
pub use ser::to_writer;

/// Why the direct path could not handle a value (the codec then takes apache-avro's path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch(pub String);

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Mismatch {}

impl serde::ser::Error for Mismatch {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Mismatch(msg.to_string())
    }
}

impl serde::de::Error for Mismatch {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Mismatch(msg.to_string())
    }
}

pub(crate) type Result<T> = std::result::Result<T, Mismatch>;

pub(crate) fn mismatch<T>(what: impl fmt::Display) -> Result<T> {
    Err(Mismatch(what.to_string()))
}

#[cfg(test)]
mod tests;
