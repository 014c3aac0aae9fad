//! SMTP (lettre): a resolution is the reply to the sender, threaded (`In-Reply-To` the
//! customer's message, `References` its chain), as plain text with an HTML alternative; a
//! handoff is the note, sent to the team's `handoff_to` address with `Reply-To` the
//! customer; a notification (a one-time code) goes to its own address, unthreaded. Every message carries `Auto-Submitted: auto-replied` (so auto-responders do
//! not answer it, and the poller ignores copies that loop back) and a `Message-ID` derived
//! from the delivery, so a message sent again after a crash is recognisably the same one.
//! The reply's `Message-ID` joins the conversation's thread, so the customer's answer to it
//! continues the conversation.

use std::time::Duration;

use async_trait::async_trait;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::adapter::{Adapter, Failure, Outgoing, Record};
use super::render::{handoff_note, html};
use crate::channels::config::{SmtpConfig, SmtpSecurity};
use crate::channels::mail::Threads;
use crate::channels::origin::{digest_id, Provider};
use crate::channels::secret::MissingSecret;

/// Why the SMTP adapter cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum SmtpSetupError {
    /// `from` is not a mailbox.
    #[error("[channels.email.smtp] from: {0}")]
    From(String),
    /// The transport refused its settings.
    #[error("SMTP transport: {0}")]
    Transport(String),
    /// The password variable is unset.
    #[error(transparent)]
    Secret(#[from] MissingSecret),
}

/// The SMTP adapter.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    handoff_to: Option<Mailbox>,
    threads: Threads,
}

impl Smtp {
    /// From `[channels.email.smtp]`; `threads` records the replies' ids.
    pub fn new(
        cfg: &SmtpConfig,
        timeout: Duration,
        threads: Threads,
    ) -> Result<Smtp, SmtpSetupError> {
        let from: Mailbox = cfg
            .from
            .parse()
            .map_err(|e| SmtpSetupError::From(format!("{e}")))?;
        let handoff_to = cfg
            .handoff_to
            .as_deref()
            .map(|a| a.parse::<Mailbox>())
            .transpose()
            .map_err(|e| SmtpSetupError::From(format!("handoff_to: {e}")))?;
        let transport =
            |e: lettre::transport::smtp::Error| SmtpSetupError::Transport(e.to_string());
        let mut builder = match cfg.security {
            SmtpSecurity::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.host).map_err(transport)?
            }
            SmtpSecurity::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host)
                    .map_err(transport)?
            }
            SmtpSecurity::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host)
            }
        }
        .port(cfg.port)
        .timeout(Some(timeout));
        if let (Some(user), Some(env)) = (&cfg.username, &cfg.password_env) {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                env.load()?.expose().to_owned(),
            ));
        }
        Ok(Smtp {
            transport: builder.build(),
            from,
            handoff_to,
            threads,
        })
    }

    /// The `Message-ID` (without brackets) of delivery `key`.
    fn message_id(&self, key: &str) -> String {
        format!("fd-{}@{}", digest_id(&[key]), self.from.email.domain())
    }

    fn build(&self, out: &Outgoing, message_id: &str) -> Result<Message, Failure> {
        let bad = |what: &str, e: String| Failure::Permanent(format!("{what}: {e}"));
        let subject = out.origin.subject.clone().unwrap_or_default();
        let builder = Message::builder()
            .from(self.from.clone())
            .message_id(Some(format!("<{message_id}>")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-replied".to_owned(),
            ));
        match &out.record {
            Record::Resolution(r) => {
                let to = out
                    .origin
                    .reply_to
                    .clone()
                    .or_else(|| out.customer().email.clone())
                    .ok_or_else(|| Failure::Permanent("no address to answer".into()))?;
                let to: Mailbox = to.parse().map_err(|e| bad("recipient", format!("{e}")))?;
                let mut b = builder.to(to).subject(reply_subject(&subject));
                if let Some(id) = &out.origin.message_id {
                    b = b.in_reply_to(format!("<{id}>"));
                }
                if !out.origin.references.is_empty() {
                    let refs: Vec<String> = out
                        .origin
                        .references
                        .iter()
                        .map(|r| format!("<{r}>"))
                        .collect();
                    b = b.references(refs.join(" "));
                }
                b.multipart(MultiPart::alternative_plain_html(
                    r.reply.clone(),
                    html(&r.reply),
                ))
                .map_err(|e| bad("message", e.to_string()))
            }
            Record::Notification(n) => {
                let n = &n.notification;
                let to: Mailbox = n.to.parse().map_err(|e| bad("recipient", format!("{e}")))?;
                let mut b = builder.to(to);
                if let Some(subject) = &n.subject {
                    b = b.subject(subject.clone());
                }
                b.body(n.body.clone())
                    .map_err(|e| bad("message", e.to_string()))
            }
            Record::Handoff(h) => {
                let to = self.handoff_to.clone().ok_or_else(|| {
                    Failure::Permanent("no [channels.email.smtp] handoff_to".into())
                })?;
                let mut b = builder.to(to).subject(format!("[handoff] {}", h.summary));
                if let Some(customer) = out.origin.reply_to.as_deref().and_then(|a| a.parse().ok())
                {
                    b = b.reply_to(customer);
                }
                b.body(handoff_note(h))
                    .map_err(|e| bad("message", e.to_string()))
            }
        }
    }
}

/// `Re: <subject>`, without stacking prefixes.
fn reply_subject(subject: &str) -> String {
    let s = subject.trim();
    if s.to_ascii_lowercase().starts_with("re:") {
        s.to_owned()
    } else if s.is_empty() {
        "Re: your message".to_owned()
    } else {
        format!("Re: {s}")
    }
}

#[async_trait]
impl Adapter for Smtp {
    fn provider(&self) -> Provider {
        Provider::Email
    }

    async fn send(
        &self,
        out: &Outgoing,
        _part: usize,
        key: &str,
    ) -> Result<Option<String>, Failure> {
        let id = self.message_id(key);
        let message = self.build(out, &id)?;
        if let Record::Resolution(_) = out.record {
            // Recorded first: a reply to it must find the thread even if we crash after sending.
            self.threads
                .record(&id, out.conversation_id())
                .await
                .map_err(|e| Failure::Transient(format!("mail_threads: {e}")))?;
        }
        self.transport.send(message).await.map_err(|e| {
            if e.is_permanent() {
                Failure::Permanent(format!("SMTP: {e}"))
            } else {
                Failure::Transient(format!("SMTP: {e}"))
            }
        })?;
        Ok(Some(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_subjects_do_not_stack() {
        assert_eq!(reply_subject("Order"), "Re: Order");
        assert_eq!(reply_subject("RE: Order"), "RE: Order");
        assert_eq!(reply_subject(""), "Re: your message");
    }
}
