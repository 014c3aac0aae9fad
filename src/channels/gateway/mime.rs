//! `POST /webhooks/email/mime`: one raw RFC 5322 message as the body (`message/rfc822`),
//! authorised by a bearer token. For an MTA or a mail relay's pipe-to-HTTP hook; the
//! sender counts as verified by the trusted `Authentication-Results` headers.

use async_trait::async_trait;
use frontdesk_llm::ApiKey;

use super::webhook::{Parsed, Rejection, Request, Webhook};
use crate::channels::mail::InboundMail;

/// The raw MIME webhook.
pub struct Mime {
    token: ApiKey,
    trusted: Vec<String>,
}

impl Mime {
    /// Over the bearer token and the trusted authserv-ids.
    pub fn new(token: ApiKey, trusted_authserv_ids: Vec<String>) -> Mime {
        Mime {
            token,
            trusted: trusted_authserv_ids,
        }
    }
}

#[async_trait]
impl Webhook for Mime {
    fn name(&self) -> &'static str {
        "email_mime"
    }

    fn path(&self) -> &'static str {
        "/webhooks/email/mime"
    }

    fn verify(&self, req: &Request<'_>) -> Result<(), Rejection> {
        req.require_bearer(self.token.expose())
    }

    async fn parse(&self, req: &Request<'_>) -> Result<Parsed, Rejection> {
        let mail = InboundMail::from_mime(req.body, &self.trusted)
            .map_err(|e| Rejection::bad(e.to_string()))?;
        Ok(Parsed::Mail(Box::new(mail)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    #[tokio::test]
    async fn golden_raw_message() {
        let body = include_bytes!("golden/email_reply.eml");
        let mut h = HeaderMap::new();
        h.insert("authorization", "Bearer t0k".parse().unwrap());
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/email/mime",
            body,
        };
        let hook = Mime::new(ApiKey::new("t0k"), vec!["mx.acme.example".into()]);
        hook.verify(&r).unwrap();
        let Parsed::Mail(m) = hook.parse(&r).await.unwrap() else {
            panic!("an e-mail")
        };
        assert_eq!(
            m.message_id.as_deref(),
            Some("CAF=reply-2@mail.example.com")
        );
        assert_eq!(m.in_reply_to, vec!["fd-answer-1@acme.example"]);
        assert!(m.sender_verified);
        assert_eq!(m.attachments.len(), 1);
        let empty = Request {
            headers: &h,
            path_and_query: "/webhooks/email/mime",
            body: b"",
        };
        assert!(matches!(
            hook.parse(&empty).await,
            Err(Rejection::BadRequest(_))
        ));
    }
}
