//! Logging, trace export and trace context.
//!
//! - [`export`]: the global subscriber: `RUST_LOG`-filtered log lines and, when configured,
//!   the spans exported as traces over OTLP.
//! - [`propagation`]: one trace per ticket across processes: the W3C trace context carried
//!   in every record's headers.

mod export;
mod propagation;

pub use export::{init, otlp_provider, Telemetry};
pub use propagation::{follow, trace_headers, TraceHeaders, TRACE_HEADERS};
