//! `POST /webhooks/intercom`: Intercom webhook notifications, signed with `X-Hub-Signature`
//! = `sha1=` hex(HMAC-SHA1(client secret, body)).
//!
//! `conversation.user.created` carries the customer's first message in the conversation's
//! `source`; `conversation.user.replied` carries their reply as the newest user part of
//! `conversation_parts`. Other topics (an admin's reply, a ping) are acknowledged and ignored.

use async_trait::async_trait;
use frontdesk_llm::ApiKey;
use serde::Deserialize;
use serde_json::Value;

use super::webhook::{Parsed, Rejection, Request, Webhook};
use super::zendesk::id_text;
use crate::channels::accept::Inbound;
use crate::channels::origin::{Origin, Provider};
use crate::channels::signature::{verify, Algorithm, Encoding};
use crate::messages::{now_ms, Attachment, Channel, Identity, Ticket};

/// Intercom's webhook.
pub struct Intercom {
    secret: ApiKey,
}

impl Intercom {
    /// Over the app's client secret.
    pub fn new(secret: ApiKey) -> Intercom {
        Intercom { secret }
    }
}

#[derive(Deserialize)]
struct Notification {
    topic: String,
    data: Data,
}

#[derive(Deserialize)]
struct Data {
    item: Conversation,
}

#[derive(Deserialize)]
struct Conversation {
    id: Value,
    #[serde(default)]
    created_at: Option<i64>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<Part>,
    #[serde(default)]
    conversation_parts: Option<Parts>,
}

#[derive(Deserialize)]
struct Parts {
    #[serde(default)]
    conversation_parts: Vec<Part>,
}

#[derive(Deserialize)]
struct Part {
    id: Value,
    #[serde(default)]
    part_type: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    created_at: Option<i64>,
    author: PartAuthor,
    #[serde(default)]
    attachments: Vec<PartAttachment>,
}

#[derive(Deserialize)]
struct PartAuthor {
    id: Value,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
}

#[derive(Deserialize)]
struct PartAttachment {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    filesize: Option<i64>,
}

/// A customer wrote it: an identified user, a lead or a contact (not an admin or a bot).
fn by_customer(p: &Part) -> bool {
    matches!(p.author.kind.as_str(), "user" | "lead" | "contact")
}

#[async_trait]
impl Webhook for Intercom {
    fn name(&self) -> &'static str {
        "intercom"
    }

    fn path(&self) -> &'static str {
        "/webhooks/intercom"
    }

    fn verify(&self, req: &Request<'_>) -> Result<(), Rejection> {
        let sig = req
            .header("x-hub-signature")
            .ok_or(Rejection::Unauthorized("missing X-Hub-Signature"))?;
        let hex = sig
            .strip_prefix("sha1=")
            .ok_or(Rejection::Unauthorized("X-Hub-Signature is not sha1=..."))?;
        if verify(
            Algorithm::Sha1,
            Encoding::Hex,
            self.secret.expose().as_bytes(),
            &[req.body],
            hex,
        ) {
            Ok(())
        } else {
            Err(Rejection::Unauthorized("bad signature"))
        }
    }

    async fn parse(&self, req: &Request<'_>) -> Result<Parsed, Rejection> {
        let n: Notification = serde_json::from_slice(req.body)
            .map_err(|e| Rejection::bad(format!("notification: {e}")))?;
        let conv = n.data.item;
        let part = match n.topic.as_str() {
            "conversation.user.created" => conv.source,
            "conversation.user.replied" => conv.conversation_parts.and_then(|p| {
                p.conversation_parts
                    .into_iter()
                    .rev()
                    .find(|p| by_customer(p) && p.part_type.as_deref() != Some("note"))
            }),
            _ => return Ok(Parsed::Ignored("topic")),
        };
        let Some(part) = part else {
            return Err(Rejection::bad(format!(
                "{}: no customer message in the conversation",
                n.topic
            )));
        };
        if !by_customer(&part) {
            return Ok(Parsed::Ignored("not_from_customer"));
        }
        let conversation =
            id_text(&conv.id).ok_or_else(|| Rejection::bad("data.item.id is empty"))?;
        let part_id = id_text(&part.id).ok_or_else(|| Rejection::bad("part id is empty"))?;
        let body = mail_parser::decoders::html::html_to_text(part.body.as_deref().unwrap_or(""));
        let subject = part
            .subject
            .filter(|s| !s.is_empty())
            .or(conv.title)
            .filter(|s| !s.is_empty());
        let origin = Origin {
            thread_id: Some(conversation.clone()),
            message_id: Some(part_id.clone()),
            subject: subject.clone(),
            ..Default::default()
        };
        let is_user = part.author.kind == "user";
        Ok(Parsed::Ticket(Box::new(Inbound {
            ticket: Ticket {
                ticket_id: format!("intercom:part:{part_id}"),
                conversation_id: format!("intercom:{conversation}"),
                channel: Channel::Webhook,
                customer: Identity {
                    // A lead's address is whatever they typed; a user's is the product's.
                    email: part.author.email.filter(|_| is_user),
                    phone: None,
                    helpdesk_user_id: id_text(&part.author.id),
                    name: part.author.name,
                },
                subject,
                body: body.trim().to_owned(),
                attachments: part
                    .attachments
                    .into_iter()
                    .map(|a| Attachment {
                        filename: a.name.unwrap_or_else(|| "attachment".to_owned()),
                        content_type: a
                            .content_type
                            .unwrap_or_else(|| "application/octet-stream".to_owned()),
                        size_bytes: a.filesize.unwrap_or(0),
                        url: a.url,
                    })
                    .collect(),
                // A conversation's first message carries no time of its own.
                received_at: part
                    .created_at
                    .or(conv.created_at)
                    .map(|s| s.saturating_mul(1000))
                    .unwrap_or_else(now_ms),
                headers: origin.headers(Provider::Intercom),
                locale: None,
            },
            provider: Provider::Intercom,
            origin,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::signature::sign;
    use axum::http::HeaderMap;

    fn signed(body: &[u8]) -> HeaderMap {
        let mut h = HeaderMap::new();
        let sig = sign(Algorithm::Sha1, Encoding::Hex, b"client-secret", &[body]);
        h.insert("x-hub-signature", format!("sha1={sig}").parse().unwrap());
        h
    }

    async fn run(body: &[u8]) -> Parsed {
        let h = signed(body);
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/intercom",
            body,
        };
        let hook = Intercom::new(ApiKey::new("client-secret"));
        hook.verify(&r).unwrap();
        hook.parse(&r).await.unwrap()
    }

    #[tokio::test]
    async fn golden_user_created() {
        let Parsed::Ticket(i) = run(include_bytes!("golden/intercom_user_created.json")).await
        else {
            panic!("a ticket")
        };
        let t = &i.ticket;
        assert_eq!(t.ticket_id, "intercom:part:403918330");
        assert_eq!(t.conversation_id, "intercom:1911149811");
        assert_eq!(
            t.body,
            "Hi, I would like to return the lamp from order #W2378156.\nThanks!"
        );
        assert_eq!(
            t.customer.email.as_deref(),
            Some("yusuf.rossi9620@example.com")
        );
        assert_eq!(t.attachments[0].filename, "lamp.jpg");
        assert_eq!(t.attachments[0].size_bytes, 48211);
        assert_eq!(t.received_at, 1_762_164_000_000);
    }

    #[tokio::test]
    async fn golden_user_replied_takes_the_newest_customer_part() {
        let Parsed::Ticket(i) = run(include_bytes!("golden/intercom_user_replied.json")).await
        else {
            panic!("a ticket")
        };
        assert_eq!(i.ticket.ticket_id, "intercom:part:45763812712");
        assert_eq!(i.ticket.body, "The desk lamp, item 8384507844.");
        assert_eq!(i.origin.thread_id.as_deref(), Some("1911149811"));
    }

    #[tokio::test]
    async fn golden_admin_replied_is_ignored() {
        assert!(matches!(
            run(include_bytes!("golden/intercom_admin_replied.json")).await,
            Parsed::Ignored("topic")
        ));
    }

    #[test]
    fn a_wrong_signature_is_refused() {
        let body = include_bytes!("golden/intercom_user_created.json");
        let mut h = HeaderMap::new();
        h.insert("x-hub-signature", "sha1=00ff".parse().unwrap());
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/intercom",
            body,
        };
        assert!(Intercom::new(ApiKey::new("client-secret"))
            .verify(&r)
            .is_err());
    }
}
