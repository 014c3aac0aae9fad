//! Roles: which model does which job, and the client a stage calls for it.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::error::LlmError;
use crate::fallback::FallbackPolicy;
use crate::message::{ChatRequest, ChatResponse};
use crate::pricing::Ledger;
use crate::provider::Provider;
use crate::role::Role;

/// Config of one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleConfig {
    /// Name of a provider under `[llm.providers]`.
    pub provider: String,
    /// The model.
    pub model: String,
    /// Output-token limit.
    pub max_tokens: u32,
    /// Per-request timeout; the provider's when absent.
    #[serde(default, with = "humantime_serde")]
    pub timeout: Option<Duration>,
    /// Sampling temperature; the provider's default when absent.
    #[serde(default)]
    pub temperature: Option<f32>,
}

/// The client of one role: its provider, model and limits, and the provider's budget.
#[derive(Clone)]
pub struct RoleClient {
    role: Role,
    config: RoleConfig,
    provider: Arc<dyn Provider>,
    budget: Option<Arc<Budget>>,
}

impl fmt::Debug for RoleClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RoleClient")
            .field("role", &self.role)
            .field("config", &self.config)
            .field("provider", &self.provider)
            .field("budget", &self.budget)
            .finish()
    }
}

impl RoleClient {
    /// A client for `role` over `provider` (with `budget`, if any).
    pub fn new(
        role: Role,
        config: RoleConfig,
        provider: Arc<dyn Provider>,
        budget: Option<Arc<Budget>>,
    ) -> Self {
        Self {
            role,
            config,
            provider,
            budget,
        }
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// An empty request with this role's model, `max_tokens`, temperature and timeout.
    pub fn request(&self) -> ChatRequest {
        let mut req = ChatRequest::new(self.config.model.clone(), self.config.max_tokens);
        req.temperature = self.config.temperature;
        req.timeout = self.config.timeout;
        req
    }

    /// Whether both clients draw on one budget (roles on the same provider do, when it has
    /// one).
    pub fn shares_budget_with(&self, other: &RoleClient) -> bool {
        match (&self.budget, &other.budget) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Takes the request's estimated tokens from the budget (waiting up to its `max_wait`),
    /// then calls the provider. A spent budget is [`LlmError::Budget`], transient.
    pub async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        if let Some(budget) = &self.budget {
            budget.acquire(req.estimated_tokens()).await?;
        }
        self.provider.complete(req).await
    }

    /// [`RoleClient::complete`], then adds the usage to `conversation_id` in `ledger`.
    pub async fn complete_for(
        &self,
        conversation_id: &str,
        req: &ChatRequest,
        ledger: &Ledger,
    ) -> Result<ChatResponse, LlmError> {
        let resp = self.complete(req).await?;
        ledger.record(conversation_id, &resp.model, &resp.usage);
        Ok(resp)
    }
}

/// The built `[llm]` section: a client per configured role and the cost ledger.
#[derive(Debug, Clone)]
pub struct Llm {
    roles: HashMap<Role, RoleClient>,
    ledger: Arc<Ledger>,
    fallback: FallbackPolicy,
}

impl Llm {
    /// From built role clients, a ledger and the fallback policy.
    pub fn new(
        roles: HashMap<Role, RoleClient>,
        ledger: Arc<Ledger>,
        fallback: FallbackPolicy,
    ) -> Self {
        Self {
            roles,
            ledger,
            fallback,
        }
    }

    /// When to stop pausing for a model and fall back.
    pub fn fallback(&self) -> &FallbackPolicy {
        &self.fallback
    }

    /// The client of `role`, or `None` when the role stays offline.
    pub fn role(&self, role: Role) -> Option<&RoleClient> {
        self.roles.get(&role)
    }

    /// The ledger of tokens and cost per conversation.
    pub fn ledger(&self) -> &Arc<Ledger> {
        &self.ledger
    }
}
