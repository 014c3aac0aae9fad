//! An e-mail to a ticket: its thread, the customer's own words, the verified sender.

use super::message::InboundMail;
use super::threads::Threads;
use crate::channels::accept::Inbound;
use crate::channels::origin::{digest_id, Origin, Provider};
use crate::messages::{now_ms, Channel, Identity, Ticket};
use frontdesk_intent::letter::customer_text;

/// What an e-mail becomes.
#[derive(Debug, Clone)]
pub enum MailOutcome {
    /// A ticket to accept.
    Ticket(Box<Inbound>),
    /// Not a customer message (the reason is a bounded label).
    Ignored(&'static str),
}

/// Turns received e-mails into tickets.
#[derive(Debug, Clone)]
pub struct MailTickets {
    threads: Threads,
    max_body_bytes: usize,
}

impl MailTickets {
    /// Over the thread table; bodies longer than `max_body_bytes` are cut (and marked).
    pub fn new(threads: Threads, max_body_bytes: usize) -> MailTickets {
        MailTickets {
            threads,
            max_body_bytes,
        }
    }

    /// The ticket of `mail` (its conversation found and recorded), or why there is none.
    pub async fn ticket(&self, mail: &InboundMail) -> Result<MailOutcome, sqlx::Error> {
        if mail.auto_submitted {
            return Ok(MailOutcome::Ignored("auto_submitted"));
        }
        let Some(from) = mail.from.clone() else {
            return Ok(MailOutcome::Ignored("no_sender"));
        };
        let conversation_id = self.threads.conversation_for(mail).await?;
        self.threads.record(mail.key(), &conversation_id).await?;
        Ok(MailOutcome::Ticket(Box::new(build(
            mail,
            from,
            conversation_id,
            self.max_body_bytes,
        ))))
    }
}

/// The ticket id of an e-mail: the same whichever path brought it (IMAP, a webhook, an
/// import), so the message becomes one ticket.
pub fn ticket_id(mail: &InboundMail) -> String {
    format!("email:{}", digest_id(&[mail.key()]))
}

fn build(mail: &InboundMail, from: String, conversation_id: String, max_body: usize) -> Inbound {
    let mut references = mail.references.clone();
    if let Some(id) = &mail.message_id {
        references.push(id.clone());
    }
    let origin = Origin {
        thread_id: None,
        message_id: mail.message_id.clone(),
        references,
        reply_to: mail.reply_to.clone().or_else(|| Some(from.clone())),
        our_address: mail.to.clone(),
        subject: mail.subject.clone(),
    };
    let mut headers = origin.headers(Provider::Email);
    headers.insert(
        "x-sender-verified".to_owned(),
        mail.sender_verified.to_string(),
    );
    headers.insert("x-claimed-from".to_owned(), from.clone());
    if let Some(r) = mail.in_reply_to.first() {
        headers.insert("in-reply-to".to_owned(), r.clone());
    }
    let mut body = customer_text(&mail.text);
    if body.len() > max_body {
        let mut cut = max_body;
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        body.truncate(cut);
        headers.insert("x-body-truncated".to_owned(), "true".to_owned());
    }
    let ticket = Ticket {
        ticket_id: ticket_id(mail),
        conversation_id,
        channel: Channel::Email,
        customer: Identity {
            // Only a sender the receiving side verified is the customer's identity.
            email: mail.sender_verified.then_some(from),
            phone: None,
            helpdesk_user_id: None,
            name: mail.from_name.clone(),
        },
        subject: mail.subject.clone(),
        body,
        attachments: mail.attachments.clone(),
        received_at: mail.date_ms.unwrap_or_else(now_ms),
        headers,
        locale: None,
    };
    Inbound {
        ticket,
        provider: Provider::Email,
        origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(verified: bool) -> InboundMail {
        InboundMail {
            message_id: Some("m1@example.com".into()),
            references: vec!["m0@acme.example".into()],
            from: Some("jane@example.com".into()),
            from_name: Some("Jane".into()),
            to: Some("support@acme.example".into()),
            subject: Some("Order".into()),
            text: "Where is W1234567?\n\n-- \nJane".into(),
            sender_verified: verified,
            raw_digest: "d".into(),
            ..Default::default()
        }
    }

    #[test]
    fn verified_sender_is_the_identity_and_ids_thread_the_answer() {
        let i = build(
            &mail(true),
            "jane@example.com".into(),
            "email:c".into(),
            1000,
        );
        assert_eq!(i.ticket.customer.email.as_deref(), Some("jane@example.com"));
        assert_eq!(i.ticket.body, "Where is W1234567?");
        assert_eq!(i.ticket.ticket_id, ticket_id(&mail(true)));
        assert_eq!(
            i.origin.references,
            vec!["m0@acme.example", "m1@example.com"]
        );
        assert_eq!(i.origin.reply_to.as_deref(), Some("jane@example.com"));
        assert_eq!(i.ticket.headers["message-id"], "m1@example.com");
    }

    #[test]
    fn an_unverified_sender_is_answered_but_is_not_an_identity() {
        let i = build(
            &mail(false),
            "jane@example.com".into(),
            "email:c".into(),
            1000,
        );
        assert_eq!(i.ticket.customer.email, None);
        assert_eq!(i.origin.reply_to.as_deref(), Some("jane@example.com"));
        assert_eq!(i.ticket.headers["x-sender-verified"], "false");
    }

    #[test]
    fn long_bodies_are_cut_on_a_char_boundary_and_marked() {
        let mut m = mail(true);
        m.text = "é".repeat(100);
        let i = build(&m, "jane@example.com".into(), "email:c".into(), 51);
        assert_eq!(i.ticket.body.len(), 50);
        assert_eq!(i.ticket.headers["x-body-truncated"], "true");
    }
}
