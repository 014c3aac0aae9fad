//! The planner's model (`[llm.roles.planner]`): where the offline procedures cannot make out
//! what the customer wants ([`Plan::unsure`]), a model plans with the store's tools.
//!
//! The model proposes; this module and the policy plane dispose:
//! - it is offered only the tools on the route's allow-list, with their JSON schemas, and
//!   every call it makes is checked against both by the tool registry
//!   ([`ToolRegistry::check`], the executor's own check, schemas compiled once) before
//!   anything runs; reads go through the same tool executor as the offline planner
//!   (allow-list, ownership, retries);
//! - a write is never run here: it is valued from the store ([`value_write`]: the amounts
//!   the write gate checks come from the store, never from the model) and returned as a
//!   proposal, which the tools stage passes through the write gate like any other;
//! - channels that need a customer's "yes" get the same confirmation question as offline;
//! - an answer or question the model writes may only state figures (amounts, ids, dates,
//!   addresses) that the customer or a tool result gave ([`unsupported_figures`]); otherwise
//!   the ticket goes to a person;
//! - text the injection detector flagged reaches the model only as quoted data.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use frontdesk_llm::{
    customer_text, unsupported_figures, ChatRequest, ContentBlock, FallbackPolicy, LlmError,
    Message, MessageRole, NextStep, PriceTable, RoleClient, ToolSpec,
};
use frontdesk_planner::{
    value_write, Outcome, Plan, PlanError, PlanRequest, Planner, Procedures, ProposedWrite,
    ReadCall, ToolFailure, ToolRunner, ValuationError,
};
use frontdesk_tools::{config::ToolKind, ToolRegistry};
use frontdesk_types::Rule;
use serde_json::Value;

/// Most model turns per plan; a model still calling tools after these hands off.
const MAX_ROUNDS: usize = 8;

/// What stopped a model plan.
#[derive(Debug, thiserror::Error)]
pub enum ModelPlanError {
    /// The model call failed (see [`LlmPlanner::on_error`] for pause or fall back).
    #[error("planner model: {0}")]
    Model(#[from] LlmError),
    /// A store read failed transiently: retry the ticket.
    #[error("{0}")]
    Tool(ToolFailure),
}

/// A call the registry accepted.
struct Valid {
    name: String,
    arguments: Value,
}

/// One tool as offered to the model.
#[derive(Debug, Clone)]
struct Offered {
    spec: ToolSpec,
    write: bool,
}

/// The planner's model.
pub struct LlmPlanner {
    client: RoleClient,
    prices: PriceTable,
    policy: FallbackPolicy,
    tools: Vec<Offered>,
    registry: Arc<ToolRegistry>,
    procedures: Procedures,
    /// Tools that authenticate a customer (their result is the user id).
    auth_tools: Vec<String>,
}

impl LlmPlanner {
    /// Over a built role client, the store's tool registry (names, descriptions, schemas) and
    /// the procedures (which writes need a confirmation on which channel).
    pub fn new(
        client: RoleClient,
        prices: PriceTable,
        policy: FallbackPolicy,
        registry: &Arc<ToolRegistry>,
        procedures: Procedures,
    ) -> Self {
        let mut tools = Vec::new();
        for name in registry.names() {
            let Some(tool) = registry.get(name) else {
                continue;
            };
            let spec = tool.spec();
            tools.push(Offered {
                spec: ToolSpec {
                    name: spec.name.clone(),
                    description: spec.description.clone(),
                    input_schema: spec.schema.clone(),
                },
                write: spec.kind == ToolKind::Write,
            });
        }
        tools.sort_by(|a, b| a.spec.name.cmp(&b.spec.name));
        let auth = registry.auth();
        LlmPlanner {
            client,
            prices,
            policy,
            tools,
            registry: Arc::clone(registry),
            procedures,
            auth_tools: vec![auth.by_email.clone(), auth.by_name_zip.clone()],
        }
    }

    /// After a failed call on a ticket that has waited `waited`: pause or fall back.
    pub fn on_error(&self, error: &LlmError, waited: Duration) -> NextStep {
        self.policy.next_step(error, waited)
    }

    fn system_prompt(&self) -> String {
        "You plan the next step on a customer-support ticket of an online store, using the \
         store's tools.\n\
         Rules:\n\
         - Authenticate the customer before anything about their account or orders: use the \
           user id given below if there is one, else find it by e-mail, or by first name, last \
           name and zip code.\n\
         - Read what you need (user details, order details, product details) with the read \
           tools.\n\
         - To change something, call the write tool with its exact arguments. A write you call \
           is only PROPOSED: the store's policy decides whether it runs. Propose only changes \
           the customer asked for, each once.\n\
         - If something you need is missing or ambiguous, reply with exactly one short \
           question to the customer and nothing else.\n\
         - If the request is outside what the tools can do, or should be decided by a person, \
           reply with `HANDOFF:` and one sentence saying why.\n\
         - Otherwise reply with a short answer to the customer that states only facts from \
           the tool results. Never invent amounts, dates, ids or policies."
            .to_owned()
    }

    fn first_message(&self, req: &PlanRequest, flagged: bool) -> String {
        let mut said: Vec<String> = req.state.context.clone();
        said.push(req.text());
        let said = customer_text(&said.join("\n"), flagged);
        let mut known = Vec::new();
        if let Some(u) = &req.state.user_id {
            known.push(format!("authenticated user id: {u}"));
        }
        if let Some(e) = &req.identity.email {
            known.push(format!("e-mail verified by the channel: {e}"));
        }
        if let Some(u) = &req.identity.user_id {
            known.push(format!("user id verified by the channel: {u}"));
        }
        let intents: Vec<String> = req
            .intents
            .iter()
            .map(|i| format!("{} ({:.2})", i.key, i.confidence))
            .collect();
        format!(
            "Channel: {}\nRouted intents: {}\n{}\n\nCustomer:\n{said}",
            req.channel.as_str(),
            if intents.is_empty() {
                "none".to_owned()
            } else {
                intents.join(", ")
            },
            known.join("\n"),
        )
    }

    /// Plans `req` with the model, reading through `tools`. `flagged` quotes the customer's
    /// text as data. The plan's [`Plan::usage`] carries the tokens and cost.
    pub async fn plan_model(
        &self,
        req: &PlanRequest,
        tools: &dyn ToolRunner,
        flagged: bool,
    ) -> Result<Plan, ModelPlanError> {
        let offered: Vec<&Offered> = self
            .tools
            .iter()
            .filter(|t| req.allow_list.iter().any(|a| a == &t.spec.name))
            .collect();
        let mut request: ChatRequest = self.client.request().system(self.system_prompt());
        for t in &offered {
            request = request.tool(t.spec.clone());
        }
        request = request.message(Message::user(self.first_message(req, flagged)));
        let mut state = req.state.clone();
        state.pending.clear();
        let mut user_id = req.state.user_id.clone().or(req.identity.user_id.clone());
        let mut reads: Vec<ReadCall> = Vec::new();
        let mut writes: Vec<ProposedWrite> = Vec::new();
        let mut refusals: Vec<String> = Vec::new();
        let mut usage = frontdesk_planner::ModelUsage::default();
        let mut evidence = req.text();
        for c in &req.state.context {
            evidence.push('\n');
            evidence.push_str(c);
        }
        let mut final_text = None;
        for _ in 0..MAX_ROUNDS {
            let resp = self.client.complete(&request).await?;
            usage.tokens_in += resp.usage.input_tokens;
            usage.tokens_out += resp.usage.output_tokens;
            usage.usd += resp.cost_usd(&self.prices).unwrap_or(0.0);
            if resp.tool_calls.is_empty() {
                final_text = Some(resp.text.trim().to_owned());
                break;
            }
            let mut results = Vec::with_capacity(resp.tool_calls.len());
            for call in &resp.tool_calls {
                let checked = self.registry.check(&call.name, &call.arguments, |name| {
                    req.allow_list.iter().any(|a| a == name)
                });
                let (content, is_error) = match checked.map(|_| Valid {
                    name: call.name.clone(),
                    arguments: call.arguments.clone(),
                }) {
                    Err(rejection) => {
                        refusals.push(rejection.to_string());
                        (format!("refused: {rejection}"), true)
                    }
                    Ok(valid) => {
                        let write = offered.iter().any(|t| t.write && t.spec.name == valid.name);
                        if write {
                            let repeated = writes
                                .iter()
                                .any(|w| w.tool == valid.name && w.args == valid.arguments);
                            match &user_id {
                                None => (
                                    "refused: authenticate the customer before proposing a change"
                                        .to_owned(),
                                    true,
                                ),
                                Some(_) if repeated => ("already proposed".to_owned(), false),
                                Some(uid) => {
                                    match value_write(&valid.name, &valid.arguments, uid, tools)
                                        .await
                                    {
                                        Ok((w, log)) => {
                                            for r in &log {
                                                if let Ok(v) = &r.result {
                                                    evidence.push('\n');
                                                    evidence.push_str(&v.to_string());
                                                }
                                            }
                                            reads.extend(log);
                                            let s = format!(
                                                "proposed, awaiting the store's policy: {}",
                                                w.summary
                                            );
                                            evidence.push('\n');
                                            evidence.push_str(&w.summary);
                                            writes.push(w);
                                            (s, false)
                                        }
                                        Err(ValuationError::Tool(f)) if f.is_transient() => {
                                            return Err(ModelPlanError::Tool(f))
                                        }
                                        Err(e) => {
                                            refusals.push(e.to_string());
                                            (format!("refused: {e}"), true)
                                        }
                                    }
                                }
                            }
                        } else {
                            let result = tools.call(&valid.name, valid.arguments.clone()).await;
                            reads.push(ReadCall {
                                tool: valid.name.clone(),
                                args: valid.arguments.clone(),
                                result: result
                                    .clone()
                                    .map(std::sync::Arc::new)
                                    .map_err(|e| e.to_string()),
                            });
                            match result {
                                Ok(v) => {
                                    if self.auth_tools.contains(&valid.name) {
                                        if let Some(u) = v.as_str() {
                                            user_id = Some(u.to_owned());
                                        }
                                    }
                                    let text = v.to_string();
                                    evidence.push('\n');
                                    evidence.push_str(&text);
                                    (text, false)
                                }
                                Err(f) if f.is_transient() => return Err(ModelPlanError::Tool(f)),
                                Err(f) => (format!("error: {f}"), true),
                            }
                        }
                    }
                };
                results.push(ContentBlock::ToolResult {
                    tool_use_id: call.id.clone(),
                    content,
                    is_error,
                });
            }
            request = request
                .message(Message::assistant_tool_calls(&resp.text, &resp.tool_calls))
                .message(Message {
                    role: MessageRole::User,
                    content: results,
                });
        }
        state.user_id = user_id;
        let full_text = {
            let mut all = req.state.context.clone();
            all.push(req.text());
            all.join("\n")
        };
        let mut plan = match final_text {
            None => Plan::new(
                reads,
                Outcome::HandOff {
                    rule: Rule::ModelPlan,
                    reason: format!("the planner model did not finish within {MAX_ROUNDS} turns"),
                },
                state,
            ),
            Some(text) if text.to_ascii_uppercase().starts_with("HANDOFF") => {
                let why = text
                    .split_once(':')
                    .map_or("", |(_, w)| w)
                    .trim()
                    .chars()
                    .take(300)
                    .collect::<String>();
                Plan::new(
                    reads,
                    Outcome::HandOff {
                        rule: Rule::ModelPlan,
                        reason: format!("the planner model hands off: {why}"),
                    },
                    state,
                )
            }
            Some(_) if !writes.is_empty() => {
                self.procedures
                    .act_or_confirm(req.channel, reads, state, writes)
            }
            Some(text) if text.is_empty() => Plan::new(
                reads,
                Outcome::HandOff {
                    rule: Rule::ModelPlan,
                    reason: "the planner model answered nothing".to_owned(),
                },
                state,
            ),
            Some(text) => {
                let invented = unsupported_figures(&text, &evidence);
                if !invented.is_empty() {
                    Plan::new(
                        reads,
                        Outcome::HandOff {
                            rule: Rule::ModelPlan,
                            reason: format!(
                                "the planner model's answer states figures no tool result supports ({})",
                                invented.join(", ")
                            ),
                        },
                        state,
                    )
                } else if text.trim_end().ends_with('?') {
                    state.context = vec![full_text];
                    Plan::ask(reads, state, text)
                } else {
                    state.question = None;
                    state.context.clear();
                    let mut p = Plan::new(reads, Outcome::Answered, state);
                    p.reply_facts = vec![text.clone()];
                    p.draft = text;
                    p
                }
            }
        };
        if !refusals.is_empty() {
            tracing::info!(refusals = ?refusals, "planner model proposals refused");
        }
        plan.procedures = vec!["model".to_owned()];
        plan.usage = usage;
        Ok(plan)
    }
}

#[async_trait]
impl Planner for LlmPlanner {
    /// The model plan without quoting (use [`LlmPlanner::plan_model`] for flagged text and
    /// for pausing on a slow model).
    async fn plan(&self, req: &PlanRequest, tools: &dyn ToolRunner) -> Result<Plan, PlanError> {
        match self.plan_model(req, tools, false).await {
            Ok(p) => Ok(p),
            Err(ModelPlanError::Tool(f)) => Err(PlanError::Tool(f)),
            Err(ModelPlanError::Model(e)) => Err(PlanError::Model {
                transient: e.is_transient(),
                message: e.to_string(),
            }),
        }
    }
}
