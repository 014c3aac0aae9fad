//! The HTTP service: one route per configured webhook, plus `/healthz`, `/readyz` and
//! `/metrics`. Each request is read whole (up to the size limit), verified, parsed, then
//! accepted (claimed, published, acknowledged by the broker) before it is answered, so a
//! provider that retries after a crash or a timeout finds its message already there.
//!
//! Answers: 200 for a new, duplicate or ignored message (Twilio gets empty TwiML); 401 for
//! a bad signature or token; 400 with the reason for a body the provider does not send;
//! 413 over the size limit; 503 with `Retry-After` when the broker or the database is
//! down or the same message is being published by another request. Nothing reaches a
//! topic unless the request was verified and parsed whole.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sqlx::AnyPool;
use tracing::{info, info_span, warn, Instrument};

use super::webhook::{Parsed, Rejection, Request, Webhook};
use crate::channels::accept::{Accepted, Acceptor, Inbound};
use crate::channels::mail::{MailOutcome, MailTickets};
use crate::channels::metrics::{self, GATEWAY_REQUESTS};

/// What became of one request.
#[derive(Debug)]
enum Outcome {
    Accepted(String),
    Duplicate(String),
    Ignored(&'static str),
    Busy,
    Unauthorized(&'static str),
    BadRequest(String),
    TooLarge,
    Unavailable,
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Outcome::Accepted(_) => "accepted",
            Outcome::Duplicate(_) => "duplicate",
            Outcome::Ignored(_) => "ignored",
            Outcome::Busy => "busy",
            Outcome::Unauthorized(_) => "unauthorized",
            Outcome::BadRequest(_) => "bad_request",
            Outcome::TooLarge => "too_large",
            Outcome::Unavailable => "unavailable",
        }
    }
}

impl From<Rejection> for Outcome {
    fn from(r: Rejection) -> Self {
        match r {
            Rejection::Unauthorized(why) => Outcome::Unauthorized(why),
            Rejection::BadRequest(why) => Outcome::BadRequest(why),
        }
    }
}

/// The gateway: its webhooks and what accepting a message takes.
pub struct Gateway {
    hooks: Vec<Arc<dyn Webhook>>,
    acceptor: Acceptor,
    mail: MailTickets,
    max_body: usize,
    pool: AnyPool,
}

impl Gateway {
    /// A gateway serving `hooks`; bodies over `max_body` bytes are refused.
    pub fn new(
        hooks: Vec<Arc<dyn Webhook>>,
        acceptor: Acceptor,
        mail: MailTickets,
        max_body: usize,
        pool: AnyPool,
    ) -> Gateway {
        Gateway {
            hooks,
            acceptor,
            mail,
            max_body,
            pool,
        }
    }

    /// The paths served, for the startup log.
    pub fn paths(&self) -> Vec<&'static str> {
        self.hooks.iter().map(|h| h.path()).collect()
    }

    /// The axum router.
    pub fn router(self: Arc<Self>) -> Router {
        let mut router = Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .route("/readyz", get(ready))
            .route("/metrics", get(|| async { metrics::render_all() }));
        for hook in &self.hooks {
            let hook = hook.clone();
            router = router.route(
                hook.path(),
                post(
                    move |State(gw): State<Arc<Gateway>>,
                          uri: Uri,
                          headers: HeaderMap,
                          body: Body| {
                        let hook = hook.clone();
                        async move { gw.handle(hook, uri, headers, body).await }
                    },
                ),
            );
        }
        router.with_state(self)
    }

    async fn handle(
        &self,
        hook: Arc<dyn Webhook>,
        uri: Uri,
        headers: HeaderMap,
        body: Body,
    ) -> Response {
        let span = info_span!(
            "webhook",
            provider = hook.name(),
            ticket_id = tracing::field::Empty,
            conversation_id = tracing::field::Empty,
        );
        let outcome = self
            .outcome(hook.as_ref(), &uri, &headers, body)
            .instrument(span.clone())
            .await;
        metrics::count(
            GATEWAY_REQUESTS,
            &[("provider", hook.name()), ("outcome", outcome.label())],
        );
        span.in_scope(|| info!(outcome = outcome.label(), "webhook answered"));
        respond(hook.as_ref(), outcome)
    }

    async fn outcome(
        &self,
        hook: &dyn Webhook,
        uri: &Uri,
        headers: &HeaderMap,
        body: Body,
    ) -> Outcome {
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > self.max_body) {
            return Outcome::TooLarge;
        }
        let Ok(bytes) = axum::body::to_bytes(body, self.max_body).await else {
            return Outcome::TooLarge;
        };
        let path_and_query = uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or_else(|| uri.path());
        let req = Request {
            headers,
            path_and_query,
            body: &bytes,
        };
        if let Err(r) = hook.verify(&req) {
            return r.into();
        }
        let inbound = match hook.parse(&req).await {
            Err(r) => return r.into(),
            Ok(Parsed::Ignored(why)) => return Outcome::Ignored(why),
            Ok(Parsed::Ticket(i)) => i,
            Ok(Parsed::Mail(m)) => match self.mail.ticket(&m).await {
                Ok(MailOutcome::Ticket(i)) => i,
                Ok(MailOutcome::Ignored(why)) => return Outcome::Ignored(why),
                Err(error) => {
                    warn!(%error, "Failed to thread an e-mail.");
                    return Outcome::Unavailable;
                }
            },
        };
        self.accept(&inbound).await
    }

    async fn accept(&self, inbound: &Inbound) -> Outcome {
        let span = tracing::Span::current();
        span.record("ticket_id", inbound.ticket.ticket_id.as_str());
        span.record("conversation_id", inbound.ticket.conversation_id.as_str());
        let id = inbound.ticket.ticket_id.clone();
        match self.acceptor.accept(inbound).await {
            Ok(Accepted::New) => Outcome::Accepted(id),
            Ok(Accepted::Duplicate) => Outcome::Duplicate(id),
            Ok(Accepted::Busy) => Outcome::Busy,
            Err(error) => {
                warn!(%error, "Failed to accept a message; the provider will retry.");
                Outcome::Unavailable
            }
        }
    }
}

async fn ready(State(gw): State<Arc<Gateway>>) -> Response {
    match sqlx::query("SELECT 1").execute(&gw.pool).await {
        Ok(_) => (StatusCode::OK, "ready").into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "state database unreachable",
        )
            .into_response(),
    }
}

fn respond(hook: &dyn Webhook, outcome: Outcome) -> Response {
    let label = outcome.label();
    let error = |status: StatusCode, reason: &str| {
        let body = serde_json::json!({ "error": label, "reason": reason }).to_string();
        (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    let retry_later = |reason: &str| {
        let mut r = error(StatusCode::SERVICE_UNAVAILABLE, reason);
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        r
    };
    let success = |detail: &str| {
        let (ctype, body) = hook.success_body(label, detail);
        (StatusCode::OK, [(header::CONTENT_TYPE, ctype)], body).into_response()
    };
    match &outcome {
        Outcome::Accepted(id) | Outcome::Duplicate(id) => success(id),
        Outcome::Ignored(why) => success(why),
        Outcome::Busy => retry_later("this message is being published by another request"),
        Outcome::Unavailable => retry_later("the broker or the state database is unavailable"),
        Outcome::Unauthorized(why) => error(StatusCode::UNAUTHORIZED, why),
        Outcome::BadRequest(why) => error(StatusCode::BAD_REQUEST, why),
        Outcome::TooLarge => error(StatusCode::PAYLOAD_TOO_LARGE, "body over the size limit"),
    }
}

/// Serves the gateway on `listener` until `shutdown`; in-flight requests finish first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    gateway: Arc<Gateway>,
    shutdown: tokio_util::sync::CancellationToken,
) -> std::io::Result<()> {
    axum::serve(listener, gateway.router())
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}
