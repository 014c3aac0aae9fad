//! Approving a handoff's proposed action: the same tool executor and write gate as the
//! tools stage, with the value ceiling waived by the approval and nothing else.
//!
//! 1. The customer: the user id the tools stage saved with the conversation's planner state,
//!    else found again from the handoff's verified e-mail address.
//! 2. The write is valued from the store (`frontdesk_planner::value_write`), never from the
//!    record: amounts, item count, whether the order is the customer's.
//! 3. The write gate's [`frontdesk_limits::Gate::check_and_reserve_approved`]: rates, the
//!    daily cap and the reservation by idempotency key still apply.
//! 4. The executor runs it with the idempotency key of (ticket, action, arguments), the key
//!    the tools stage would have used: a double click, a second replica or a retry after a
//!    crash reaches the store with the same key, and the store applies it once.

use std::collections::BTreeMap;
use std::sync::Arc;

use frontdesk_limits::{Decision, Gate, WriteRequest};
use frontdesk_planner::ConversationState;
use frontdesk_tools::{AuthenticatedCustomer, CallContext, Executor, Identity};
use serde_json::Value;

use super::error::ConsoleError;
use crate::messages::Handoff;
use crate::stages::tools::executor_runner::{failure, ExecutorRunner};
use crate::state::StateDb;

/// How an approval went.
#[derive(Debug, Clone, PartialEq)]
pub enum Approval {
    /// The store did it; its answer.
    Done {
        /// The store's response.
        output: Value,
        /// The idempotency key it ran under.
        idempotency_key: String,
        /// The money it moved, as valued from the store.
        amount: Option<f64>,
    },
    /// The gate or the store refused it; why. It may be approved again later.
    Refused(String),
}

/// Runs approved actions.
pub struct Approver {
    executor: Arc<Executor>,
    gate: Arc<Gate>,
    state: StateDb,
}

/// The write gate's key for a customer: the store's user id, scoped by the headers that
/// select a store (as the tools stage scopes it), since one id in two stores is two people.
fn customer_key(ctx: &CallContext, user_id: &str) -> String {
    let mut scope: Vec<&str> = ctx.headers.iter().map(|(_, v)| v.as_str()).collect();
    scope.push(user_id);
    scope.join("/")
}

impl Approver {
    /// Over the executor, gate and state database the tools stage uses.
    pub fn new(executor: Arc<Executor>, gate: Arc<Gate>, state: StateDb) -> Approver {
        Approver {
            executor,
            gate,
            state,
        }
    }

    /// The gate's policy version, for the audit record.
    pub fn policy_version(&self) -> &str {
        self.gate.policy_version()
    }

    /// The customer the action is for.
    async fn customer(
        &self,
        h: &Handoff,
        ctx: &CallContext,
    ) -> Result<AuthenticatedCustomer, ConsoleError> {
        let saved: Option<ConversationState> = self
            .state
            .load_state(&h.conversation_id)
            .await
            .map_err(|e| ConsoleError::Unavailable(e.to_string()))?;
        if let Some(user_id) = saved.and_then(|s| s.user_id) {
            return Ok(AuthenticatedCustomer { user_id });
        }
        let Some(email) = &h.customer.email else {
            return Err(ConsoleError::Conflict(
                "the customer was never authenticated on this conversation: run the action in the store by hand".to_owned(),
            ));
        };
        let found = self
            .executor
            .authenticate(ctx, &Identity::Email(email.clone()))
            .await;
        found.customer.ok_or_else(|| {
            ConsoleError::Conflict(format!(
                "the customer could not be found by their e-mail address: {}",
                failure(&found.record)
            ))
        })
    }

    /// Runs the handoff's proposed action for `approver`.
    pub async fn approve(
        &self,
        h: &Handoff,
        headers: &BTreeMap<String, String>,
    ) -> Result<Approval, ConsoleError> {
        let action = h
            .proposed_action
            .as_ref()
            .ok_or_else(|| ConsoleError::Conflict("this handoff proposes no action".to_owned()))?;
        let args: Value = serde_json::from_str(&action.arguments_json)
            .map_err(|e| ConsoleError::Corrupt(format!("proposed arguments: {e}")))?;
        let mut ctx = CallContext {
            ticket_id: h.ticket_id.clone(),
            allow_list: h
                .route
                .as_ref()
                .map(|r| r.allow_list.clone())
                .unwrap_or_default(),
            customer: None,
            headers: self.executor.forwarded_headers(headers),
        };
        if !ctx.allows(&action.tool) {
            return Ok(Approval::Refused(format!(
                "{} is not on this ticket's allow-list",
                action.tool
            )));
        }
        let customer = self.customer(h, &ctx).await?;
        ctx.customer = Some(customer.clone());
        let runner = ExecutorRunner::new(&self.executor, ctx.clone());
        let write =
            match frontdesk_planner::value_write(&action.tool, &args, &customer.user_id, &runner)
                .await
            {
                Ok((w, _reads)) => w,
                Err(frontdesk_planner::ValuationError::Tool(f)) => {
                    return Err(ConsoleError::Unavailable(f.to_string()))
                }
                Err(frontdesk_planner::ValuationError::Invalid(why)) => {
                    return Ok(Approval::Refused(why))
                }
            };
        let idempotency_key = frontdesk_tools::idempotency_key(&h.ticket_id, &action.tool, &args);
        let req = WriteRequest {
            action: action.tool.clone(),
            conversation_id: h.conversation_id.clone(),
            customer_id: customer_key(&ctx, &customer.user_id),
            amount: write.refund_amount.or(write.charge_amount),
            price_difference: write.price_difference,
            item_count: u32::try_from(write.item_count).ok().filter(|n| *n > 0),
            ticket_id: h.ticket_id.clone(),
            idempotency_key: idempotency_key.clone(),
        };
        let reservation = match self.gate.check_and_reserve_approved(&req).await {
            Ok(Decision::Allow { reservation }) => reservation,
            Ok(Decision::Deny { reason, .. }) => return Ok(Approval::Refused(reason)),
            Err(e) if e.is_transient() => return Err(ConsoleError::Unavailable(e.to_string())),
            Err(e) => return Ok(Approval::Refused(e.to_string())),
        };
        let rec = self.executor.call(&ctx, &action.tool, args).await;
        match rec.outcome {
            frontdesk_tools::Outcome::Ok => Ok(Approval::Done {
                output: rec.output().cloned().unwrap_or(Value::Null),
                idempotency_key,
                amount: req.amount,
            }),
            // The store is down: keep the reservation; approving again re-uses it and the
            // same key makes the store apply the write at most once.
            frontdesk_tools::Outcome::Failed => Err(ConsoleError::Unavailable(format!(
                "{}: {}",
                action.tool,
                rec.detail.clone().unwrap_or_default()
            ))),
            _ => {
                if let Err(e) = self.gate.release(&reservation).await {
                    tracing::warn!(error = %e, "Failed to release a refused write's reservation.");
                }
                Ok(Approval::Refused(format!(
                    "the store refused {}: {}",
                    action.tool,
                    failure(&rec)
                )))
            }
        }
    }
}
