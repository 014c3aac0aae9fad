//! Grounding stage: attaches help-center passages with citations and a confidence.
//!
//! Until an index is configured it attaches nothing and records zero confidence, which
//! the policy stage treats as "not answerable".

use async_trait::async_trait;

use crate::messages::Envelope;
use crate::runtime::{Outcome, Stage, StageContext, StageError};

/// The grounding stage.
#[derive(Debug, Default)]
pub struct GroundingStage;

#[async_trait]
impl Stage for GroundingStage {
    fn name(&self) -> &'static str {
        "grounding"
    }

    async fn process(&self, mut env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        env.grounding_confidence = Some(0.0);
        env.decide(
            "grounding",
            "no_index",
            "skip",
            "no help-center index is configured: nothing retrieved",
        );
        Ok(Outcome::Forward(Box::new(env)))
    }
}
