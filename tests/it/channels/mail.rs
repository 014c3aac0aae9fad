//! E-mail against real servers (started by `scripts/test.sh`): the IMAP poller reads a
//! dovecot mailbox, threads a reply into its conversation although its subject changed,
//! strips the quote, ignores an auto-reply, and marks messages done only once their
//! tickets are on the broker; deliver sends a threaded SMTP reply through aiosmtpd.

use std::time::Duration;

use frontdesk::channels::config::{ImapConfig, SmtpConfig, SmtpSecurity};
use frontdesk::channels::mail::Poller;
use frontdesk::channels::{Origin, Provider};
use frontdesk::messages::Channel;
use tokio_util::sync::CancellationToken;

use super::deliver_rig::{
    publish_resolution, resolution, seed_origin, set_test_secrets, start_deliver,
};
use super::rig::*;
use crate::helpers::*;

const FIRST: &str = "From: Amelia Wong <amelia.wong8841@example.com>\r\nTo: support@acme.example\r\nSubject: Order W1234567\r\nDate: Mon, 3 Nov 2025 09:00:00 +0000\r\nMessage-ID: <first-{u}@example.com>\r\nAuthentication-Results: mx.acme.example; dmarc=pass header.from=example.com\r\n\r\nWhere is my order #W1234567?\r\n\r\n-- \r\nAmelia\r\n";
const REPLY: &str = "From: Amelia Wong <amelia.wong8841@example.com>\r\nTo: support@acme.example\r\nSubject: a completely different subject\r\nDate: Mon, 3 Nov 2025 10:00:00 +0000\r\nMessage-ID: <second-{u}@example.com>\r\nIn-Reply-To: <first-{u}@example.com>\r\nReferences: <first-{u}@example.com>\r\n\r\nAlso, can I change the address?\r\n\r\nOn Mon, Nov 3, 2025 at 9:00 AM Amelia Wong <amelia.wong8841@example.com> wrote:\r\n> Where is my order #W1234567?\r\n";
const AUTO: &str = "From: Amelia Wong <amelia.wong8841@example.com>\r\nTo: support@acme.example\r\nSubject: Out of office\r\nMessage-ID: <auto-{u}@example.com>\r\nAuto-Submitted: auto-replied\r\n\r\nI am away until Monday.\r\n";

async fn imap_session(
    host: &str,
    port: u16,
    user: &str,
    password: &str,
) -> async_imap::Session<tokio::net::TcpStream> {
    let tcp = tokio::net::TcpStream::connect((host, port)).await.unwrap();
    let mut client = async_imap::Client::new(tcp);
    client.read_response().await.unwrap();
    client
        .login(user, password)
        .await
        .map_err(|(e, _)| e)
        .unwrap()
}

fn imap_cfg(host: &str, port: u16, user: &str) -> ImapConfig {
    ImapConfig {
        host: host.to_owned(),
        port,
        tls: false,
        username: user.to_owned(),
        password_env: "FD_IT_IMAP_PASSWORD".into(),
        mailbox: "INBOX".into(),
        done_mailbox: Some("Done".into()),
        poll_interval: Duration::from_millis(200),
        batch: 10,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_poller_threads_strips_and_marks_done_after_the_ack() {
    let Some((host, port, password)) = imap_server() else {
        return;
    };
    let Some(base) = base(Which::Mock).await else {
        return;
    };
    let user = unique("support");
    let u = unique("m");
    let mut admin = imap_session(&host, port, &user, &password).await;
    admin.create("Done").await.unwrap();
    for m in [FIRST, REPLY, AUTO] {
        admin
            .append("INBOX", None, None, m.replace("{u}", &u))
            .await
            .unwrap();
    }
    let poller = Poller::new(
        imap_cfg(&host, port, &user),
        password.clone(),
        vec!["mx.acme.example".into()],
        base.acceptor(),
        base.mail_tickets(),
    );
    let round = poller.run(CancellationToken::new(), true).await.unwrap();
    assert_eq!(
        (round.fetched, round.accepted, round.ignored),
        (3, 2, 1),
        "{round:?}"
    );

    let tickets = base.inbound_tickets().await;
    assert_eq!(tickets.len(), 2);
    assert!(tickets.iter().all(|t| t.channel == Channel::Email));
    assert_eq!(
        tickets[0].conversation_id, tickets[1].conversation_id,
        "the reply continues the thread although its subject changed"
    );
    let first = tickets
        .iter()
        .find(|t| t.body.starts_with("Where"))
        .unwrap();
    assert_eq!(first.body, "Where is my order #W1234567?");
    assert_eq!(
        first.customer.email.as_deref(),
        Some("amelia.wong8841@example.com"),
        "DMARC passed at the trusted MTA"
    );
    let second = tickets.iter().find(|t| t.body.starts_with("Also")).unwrap();
    assert_eq!(second.body, "Also, can I change the address?");
    assert_eq!(
        second.customer.email, None,
        "no trusted verdict: no identity"
    );

    // Every message left the inbox for Done; a second poll finds nothing.
    admin.select("INBOX").await.unwrap();
    assert!(admin.uid_search("ALL").await.unwrap().is_empty());
    admin.select("Done").await.unwrap();
    assert_eq!(admin.uid_search("SEEN").await.unwrap().len(), 3);
    let again = poller.run(CancellationToken::new(), true).await.unwrap();
    assert_eq!(again.fetched, 0);

    // The same messages appended again (a mailbox restored from backup) are duplicates.
    admin.select("INBOX").await.unwrap();
    admin
        .append("INBOX", None, None, FIRST.replace("{u}", &u))
        .await
        .unwrap();
    let third = poller.run(CancellationToken::new(), true).await.unwrap();
    assert_eq!((third.fetched, third.duplicates), (1, 1));
    let _ = admin.logout().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_unacknowledged_message_stays_unseen() {
    let Some((host, port, password)) = imap_server() else {
        return;
    };
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let user = unique("support");
    let u = unique("m");
    let mut admin = imap_session(&host, port, &user, &password).await;
    admin
        .append("INBOX", None, None, FIRST.replace("{u}", &u))
        .await
        .unwrap();
    // A broker that never answers.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = dead.local_addr().unwrap().to_string();
    drop(dead);
    base.cfg.channels.gateway.produce_timeout = Duration::from_millis(500);
    let acceptor = frontdesk::channels::accept::build(&base.cfg, &addr, &base.state).unwrap();
    let mut cfg = imap_cfg(&host, port, &user);
    cfg.done_mailbox = None;
    let poller = Poller::new(cfg, password.clone(), vec![], acceptor, base.mail_tickets());
    assert!(poller.run(CancellationToken::new(), true).await.is_err());
    admin.select("INBOX").await.unwrap();
    assert_eq!(
        admin.uid_search("UNSEEN").await.unwrap().len(),
        1,
        "not marked done without an acknowledgement"
    );
    let _ = admin.logout().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn smtp_replies_are_threaded_plain_and_html() {
    let Some((host, port, maildir)) = smtp_server() else {
        return;
    };
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    set_test_secrets();
    let u = unique("smtp");
    base.cfg.channels.email = Some(frontdesk::channels::config::EmailConfig {
        trusted_authserv_ids: vec![],
        mime_token_env: None,
        mailgun_signing_key_env: None,
        sendgrid_password_env: None,
        imap: None,
        smtp: Some(SmtpConfig {
            host,
            port,
            security: SmtpSecurity::None,
            username: None,
            password_env: None,
            from: "Acme Support <support@acme.example>".into(),
            handoff_to: Some("team@acme.example".into()),
        }),
    });
    let ticket = format!("email:{u}");
    seed_origin(
        &base,
        &ticket,
        "email:conv1",
        Provider::Email,
        Origin {
            message_id: Some(format!("{u}@example.com")),
            references: vec![format!("root-{u}@example.com"), format!("{u}@example.com")],
            reply_to: Some("amelia.wong8841@example.com".into()),
            subject: Some("Order W1234567".into()),
            ..Default::default()
        },
    )
    .await;
    let mut r = resolution(
        &ticket,
        "email:conv1",
        Channel::Email,
        "Your order shipped.\n\nTracking: 1Z999 & more",
    );
    // A one-time code goes to the address on file, not to the sender.
    r.notifications = vec![frontdesk::messages::Notification {
        channel: Channel::Email,
        to: format!("on-file-{u}@example.com"),
        subject: Some("Your verification code".into()),
        body: "Your code is 482913.".into(),
    }];
    publish_resolution(&base, &r).await;
    let d = start_deliver(&base);
    let find = || -> Option<String> {
        let dir = maildir.join("new");
        std::fs::read_dir(dir).ok()?.find_map(|e| {
            let raw = std::fs::read_to_string(e.ok()?.path()).ok()?;
            // Unfolded headers.
            let text = raw
                .replace("\r\n", "\n")
                .replace("\n ", " ")
                .replace("\n\t", " ");
            text.contains(&format!("In-Reply-To: <{u}@example.com>"))
                .then_some(text)
        })
    };
    eventually(
        "the reply in the SMTP server's maildir",
        Duration::from_secs(30),
        || find().is_some(),
    )
    .await;
    let text = find().unwrap();
    assert!(text.contains("Subject: Re: Order W1234567"), "{text}");
    assert!(
        text.contains(&format!(
            "References: <root-{u}@example.com> <{u}@example.com>"
        )),
        "{text}"
    );
    assert!(text.contains("Auto-Submitted: auto-replied"), "{text}");
    assert!(text.contains("multipart/alternative"), "{text}");
    assert!(
        text.contains("&amp; more"),
        "the HTML part is escaped: {text}"
    );
    // The reply's Message-ID joined the thread: the customer's answer to it continues it.
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("Message-ID: <"))
        .map(|l| l.trim_end_matches('>').to_owned())
        .unwrap();
    let threads = frontdesk::channels::mail::Threads::new(base.state.pool().clone());
    let answer = frontdesk::channels::mail::InboundMail {
        message_id: Some(format!("answer-{u}@example.com")),
        in_reply_to: vec![id],
        ..Default::default()
    };
    assert_eq!(
        threads.conversation_for(&answer).await.unwrap(),
        "email:conv1"
    );
    let code = || -> Option<String> {
        std::fs::read_dir(maildir.join("new")).ok()?.find_map(|e| {
            let raw = std::fs::read_to_string(e.ok()?.path()).ok()?;
            raw.contains(&format!("To: on-file-{u}@example.com"))
                .then_some(raw)
        })
    };
    eventually("the notification", Duration::from_secs(30), || {
        code().is_some()
    })
    .await;
    let code = code().unwrap();
    assert!(code.contains("Subject: Your verification code"), "{code}");
    assert!(code.contains("Your code is 482913."), "{code}");
    assert!(!code.contains("In-Reply-To"), "not threaded: {code}");
    d.stop().await;
}
