//! One end-to-end test per provider: the provider's webhook (sent twice, as a provider's
//! retry would) -> gateway -> the four stages -> deliver -> exactly one delivery at the
//! provider's fake. E-mail goes IMAP (dovecot) -> ... -> SMTP (aiosmtpd).

use std::sync::Arc;
use std::time::Duration;

use frontdesk::channels::gateway::generic::Generic;
use frontdesk::channels::gateway::intercom::Intercom;
use frontdesk::channels::gateway::twilio::Twilio;
use frontdesk::channels::gateway::zendesk::Zendesk;
use frontdesk::channels::gateway::Webhook;
use frontdesk::stages::StageKind;
use frontdesk_llm::ApiKey;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::deliver_rig::{
    generic_cfg, intercom_cfg, start_deliver, twilio_cfg, zendesk_cfg, RunningDeliver,
};
use super::fakes::{self, Fake, Script};
use super::rig::*;
use crate::helpers::Which;

/// The four stages, in-process, on the base's broker and database.
struct Pipeline {
    shutdown: CancellationToken,
    tasks: JoinSet<Result<(), frontdesk::runtime::RunnerError>>,
}

async fn pipeline(base: &Base) -> Pipeline {
    let shutdown = CancellationToken::new();
    let mut tasks = JoinSet::new();
    frontdesk::pipeline::spawn_stages(
        &base.cfg,
        &base.brokers,
        &[
            StageKind::Router,
            StageKind::Tools,
            StageKind::Grounding,
            StageKind::Policy,
        ],
        &base.state,
        &shutdown,
        &mut tasks,
    )
    .await
    .unwrap();
    Pipeline { shutdown, tasks }
}

impl Pipeline {
    async fn stop(mut self) {
        self.shutdown.cancel();
        frontdesk::pipeline::join_stages(&mut self.tasks)
            .await
            .unwrap();
    }
}

/// Sends the webhook twice, runs everything until the fake has `calls` calls, then waits
/// a little longer for any duplicate.
async fn round_trip(
    base: &Base,
    hook: Arc<dyn Webhook>,
    path: &str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    fake: &Fake,
    calls: impl Fn(&Fake) -> bool,
) {
    let stages = pipeline(base).await;
    let d: RunningDeliver = start_deliver(base);
    let gw = gateway(base, vec![hook], 1 << 20).await;
    let url = format!("{}{path}", gw.url);
    let (first, _, body1) = post(&url, &headers, body.clone()).await;
    let (again, _, body2) = post(&url, &headers, body).await;
    assert_eq!((first, again), (200, 200), "{body1} / {body2}");
    assert!(
        body2.contains("duplicate") || body2.contains("<Response>"),
        "{body2}"
    );
    eventually("the delivery", Duration::from_secs(120), || calls(fake)).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    gw.shutdown.cancel();
    d.stop().await;
    stages.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn zendesk_webhook_to_one_comment() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let zd = fakes::zendesk(Script::default()).await;
    base.cfg.channels.zendesk = Some(zendesk_cfg(&zd.uri()));
    let body = golden("zendesk_comment_added.json");
    let hook = Arc::new(Zendesk::new(
        ApiKey::new("zd-secret"),
        Duration::from_secs(300),
    ));
    round_trip(
        &base,
        hook,
        "/webhooks/zendesk",
        zendesk_headers("zd-secret", &body),
        body,
        &zd,
        |f| !f.posted().is_empty(),
    )
    .await;
    let posted = zd.posted();
    assert_eq!(posted.len(), 1, "exactly one delivery: {posted:?}");
    assert_eq!(posted[0].target, "5158");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn intercom_webhook_to_one_reply_or_note() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let ic = fakes::intercom(Script::default()).await;
    base.cfg.channels.intercom = Some(intercom_cfg(&ic.uri()));
    let body = golden("intercom_user_created.json");
    let hook = Arc::new(Intercom::new(ApiKey::new("ic-secret")));
    round_trip(
        &base,
        hook,
        "/webhooks/intercom",
        intercom_headers("ic-secret", &body),
        body,
        &ic,
        |f| !f.posted().is_empty(),
    )
    .await;
    let messages: Vec<_> = ic
        .posted()
        .into_iter()
        .filter(|p| p.body["message_type"] != "assignment")
        .collect();
    assert_eq!(messages.len(), 1, "exactly one reply or note: {messages:?}");
    assert_eq!(messages[0].target, "1911149811");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twilio_sms_to_one_answer() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let tw = fakes::twilio(Script::default()).await;
    let hook_rx = fakes::webhook_receiver("whsec-test", Script::default()).await;
    base.cfg.channels.twilio = Some(twilio_cfg(&tw.uri(), 1600));
    // A handoff of an SMS goes to the team through the signed webhook.
    base.cfg.channels.generic = Some(generic_cfg(&hook_rx.uri()));
    let body = golden("twilio_sms.form");
    let public = "https://support.acme.example";
    let headers = twilio_headers("tw-token", &format!("{public}/webhooks/twilio/sms"), &body);
    let hook = Arc::new(Twilio::new(ApiKey::new("tw-token"), Some(public.into())));
    let rx = hook_rx.clone();
    round_trip(
        &base,
        hook,
        "/webhooks/twilio/sms",
        headers,
        body,
        &tw,
        move |f| !f.posted().is_empty() || !rx.posted().is_empty(),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let sms = tw.posted();
    let team = hook_rx.posted();
    // A resolution is one SMS; a handoff is the notice plus one webhook to the team.
    assert!(
        (sms.len() == 1 && team.is_empty()) || (sms.len() == 1 && team.len() == 1),
        "sms {sms:?} team {team:?}"
    );
    assert_eq!(sms[0].body["To"], "+14155552671");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn generic_json_to_one_signed_webhook() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let rx = fakes::webhook_receiver("whsec-test", Script::default()).await;
    base.cfg.channels.generic = Some(generic_cfg(&rx.uri()));
    let body = golden("generic_ticket.json");
    let hook = Arc::new(Generic::new(
        ApiKey::new("gen-token"),
        frontdesk::pipeline::codec(&base.cfg),
    ));
    let headers = vec![("authorization", "Bearer gen-token".to_owned())];
    round_trip(&base, hook, "/webhooks/generic", headers, body, &rx, |f| {
        !f.posted().is_empty()
    })
    .await;
    let posted = rx.posted();
    assert_eq!(posted.len(), 1, "{posted:?}");
    assert_eq!(posted[0].body["ticket_id"], "shop-4711");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn email_in_by_imap_out_by_smtp_once() {
    use frontdesk::channels::config::{EmailConfig, SmtpConfig, SmtpSecurity};
    let Some((imap_host, imap_port, password)) = imap_server() else {
        return;
    };
    let Some((smtp_host, smtp_port, maildir)) = smtp_server() else {
        return;
    };
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let u = frontdesk_test_unique();
    base.cfg.channels.email = Some(EmailConfig {
        trusted_authserv_ids: vec!["mx.acme.example".into()],
        mime_token_env: None,
        mailgun_signing_key_env: None,
        sendgrid_password_env: None,
        imap: None,
        smtp: Some(SmtpConfig {
            host: smtp_host,
            port: smtp_port,
            security: SmtpSecurity::None,
            username: None,
            password_env: None,
            from: "Acme Support <support@acme.example>".into(),
            handoff_to: Some(format!("team-{u}@acme.example")),
        }),
    });
    let stages = pipeline(&base).await;
    let d = start_deliver(&base);
    let user = format!("support-{u}");
    let tcp = tokio::net::TcpStream::connect((imap_host.as_str(), imap_port))
        .await
        .unwrap();
    let mut client = async_imap::Client::new(tcp);
    client.read_response().await.unwrap();
    let mut admin = client
        .login(&user, &password)
        .await
        .map_err(|(e, _)| e)
        .unwrap();
    let message = format!(
        "From: Amelia Wong <amelia.wong8841@example.com>\r\nTo: support@acme.example\r\nSubject: Order W1234567\r\nMessage-ID: <e2e-{u}@example.com>\r\nAuthentication-Results: mx.acme.example; dmarc=pass header.from=example.com\r\n\r\nWhere is my order #W1234567?\r\n"
    );
    // The same message twice (a mailbox that received it twice).
    admin.append("INBOX", None, None, &message).await.unwrap();
    admin.append("INBOX", None, None, &message).await.unwrap();
    let poller = frontdesk::channels::mail::Poller::new(
        frontdesk::channels::config::ImapConfig {
            host: imap_host,
            port: imap_port,
            tls: false,
            username: user,
            password_env: "FD_IT_IMAP_PASSWORD".into(),
            mailbox: "INBOX".into(),
            done_mailbox: None,
            poll_interval: Duration::from_millis(200),
            batch: 10,
        },
        password,
        vec!["mx.acme.example".into()],
        base.acceptor(),
        base.mail_tickets(),
    );
    let round = poller.run(CancellationToken::new(), true).await.unwrap();
    assert_eq!((round.accepted, round.duplicates), (1, 1));
    let ours = |text: &str| {
        text.contains(&format!("<e2e-{u}@example.com>"))
            || text.contains(&format!("team-{u}@acme.example"))
    };
    let count = || -> usize {
        std::fs::read_dir(maildir.join("new"))
            .map(|d| {
                d.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                    .filter(|t| ours(&t.replace("\r\n", "\n").replace("\n ", " ")))
                    .count()
            })
            .unwrap_or(0)
    };
    eventually(
        "the answer in the SMTP server's maildir",
        Duration::from_secs(120),
        || count() >= 1,
    )
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(count(), 1, "exactly one message out");
    d.stop().await;
    stages.stop().await;
    let _ = admin.logout().await;
}

fn frontdesk_test_unique() -> String {
    crate::helpers::unique("e2e")
}
