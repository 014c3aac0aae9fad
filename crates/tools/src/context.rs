//! Who is calling: the ticket, its allow-list and its customer.

use serde::{Deserialize, Serialize};

/// The customer the channel identified for a ticket (after authentication).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthenticatedCustomer {
    /// The store's user id.
    pub user_id: String,
}

/// Per-call context given by the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallContext {
    /// The ticket id; part of every idempotency key.
    pub ticket_id: String,
    /// Tool names this ticket may call (from the router).
    pub allow_list: Vec<String>,
    /// The authenticated customer, if any. Tools with an owner rule refuse to
    /// run without one.
    pub customer: Option<AuthenticatedCustomer>,
    /// Extra headers sent with every request of this ticket, e.g. a tenant header that
    /// selects which store a multi-store deployment (or the eval's per-case sandbox) acts on.
    /// The pipeline fills it only from ticket headers the tools config names.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
}

impl CallContext {
    /// Whether `tool` is on the allow-list.
    pub fn allows(&self, tool: &str) -> bool {
        self.allow_list.iter().any(|t| t == tool)
    }
}

/// How a customer proves who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// An email address: the sender's address for the email channel, or one
    /// given in the text.
    Email(String),
    /// Name and zip code given in the text.
    NameZip {
        /// First name.
        first_name: String,
        /// Last name.
        last_name: String,
        /// Zip code.
        zip: String,
    },
}
