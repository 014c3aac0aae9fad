//! frontdesk-planner: the offline planner. Between the router's intents and
//! the store's tools sits the plan: which reads, which writes with which
//! arguments, what to ask, and what to tell the customer.
//!
//! # Layout
//! - [`tools`]: the [`ToolRunner`] seam the planner reads through.
//! - [`request`]: [`PlanRequest`], [`Channel`], [`Identity`], [`IntentHint`],
//!   [`ConversationState`].
//! - [`plan`]: [`Plan`], [`ProposedWrite`], [`Outcome`], [`ReadCall`], [`WriteResult`].
//! - [`procedures`]: procedures as data (`procedures.toml`), one per intent.
//! - [`text`]: sentences, dict literals, payment ids, addresses, yes / no; `numbers` (private):
//!   number words before a unit read as digits, for [`text::normalise`].
//! - [`customer`]: the authenticated customer's user record, orders and products.
//! - [`names`]: how customers name a product (aliases, compounds, everyday words).
//! - [`variant`]: option words and target variants.
//! - [`steps`]: an option moved along its own order ("the next size up", "one foot taller").
//! - [`identity`]: who the planner acts for: the channel's verified identity, claims in the
//!   text, one-time codes.
//! - [`conditions`]: conditions written around a request and which the planner evaluates.
//! - [`confirm`]: every write confirmed exactly before it runs; the re-check on "yes".
//! - [`requests`]: the ticket's requests, one per clause, with their order.
//! - [`slots`]: resolving a request's slots into a [`ProposedWrite`] or a question.
//! - [`offline`]: [`OfflinePlanner`], the [`Planner`] over procedures.
//! - [`valuation`]: [`value_write`], what a proposed write is worth, read from the store.
//! - [`format`]: money and option formatting.
//! - [`reply`]: the customer reply from a plan and the executed writes.
//! - [`error`]: [`PlanError`], [`ToolFailure`].

#![deny(missing_docs)]

pub mod conditions;
pub mod confirm;
pub mod customer;
mod described;
pub mod error;
#[cfg(test)]
pub(crate) mod fixture;
pub mod format;
pub mod identity;
pub mod names;
mod numbers;
pub mod offline;
mod otherwise;
pub mod plan;
pub mod procedures;
pub mod reply;
pub mod request;
pub mod requests;
mod retracted;
mod sections;
mod signature;
pub mod slots;
mod spelling;
pub mod steps;
mod tables;
pub mod text;
pub mod tools;
pub mod valuation;
pub mod variant;
pub mod wrapped;

pub use error::{PlanError, ToolFailure};
pub use offline::OfflinePlanner;
pub use plan::{
    CodeDelivery, Confidence, Doubt, ModelUsage, Outcome, Plan, ProposedWrite, ReadCall,
    WriteResult,
};
pub use procedures::{Procedure, Procedures};
pub use reply::render_reply;
pub use request::{Channel, ConversationState, Identity, IntentHint, PlanRequest};
pub use tools::ToolRunner;
pub use valuation::{value_write, ValuationError};

use async_trait::async_trait;

/// Plans one customer turn. The offline procedures implement it; an LLM
/// planner plugs in behind the same trait.
#[async_trait]
pub trait Planner: Send + Sync {
    /// Plans `req`, reading through `tools`. Writes are only proposed.
    async fn plan(&self, req: &PlanRequest, tools: &dyn ToolRunner) -> Result<Plan, PlanError>;

    /// The reply to send once the plan's writes ran (or none did).
    fn reply(&self, plan: &Plan, write_results: &[WriteResult]) -> String {
        render_reply(plan, write_results)
    }
}
