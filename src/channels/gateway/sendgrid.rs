//! `POST /webhooks/email/sendgrid`: SendGrid's Inbound Parse webhook (multipart fields
//! `headers`, `from`, `to`, `subject`, `text`, `html`, `envelope`, `dkim`, `SPF`, and the
//! attachments as file parts). Inbound Parse does not sign its requests; the URL carries
//! HTTP basic auth (`https://parse:<password>@host/webhooks/email/sendgrid`), checked here.
//!
//! The sender is verified when SendGrid's checks passed: `dkim` reports `pass` for the From
//! domain, or `SPF` is `pass` with the envelope sender in the From domain.

use async_trait::async_trait;
use base64::Engine;
use frontdesk_llm::ApiKey;
use serde::Deserialize;

use super::webhook::{file_fields, form_fields, text_field, Parsed, Rejection, Request, Webhook};
use crate::channels::mail::auth::domain_of;
use crate::channels::mail::InboundMail;
use crate::channels::signature::token_matches;

/// SendGrid's Inbound Parse webhook.
pub struct Sendgrid {
    password: ApiKey,
}

impl Sendgrid {
    /// Over the basic-auth password the parse URL carries.
    pub fn new(password: ApiKey) -> Sendgrid {
        Sendgrid { password }
    }
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    from: Option<String>,
}

/// Whether SendGrid's `dkim` field (`{@example.com : pass, @other.example : fail}`)
/// reports a pass for `domain`.
fn dkim_passes(field: &str, domain: &str) -> bool {
    field
        .trim_matches(|c| c == '{' || c == '}')
        .split(',')
        .filter_map(|entry| entry.split_once(':'))
        .any(|(d, result)| {
            d.trim()
                .trim_start_matches('@')
                .eq_ignore_ascii_case(domain)
                && result.trim().eq_ignore_ascii_case("pass")
        })
}

#[async_trait]
impl Webhook for Sendgrid {
    fn name(&self) -> &'static str {
        "email_sendgrid"
    }

    fn path(&self) -> &'static str {
        "/webhooks/email/sendgrid"
    }

    fn verify(&self, req: &Request<'_>) -> Result<(), Rejection> {
        let encoded = req
            .header("authorization")
            .and_then(|v| v.strip_prefix("Basic "))
            .ok_or(Rejection::Unauthorized("missing basic auth"))?;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(Rejection::Unauthorized("unreadable basic auth"))?;
        let password = decoded.split_once(':').map(|(_, p)| p).unwrap_or_default();
        if token_matches(password, self.password.expose()) {
            Ok(())
        } else {
            Err(Rejection::Unauthorized("wrong basic auth password"))
        }
    }

    async fn parse(&self, req: &Request<'_>) -> Result<Parsed, Rejection> {
        let fields = form_fields(req).await?;
        let field = |n: &str| text_field(&fields, n);
        let block = field("headers").ok_or_else(|| Rejection::bad("missing `headers`"))?;
        let mut mail =
            InboundMail::from_header_block(block).map_err(|e| Rejection::bad(e.to_string()))?;
        let from_domain = mail.from.as_deref().and_then(domain_of);
        let envelope: Option<Envelope> =
            field("envelope").and_then(|e| serde_json::from_str(e).ok());
        let envelope_domain = envelope.and_then(|e| e.from).as_deref().and_then(domain_of);
        mail.sender_verified = from_domain.as_deref().is_some_and(|d| {
            field("dkim").is_some_and(|k| dkim_passes(k, d))
                || (field("SPF").is_some_and(|s| s.trim().eq_ignore_ascii_case("pass"))
                    && envelope_domain.as_deref() == Some(d))
        });
        mail.text = match field("text") {
            Some(t) => t.to_owned(),
            None => mail_parser::decoders::html::html_to_text(field("html").unwrap_or_default()),
        };
        mail.attachments = file_fields(&fields);
        Ok(Parsed::Mail(Box::new(mail)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn headers(password: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            "content-type",
            "multipart/form-data; boundary=xYzZY".parse().unwrap(),
        );
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("parse:{password}"));
        h.insert("authorization", format!("Basic {auth}").parse().unwrap());
        h
    }

    #[tokio::test]
    async fn golden_inbound_parse() {
        let body = include_bytes!("golden/sendgrid_parse.multipart");
        let h = headers("pw");
        let r = Request {
            headers: &h,
            path_and_query: "/webhooks/email/sendgrid",
            body,
        };
        let hook = Sendgrid::new(ApiKey::new("pw"));
        hook.verify(&r).unwrap();
        let Parsed::Mail(m) = hook.parse(&r).await.unwrap() else {
            panic!("an e-mail")
        };
        assert_eq!(m.message_id.as_deref(), Some("5512-first@mail.example.net"));
        assert_eq!(m.from.as_deref(), Some("liam.murphy5512@example.net"));
        assert_eq!(m.subject.as_deref(), Some("Refund for order #W9911223"));
        assert!(m.sender_verified);
        assert!(m.text.contains("have not seen a refund"));
        assert_eq!(m.attachments.len(), 1);
        assert_eq!(m.attachments[0].filename, "label.pdf");
        assert_eq!(m.attachments[0].content_type, "application/pdf");
        let bad = headers("nope");
        let r = Request {
            headers: &bad,
            path_and_query: "/webhooks/email/sendgrid",
            body,
        };
        assert!(hook.verify(&r).is_err());
    }

    #[test]
    fn dkim_field_is_read_per_domain() {
        assert!(dkim_passes("{@example.net : pass}", "example.net"));
        assert!(!dkim_passes("{@example.net : fail}", "example.net"));
        assert!(dkim_passes(
            "{@a.example : fail, @example.net : pass}",
            "example.net"
        ));
        assert!(!dkim_passes("{@mailer.example : pass}", "example.net"));
    }
}
