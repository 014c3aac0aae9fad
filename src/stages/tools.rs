//! Tools stage: runs the plan's tool calls against the store.
//!
//! Until a tool executor is configured this stage calls nothing and says so on the
//! envelope, so the policy stage knows no action was taken.

use async_trait::async_trait;

use crate::messages::Envelope;
use crate::runtime::{Outcome, Stage, StageContext, StageError};

/// The tools stage.
#[derive(Debug, Default)]
pub struct ToolsStage;

#[async_trait]
impl Stage for ToolsStage {
    fn name(&self) -> &'static str {
        "tools"
    }

    async fn process(&self, mut env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        env.decide(
            "tools",
            "no_executor",
            "skip",
            "no tool executor is configured: nothing was called",
        );
        Ok(Outcome::Forward(Box::new(env)))
    }
}
