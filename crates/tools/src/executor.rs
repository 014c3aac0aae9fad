//! [`Executor`]: runs one tool call end to end and records it.
//!
//! Order of checks, each one final:
//! 1. the tool exists and is on the ticket's allow-list, else `not_allowed`;
//! 2. the arguments satisfy the tool's JSON schema, else `invalid_arguments`;
//! 3. the owner rule holds for the authenticated customer (an order is looked
//!    up first with the configured lookup tool, which is internal and not
//!    subject to the allow-list, and its owner compared), else
//!    `unauthorized`; the lookup is kept in [`ToolCallRecord::preflight`] and
//!    another customer's data is withheld from the record;
//! 4. the HTTP call, retried with backoff on 5xx / timeouts / connection
//!    errors with the same idempotency key; 4xx is `rejected`, exhausted
//!    retries are `failed`.
//!
//! With [`Executor::call_revealing`], arguments holding the pipeline's PII tokens are
//! checked and sent with the tokens' clear values ([`Clear`]) while the record keeps the
//! tokens: its arguments, its request, and any clear value the store echoed back.
//!
//! No step panics and every path returns a [`ToolCallRecord`].

use std::path::Path;
use std::time::Instant;

use serde_json::{Map, Value};
use tracing::{debug, info, warn};

use crate::canonical::idempotency_key;
use crate::config::{OwnerRule, ToolKind, ToolsConfig};
use crate::context::{AuthenticatedCustomer, CallContext, Identity};
use crate::error::ConfigError;
use crate::record::{HttpResponseRecord, Outcome, StoreError, ToolCallRecord};
use crate::registry::{Tool, ToolRegistry};
use crate::retry::RetryPolicy;
use crate::reveal::Clear;

/// The result of [`Executor::authenticate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Authentication {
    /// The find-user call, for the tool log.
    pub record: ToolCallRecord,
    /// The customer, when found and consistent with the ticket's customer.
    pub customer: Option<AuthenticatedCustomer>,
}

/// Runs tool calls against the store's HTTP API.
#[derive(Debug)]
pub struct Executor {
    registry: std::sync::Arc<ToolRegistry>,
    client: reqwest::Client,
    base_url: String,
    retry: RetryPolicy,
    idempotency_header: reqwest::header::HeaderName,
    forward_ticket_headers: Vec<String>,
    read_only: bool,
}

impl Executor {
    /// Builds an executor from a parsed config.
    pub fn from_config(config: &ToolsConfig) -> Result<Self, ConfigError> {
        let registry = std::sync::Arc::new(ToolRegistry::from_config(config)?);
        let exec = &config.executor;
        let idempotency_header =
            reqwest::header::HeaderName::from_bytes(exec.idempotency_header.as_bytes())
                .map_err(|e| ConfigError::Invalid(format!("idempotency_header: {e}")))?;
        reqwest::Url::parse(&exec.base_url)
            .map_err(|e| ConfigError::Invalid(format!("base_url `{}`: {e}", exec.base_url)))?;
        let client = reqwest::Client::builder()
            .timeout(exec.timeout)
            .connect_timeout(exec.connect_timeout)
            .build()?;
        Ok(Self {
            registry,
            client,
            base_url: exec.base_url.clone(),
            retry: RetryPolicy::from_config(&exec.retry),
            idempotency_header,
            forward_ticket_headers: exec
                .forward_ticket_headers
                .iter()
                .map(|h| h.to_ascii_lowercase())
                .collect(),
            read_only: false,
        })
    }

    /// This executor, refusing every write tool before a request is built (the outcome is
    /// `not_allowed`, nothing reaches the store): a shadow run's store client.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// Whether write tools are refused ([`Executor::read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The ticket headers (of `headers`) the config passes through to the store, with
    /// their values: what a [`CallContext`]'s `headers` should hold for that ticket.
    pub fn forwarded_headers<'a>(
        &self,
        headers: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> Vec<(String, String)> {
        headers
            .into_iter()
            .filter(|(k, _)| {
                self.forward_ticket_headers
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(k))
            })
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect()
    }

    /// Reads a config file and builds an executor from it.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        Self::from_config(&ToolsConfig::from_path(path)?)
    }

    /// The loaded tools.
    pub fn registry(&self) -> &std::sync::Arc<ToolRegistry> {
        &self.registry
    }

    /// Runs `tool` with `args` for the ticket in `ctx`. Never panics; every
    /// outcome is in the returned record.
    pub async fn call(&self, ctx: &CallContext, tool: &str, args: Value) -> ToolCallRecord {
        self.call_revealing(ctx, tool, args, &Clear::default())
            .await
    }

    /// [`Executor::call`] with the tokens in `args` sent as their values in `clear`; the
    /// record (arguments, idempotency key, request, response, errors) keeps the tokens.
    pub async fn call_revealing(
        &self,
        ctx: &CallContext,
        tool: &str,
        args: Value,
        clear: &Clear,
    ) -> ToolCallRecord {
        self.call_answering(ctx, tool, args, clear).await.0
    }

    /// [`Executor::call_revealing`], and the store's answer as it came (the output of a
    /// successful call before `clear`'s values in it were concealed), for a caller that
    /// reads it in memory only. `None` when `clear` is empty: nothing was concealed, and the
    /// record's output is the answer.
    pub async fn call_answering(
        &self,
        ctx: &CallContext,
        tool: &str,
        args: Value,
        clear: &Clear,
    ) -> (ToolCallRecord, Option<Value>) {
        let start = Instant::now();
        let mut rec = new_record(ctx, tool, args);
        let t = match self.registry.allowed(tool, |name| ctx.allows(name)) {
            Ok(t) => t,
            Err(refusal) => {
                let rec = finish(rec, start, refusal.outcome(), Some(refusal.to_string()));
                return (rec, None);
            }
        };
        rec.kind = Some(t.spec().kind);
        let mut rec = self.checked(ctx, t, rec, start, clear).await;
        let mut answer = None;
        if !clear.is_empty() {
            answer = rec.output().cloned();
            // A value the caller passed in clear is recorded as its token too.
            rec.arguments = clear.conceal(&rec.arguments);
            // The request as recorded is built from the tokens (a value in the URL is
            // percent-encoded, so it is rebuilt rather than searched for).
            if let (Some(r), Some(shown)) = (rec.request.as_mut(), rec.arguments.as_object()) {
                if let Ok(built) = t.build_request(&self.base_url, shown) {
                    *r = built;
                }
            }
            conceal(&mut rec, clear);
        }
        info!(
            ticket_id = %ctx.ticket_id,
            tool,
            outcome = ?rec.outcome,
            attempts = rec.attempts,
            latency_ms = rec.latency_ms,
            "tool call"
        );
        (rec, answer)
    }

    /// Finds the customer's user id with the configured find-user tool (by
    /// email, or by name and zip). This step is not subject to the
    /// allow-list. If the ticket already has a customer and the identity
    /// belongs to someone else, the record is `unauthorized` (its response
    /// withheld) and no customer is returned; the same holds when a find-user
    /// tool is run through [`Executor::call`].
    pub async fn authenticate(&self, ctx: &CallContext, by: &Identity) -> Authentication {
        let start = Instant::now();
        let auth = self.registry.auth();
        let (tool, args) = match by {
            Identity::Email(email) => (
                auth.by_email.as_str(),
                serde_json::json!({ "email": email }),
            ),
            Identity::NameZip {
                first_name,
                last_name,
                zip,
            } => (
                auth.by_name_zip.as_str(),
                serde_json::json!({ "first_name": first_name, "last_name": last_name, "zip": zip }),
            ),
        };
        let mut rec = new_record(ctx, tool, args);
        let Some(t) = self.registry.get(tool) else {
            let rec = finish(
                rec,
                start,
                Outcome::NotAllowed,
                Some(format!("unknown tool `{tool}`")),
            );
            return Authentication {
                record: rec,
                customer: None,
            };
        };
        rec.kind = Some(t.spec().kind);
        let rec = self.checked(ctx, t, rec, start, &Clear::default()).await;
        if !rec.is_ok() {
            return Authentication {
                record: rec,
                customer: None,
            };
        }
        let found = self.found_user(&rec);
        let Some(user_id) = found else {
            let detail = format!("response has no `{}`", auth.user_id_field);
            return Authentication {
                record: finish(rec, start, Outcome::Rejected, Some(detail)),
                customer: None,
            };
        };
        Authentication {
            record: rec,
            customer: Some(AuthenticatedCustomer { user_id }),
        }
    }

    /// The user id in a successful find-user response.
    fn found_user(&self, rec: &ToolCallRecord) -> Option<String> {
        rec.output()
            .and_then(|body| body.get(&self.registry.auth().user_id_field))
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    /// Whether `tool` is one of the configured find-user tools.
    fn is_find_user(&self, tool: &str) -> bool {
        let auth = self.registry.auth();
        tool == auth.by_email || tool == auth.by_name_zip
    }

    /// Steps 2 to 4: schema, authorization, HTTP.
    async fn checked(
        &self,
        ctx: &CallContext,
        tool: &Tool,
        mut rec: ToolCallRecord,
        start: Instant,
        clear: &Clear,
    ) -> ToolCallRecord {
        let sent = clear.reveal(&rec.arguments);
        let args = match tool.check_arguments(&sent) {
            Ok(args) => args.clone(),
            Err(refusal) => {
                return finish(rec, start, refusal.outcome(), Some(refusal.to_string()))
            }
        };
        match &tool.spec().owner {
            None => {}
            Some(OwnerRule::User(arg)) => {
                let Some(customer) = &ctx.customer else {
                    return finish(rec, start, Outcome::Unauthorized, Some(NO_CUSTOMER.into()));
                };
                if args.get(arg).and_then(Value::as_str) != Some(customer.user_id.as_str()) {
                    let detail = format!("`{arg}` is not the authenticated customer");
                    return finish(rec, start, Outcome::Unauthorized, Some(detail));
                }
            }
            Some(OwnerRule::Order(arg)) => {
                let Some(customer) = &ctx.customer else {
                    return finish(rec, start, Outcome::Unauthorized, Some(NO_CUSTOMER.into()));
                };
                let order_id = args.get(arg).cloned().unwrap_or(Value::Null);
                if tool.spec().name == self.registry.auth().order_lookup {
                    // The call is the lookup itself: check the answer's owner.
                    self.send(tool, &args, &ctx.headers, &mut rec).await;
                    if rec.is_ok() && !self.owned_by(&rec, customer) {
                        withhold_response(&mut rec);
                        let detail = format!("order {order_id} belongs to another customer");
                        return finish(rec, start, Outcome::Unauthorized, Some(detail));
                    }
                    return finish_keep(rec, start);
                }
                let pre = self.lookup_order(ctx, order_id.clone()).await;
                let (pre_outcome, pre_error) = (pre.outcome, pre.error.clone());
                let owned = pre.is_ok() && self.owned_by(&pre, customer);
                rec.preflight.push(pre);
                if pre_outcome != Outcome::Ok {
                    rec.error = pre_error;
                    let detail = format!("order lookup for {order_id} did not succeed");
                    return finish(rec, start, pre_outcome, Some(detail));
                }
                if !owned {
                    if let Some(p) = rec.preflight.last_mut() {
                        withhold_response(p);
                    }
                    let detail = format!("order {order_id} belongs to another customer");
                    return finish(rec, start, Outcome::Unauthorized, Some(detail));
                }
            }
        }
        self.send(tool, &args, &ctx.headers, &mut rec).await;
        if rec.is_ok() && self.is_find_user(&tool.spec().name) {
            // One customer per ticket: finding someone else is refused.
            if let (Some(current), Some(found)) = (&ctx.customer, self.found_user(&rec)) {
                if current.user_id != found {
                    withhold_response(&mut rec);
                    let detail =
                        "this identity is not the customer the ticket was authenticated as";
                    return finish(rec, start, Outcome::Unauthorized, Some(detail.into()));
                }
            }
        }
        finish_keep(rec, start)
    }

    /// Reads an order with the configured lookup tool, for authorization.
    async fn lookup_order(&self, ctx: &CallContext, order_id: Value) -> ToolCallRecord {
        let start = Instant::now();
        let name = self.registry.auth().order_lookup.clone();
        let Some(lookup) = self.registry.get(&name) else {
            let rec = new_record(ctx, &name, Value::Null);
            return finish(
                rec,
                start,
                Outcome::Failed,
                Some("no order lookup tool".into()),
            );
        };
        let arg = lookup
            .spec()
            .owner
            .as_ref()
            .map(|o| o.argument().to_owned())
            .unwrap_or_default();
        let mut args = Map::new();
        args.insert(arg, order_id);
        let mut rec = new_record(ctx, &name, Value::Object(args.clone()));
        rec.kind = Some(lookup.spec().kind);
        if let Err(refusal) = lookup.check_arguments(&rec.arguments) {
            return finish(rec, start, refusal.outcome(), Some(refusal.to_string()));
        }
        self.send(lookup, &args, &ctx.headers, &mut rec).await;
        finish_keep(rec, start)
    }

    fn owned_by(&self, order: &ToolCallRecord, customer: &AuthenticatedCustomer) -> bool {
        order
            .output()
            .and_then(|b| b.get(&self.registry.auth().order_owner_field))
            .and_then(Value::as_str)
            == Some(customer.user_id.as_str())
    }

    /// The HTTP part: build, send with retries, classify. Sets outcome,
    /// request, response, attempts, error and detail on `rec`.
    async fn send(
        &self,
        tool: &Tool,
        args: &Map<String, Value>,
        extra_headers: &[(String, String)],
        rec: &mut ToolCallRecord,
    ) {
        let write = tool.spec().kind == ToolKind::Write;
        if write && self.read_only {
            // Every HTTP call passes here: a read-only executor cannot send a write.
            rec.outcome = Outcome::NotAllowed;
            rec.detail = Some(READ_ONLY.to_owned());
            return;
        }
        let request = match tool.build_request(&self.base_url, args) {
            Ok(r) => r,
            Err(e) => {
                rec.outcome = Outcome::InvalidArguments;
                rec.detail = Some(e.to_string());
                return;
            }
        };
        rec.request = Some(request.clone());
        let method: reqwest::Method = tool.spec().method.into();
        let max = self.retry.max_attempts();
        let mut delays = self.retry.delays();
        for attempt in 1..=max {
            rec.attempts = attempt;
            let mut builder = self.client.request(method.clone(), &request.url);
            for (name, value) in extra_headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            if write {
                builder = builder.header(
                    self.idempotency_header.clone(),
                    rec.idempotency_key.as_str(),
                );
            }
            if let Some(body) = &request.body {
                builder = builder.json(body);
            }
            let transient = match builder.send().await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    match resp.bytes().await {
                        Ok(bytes) => {
                            let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                                Value::String(String::from_utf8_lossy(&bytes).into_owned())
                            });
                            rec.response = Some(HttpResponseRecord { status, body });
                            if (200..300).contains(&status) {
                                rec.outcome = Outcome::Ok;
                                rec.detail = None;
                                rec.error = None;
                                return;
                            }
                            if status < 500 {
                                let error = rec
                                    .response
                                    .as_ref()
                                    .and_then(|r| StoreError::from_body(&r.body));
                                rec.outcome = Outcome::Rejected;
                                rec.detail = Some(match &error {
                                    Some(e) => format!("HTTP {status} {}: {}", e.code, e.message),
                                    None => format!("HTTP {status}"),
                                });
                                rec.error = error;
                                return;
                            }
                            format!("HTTP {status}")
                        }
                        Err(e) => describe(&e, "reading response"),
                    }
                }
                Err(e) => describe(&e, "sending request"),
            };
            debug!(tool = %tool.spec().name, attempt, error = %transient, "transient tool failure");
            rec.detail = Some(transient);
            if attempt < max {
                tokio::time::sleep(crate::retry::next(&mut delays)).await;
            }
        }
        warn!(tool = %tool.spec().name, attempts = max, "tool call failed after retries");
        rec.outcome = Outcome::Failed;
    }
}

const NO_CUSTOMER: &str = "no authenticated customer on this ticket";
/// Why a read-only executor refused a write.
pub const READ_ONLY: &str = "read-only store client (shadow run): the write was not sent";

fn describe(e: &reqwest::Error, during: &str) -> String {
    if e.is_timeout() {
        format!("timeout while {during}")
    } else if e.is_connect() {
        format!("connection error while {during}: {e}")
    } else {
        format!("error while {during}: {e}")
    }
}

fn new_record(ctx: &CallContext, tool: &str, args: Value) -> ToolCallRecord {
    ToolCallRecord {
        tool: tool.to_owned(),
        kind: None,
        idempotency_key: idempotency_key(&ctx.ticket_id, tool, &args),
        arguments: args,
        outcome: Outcome::Failed,
        detail: None,
        error: None,
        request: None,
        response: None,
        attempts: 0,
        latency_ms: 0,
        preflight: Vec::new(),
    }
}

/// Replaces, in what the store answered, every clear value of `clear` by its token.
fn conceal(rec: &mut ToolCallRecord, clear: &Clear) {
    if let Some(r) = rec.response.as_mut() {
        r.body = clear.conceal(&r.body);
    }
    if let Some(r) = rec.request.as_mut() {
        r.body = r.body.as_ref().map(|b| clear.conceal(b));
    }
    rec.detail = rec.detail.as_deref().map(|d| clear.conceal_str(d));
    if let Some(e) = rec.error.as_mut() {
        e.message = clear.conceal_str(&e.message);
    }
}

/// Drops a response body that belongs to another customer.
fn withhold_response(rec: &mut ToolCallRecord) {
    if let Some(r) = rec.response.as_mut() {
        r.body = Value::Null;
    }
}

fn elapsed_ms(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}

fn finish(
    mut rec: ToolCallRecord,
    start: Instant,
    outcome: Outcome,
    detail: Option<String>,
) -> ToolCallRecord {
    rec.outcome = outcome;
    rec.detail = detail;
    rec.latency_ms = elapsed_ms(start);
    rec
}

fn finish_keep(mut rec: ToolCallRecord, start: Instant) -> ToolCallRecord {
    rec.latency_ms = elapsed_ms(start);
    rec
}
