//! The seam to the store's tools: [`ToolRunner`].

use async_trait::async_trait;
use serde_json::Value;

use crate::ToolFailure;

/// Runs one of the store's tools (`config/tools.toml` names). The planner
/// calls it only for reads while planning; writes are proposed, and executed
/// by the caller after the policy gate.
#[async_trait]
pub trait ToolRunner: Send + Sync {
    /// Calls `tool` with `args` and returns its JSON result.
    async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure>;

    /// The clear value of a personal-data token of this ticket's conversation
    /// ([`frontdesk_types::token`]), for a comparison the planner makes in memory (a
    /// claimed e-mail address against the account's); never written into a plan or state.
    /// `None`: unknown, or the pipeline does not tokenise.
    fn reveal(&self, _token: &str) -> Option<String> {
        None
    }
}
