//! Health of a long-running process, for orchestrators: `/healthz` (the process is alive
//! and serving), `/readyz` (its dependencies answer and it is not draining) and `/metrics`,
//! on one listener (`metrics.listen`).
//!
//! - [`probe`]: the readiness checks (broker, database, store), each a [`Probe`].
//! - [`server`]: the HTTP routes and [`serve`].

pub mod probe;
pub mod server;

pub use probe::{BrokerProbe, DatabaseProbe, Probe, StoreProbe};
pub use server::{router, serve, Readiness};
