//! Errors of planning and of the tool calls the planner makes.

use thiserror::Error;

/// A tool call that did not return a result.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ToolFailure {
    /// The store answered with an error the caller can act on (not found,
    /// broken rule, bad request): deterministic, retrying does not help.
    #[error("{tool} refused ({code}): {message}")]
    Refused {
        /// The tool called.
        tool: String,
        /// Stable snake_case code, e.g. `order_not_pending`.
        code: String,
        /// Human sentence.
        message: String,
    },
    /// The tool could not be reached or failed internally; a retry may help.
    #[error("{tool} unavailable: {message}")]
    Unavailable {
        /// The tool called.
        tool: String,
        /// What went wrong.
        message: String,
    },
}

impl ToolFailure {
    /// The error code (`unavailable` for transport failures).
    pub fn code(&self) -> &str {
        match self {
            ToolFailure::Refused { code, .. } => code,
            ToolFailure::Unavailable { .. } => "unavailable",
        }
    }

    /// Whether retrying the same call later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, ToolFailure::Unavailable { .. })
    }
}

/// Why the planner could not produce a plan at all. Anything the customer
/// can fix is a question ([`crate::Outcome::AskCustomer`]), not an error.
#[derive(Debug, Error)]
pub enum PlanError {
    /// A read the plan depends on failed transiently (retry the ticket).
    #[error("tool unavailable while planning: {0}")]
    Tool(#[from] ToolFailure),
    /// The procedures file could not be read or parsed.
    #[error("procedures: {0}")]
    Procedures(String),
    /// A model planner's call failed.
    #[error("planner model: {message}")]
    Model {
        /// What failed.
        message: String,
        /// Whether retrying later may succeed (rate limited, down, timed out).
        transient: bool,
    },
}

impl PlanError {
    /// Whether retrying the ticket may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            PlanError::Tool(f) => f.is_transient(),
            PlanError::Procedures(_) => false,
            PlanError::Model { transient, .. } => *transient,
        }
    }
}
