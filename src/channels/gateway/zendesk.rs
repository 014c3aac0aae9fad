//! `POST /webhooks/zendesk`: Zendesk webhooks, signed with `X-Zendesk-Webhook-Signature`
//! = base64(HMAC-SHA256(secret, `X-Zendesk-Webhook-Signature-Timestamp` + body)).
//!
//! Two payloads are understood:
//! - an event subscription's `zen:event-type:ticket.comment_added` event (the documented
//!   schema: `detail` is the ticket, `event.comment` the comment with its author);
//! - a trigger's templated JSON, in the shape the README gives (`ticket_id`,
//!   `updated_at`, `requester_id`, `requester_email`, `requester_name`, `current_user_id`,
//!   `subject`, `comment`).
//!
//! Only comments the requester wrote become tickets: an agent's comment (including the
//! answers deliver posts) is acknowledged and ignored, so answers never loop back in.

use std::time::Duration;

use async_trait::async_trait;
use frontdesk_llm::ApiKey;
use serde::Deserialize;
use serde_json::Value;

use super::webhook::{Parsed, Rejection, Request, Webhook};
use crate::channels::accept::Inbound;
use crate::channels::origin::{digest_id, Origin, Provider};
use crate::channels::signature::{verify, Algorithm, Encoding};
use crate::messages::{now_ms, Channel, Identity, Ticket};

/// Zendesk's webhook.
pub struct Zendesk {
    secret: ApiKey,
    max_skew: Duration,
    /// The clock the timestamp window is checked against (tests fix it).
    pub now_ms: fn() -> i64,
}

impl Zendesk {
    /// Over the signing secret; requests whose timestamp is further than `max_skew` from
    /// this clock are refused as replays.
    pub fn new(secret: ApiKey, max_skew: Duration) -> Zendesk {
        Zendesk {
            secret,
            max_skew,
            now_ms,
        }
    }
}

#[derive(Deserialize)]
struct Event {
    #[serde(default)]
    time: Option<String>,
    detail: Detail,
    event: EventBody,
}

#[derive(Deserialize)]
struct Detail {
    id: Value,
    #[serde(default)]
    requester_id: Option<Value>,
    #[serde(default)]
    subject: Option<String>,
}

#[derive(Deserialize)]
struct EventBody {
    comment: Comment,
}

#[derive(Deserialize)]
struct Comment {
    id: Value,
    body: String,
    #[serde(default = "yes")]
    is_public: bool,
    author: Author,
}

#[derive(Deserialize)]
struct Author {
    id: Value,
    #[serde(default)]
    is_staff: bool,
    #[serde(default)]
    name: Option<String>,
}

/// The trigger template of the README.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Trigger {
    ticket_id: String,
    #[serde(default)]
    updated_at: Option<String>,
    requester_id: String,
    #[serde(default)]
    requester_email: Option<String>,
    #[serde(default)]
    requester_name: Option<String>,
    #[serde(default)]
    current_user_id: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    comment: String,
}

const fn yes() -> bool {
    true
}

/// An id as text: Zendesk and Intercom send ids as numbers in some payloads and strings
/// in others.
pub(crate) fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[async_trait]
impl Webhook for Zendesk {
    fn name(&self) -> &'static str {
        "zendesk"
    }

    fn path(&self) -> &'static str {
        "/webhooks/zendesk"
    }

    fn verify(&self, req: &Request<'_>) -> Result<(), Rejection> {
        let sig = req
            .header("x-zendesk-webhook-signature")
            .ok_or(Rejection::Unauthorized(
                "missing X-Zendesk-Webhook-Signature",
            ))?;
        let ts =
            req.header("x-zendesk-webhook-signature-timestamp")
                .ok_or(Rejection::Unauthorized(
                    "missing X-Zendesk-Webhook-Signature-Timestamp",
                ))?;
        if !verify(
            Algorithm::Sha256,
            Encoding::Base64,
            self.secret.expose().as_bytes(),
            &[ts.as_bytes(), req.body],
            sig,
        ) {
            return Err(Rejection::Unauthorized("bad signature"));
        }
        let at = chrono::DateTime::parse_from_rfc3339(ts)
            .map_err(|_| Rejection::Unauthorized("unreadable signature timestamp"))?
            .timestamp_millis();
        let skew = i64::try_from(self.max_skew.as_millis()).unwrap_or(i64::MAX);
        if ((self.now_ms)() - at).abs() > skew {
            return Err(Rejection::Unauthorized(
                "signature timestamp outside the window",
            ));
        }
        Ok(())
    }

    async fn parse(&self, req: &Request<'_>) -> Result<Parsed, Rejection> {
        let value: Value =
            serde_json::from_slice(req.body).map_err(|e| Rejection::bad(format!("JSON: {e}")))?;
        if value.get("type").is_some() {
            parse_event(value)
        } else if value.get("ticket_id").is_some() {
            parse_trigger(value)
        } else {
            Err(Rejection::bad(
                "neither a Zendesk event (`type`) nor the trigger template (`ticket_id`)",
            ))
        }
    }
}

fn parse_event(value: Value) -> Result<Parsed, Rejection> {
    let kind = value
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if kind != "zen:event-type:ticket.comment_added" {
        return Ok(Parsed::Ignored("event_type"));
    }
    let e: Event = serde_json::from_value(value).map_err(|e| Rejection::bad(e.to_string()))?;
    let ticket = id_text(&e.detail.id).ok_or_else(|| Rejection::bad("detail.id is empty"))?;
    let comment =
        id_text(&e.event.comment.id).ok_or_else(|| Rejection::bad("event.comment.id is empty"))?;
    let requester = e.detail.requester_id.as_ref().and_then(id_text);
    let author = id_text(&e.event.comment.author.id);
    let c = e.event.comment;
    if c.author.is_staff || requester.is_none() || author != requester || !c.is_public {
        return Ok(Parsed::Ignored("not_from_requester"));
    }
    let received_at = e
        .time
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.timestamp_millis());
    Ok(ticket_of(Fields {
        ticket,
        message: comment.clone(),
        ticket_id: format!("zendesk:comment:{comment}"),
        identity: Identity {
            helpdesk_user_id: requester,
            name: c.author.name,
            ..Default::default()
        },
        subject: e.detail.subject,
        body: c.body,
        received_at,
    }))
}

fn parse_trigger(value: Value) -> Result<Parsed, Rejection> {
    let t: Trigger = serde_json::from_value(value)
        .map_err(|e| Rejection::bad(format!("trigger template: {e}")))?;
    if t.current_user_id
        .as_ref()
        .is_some_and(|u| *u != t.requester_id)
    {
        return Ok(Parsed::Ignored("not_from_requester"));
    }
    // A retry repeats the body; the next update has another `updated_at`.
    let event = match &t.updated_at {
        Some(u) => digest_id(&[&t.ticket_id, u, &t.comment]),
        None => digest_id(&[&t.ticket_id, &t.comment]),
    };
    Ok(ticket_of(Fields {
        ticket: t.ticket_id,
        message: event.clone(),
        ticket_id: format!("zendesk:update:{event}"),
        identity: Identity {
            // Zendesk vouches for its requester's address.
            email: t.requester_email.filter(|e| !e.is_empty()),
            helpdesk_user_id: Some(t.requester_id),
            name: t.requester_name,
            phone: None,
        },
        subject: t.subject,
        body: t.comment,
        received_at: None,
    }))
}

/// What a Zendesk ticket or comment becomes a ticket from (webhooks and exports).
pub(crate) struct Fields {
    /// Zendesk's ticket id.
    pub ticket: String,
    /// The id of the message within it (comment, update, `ticket:<id>`).
    pub message: String,
    /// frontdesk's ticket id.
    pub ticket_id: String,
    /// The requester.
    pub identity: Identity,
    /// Ticket subject.
    pub subject: Option<String>,
    /// The customer's text.
    pub body: String,
    /// When Zendesk received it.
    pub received_at: Option<i64>,
}

fn ticket_of(f: Fields) -> Parsed {
    Parsed::Ticket(Box::new(inbound(f)))
}

/// The ticket of a Zendesk message, answered on that Zendesk ticket.
pub(crate) fn inbound(f: Fields) -> Inbound {
    let origin = Origin {
        thread_id: Some(f.ticket.clone()),
        message_id: Some(f.message),
        subject: f.subject.clone(),
        ..Default::default()
    };
    Inbound {
        ticket: Ticket {
            ticket_id: f.ticket_id,
            conversation_id: format!("zendesk:{}", f.ticket),
            channel: Channel::Webhook,
            customer: f.identity,
            subject: f.subject,
            body: f.body,
            attachments: vec![],
            received_at: f.received_at.unwrap_or_else(now_ms),
            headers: origin.headers(Provider::Zendesk),
            locale: None,
        },
        provider: Provider::Zendesk,
        origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::signature::sign;
    use axum::http::HeaderMap;

    const TS: &str = "2025-11-03T10:12:08Z";

    fn hook() -> Zendesk {
        let mut z = Zendesk::new(ApiKey::new("dGhpc19zZWNyZXQ="), Duration::from_secs(300));
        z.now_ms = || 1_762_164_728_000; // TS
        z
    }

    fn signed(body: &[u8], ts: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        let sig = sign(
            Algorithm::Sha256,
            Encoding::Base64,
            b"dGhpc19zZWNyZXQ=",
            &[ts.as_bytes(), body],
        );
        h.insert("x-zendesk-webhook-signature", sig.parse().unwrap());
        h.insert("x-zendesk-webhook-signature-timestamp", ts.parse().unwrap());
        h
    }

    async fn run(body: &[u8]) -> Parsed {
        let h = signed(body, TS);
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/zendesk",
            body,
        };
        hook().verify(&r).unwrap();
        hook().parse(&r).await.unwrap()
    }

    #[tokio::test]
    async fn golden_comment_added_by_the_requester() {
        let Parsed::Ticket(i) = run(include_bytes!("golden/zendesk_comment_added.json")).await
        else {
            panic!("a ticket")
        };
        let t = &i.ticket;
        assert_eq!(t.ticket_id, "zendesk:comment:10001");
        assert_eq!(t.conversation_id, "zendesk:5158");
        assert_eq!(t.channel, Channel::Webhook);
        assert_eq!(
            t.customer.helpdesk_user_id.as_deref(),
            Some("8447388090111")
        );
        assert_eq!(
            t.body,
            "It still has not arrived, can you check order #W7678072?"
        );
        assert_eq!(t.headers["x-thread-id"], "5158");
        assert_eq!(t.received_at, 1_762_164_727_672);
        assert_eq!(i.origin.message_id.as_deref(), Some("10001"));
    }

    #[tokio::test]
    async fn golden_agent_comment_is_ignored() {
        assert!(matches!(
            run(include_bytes!("golden/zendesk_agent_comment.json")).await,
            Parsed::Ignored("not_from_requester")
        ));
    }

    #[tokio::test]
    async fn golden_trigger_template() {
        let Parsed::Ticket(i) = run(include_bytes!("golden/zendesk_trigger.json")).await else {
            panic!("a ticket")
        };
        assert!(i.ticket.ticket_id.starts_with("zendesk:update:"));
        assert_eq!(i.ticket.conversation_id, "zendesk:5160");
        assert_eq!(
            i.ticket.customer.email.as_deref(),
            Some("sofia.li3411@example.com")
        );
        // The same body again (a retry) is the same ticket.
        let Parsed::Ticket(again) = run(include_bytes!("golden/zendesk_trigger.json")).await else {
            panic!("a ticket")
        };
        assert_eq!(again.ticket.ticket_id, i.ticket.ticket_id);
    }

    #[test]
    fn bad_signatures_and_stale_timestamps_are_refused() {
        let body = include_bytes!("golden/zendesk_comment_added.json");
        let mut h = signed(body, TS);
        let tampered = [&body[..], b" "].concat();
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/zendesk",
            body: &tampered,
        };
        assert!(matches!(
            hook().verify(&r),
            Err(Rejection::Unauthorized("bad signature"))
        ));
        h = signed(body, "2025-11-03T09:00:00Z");
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/zendesk",
            body,
        };
        assert!(matches!(
            hook().verify(&r),
            Err(Rejection::Unauthorized(
                "signature timestamp outside the window"
            ))
        ));
    }

    #[tokio::test]
    async fn other_events_are_ignored_and_garbage_is_a_400() {
        let body =
            br#"{"type":"zen:event-type:ticket.status_changed","detail":{"id":"1"},"event":{}}"#;
        assert!(matches!(run(body).await, Parsed::Ignored("event_type")));
        let h = signed(b"[1]", TS);
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/zendesk",
            body: b"[1]",
        };
        assert!(matches!(
            hook().parse(&r).await,
            Err(Rejection::BadRequest(_))
        ));
    }
}
