//! Tools stage: plans what to do about the ticket and does the writes the policy plane
//! allows.
//!
//! 1. The pre-action gates ([`crate::stages::gates`]) run first: a ticket that must go to
//!    a person is not planned at all.
//! 2. The planner (`frontdesk-planner`, offline procedures by default) authenticates the
//!    customer and reads orders, users and products through the tool executor
//!    (`frontdesk-tools`: schema validation, allow-list, ownership, idempotency keys,
//!    retries). It proposes writes, asks the customer one question, hands off, or answers.
//! 3. Every proposed write passes the write gate (`frontdesk-limits`: value ceilings,
//!    per-conversation and per-customer limits, the persistent daily cap) before the
//!    executor runs it. A flagged (prompt-injection) ticket never writes.
//! 4. The reply states the facts of what was done; the conversation's planner state is
//!    saved so the customer's next message on the thread continues it.
//!
//! Every call is logged on the envelope and every gate decision is written to the audit
//! topic. The policy stage makes the final resolve / hand-off decision.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use frontdesk_limits::{Decision, DenyRule, Gate, WriteRequest};
use frontdesk_planner::{
    ConversationState, IntentHint, Plan, PlanRequest, Planner, ProposedWrite, ToolFailure,
    ToolRunner, WriteResult,
};
use frontdesk_tools::{CallContext, Executor, ToolCallRecord};
use serde_json::Value;

use crate::messages::{now_ms, AuditRecord, Band, Envelope, PlannedCall, ToolCall};
use crate::runtime::{Outcome, Stage, StageContext, StageError};
use crate::stages::gates::{flagged, pre_action_block};
use crate::stages::llm_planner::{LlmPlanner, ModelPlanError};
use crate::stages::router::RULE_INJECTION;
use crate::state::StateDb;

/// The rule of the planner's decision on the envelope; its outcome is one of
/// [`PLAN_ACTED`], [`PLAN_ASK`], [`PLAN_HANDOFF`], [`PLAN_ANSWERED`], [`PLAN_BLOCKED`].
pub const RULE_PLAN: &str = "plan";
/// Writes ran (or none were needed) and the reply states what was done.
pub const PLAN_ACTED: &str = "acted";
/// The reply asks the customer one question; the conversation waits.
pub const PLAN_ASK: &str = "ask";
/// A person must take over; the decision's reason says why.
pub const PLAN_HANDOFF: &str = "handoff";
/// Read-only answer drafted.
pub const PLAN_ANSWERED: &str = "answered";
/// A pre-action gate stopped planning.
pub const PLAN_BLOCKED: &str = "blocked";

/// The tools stage.
pub struct ToolsStage {
    executor: Option<Arc<Executor>>,
    planner: Arc<dyn Planner>,
    gate: Option<Arc<Gate>>,
    state: Option<StateDb>,
    min_route_confidence: f64,
    policy_version: String,
    /// The planner's model, asked where the offline plan is unsure.
    pub model_planner: Option<Arc<LlmPlanner>>,
}

impl ToolsStage {
    /// A tools stage. With no executor it calls nothing and says so; with no gate every
    /// write is refused (fail closed).
    pub fn new(
        executor: Option<Arc<Executor>>,
        planner: Arc<dyn Planner>,
        gate: Option<Arc<Gate>>,
        state: Option<StateDb>,
        min_route_confidence: f64,
    ) -> Self {
        let policy_version = gate
            .as_ref()
            .map(|g| g.policy_version().to_owned())
            .unwrap_or_else(|| "no-gate".to_owned());
        ToolsStage {
            executor,
            planner,
            gate,
            state,
            min_route_confidence,
            policy_version,
            model_planner: None,
        }
    }
}

/// The envelope's record of a call.
pub fn to_tool_call(r: &ToolCallRecord) -> ToolCall {
    ToolCall {
        tool: r.tool.clone(),
        arguments_json: r.arguments.to_string(),
        idempotency_key: Some(r.idempotency_key.clone()),
        outcome: r.outcome.as_str().to_owned(),
        http_status: r.response.as_ref().map(|x| i32::from(x.status)),
        response_json: r.response.as_ref().map(|x| x.body.to_string()),
        error: r
            .error
            .as_ref()
            .map(|e| format!("{}: {}", e.code, e.message))
            .or_else(|| r.detail.clone()),
        latency_ms: r.latency_ms as i64,
        attempts: r.attempts as i32,
    }
}

/// The planner's reads, through the executor: the ticket's allow-list and customer apply.
/// A successful find-user call authenticates the ticket's customer for the calls after it.
struct ExecutorRunner<'a> {
    executor: &'a Executor,
    ctx: Mutex<CallContext>,
    log: Mutex<Vec<ToolCallRecord>>,
}

impl ExecutorRunner<'_> {
    fn ctx(&self) -> CallContext {
        self.ctx.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn push(&self, rec: ToolCallRecord) {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).push(rec);
    }
}

fn failure(rec: &ToolCallRecord) -> ToolFailure {
    if rec.outcome == frontdesk_tools::Outcome::Failed {
        return ToolFailure::Unavailable {
            tool: rec.tool.clone(),
            message: rec.detail.clone().unwrap_or_default(),
        };
    }
    let (code, message) = match &rec.error {
        Some(e) => (e.code.clone(), e.message.clone()),
        None => (
            rec.outcome.as_str().to_owned(),
            rec.detail.clone().unwrap_or_default(),
        ),
    };
    ToolFailure::Refused {
        tool: rec.tool.clone(),
        code,
        message,
    }
}

#[async_trait]
impl ToolRunner for ExecutorRunner<'_> {
    async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure> {
        let ctx = self.ctx();
        let rec = self.executor.call(&ctx, tool, args).await;
        let auth = self.executor.registry().auth();
        let result = if rec.is_ok() {
            let mut out = rec.output().cloned().unwrap_or(Value::Null);
            if tool == auth.by_email || tool == auth.by_name_zip {
                if let Some(user_id) = out.get(&auth.user_id_field).and_then(Value::as_str) {
                    let user_id = user_id.to_owned();
                    self.ctx.lock().unwrap_or_else(|p| p.into_inner()).customer =
                        Some(frontdesk_tools::AuthenticatedCustomer {
                            user_id: user_id.clone(),
                        });
                    // The planner sees the operation's result as the store defines it: the
                    // user id itself, whatever envelope the HTTP API wraps it in.
                    out = Value::String(user_id);
                }
            }
            Ok(out)
        } else {
            Err(failure(&rec))
        };
        self.push(rec);
        result
    }
}

fn planned(w: &ProposedWrite) -> PlannedCall {
    PlannedCall {
        tool: w.tool.clone(),
        arguments_json: w.args.to_string(),
    }
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

/// How the writes of a plan went.
enum Writes {
    /// All ran (results in order).
    Done(Vec<WriteResult>),
    /// The gate or the store stopped them: hand off with this reason.
    HandOff {
        code: &'static str,
        reason: String,
        results: Vec<WriteResult>,
    },
}

impl ToolsStage {
    fn audit(
        &self,
        ctx: &StageContext,
        env: &Envelope,
        rule: &str,
        outcome: &str,
        reason: &str,
        inputs: Value,
    ) {
        ctx.audit(AuditRecord {
            ticket_id: env.ticket.ticket_id.clone(),
            conversation_id: env.ticket.conversation_id.clone(),
            stage: "tools".to_owned(),
            rule: rule.to_owned(),
            // Audit records leave the system: PII is masked.
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

    /// Runs the plan's writes in order, each after the write gate.
    async fn run_writes(
        &self,
        executor: &Executor,
        call_ctx: &CallContext,
        plan: &Plan,
        env: &mut Envelope,
        ctx: &StageContext,
    ) -> Result<Writes, StageError> {
        let mut results = Vec::new();
        let Some(gate) = &self.gate else {
            return Ok(Writes::HandOff {
                code: "write_gate_missing",
                reason: "No write gate is configured: writes need a person.".into(),
                results,
            });
        };
        for w in &plan.writes {
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
                        code: "write_gate_error",
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
                    self.audit(ctx, env, "write_gate", "allow", &w.summary, inputs);
                    env.decide("tools", "write_gate", "allow", w.summary.clone());
                    reservation
                }
                Decision::Deny { rule, reason, .. } => {
                    self.audit(ctx, env, rule.as_str(), "deny", &reason, inputs);
                    env.decide("tools", "write_gate", "deny", reason.clone());
                    if rule == DenyRule::GlobalActionRate {
                        // A burst across all customers: slow down, retry the ticket later.
                        return Err(StageError::Transient(format!("write gate: {reason}")));
                    }
                    let code = if rule == DenyRule::ValueCeiling {
                        "approval_required"
                    } else {
                        "write_limit"
                    };
                    return Ok(Writes::HandOff {
                        code,
                        reason: format!("{reason} Pre-drafted for approval: {}", w.summary),
                        results,
                    });
                }
            };
            let rec = executor.call(call_ctx, &w.tool, w.args.clone()).await;
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
                        code: "action_failed",
                        reason: format!("The store refused {}: {why}", w.summary),
                        results,
                    });
                }
            }
        }
        Ok(Writes::Done(results))
    }
}

#[async_trait]
impl Stage for ToolsStage {
    fn name(&self) -> &'static str {
        "tools"
    }

    async fn process(&self, mut env: Envelope, ctx: &StageContext) -> Result<Outcome, StageError> {
        let Some(executor) = &self.executor else {
            env.decide(
                "tools",
                "no_executor",
                "skip",
                "no tool executor is configured: nothing was called",
            );
            return Ok(Outcome::Forward(Box::new(env)));
        };
        let said: Vec<String> = match &self.state {
            Some(s) => s
                .transcript(&env.ticket.conversation_id)
                .await
                .map_err(|e| StageError::Transient(e.to_string()))?
                .into_iter()
                .filter(|t| t.role == "customer")
                .map(|t| t.text)
                .collect(),
            None => vec![env.ticket.body.clone()],
        };
        if let Some((code, why)) = pre_action_block(&env, &said, self.min_route_confidence) {
            env.decide("tools", RULE_PLAN, PLAN_BLOCKED, format!("{code}: {why}"));
            return Ok(Outcome::Forward(Box::new(env)));
        }
        let Some(route) = env.route.clone() else {
            return Ok(Outcome::Forward(Box::new(env)));
        };
        let injected = flagged(&env, RULE_INJECTION);
        let state: ConversationState = match &self.state {
            Some(s) => s
                .load_state(&env.ticket.conversation_id)
                .await
                .map_err(|e| StageError::Transient(e.to_string()))?
                .unwrap_or_default(),
            None => ConversationState::default(),
        };
        let req = PlanRequest {
            subject: env.ticket.subject.clone().unwrap_or_default(),
            body: env.ticket.body.clone(),
            channel: env.ticket.channel,
            identity: frontdesk_planner::Identity {
                email: env.ticket.customer.email.clone(),
                phone: env.ticket.customer.phone.clone(),
                user_id: env.ticket.customer.helpdesk_user_id.clone(),
            },
            intents: route
                .intents
                .iter()
                .map(|i| IntentHint {
                    key: i.intent.clone(),
                    confidence: i.confidence,
                })
                .collect(),
            state,
            allow_list: route.allow_list.clone(),
        };
        // A customer authenticated earlier in this conversation stays authenticated for it
        // (one customer per conversation); the planner does not look them up again.
        let known = req
            .state
            .user_id
            .clone()
            .map(|user_id| frontdesk_tools::AuthenticatedCustomer { user_id });
        let runner = ExecutorRunner {
            executor,
            ctx: Mutex::new(CallContext {
                ticket_id: env.ticket.ticket_id.clone(),
                allow_list: route.allow_list.clone(),
                customer: known,
                headers: executor.forwarded_headers(&env.ticket.headers),
            }),
            log: Mutex::new(Vec::new()),
        };
        let mut planned_result = self.planner.plan(&req, &runner).await;
        if let (Ok(offline), Some(model)) = (&planned_result, &self.model_planner) {
            if offline.unsure {
                match model.plan_model(&req, &runner, injected).await {
                    Ok(p) => {
                        env.cost
                            .add(p.usage.tokens_in, p.usage.tokens_out, p.usage.usd);
                        env.decide(
                            "tools",
                            "model_plan",
                            "planned",
                            "the offline procedures were unsure: the planner model planned",
                        );
                        planned_result = Ok(p);
                    }
                    Err(ModelPlanError::Tool(f)) => {
                        return Err(StageError::Transient(f.to_string()));
                    }
                    Err(ModelPlanError::Model(e)) => {
                        let waited = std::time::Duration::from_millis(env.age_ms().max(0) as u64);
                        match model.on_error(&e, waited) {
                            frontdesk_llm::NextStep::Pause(d) => {
                                // Backpressure: the runner holds the stage's partitions for
                                // `d` and retries; nothing is failed because a model is slow.
                                return Err(StageError::Unavailable {
                                    reason: format!("planner model unavailable: {e}"),
                                    retry_after: d,
                                });
                            }
                            frontdesk_llm::NextStep::FallBack => env.decide(
                                "tools",
                                "model_plan",
                                "offline",
                                format!("planner model unavailable ({e}): the offline plan stands"),
                            ),
                        }
                    }
                }
            }
        }
        let call_ctx = runner.ctx();
        env.tool_log.extend(
            runner
                .log
                .into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
                .map(to_tool_call),
        );
        let plan = match planned_result {
            Ok(p) => p,
            Err(e) if e.is_transient() => return Err(StageError::Transient(e.to_string())),
            Err(e) => {
                env.decide(
                    "tools",
                    RULE_PLAN,
                    PLAN_HANDOFF,
                    format!("planner_error: {e}"),
                );
                return Ok(Outcome::Forward(Box::new(env)));
            }
        };
        env.tool_plan = plan.writes.iter().map(planned).collect();
        let procedures = plan.procedures.join(", ");
        match &plan.outcome {
            frontdesk_planner::Outcome::Act if injected => {
                env.decide(
                    "tools",
                    RULE_PLAN,
                    PLAN_HANDOFF,
                    "prompt_injection: a flagged message never triggers a write by itself",
                );
                env.draft_reply = Some(plan.draft.clone());
            }
            frontdesk_planner::Outcome::Act
                if route.band == Band::Autonomous && !plan.writes.is_empty() =>
            {
                env.decide(
                    "tools",
                    RULE_PLAN,
                    PLAN_HANDOFF,
                    "band: an autonomous (read-only) route proposed a write",
                );
            }
            frontdesk_planner::Outcome::Act => {
                match self
                    .run_writes(executor, &call_ctx, &plan, &mut env, ctx)
                    .await?
                {
                    Writes::Done(results) => {
                        env.draft_reply = Some(self.planner.reply(&plan, &results));
                        env.decide(
                            "tools",
                            RULE_PLAN,
                            PLAN_ACTED,
                            format!("{} write(s) done ({procedures})", results.len()),
                        );
                    }
                    Writes::HandOff {
                        code,
                        reason,
                        results,
                    } => {
                        env.draft_reply = Some(self.planner.reply(&plan, &results));
                        env.decide(
                            "tools",
                            RULE_PLAN,
                            PLAN_HANDOFF,
                            format!("{code}: {reason}"),
                        );
                    }
                }
            }
            frontdesk_planner::Outcome::AskCustomer { question } => {
                env.draft_reply = Some(question.clone());
                env.decide(
                    "tools",
                    RULE_PLAN,
                    PLAN_ASK,
                    format!("asks the customer ({procedures})"),
                );
            }
            frontdesk_planner::Outcome::HandOff { reason } => {
                if !plan.draft.trim().is_empty() {
                    env.draft_reply = Some(plan.draft.clone());
                }
                env.decide(
                    "tools",
                    RULE_PLAN,
                    PLAN_HANDOFF,
                    format!("planner: {reason}"),
                );
            }
            frontdesk_planner::Outcome::Answered => {
                if !plan.draft.trim().is_empty() {
                    env.draft_reply = Some(plan.draft.clone());
                }
                env.decide(
                    "tools",
                    RULE_PLAN,
                    PLAN_ANSWERED,
                    format!("read-only ({procedures})"),
                );
            }
        }
        if let Some(s) = &self.state {
            s.save_state(&env.ticket.conversation_id, &plan.state)
                .await
                .map_err(|e| StageError::Transient(e.to_string()))?;
        }
        Ok(Outcome::Forward(Box::new(env)))
    }
}
