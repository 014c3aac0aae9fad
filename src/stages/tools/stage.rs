//! Tools stage: plans what to do about the ticket and does the writes the policy plane
//! allows.
//!
//! 1. The pre-action gates ([`crate::stages::policy::gates`]) run first and their verdict
//!    goes on the envelope: a ticket that must go to a person is not planned at all.
//! 2. The planner (`frontdesk-planner`, offline procedures by default) authenticates the
//!    customer and reads orders, users and products through the tool executor
//!    (`frontdesk-tools`: schema validation, allow-list, ownership, idempotency keys,
//!    retries). It proposes writes, asks the customer one question, hands off, or answers.
//!    Where the offline plan is unsure and a planner model is configured, the model plans.
//! 3. Every proposed write passes the write path ([`super::writes`]): the write gate, the
//!    audit, then the executor. A flagged (prompt-injection) ticket never writes.
//! 4. The reply states the facts of what was done; the conversation's planner state is
//!    saved so the customer's next message on the thread continues it.
//!
//! With a [`Vault`], the PII tokens of the ticket and of the conversation's state are looked
//! up once before planning: the executor sends their values to the store and records the
//! tokens. The offline planner reads names and addresses in clear for this turn (a
//! [`PlannerView`]); what the plan carries on, the state it saves and the envelope hold
//! tokens.
//!
//! The plan verdict is a typed [`PlanVerdict`] on the envelope; the policy stage makes the
//! final resolve / hand-off decision from it.

use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_limits::Gate;
use frontdesk_planner::{
    ConversationState, IntentHint, Plan, PlanError, PlanRequest, Planner, ProposedWrite,
};
use frontdesk_tools::{CallContext, Clear, Executor};

use super::executor_runner::{to_tool_call, ExecutorRunner};
use super::model_planner::{LlmPlanner, ModelPlanError};
use super::writes::{WritePath, Writes};
use crate::messages::{
    Band, Channel, Envelope, Notification, PlanOutcome, PlanVerdict, PlannedCall, Rule,
};
use crate::privacy::{PlannerView, Vault};
use crate::runtime::{Outcome, Stage, StageContext, StageError};
use crate::stages::policy::gates;
use crate::state::StateDb;

/// The tools stage.
pub struct ToolsStage {
    executor: Option<Arc<Executor>>,
    planner: Arc<dyn Planner>,
    writes: WritePath,
    state: Option<StateDb>,
    min_route_confidence: f64,
    /// The planner's model, asked where the offline plan is unsure.
    pub model_planner: Option<Arc<LlmPlanner>>,
    /// Where the ticket's PII tokens are revealed for the store.
    pub vault: Option<Vault>,
    /// A shadow run: writes are recorded as "would have done", never sent ([`Self::shadow`]).
    shadow: bool,
    /// Tickets planned at once ([`Self::with_max_concurrent_plans`]); unbounded when unset.
    plans: Option<Arc<tokio::sync::Semaphore>>,
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
        ToolsStage {
            executor,
            planner,
            writes: WritePath::new(gate),
            state,
            min_route_confidence,
            model_planner: None,
            vault: None,
            shadow: false,
            plans: None,
        }
    }

    /// At most `n` tickets planned and acted on at once. A ticket holds its customer's
    /// store reads from planning until its output is built, so this bounds what a backlog
    /// of large customers holds at once; the runner's other in-flight records wait here
    /// holding only their envelope.
    pub fn with_max_concurrent_plans(mut self, n: usize) -> Self {
        self.plans = Some(Arc::new(tokio::sync::Semaphore::new(n.max(1))));
        self
    }

    /// This stage in a shadow run: the write path records each write it would send
    /// ([`WritePath::shadow`]), and the writes a confirmation question waits for are
    /// recorded too, as awaiting the customer's "yes".
    pub fn shadow(mut self) -> Self {
        self.writes = self.writes.shadow();
        self.shadow = true;
        self
    }
}

fn planned(w: &ProposedWrite) -> PlannedCall {
    PlannedCall {
        tool: w.tool.clone(),
        arguments_json: w.args.to_string(),
    }
}

/// Puts the plan verdict on the envelope and in its decisions.
fn settle(env: &mut Envelope, verdict: PlanVerdict) {
    env.decide(
        "tools",
        Rule::Plan,
        verdict.outcome.as_str(),
        verdict.detail.clone(),
    );
    env.plan = Some(verdict);
}

fn transient(e: impl std::fmt::Display) -> StageError {
    StageError::Transient(e.to_string())
}

impl ToolsStage {
    /// The planner's request for this ticket.
    fn request(env: &Envelope, state: ConversationState) -> PlanRequest {
        let route = env.route.as_ref();
        PlanRequest {
            subject: env.ticket.subject.clone().unwrap_or_default(),
            body: env.ticket.body.clone(),
            channel: env.ticket.channel,
            identity: frontdesk_planner::Identity {
                email: env.ticket.customer.email.clone(),
                phone: env.ticket.customer.phone.clone(),
                user_id: env.ticket.customer.helpdesk_user_id.clone(),
            },
            intents: route
                .map(|r| {
                    r.intents
                        .iter()
                        .map(|i| IntentHint {
                            key: i.intent.clone(),
                            confidence: i.confidence,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            state,
            allow_list: route.map(|r| r.allow_list.clone()).unwrap_or_default(),
        }
    }

    /// The clear values of the tokens this turn may send to the store (those in the
    /// message and in the conversation's state: the open request's earlier messages, the
    /// writes awaiting a "yes"), and the view of the names and addresses among them that the
    /// offline planner reads in clear.
    async fn clear_values(
        &self,
        conversation_id: &str,
        req: &PlanRequest,
    ) -> Result<(Clear, Option<Arc<PlannerView>>), StageError> {
        let Some(vault) = &self.vault else {
            return Ok((Clear::default(), None));
        };
        let state = serde_json::to_string(&req.state).unwrap_or_default();
        let texts = [req.subject.as_str(), req.body.as_str(), state.as_str()];
        let found = vault.lookup(conversation_id, texts).await?;
        let (read, exact): (Vec<_>, Vec<_>) = found
            .iter()
            .partition(|(_, (kind, _))| vault.planner_reads().contains(kind));
        let clear = Clear::new(exact.into_iter().map(|(t, (_, v))| (t.clone(), v.clone())));
        let view =
            (!read.is_empty()).then(|| Arc::new(PlannerView::new(vault, conversation_id, &found)));
        Ok((clear, view))
    }

    /// Plans offline, then with the model where the offline plan is unsure and a model is
    /// configured. `Err` is a stage error (retry or hold); `Ok(Err)` a planner failure.
    /// The offline planner reads `clear_req` (names and addresses revealed); a model reads
    /// `req`, as it travels.
    async fn plan(
        &self,
        env: &mut Envelope,
        (req, clear_req): (&PlanRequest, &PlanRequest),
        runner: &ExecutorRunner<'_>,
    ) -> Result<Result<Plan, PlanError>, StageError> {
        let offline = self.planner.plan(clear_req, runner).await;
        let (Ok(plan), Some(model)) = (&offline, &self.model_planner) else {
            return Ok(offline);
        };
        if !plan.confidence.asks_a_model() {
            return Ok(offline);
        }
        runner.hide_clear();
        match model.plan_model(req, runner, env.injection_flagged()).await {
            Ok(p) => {
                env.cost
                    .add(p.usage.tokens_in, p.usage.tokens_out, p.usage.usd);
                env.decide(
                    "tools",
                    Rule::ModelPlan,
                    "planned",
                    "the offline procedures were unsure: the planner model planned",
                );
                Ok(Ok(p))
            }
            Err(ModelPlanError::Tool(f)) => Err(transient(f)),
            Err(ModelPlanError::Model(e)) => {
                let waited = std::time::Duration::from_millis(env.age_ms().max(0) as u64);
                match model.on_error(&e, waited) {
                    // Backpressure: the runner holds the stage's partitions for `d` and
                    // retries; nothing is failed because a model is slow.
                    frontdesk_llm::NextStep::Pause(d) => Err(StageError::Unavailable {
                        reason: format!("planner model unavailable: {e}"),
                        retry_after: d,
                    }),
                    frontdesk_llm::NextStep::FallBack => {
                        env.decide(
                            "tools",
                            Rule::ModelPlan,
                            "offline",
                            format!("planner model unavailable ({e}): the offline plan stands"),
                        );
                        Ok(offline)
                    }
                }
            }
        }
    }

    /// Acts on the plan: runs the writes it may run, drafts the reply, and settles the
    /// plan verdict.
    async fn act(
        &self,
        (executor, call_ctx, clear): (&Executor, &CallContext, &Clear),
        plan: &Plan,
        env: &mut Envelope,
        ctx: &StageContext,
    ) -> Result<(), StageError> {
        if let Some(code) = &plan.one_time_code {
            // The code crosses the outbound topic sealed in the vault when there is one;
            // `frontdesk deliver` opens it just before sending.
            let shown = match &self.vault {
                Some(vault) => {
                    vault
                        .seal(
                            &env.ticket.conversation_id,
                            frontdesk_guard::PiiKind::OneTimeCode,
                            &code.code,
                        )
                        .await?
                }
                None => code.code.clone(),
            };
            env.notifications.push(code_notification(code, &shown));
        }
        let band = env.route.as_ref().map(|r| r.band);
        let procedures = plan.procedures.join(", ");
        let verdict = match &plan.outcome {
            frontdesk_planner::Outcome::Act if env.injection_flagged() => {
                env.draft_reply = Some(plan.draft.clone());
                PlanVerdict::handoff(
                    Rule::PromptInjection,
                    "a flagged message never triggers a write by itself",
                )
            }
            frontdesk_planner::Outcome::Act
                if band == Some(Band::Autonomous) && !plan.writes.is_empty() =>
            {
                PlanVerdict::handoff(
                    Rule::AutonomousWrite,
                    "an autonomous (read-only) route proposed a write",
                )
            }
            frontdesk_planner::Outcome::Act => {
                let calls = (executor, call_ctx, clear);
                match self.writes.run(&plan.writes, calls, env, ctx).await? {
                    Writes::Done(results) => {
                        env.draft_reply = Some(self.planner.reply(plan, &results));
                        PlanVerdict::new(
                            PlanOutcome::Acted,
                            format!("{} write(s) done ({procedures})", results.len()),
                        )
                    }
                    Writes::HandOff {
                        rule,
                        reason,
                        results,
                    } => {
                        env.draft_reply = Some(self.planner.reply(plan, &results));
                        PlanVerdict::handoff(rule, reason)
                    }
                }
            }
            frontdesk_planner::Outcome::AskCustomer { question } => {
                if self.shadow {
                    let why = crate::shadow::AWAITS_CONFIRMATION;
                    for w in &plan.writes {
                        let call = crate::shadow::would_have_done(&env.ticket.ticket_id, w, why);
                        env.tool_log.push(call);
                    }
                }
                env.draft_reply = Some(question.clone());
                PlanVerdict::new(
                    PlanOutcome::Ask,
                    format!("asks the customer ({procedures})"),
                )
            }
            frontdesk_planner::Outcome::HandOff { rule, reason } => {
                if !plan.draft.trim().is_empty() {
                    env.draft_reply = Some(plan.draft.clone());
                }
                PlanVerdict::handoff(*rule, reason.clone())
            }
            frontdesk_planner::Outcome::Answered => {
                if !plan.draft.trim().is_empty() {
                    env.draft_reply = Some(plan.draft.clone());
                }
                PlanVerdict::new(PlanOutcome::Answered, format!("read-only ({procedures})"))
            }
        };
        settle(env, verdict);
        Ok(())
    }
}

/// The e-mail that carries a one-time code to the contact on file. It leaves on the outbound
/// topic with the reply, the code as `shown` (its vault token, or the code itself when the
/// pipeline does not tokenise); the reply itself never holds the code or says whether an
/// account exists.
fn code_notification(code: &frontdesk_planner::CodeDelivery, shown: &str) -> Notification {
    let minutes = (code.expires_at_ms - chrono::Utc::now().timestamp_millis()).max(0) / 60_000;
    Notification {
        channel: Channel::Email,
        to: code.email.clone(),
        subject: Some("Your verification code".to_owned()),
        body: format!(
            "Your verification code is {shown}. It is valid for {minutes} minutes. If you did not ask for it, ignore this message: nothing changes without it."
        ),
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
                Rule::NoExecutor,
                "skip",
                "no tool executor is configured: nothing was called",
            );
            return Ok(Outcome::Forward(Box::new(env)));
        };
        let said = match &self.state {
            Some(s) => gates::customer_said(
                &s.transcript(&env.ticket.conversation_id)
                    .await
                    .map_err(transient)?,
            ),
            None => vec![env.ticket.body.clone()],
        };
        let hold = match &self.state {
            Some(s) => s.hold(&env.ticket).await?,
            None => None,
        };
        let gate = gates::check(&env, &said, hold.as_ref(), self.min_route_confidence);
        env.gate = Some(gate.clone());
        if let Some(rule) = gate.blocked_by {
            settle(
                &mut env,
                PlanVerdict {
                    outcome: PlanOutcome::Blocked,
                    reason: Some(rule),
                    detail: gate.reason,
                },
            );
            return Ok(Outcome::Forward(Box::new(env)));
        }
        let Some(route) = env.route.clone() else {
            return Ok(Outcome::Forward(Box::new(env)));
        };
        let state: ConversationState = match &self.state {
            Some(s) => s
                .load_state(&env.ticket.conversation_id, &env.ticket.ticket_id)
                .await?
                .unwrap_or_default(),
            None => ConversationState::default(),
        };
        // held until the output is built: the reads live in the plan and the tool log
        let _planning = match &self.plans {
            Some(plans) => Some(plans.clone().acquire_owned().await.map_err(transient)?),
            None => None,
        };
        let req = Self::request(&env, state);
        let (clear, view) = self.clear_values(&env.ticket.conversation_id, &req).await?;
        let clear_req = match &view {
            Some(v) => v.reveal_request(&req).map_err(transient)?,
            None => req.clone(),
        };
        // A customer authenticated earlier in this conversation stays authenticated for it
        // (one customer per conversation); the planner does not look them up again.
        let known = req
            .state
            .user_id
            .clone()
            .map(|user_id| frontdesk_tools::AuthenticatedCustomer { user_id });
        let runner = ExecutorRunner::new(
            executor,
            CallContext {
                ticket_id: env.ticket.ticket_id.clone(),
                allow_list: route.allow_list.clone(),
                customer: known,
                headers: executor.forwarded_headers(&env.ticket.headers),
            },
        )
        .with_clear(clear)
        .with_view(view.clone());
        let planned_result = self.plan(&mut env, (&req, &clear_req), &runner).await?;
        let call_ctx = runner.ctx();
        let mut clear = runner.clear();
        env.tool_log
            .extend(runner.into_log().iter().map(to_tool_call));
        // Whatever the plan carries on holds tokens again.
        let conceal = |text: &str| match &view {
            Some(v) => v.conceal_text(text),
            None => text.to_owned(),
        };
        let plan = match (planned_result, &view) {
            (Ok(p), Some(v)) => v.conceal_plan(p).map_err(transient)?,
            (Ok(p), None) => p,
            (Err(e), _) if e.is_transient() => return Err(transient(conceal(&e.to_string()))),
            (Err(e), _) => {
                settle(
                    &mut env,
                    PlanVerdict::handoff(Rule::PlannerError, conceal(&e.to_string())),
                );
                return Ok(Outcome::Forward(Box::new(env)));
            }
        };
        if let Some(v) = &view {
            // the pieces the plan's writes were just given tokens for
            clear.add_bounded(v.bounded_pairs());
        }
        env.tool_plan = plan.writes.iter().map(planned).collect();
        self.act((executor, &call_ctx, &clear), &plan, &mut env, ctx)
            .await?;
        if let Some(v) = &view {
            env.draft_reply = env.draft_reply.as_deref().map(conceal);
            v.flush().await?;
        }
        if let Some(s) = &self.state {
            s.save_state(
                &env.ticket.conversation_id,
                &env.ticket.ticket_id,
                &plan.state,
            )
            .await
            .map_err(transient)?;
        }
        Ok(Outcome::Forward(Box::new(env)))
    }
}
