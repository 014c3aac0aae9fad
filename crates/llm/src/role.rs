//! [`Role`]: a job a model does in the pipeline.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A job a model does in the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Intent classification when the offline router is unsure.
    RouterFallback,
    /// Planning and tool-argument extraction.
    Planner,
    /// Writing the reply.
    Reply,
    /// The handoff summary.
    Summary,
}

impl Role {
    /// The config and metrics name (`router_fallback`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RouterFallback => "router_fallback",
            Self::Planner => "planner",
            Self::Reply => "reply",
            Self::Summary => "summary",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
