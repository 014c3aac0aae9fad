//! The planner's reads through the tool executor ([`ExecutorRunner`]), and how an executed
//! call is recorded on the envelope ([`to_tool_call`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use frontdesk_planner::{ToolFailure, ToolRunner};
use frontdesk_tools::{CallContext, Clear, Executor, ToolCallRecord};
use serde_json::Value;

use crate::messages::ToolCall;
use crate::privacy::PlannerView;

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
///
/// With a [`PlannerView`], names and addresses the offline planner read in clear are turned
/// back into tokens in its arguments before the call (the executor sends their values), and
/// the planner is shown the store's answers as they came; after
/// [`ExecutorRunner::hide_clear`] (a planner model plans) it is shown them as recorded.
pub struct ExecutorRunner<'a> {
    executor: &'a Executor,
    ctx: Mutex<CallContext>,
    log: Mutex<Vec<ToolCallRecord>>,
    clear: Mutex<Clear>,
    view: Option<Arc<PlannerView>>,
    shows_clear: AtomicBool,
}

impl<'a> ExecutorRunner<'a> {
    /// A runner calling `executor` under `ctx`.
    pub fn new(executor: &'a Executor, ctx: CallContext) -> Self {
        ExecutorRunner {
            executor,
            ctx: Mutex::new(ctx),
            log: Mutex::new(Vec::new()),
            clear: Mutex::new(Clear::default()),
            view: None,
            shows_clear: AtomicBool::new(false),
        }
    }

    /// Reveals the tokens of `clear` in the arguments it sends.
    pub fn with_clear(self, clear: Clear) -> Self {
        *lock(&self.clear) = clear;
        self
    }

    /// Conceals, with `view`, the names and addresses the planner passes in clear, and shows
    /// the planner the store's answers as they came.
    pub fn with_view(mut self, view: Option<Arc<PlannerView>>) -> Self {
        if let Some(v) = &view {
            lock(&self.clear).add_bounded(v.bounded_pairs());
        }
        self.shows_clear = AtomicBool::new(view.is_some());
        self.view = view;
        self
    }

    /// From now on the planner is shown the store's answers as recorded (tokens): a planner
    /// model never reads a name or an address in clear.
    pub fn hide_clear(&self) {
        self.shows_clear.store(false, Ordering::Relaxed);
    }

    /// The clear values it reveals (the writes after planning reveal the same), with the
    /// view's pieces tokenised so far.
    pub fn clear(&self) -> Clear {
        let mut clear = lock(&self.clear).clone();
        if let Some(v) = &self.view {
            clear.add_bounded(v.bounded_pairs());
        }
        clear
    }

    /// The call context as it stands (with the customer authenticated so far).
    pub fn ctx(&self) -> CallContext {
        lock(&self.ctx).clone()
    }

    /// The calls made, in order.
    pub fn into_log(self) -> Vec<ToolCallRecord> {
        self.log.into_inner().unwrap_or_else(|p| p.into_inner())
    }

    fn push(&self, rec: ToolCallRecord) {
        lock(&self.log).push(rec);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[async_trait]
impl ToolRunner for ExecutorRunner<'_> {
    async fn call(&self, tool: &str, args: Value) -> Result<Value, ToolFailure> {
        let ctx = self.ctx();
        let args = match &self.view {
            Some(v) => v.conceal_value(&args),
            None => args,
        };
        let clear = self.clear();
        let (rec, answer) = self.executor.call_answering(&ctx, tool, args, &clear).await;
        let auth = self.executor.registry().auth();
        let result = if rec.is_ok() {
            let mut out = match answer {
                // What the planner saw before names and addresses were tokenised: the
                // answer with only the exact values (e-mail addresses, cards) concealed.
                Some(answer) if self.shows_clear.load(Ordering::Relaxed) => {
                    clear.conceal_exact(&answer)
                }
                _ => rec.output().cloned().unwrap_or(Value::Null),
            };
            if tool == auth.by_email || tool == auth.by_name_zip {
                if let Some(user_id) = out.get(&auth.user_id_field).and_then(Value::as_str) {
                    let user_id = user_id.to_owned();
                    lock(&self.ctx).customer = Some(frontdesk_tools::AuthenticatedCustomer {
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
        lock(&self.clear).get(token).map(str::to_owned)
    }
}
