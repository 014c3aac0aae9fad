//! The records that travel on frontdesk's topics, and how they are encoded.
//!
//! - [`ticket`]: the inbound [`Ticket`] a channel adapter publishes.
//! - [`envelope`]: the [`Envelope`] the stages enrich between topics.
//! - [`verdict`]: the typed verdicts stages hand on ([`Screen`], [`GateVerdict`],
//!   [`PlanVerdict`]) and the one rule vocabulary, [`Rule`].
//! - [`outbound`]: [`Resolution`], [`Handoff`], [`DeadLetter`] and [`AuditRecord`].
//! - [`codec`]: Avro in the Confluent wire format (and plain JSON at ingress).
//! - [`binary`]: Avro binary straight from and to the structs, the codec's fast path.
//! - [`schemas`]: schema lookup by id, local or from a registry.

pub mod binary;
pub mod codec;
pub mod envelope;
pub mod outbound;
pub mod schemas;
pub mod ticket;
pub mod verdict;

pub use codec::{Codec, DecodeError, EncodeError, Limits};
pub use envelope::{
    Band, Decision, Envelope, Hop, Passage, PlannedCall, Route, RoutedIntent, ToolCall,
};
pub use outbound::{AuditRecord, Cost, DeadLetter, Handoff, Notification, Resolution, Turn};
pub use schemas::{LocalSchemas, RecordKind, RegistrySchemas, SchemaResolver};
pub use ticket::{first_line, Attachment, Channel, Identity, Ticket};
pub use verdict::{GateVerdict, PlanOutcome, PlanVerdict, Rule, Screen};

/// Milliseconds since the Unix epoch, the unit of every timestamp on the wire.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
