//! The pipeline's stages, registered in one explicit table.
//!
//! | stage | reads | writes |
//! |---|---|---|
//! | [`router`] | `inbound.*` (tickets) | `routed` |
//! | [`tools`] | `routed` | `acted` |
//! | [`grounding`] | `acted` | `grounded` |
//! | [`policy`] | `grounded` | `resolutions`, `handoffs`, `audit` |
//!
//! Every stage may also write `deadletter` (through the runner).

pub mod gates;
pub mod grounding;
pub mod llm_planner;
pub mod llm_reply;
pub mod llm_router;
pub mod llm_summary;
pub mod policy;
pub mod router;
pub mod tools;

use std::str::FromStr;

/// The stages, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageKind {
    /// Intent, band and allow-list.
    Router,
    /// Tool calls.
    Tools,
    /// Help-center retrieval.
    Grounding,
    /// Gates, then resolution or handoff.
    Policy,
}

impl StageKind {
    /// All stages in order.
    pub const ALL: [StageKind; 4] = [
        StageKind::Router,
        StageKind::Tools,
        StageKind::Grounding,
        StageKind::Policy,
    ];

    /// Name used on the command line, in group ids and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Router => "router",
            StageKind::Tools => "tools",
            StageKind::Grounding => "grounding",
            StageKind::Policy => "policy",
        }
    }
}

impl FromStr for StageKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StageKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown stage `{s}` (expected router, tools, grounding or policy)")
            })
    }
}
