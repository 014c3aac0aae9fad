//! The sandbox store behind the planner's [`ToolRunner`] seam, shared by the integration tests.

use async_trait::async_trait;
use frontdesk_planner::{ToolFailure, ToolRunner};
use frontdesk_sandbox::{default_data_dir, Store, StoreError};
use serde_json::Value;

/// A fresh in-memory copy of the shipped retail store.
pub struct StoreRunner(pub Store);

#[async_trait]
impl ToolRunner for StoreRunner {
    async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure> {
        self.0.apply(tool, &args, None).await.map_err(|e| match e {
            StoreError::NotFound { code, message }
            | StoreError::Rule { code, message }
            | StoreError::BadRequest { code, message } => ToolFailure::Refused {
                tool: tool.to_owned(),
                code,
                message,
            },
            other => ToolFailure::Unavailable {
                tool: tool.to_owned(),
                message: other.to_string(),
            },
        })
    }
}

/// A store seeded with the shipped retail data.
pub async fn store() -> StoreRunner {
    StoreRunner(
        Store::open("sqlite::memory:", &default_data_dir())
            .await
            .expect("seeded store"),
    )
}
