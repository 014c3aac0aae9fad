//! The planner's reads through the tool executor ([`ExecutorRunner`]), and how an executed
//! call is recorded on the envelope ([`to_tool_call`]).

use std::sync::Mutex;

use async_trait::async_trait;
use frontdesk_planner::{ToolFailure, ToolRunner};
use frontdesk_tools::{CallContext, Clear, Executor, ToolCallRecord};
use serde_json::Value;

use crate::messages::ToolCall;

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

/// What a failed call means to the planner: the store is unavailable (retry), or it
/// refused the call (a fact to plan with).
pub fn failure(rec: &ToolCallRecord) -> ToolFailure {
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

/// The planner's reads, through the executor: the ticket's allow-list and customer apply.
/// A successful find-user call authenticates the ticket's customer for the calls after it.
/// Tokens in an argument are sent as their values in `clear` and recorded as tokens.
pub struct ExecutorRunner<'a> {
    executor: &'a Executor,
    ctx: Mutex<CallContext>,
    log: Mutex<Vec<ToolCallRecord>>,
    clear: Clear,
}

impl<'a> ExecutorRunner<'a> {
    /// A runner calling `executor` under `ctx`.
    pub fn new(executor: &'a Executor, ctx: CallContext) -> Self {
        ExecutorRunner {
            executor,
            ctx: Mutex::new(ctx),
            log: Mutex::new(Vec::new()),
            clear: Clear::default(),
        }
    }

    /// Reveals the tokens of `clear` in the arguments it sends.
    pub fn with_clear(mut self, clear: Clear) -> Self {
        self.clear = clear;
        self
    }

    /// The clear values it reveals (the writes after planning reveal the same).
    pub fn clear(&self) -> &Clear {
        &self.clear
    }

    /// The call context as it stands (with the customer authenticated so far).
    pub fn ctx(&self) -> CallContext {
        self.ctx.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The calls made, in order.
    pub fn into_log(self) -> Vec<ToolCallRecord> {
        self.log.into_inner().unwrap_or_else(|p| p.into_inner())
    }

    fn push(&self, rec: ToolCallRecord) {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).push(rec);
    }
}

#[async_trait]
impl ToolRunner for ExecutorRunner<'_> {
    async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure> {
        let ctx = self.ctx();
        let rec = self
            .executor
            .call_revealing(&ctx, tool, args, &self.clear)
            .await;
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

    fn reveal(&self, token: &str) -> Option<String> {
        self.clear.get(token).map(str::to_owned)
    }
}
