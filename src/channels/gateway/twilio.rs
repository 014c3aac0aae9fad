//! `POST /webhooks/twilio/sms`: Twilio's inbound message webhook (form-encoded `From`,
//! `To`, `Body`, `MessageSid`, `NumMedia`, `MediaUrl<n>`, ...), signed with
//! `X-Twilio-Signature` = base64(HMAC-SHA1(auth token, URL + sorted parameters)). The URL
//! is the one Twilio called: `[channels.gateway] public_url` plus the path, since TLS
//! usually ends at a proxy in front of this process.

use async_trait::async_trait;
use frontdesk_llm::ApiKey;

use super::webhook::{urlencoded, Parsed, Rejection, Request, Webhook};
use crate::channels::accept::Inbound;
use crate::channels::origin::{digest_id, Origin, Provider};
use crate::channels::signature::{twilio_payload, verify, Algorithm, Encoding};
use crate::messages::{now_ms, Attachment, Channel, Identity, Ticket};

/// Twilio's inbound SMS webhook.
pub struct Twilio {
    auth_token: ApiKey,
    public_url: Option<String>,
}

impl Twilio {
    /// Over the account's auth token; `public_url` is the scheme and host Twilio calls.
    pub fn new(auth_token: ApiKey, public_url: Option<String>) -> Twilio {
        Twilio {
            auth_token,
            public_url: public_url.map(|u| u.trim_end_matches('/').to_owned()),
        }
    }

    /// The URL Twilio signed: the configured public URL, else what the `Host` header says.
    fn url(&self, req: &Request<'_>) -> Option<String> {
        let base = match &self.public_url {
            Some(u) => u.clone(),
            None => format!("https://{}", req.header("host")?),
        };
        Some(format!("{base}{}", req.path_and_query))
    }
}

/// The conversation of an SMS thread: the customer's number and ours, digested (numbers
/// stay out of Kafka keys and logs).
pub fn sms_conversation(customer: &str, ours: &str) -> String {
    format!("sms:{}", digest_id(&[customer, ours]))
}

#[async_trait]
impl Webhook for Twilio {
    fn name(&self) -> &'static str {
        "twilio"
    }

    fn path(&self) -> &'static str {
        "/webhooks/twilio/sms"
    }

    fn verify(&self, req: &Request<'_>) -> Result<(), Rejection> {
        let sig = req
            .header("x-twilio-signature")
            .ok_or(Rejection::Unauthorized("missing X-Twilio-Signature"))?;
        let url = self
            .url(req)
            .ok_or(Rejection::Unauthorized("no public_url and no Host header"))?;
        let payload = twilio_payload(&url, &urlencoded(req.body));
        if verify(
            Algorithm::Sha1,
            Encoding::Base64,
            self.auth_token.expose().as_bytes(),
            &[payload.as_bytes()],
            sig,
        ) {
            Ok(())
        } else {
            Err(Rejection::Unauthorized("bad signature"))
        }
    }

    async fn parse(&self, req: &Request<'_>) -> Result<Parsed, Rejection> {
        let params = urlencoded(req.body);
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let need =
            |name: &str| get(name).ok_or_else(|| Rejection::bad(format!("missing `{name}`")));
        let sid = need("MessageSid")?;
        let from = need("From")?;
        let to = need("To")?;
        let body = get("Body").unwrap_or_default();
        let media: usize = get("NumMedia").and_then(|n| n.parse().ok()).unwrap_or(0);
        let attachments = (0..media.min(10))
            .filter_map(|i| {
                let url = get(&format!("MediaUrl{i}"))?;
                Some(Attachment {
                    filename: format!("media-{i}"),
                    content_type: get(&format!("MediaContentType{i}"))
                        .unwrap_or_else(|| "application/octet-stream".to_owned()),
                    size_bytes: 0,
                    url: Some(url),
                })
            })
            .collect();
        let origin = Origin {
            message_id: Some(sid.clone()),
            reply_to: Some(from.clone()),
            our_address: Some(to.clone()),
            ..Default::default()
        };
        Ok(Parsed::Ticket(Box::new(Inbound {
            ticket: Ticket {
                ticket_id: format!("twilio:{sid}"),
                conversation_id: sms_conversation(&from, &to),
                channel: Channel::Sms,
                customer: Identity {
                    phone: Some(from),
                    ..Default::default()
                },
                subject: None,
                body,
                attachments,
                received_at: now_ms(),
                headers: origin.headers(Provider::Twilio),
                locale: None,
            },
            provider: Provider::Twilio,
            origin,
        })))
    }

    fn success_body(&self, _status: &str, _detail: &str) -> (&'static str, String) {
        // An empty TwiML response: no immediate reply; the answer comes from deliver.
        (
            "text/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>".to_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::signature::sign;
    use axum::http::HeaderMap;

    const URL: &str = "https://support.acme.example";
    const PATH: &str = "/webhooks/twilio/sms";

    fn signed(body: &[u8], url: &str) -> HeaderMap {
        let payload = twilio_payload(&format!("{url}{PATH}"), &urlencoded(body));
        let sig = sign(
            Algorithm::Sha1,
            Encoding::Base64,
            b"auth-token",
            &[payload.as_bytes()],
        );
        let mut h = HeaderMap::new();
        h.insert("x-twilio-signature", sig.parse().unwrap());
        h
    }

    async fn run(body: &[u8]) -> Parsed {
        let h = signed(body, URL);
        let r = Request {
            headers: &h,
            path_and_query: PATH,
            body,
        };
        let hook = Twilio::new(ApiKey::new("auth-token"), Some(format!("{URL}/")));
        hook.verify(&r).unwrap();
        hook.parse(&r).await.unwrap()
    }

    #[tokio::test]
    async fn golden_inbound_sms() {
        let Parsed::Ticket(i) = run(include_bytes!("golden/twilio_sms.form")).await else {
            panic!("a ticket")
        };
        let t = &i.ticket;
        assert_eq!(t.ticket_id, "twilio:SM1f0e8ae6ade43cb3c0ce4525424e404f");
        assert_eq!(t.body, "Hi, where is my order #W7678072?");
        assert_eq!(t.customer.phone.as_deref(), Some("+14155552671"));
        assert_eq!(t.channel, Channel::Sms);
        assert_eq!(
            t.conversation_id,
            sms_conversation("+14155552671", "+15558675310")
        );
        assert!(!t.conversation_id.contains("4155552671"));
        assert_eq!(i.origin.our_address.as_deref(), Some("+15558675310"));
    }

    #[tokio::test]
    async fn golden_inbound_mms_notes_the_media() {
        let Parsed::Ticket(i) = run(include_bytes!("golden/twilio_mms.form")).await else {
            panic!("a ticket")
        };
        assert_eq!(i.ticket.attachments.len(), 1);
        assert_eq!(i.ticket.attachments[0].content_type, "image/jpeg");
        assert!(i.ticket.attachments[0]
            .url
            .as_deref()
            .unwrap()
            .contains("/Media/ME0123"));
    }

    #[test]
    fn a_signature_over_another_url_is_refused() {
        let body = include_bytes!("golden/twilio_sms.form");
        // Signed for the URL the process sees behind the proxy, not the public one.
        let h = signed(body, "http://10.0.0.7:8080");
        let r = Request {
            headers: &h,
            path_and_query: PATH,
            body,
        };
        let hook = Twilio::new(ApiKey::new("auth-token"), Some(URL.to_owned()));
        assert!(matches!(
            hook.verify(&r),
            Err(Rejection::Unauthorized("bad signature"))
        ));
    }
}
