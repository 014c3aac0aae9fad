//! frontdesk-sandbox: the retail sandbox store the agent acts on.
//!
//! # Layout
//!
//! - [`ops`]: operation names, typed arguments and the pure state changes of the
//!   tau-bench retail tools (same checks, statuses, payment history, rounding).
//! - [`store`]: [`Store`], persistence with sqlx (`AnyPool`: SQLite or
//!   PostgreSQL), seeding, one transaction per write with its idempotency row
//!   and ledger row, state digest and reset.
//! - [`http`]: the HTTP JSON API ([`router`], [`serve`]).
//! - [`tenants`]: [`Tenants`], many fresh stores behind one listener (one per eval case),
//!   selected by the `x-sandbox-tenant` header.
//! - [`seed`]: loading `users.json`, `orders.json`, `products.json`.
//! - [`canonical`]: canonical JSON and request hashes.
//! - [`money`]: Python-compatible `round(x, 2)`.
//! - [`error`]: [`StoreError`] and its HTTP mapping.
//!
//! # Example
//!
//! ```no_run
//! # async fn demo() -> Result<(), frontdesk_sandbox::StoreError> {
//! use frontdesk_sandbox::{default_data_dir, Store};
//! let store = Store::open("sqlite::memory:", &default_data_dir()).await?;
//! let order = store
//!     .apply(
//!         "cancel_pending_order",
//!         &serde_json::json!({"order_id": "#W5442520", "reason": "no longer needed"}),
//!         Some("ticket-1/step-3"),
//!     )
//!     .await?;
//! println!("{} -> {}", order["order_id"], store.digest().await?);
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

pub mod canonical;
pub mod error;
pub mod http;
pub mod money;
pub mod ops;
pub mod seed;
pub mod store;
pub mod tenants;

pub use error::StoreError;
pub use http::{router, serve};
pub use ops::Operation;
pub use seed::{default_data_dir, Seed};
pub use store::{LedgerEntry, Store};
pub use tenants::{Tenants, TENANT_HEADER};
