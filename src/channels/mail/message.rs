//! One received e-mail, whatever brought it (IMAP, a raw MIME webhook, a parse webhook's
//! fields, an mbox or `.eml` import), reduced to what a ticket needs.

use mail_parser::{MessageParser, MimeHeaders};

use super::auth;
use crate::channels::origin::digest_id;
use crate::messages::Attachment;

/// A received e-mail.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InboundMail {
    /// `Message-ID` without angle brackets.
    pub message_id: Option<String>,
    /// `In-Reply-To` ids.
    pub in_reply_to: Vec<String>,
    /// `References` ids, oldest first.
    pub references: Vec<String>,
    /// Sender address (`From`).
    pub from: Option<String>,
    /// Sender display name.
    pub from_name: Option<String>,
    /// `Reply-To`, when it differs from `From`.
    pub reply_to: Option<String>,
    /// The first `To` address: the mailbox the customer wrote to.
    pub to: Option<String>,
    /// `Subject`.
    pub subject: Option<String>,
    /// The plain-text body (HTML-only messages converted to text).
    pub text: String,
    /// Attachments, noted (never inlined).
    pub attachments: Vec<Attachment>,
    /// The receiving side verified the sender (see [`auth`]).
    pub sender_verified: bool,
    /// `Date`, ms since the epoch.
    pub date_ms: Option<i64>,
    /// `Auto-Submitted` other than `no` (RFC 3834): an auto-reply or bounce, never a ticket.
    pub auto_submitted: bool,
    /// Digest of the raw message: the id of a message without `Message-ID`.
    pub raw_digest: String,
}

/// Why bytes are not an e-mail.
#[derive(Debug, thiserror::Error)]
#[error("not an e-mail message: {0}")]
pub struct NotMail(pub String);

impl InboundMail {
    /// Parses a raw RFC 5322 message. `trusted_authserv_ids` decides which
    /// `Authentication-Results` headers are believed.
    pub fn from_mime(raw: &[u8], trusted_authserv_ids: &[String]) -> Result<InboundMail, NotMail> {
        let msg = MessageParser::default()
            .parse(raw)
            .ok_or_else(|| NotMail("no headers".to_owned()))?;
        let mut mail = headers_of(&msg)?;
        let auth_headers: Vec<&str> = msg
            .headers_raw()
            .filter(|(name, _)| name.eq_ignore_ascii_case("Authentication-Results"))
            .map(|(_, v)| v)
            .collect();
        mail.sender_verified = mail
            .from
            .as_deref()
            .is_some_and(|f| auth::sender_verified(auth_headers, trusted_authserv_ids, f));
        mail.text = msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
        mail.attachments = msg
            .attachments()
            .map(|p| Attachment {
                filename: p.attachment_name().unwrap_or("attachment").to_owned(),
                content_type: p
                    .content_type()
                    .map(|ct| match ct.subtype() {
                        Some(sub) => format!("{}/{}", ct.ctype(), sub),
                        None => ct.ctype().to_owned(),
                    })
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
                size_bytes: i64::try_from(p.contents().len()).unwrap_or(i64::MAX),
                url: None,
            })
            .collect();
        mail.raw_digest = digest_id(&[&String::from_utf8_lossy(raw)]);
        Ok(mail)
    }

    /// The header fields of a header block as a parse webhook posts it (SendGrid's
    /// `headers`, Mailgun's `message-headers`); the caller fills in the text, the
    /// attachments, the provider's verdict on the sender and the digest.
    pub fn from_header_block(block: &str) -> Result<InboundMail, NotMail> {
        let text = format!("{}\r\n\r\n", block.trim_end());
        let msg = MessageParser::default()
            .parse_headers(text.as_bytes())
            .ok_or_else(|| NotMail("no headers".to_owned()))?;
        let mut mail = headers_of(&msg)?;
        mail.raw_digest = digest_id(&[block]);
        Ok(mail)
    }

    /// The id this message is known by: its `Message-ID`, else the digest of its bytes.
    pub fn key(&self) -> &str {
        self.message_id.as_deref().unwrap_or(&self.raw_digest)
    }
}

/// Everything but the body: addresses, ids, subject, date, `Auto-Submitted`.
fn headers_of(msg: &mail_parser::Message<'_>) -> Result<InboundMail, NotMail> {
    if msg.headers().is_empty() {
        return Err(NotMail("no headers".to_owned()));
    }
    let first_addr = |a: Option<&mail_parser::Address<'_>>| {
        a.and_then(|a| a.first())
            .map(|a| (a.address().map(str::to_owned), a.name().map(str::to_owned)))
    };
    let (from, from_name) = first_addr(msg.from()).unwrap_or_default();
    let ids = |v: &mail_parser::HeaderValue<'_>| -> Vec<String> {
        match v {
            mail_parser::HeaderValue::Text(t) => vec![clean_id(t)],
            mail_parser::HeaderValue::TextList(l) => l.iter().map(|t| clean_id(t)).collect(),
            _ => vec![],
        }
    };
    Ok(InboundMail {
        message_id: msg.message_id().map(clean_id).filter(|m| !m.is_empty()),
        in_reply_to: ids(msg.in_reply_to()),
        references: ids(msg.references()),
        from,
        from_name,
        reply_to: first_addr(msg.reply_to()).and_then(|(a, _)| a),
        to: first_addr(msg.to()).and_then(|(a, _)| a),
        subject: msg.subject().map(str::to_owned),
        date_ms: msg.date().map(|d| d.to_timestamp().saturating_mul(1000)),
        auto_submitted: msg
            .header_raw("Auto-Submitted")
            .is_some_and(|v| !v.trim().eq_ignore_ascii_case("no")),
        ..Default::default()
    })
}

/// A message id without angle brackets and surrounding space.
pub fn clean_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_owned()
}

/// Splits a `References` / `In-Reply-To` header value into ids.
pub fn split_ids(value: &str) -> Vec<String> {
    value
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(clean_id)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPLY: &str = "Return-Path: <jane@example.com>\r\n\
Authentication-Results: mx.acme.example; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=jane@example.com\r\n\
From: Jane Doe <jane@example.com>\r\n\
To: Acme Support <support@acme.example>\r\n\
Subject: Re: Your order\r\n\
Date: Mon, 3 Nov 2025 10:00:00 +0000\r\n\
Message-ID: <reply-1@mail.example.com>\r\n\
In-Reply-To: <answer-1@acme.example>\r\n\
References: <first-1@mail.example.com> <answer-1@acme.example>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
It still has not arrived.\r\n\
\r\n\
On Mon, Nov 3, 2025 at 9:00 AM Acme <support@acme.example> wrote:\r\n\
> It shipped.\r\n\
--b1\r\n\
Content-Type: application/pdf; name=\"receipt.pdf\"\r\n\
Content-Disposition: attachment; filename=\"receipt.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
JVBERi0xLjQK\r\n\
--b1--\r\n";

    #[test]
    fn a_threaded_reply_with_an_attachment() {
        let m = InboundMail::from_mime(REPLY.as_bytes(), &["mx.acme.example".into()]).unwrap();
        assert_eq!(m.message_id.as_deref(), Some("reply-1@mail.example.com"));
        assert_eq!(m.in_reply_to, vec!["answer-1@acme.example"]);
        assert_eq!(
            m.references,
            vec!["first-1@mail.example.com", "answer-1@acme.example"]
        );
        assert_eq!(m.from.as_deref(), Some("jane@example.com"));
        assert_eq!(m.from_name.as_deref(), Some("Jane Doe"));
        assert_eq!(m.to.as_deref(), Some("support@acme.example"));
        assert!(m.sender_verified);
        assert!(m.text.starts_with("It still has not arrived."));
        assert_eq!(m.attachments.len(), 1);
        assert_eq!(m.attachments[0].filename, "receipt.pdf");
        assert_eq!(m.attachments[0].content_type, "application/pdf");
        assert_eq!(m.attachments[0].size_bytes, 9);
        assert_eq!(m.date_ms, Some(1_762_164_000_000));
        assert!(!m.auto_submitted);
    }

    #[test]
    fn untrusted_results_leave_the_sender_unverified() {
        let m = InboundMail::from_mime(REPLY.as_bytes(), &["other.example".into()]).unwrap();
        assert!(!m.sender_verified);
    }

    #[test]
    fn ids_are_split_and_cleaned() {
        assert_eq!(split_ids(" <a@x> <b@y>,<c@z> "), vec!["a@x", "b@y", "c@z"]);
        assert!(InboundMail::from_mime(b"", &[]).is_err());
    }
}
