//! Tools stage: calls the store's systems for the ticket, through the tool executor
//! (`frontdesk-tools`: schema validation, allow-list, customer authorization, idempotency
//! keys, retries), and logs every call on the envelope.
//!
//! What it runs today is the read-only order lookup: authenticate the customer from the
//! channel's verified identity, look up the orders the ticket names, and draft a reply from
//! the results. Writes wait for the planner and the policy gate; nothing is written here.

use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_tools::{CallContext, Executor, Identity, ToolCallRecord};
use regex::Regex;

use crate::messages::{Band, Envelope, ToolCall};
use crate::runtime::{Outcome, Stage, StageContext, StageError};
use crate::stages::router::RULE_INJECTION;

/// The tools stage.
pub struct ToolsStage {
    executor: Option<Arc<Executor>>,
    order_id: Regex,
}

impl ToolsStage {
    /// A tools stage; with no executor it calls nothing and says so.
    pub fn new(executor: Option<Arc<Executor>>) -> Self {
        // A literal pattern: it compiles.
        let order_id = Regex::new(r"#W\d{7}\b").expect("static regex");
        ToolsStage { executor, order_id }
    }
}

/// The envelope's record of a call.
pub fn to_tool_call(r: &ToolCallRecord) -> ToolCall {
    ToolCall {
        tool: r.tool.clone(),
        arguments_json: r.arguments.to_string(),
        idempotency_key: Some(r.idempotency_key.clone()),
        outcome: serde_json::to_value(r.outcome)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
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

fn order_line(order_id: &str, order: &serde_json::Value) -> String {
    let status = order
        .get("status")
        .and_then(|s| s.as_str())
        .unwrap_or("unknown");
    let items: Vec<&str> = order
        .get("items")
        .and_then(|i| i.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|i| i.get("name").and_then(|n| n.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let tracking: Vec<String> = order
        .get("fulfillments")
        .and_then(|f| f.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|f| f.get("tracking_id").and_then(|t| t.as_array()))
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut line = format!("Order {order_id} ({}) is {status}.", items.join(", "));
    if !tracking.is_empty() {
        line.push_str(&format!(" Tracking number: {}.", tracking.join(", ")));
    }
    line
}

#[async_trait]
impl Stage for ToolsStage {
    fn name(&self) -> &'static str {
        "tools"
    }

    async fn process(&self, mut env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        let Some(executor) = &self.executor else {
            env.decide(
                "tools",
                "no_executor",
                "skip",
                "no tool executor is configured: nothing was called",
            );
            return Ok(Outcome::Forward(Box::new(env)));
        };
        let Some(route) = env.route.clone() else {
            return Ok(Outcome::Forward(Box::new(env)));
        };
        let wants_lookup = !route.out_of_scope
            && route.band != Band::AlwaysEscalate
            && route.intents.iter().any(|i| i.intent == "order_status")
            && route.allow_list.iter().any(|t| t == "get_order_details");
        if !wants_lookup {
            env.decide(
                "tools",
                "no_procedure",
                "skip",
                "no offline procedure for these intents yet",
            );
            return Ok(Outcome::Forward(Box::new(env)));
        }
        let flagged = env
            .decisions
            .iter()
            .any(|d| d.rule == RULE_INJECTION && d.outcome == "flagged");
        let mut ctx = CallContext {
            ticket_id: env.ticket.ticket_id.clone(),
            allow_list: route.allow_list.clone(),
            customer: None,
            headers: executor.forwarded_headers(&env.ticket.headers),
        };
        // Identity comes from the channel only: text in the body never authenticates here.
        let Some(email) = env.ticket.customer.email.clone() else {
            env.decide(
                "tools",
                "authenticate",
                "skip",
                "the channel gave no verified email",
            );
            return Ok(Outcome::Forward(Box::new(env)));
        };
        let auth = executor.authenticate(&ctx, &Identity::Email(email)).await;
        env.tool_log.push(to_tool_call(&auth.record));
        if auth.record.outcome == frontdesk_tools::Outcome::Failed {
            return Err(StageError::Transient(format!(
                "authentication: {}",
                auth.record.detail.unwrap_or_default()
            )));
        }
        let Some(customer) = auth.customer else {
            env.decide(
                "tools",
                "authenticate",
                "fail",
                "the sender is not a customer of the store",
            );
            return Ok(Outcome::Forward(Box::new(env)));
        };
        ctx.customer = Some(customer);
        let ids: Vec<String> = self
            .order_id
            .find_iter(&env.ticket.body)
            .map(|m| m.as_str().to_owned())
            .take(3)
            .collect();
        let mut lines = Vec::new();
        for id in ids {
            let rec = executor
                .call(
                    &ctx,
                    "get_order_details",
                    serde_json::json!({ "order_id": id }),
                )
                .await;
            if rec.outcome == frontdesk_tools::Outcome::Failed {
                // The store is down or slow: retry the whole record later, never drop it.
                return Err(StageError::Transient(format!(
                    "get_order_details: {}",
                    rec.detail.clone().unwrap_or_default()
                )));
            }
            if let (true, Some(resp)) = (rec.is_ok(), rec.response.as_ref()) {
                lines.push(order_line(&id, &resp.body));
            }
            env.tool_log.push(to_tool_call(&rec));
        }
        if !lines.is_empty() && !flagged {
            env.draft_reply = Some(lines.join(" "));
        }
        env.decide(
            "tools",
            "order_lookup",
            if lines.is_empty() {
                "nothing_found"
            } else {
                "ok"
            },
            format!("{} order(s) looked up", lines.len()),
        );
        Ok(Outcome::Forward(Box::new(env)))
    }
}
