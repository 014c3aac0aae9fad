//! The write path: every write a plan proposes passes the write gate
//! (`frontdesk-limits`: value ceilings, rates, the per-customer daily cap) and is audited
//! before the executor runs it; the first write stopped hands the ticket to a person.

use std::sync::Arc;

use frontdesk_limits::{Decision, DenyRule, Gate, WriteRequest};
use frontdesk_planner::{ProposedWrite, WriteResult};
use frontdesk_tools::{CallContext, Clear, Executor};
use serde_json::Value;

use super::executor_runner::{failure, to_tool_call};
use crate::messages::{now_ms, AuditRecord, Envelope, Rule};
use crate::runtime::{StageContext, StageError};

/// How the writes of a plan went.
pub enum Writes {
    /// All ran (results in order).
    Done(Vec<WriteResult>),
    /// The gate or the store stopped them: hand off for `rule`.
    HandOff {
        /// Why a person takes over.
        rule: Rule,
        /// One human sentence.
        reason: String,
        /// The writes that ran before the stop.
        results: Vec<WriteResult>,
    },
}

/// The write gate and the audit trail of the tools stage.
pub struct WritePath {
    gate: Option<Arc<Gate>>,
    policy_version: String,
    shadow: bool,
}

/// The customer's key in the write gate: the store's user id, namespaced by the headers
/// that select a store (a tenant), because the same user id in two stores is two customers.
fn customer_key(ctx: &CallContext, user_id: &str) -> String {
    if ctx.headers.is_empty() {
        return user_id.to_owned();
    }
    let scope: Vec<&str> = ctx.headers.iter().map(|(_, v)| v.as_str()).collect();
    format!("{}/{user_id}", scope.join("/"))
}

impl WritePath {
    /// Writes gated by `gate`; with none every write is refused (fail closed).
    pub fn new(gate: Option<Arc<Gate>>) -> Self {
        let policy_version = gate
            .as_ref()
            .map(|g| g.policy_version().to_owned())
            .unwrap_or_else(|| "no-gate".to_owned());
        WritePath {
            gate,
            policy_version,
            shadow: false,
        }
    }

    /// A shadow run's write path: each write the gate allows is recorded as "would have
    /// done" ([`crate::shadow::would_have_done`]) and not sent; the plan goes on as if it
    /// had succeeded (the reply drafted from the plan's own figures, no store response).
    pub fn shadow(mut self) -> Self {
        self.shadow = true;
        self
    }

    /// Queues an audit record of the tools stage (PII masked: audit records leave the system).
    pub fn audit(
        &self,
        ctx: &StageContext,
        env: &Envelope,
        rule: Rule,
        outcome: &str,
        reason: &str,
        inputs: Value,
    ) {
        ctx.audit(AuditRecord {
            ticket_id: env.ticket.ticket_id.clone(),
            conversation_id: env.ticket.conversation_id.clone(),
            stage: "tools".to_owned(),
            rule,
            inputs_json: frontdesk_guard::mask(
                &inputs.to_string(),
                &frontdesk_guard::MaskConfig::strict(),
            ),
            outcome: outcome.to_owned(),
            reason: reason.to_owned(),
            policy_version: self.policy_version.clone(),
            at: now_ms(),
        });
    }

    /// Runs `writes` in order, each after the write gate, with the executor under
    /// `call_ctx`; decisions go on `env`, audit records on `ctx`.
    pub async fn run(
        &self,
        writes: &[ProposedWrite],
        (executor, call_ctx, clear): (&Executor, &CallContext, &Clear),
        env: &mut Envelope,
        ctx: &StageContext,
    ) -> Result<Writes, StageError> {
        let mut results = Vec::new();
        let Some(gate) = &self.gate else {
            return Ok(Writes::HandOff {
                rule: Rule::WriteGateMissing,
                reason: "No write gate is configured: writes need a person.".into(),
                results,
            });
        };
        for w in writes {
            let key = frontdesk_tools::idempotency_key(&env.ticket.ticket_id, &w.tool, &w.args);
            let req = WriteRequest {
                action: w.tool.clone(),
                conversation_id: env.ticket.conversation_id.clone(),
                customer_id: customer_key(call_ctx, &w.user_id),
                amount: w.refund_amount.or(w.charge_amount),
                price_difference: w.price_difference,
                item_count: u32::try_from(w.item_count).ok().filter(|n| *n > 0),
                ticket_id: env.ticket.ticket_id.clone(),
                idempotency_key: key,
            };
            let decision = match gate.check_and_reserve(&req).await {
                Ok(d) => d,
                Err(e) if e.is_transient() => {
                    return Err(StageError::Transient(format!("write gate: {e}")))
                }
                Err(e) => {
                    return Ok(Writes::HandOff {
                        rule: Rule::WriteGateError,
                        reason: format!("The write gate refused the request: {e}"),
                        results,
                    })
                }
            };
            let inputs = serde_json::json!({
                "action": w.tool, "arguments": w.args, "amount": req.amount,
                "price_difference": req.price_difference, "item_count": req.item_count,
                "customer_id": req.customer_id,
            });
            let reservation = match decision {
                Decision::Allow { reservation } => {
                    self.audit(ctx, env, Rule::WriteGate, "allow", &w.summary, inputs);
                    env.decide("tools", Rule::WriteGate, "allow", w.summary.clone());
                    reservation
                }
                Decision::Deny { rule, reason, .. } => {
                    self.audit(ctx, env, rule.rule(), "deny", &reason, inputs);
                    env.decide("tools", Rule::WriteGate, "deny", reason.clone());
                    if rule == DenyRule::GlobalActionRate {
                        // A burst across all customers: slow down, retry the ticket later.
                        return Err(StageError::Transient(format!("write gate: {reason}")));
                    }
                    let handoff = if rule == DenyRule::ValueCeiling {
                        Rule::ApprovalRequired
                    } else {
                        Rule::WriteLimit
                    };
                    return Ok(Writes::HandOff {
                        rule: handoff,
                        reason: format!("{reason} Pre-drafted for approval: {}", w.summary),
                        results,
                    });
                }
            };
            if self.shadow {
                let ticket_id = &env.ticket.ticket_id;
                let not_sent = crate::shadow::would_have_done(ticket_id, w, crate::shadow::ALLOWED);
                env.tool_log.push(not_sent);
                results.push(WriteResult {
                    tool: w.tool.clone(),
                    result: Ok(Value::Null),
                });
                continue;
            }
            let rec = executor
                .call_revealing(call_ctx, &w.tool, w.args.clone(), clear)
                .await;
            env.tool_log.push(to_tool_call(&rec));
            match rec.outcome {
                frontdesk_tools::Outcome::Ok => results.push(WriteResult {
                    tool: w.tool.clone(),
                    result: Ok(rec.output().cloned().unwrap_or(Value::Null)),
                }),
                frontdesk_tools::Outcome::Failed => {
                    // Store down: retry the ticket; the same idempotency key re-uses the
                    // reservation and makes the store apply the write at most once.
                    return Err(StageError::Transient(format!(
                        "{}: {}",
                        w.tool,
                        rec.detail.clone().unwrap_or_default()
                    )));
                }
                _ => {
                    let _ = gate.release(&reservation).await;
                    let why = failure(&rec).to_string();
                    results.push(WriteResult {
                        tool: w.tool.clone(),
                        result: Err(why.clone()),
                    });
                    return Ok(Writes::HandOff {
                        rule: Rule::ActionFailed,
                        reason: format!("The store refused {}: {why}", w.summary),
                        results,
                    });
                }
            }
        }
        Ok(Writes::Done(results))
    }
}
