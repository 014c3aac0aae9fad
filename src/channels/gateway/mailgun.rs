//! `POST /webhooks/email/mailgun`: a Mailgun route's `forward()` of a received message
//! (form fields `sender`, `from`, `recipient`, `subject`, `body-plain`, `message-headers`,
//! attachments as file parts), signed with the fields `timestamp`, `token` and
//! `signature` = hex(HMAC-SHA256(webhook signing key, timestamp + token)).
//!
//! The sender is verified when Mailgun's own checks passed (`X-Mailgun-Dkim-Check-Result:
//! Pass`, or `X-Mailgun-Spf: Pass` with the envelope sender in the From domain).

use std::time::Duration;

use async_trait::async_trait;
use frontdesk_llm::ApiKey;

use super::webhook::{file_fields, form_fields, text_field, Parsed, Rejection, Request, Webhook};
use crate::channels::mail::auth::domain_of;
use crate::channels::mail::InboundMail;
use crate::channels::signature::{verify, Algorithm, Encoding};
use crate::messages::now_ms;

/// How far Mailgun's `timestamp` may be from this clock.
const MAX_SKEW: Duration = Duration::from_secs(300);

/// Mailgun's inbound route webhook.
pub struct Mailgun {
    key: ApiKey,
    /// The clock the timestamp window is checked against (tests fix it).
    pub now_ms: fn() -> i64,
}

impl Mailgun {
    /// Over the webhook signing key.
    pub fn new(key: ApiKey) -> Mailgun {
        Mailgun { key, now_ms }
    }
}

#[async_trait]
impl Webhook for Mailgun {
    fn name(&self) -> &'static str {
        "email_mailgun"
    }

    fn path(&self) -> &'static str {
        "/webhooks/email/mailgun"
    }

    fn verify(&self, _req: &Request<'_>) -> Result<(), Rejection> {
        // The signature is inside the form: checked by `parse`, before anything is used.
        Ok(())
    }

    async fn parse(&self, req: &Request<'_>) -> Result<Parsed, Rejection> {
        let fields = form_fields(req).await?;
        let field = |n: &str| text_field(&fields, n);
        let (Some(ts), Some(token), Some(sig)) =
            (field("timestamp"), field("token"), field("signature"))
        else {
            return Err(Rejection::Unauthorized(
                "missing timestamp, token or signature",
            ));
        };
        if !verify(
            Algorithm::Sha256,
            Encoding::Hex,
            self.key.expose().as_bytes(),
            &[ts.as_bytes(), token.as_bytes()],
            sig,
        ) {
            return Err(Rejection::Unauthorized("bad signature"));
        }
        let at = ts
            .parse::<i64>()
            .map_err(|_| Rejection::Unauthorized("unreadable timestamp"))?;
        if ((self.now_ms)() / 1000 - at).unsigned_abs() > MAX_SKEW.as_secs() {
            return Err(Rejection::Unauthorized("timestamp outside the window"));
        }
        let headers: Vec<(String, String)> = serde_json::from_str(
            field("message-headers").ok_or_else(|| Rejection::bad("missing `message-headers`"))?,
        )
        .map_err(|e| Rejection::bad(format!("message-headers: {e}")))?;
        let block: String = headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect();
        let mut mail =
            InboundMail::from_header_block(&block).map_err(|e| Rejection::bad(e.to_string()))?;
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim().to_ascii_lowercase())
        };
        let from_domain = mail.from.as_deref().and_then(domain_of);
        let sender_domain = field("sender").and_then(domain_of);
        let envelope_aligned = sender_domain.is_some() && sender_domain == from_domain;
        mail.sender_verified = header("X-Mailgun-Dkim-Check-Result").as_deref() == Some("pass")
            || (header("X-Mailgun-Spf").as_deref() == Some("pass") && envelope_aligned);
        mail.text = field("body-plain").unwrap_or_default().to_owned();
        mail.attachments = file_fields(&fields);
        if mail.to.is_none() {
            mail.to = field("recipient").map(str::to_owned);
        }
        Ok(Parsed::Mail(Box::new(mail)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::signature::sign;
    use axum::http::HeaderMap;

    fn body() -> String {
        let raw = include_str!("golden/mailgun_message.form");
        let sig = sign(
            Algorithm::Sha256,
            Encoding::Hex,
            b"key-mailgun",
            &[
                b"1762165801",
                b"f1c6c2f4a5b34a8e9d0f7e6c5b4a3f2e1d0c9b8a7f6e5d4c3b",
            ],
        );
        raw.replace("signature=SIGNATURE", &format!("signature={sig}"))
    }

    fn hook() -> Mailgun {
        let mut m = Mailgun::new(ApiKey::new("key-mailgun"));
        m.now_ms = || 1_762_165_830_000;
        m
    }

    async fn run(body: &str) -> Result<Parsed, Rejection> {
        let mut h = HeaderMap::new();
        h.insert(
            "content-type",
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/email/mailgun",
            body: body.as_bytes(),
        };
        hook().parse(&r).await
    }

    #[tokio::test]
    async fn golden_forwarded_message() {
        let Parsed::Mail(m) = run(&body()).await.unwrap() else {
            panic!("an e-mail")
        };
        assert_eq!(
            m.message_id.as_deref(),
            Some("CAE1x7pQ-2a@mail.example.org")
        );
        assert_eq!(m.in_reply_to, vec!["answer-77@acme.example"]);
        assert_eq!(m.from.as_deref(), Some("priya.shah1203@example.org"));
        assert!(m.sender_verified);
        assert!(m.text.starts_with("Yes, the medium size please."));
        assert_eq!(m.to.as_deref(), Some("support@acme.example"));
    }

    #[tokio::test]
    async fn a_forged_signature_is_refused() {
        let forged = include_str!("golden/mailgun_message.form").replace(
            "signature=SIGNATURE",
            &format!("signature={}", "ab".repeat(32)),
        );
        assert!(matches!(
            run(&forged).await,
            Err(Rejection::Unauthorized("bad signature"))
        ));
    }
}
