//! The deliver rig the channel tests share: the providers' test configs and secrets, a
//! running `frontdesk deliver`, seeded origins, and resolutions and handoffs published to
//! its topics.
use std::time::Duration;

use frontdesk::channels::config::{GenericConfig, IntercomConfig, TwilioConfig, ZendeskConfig};
use frontdesk::channels::inbox::{Entry, Inbox};
use frontdesk::channels::{Origin, Provider};
use frontdesk::messages::{
    Channel, Cost, DeadLetter, Handoff, Identity, PlannedCall, RecordKind, Resolution,
};
use frontdesk::topics::names;
use tokio_util::sync::CancellationToken;

use super::rig::*;
use crate::helpers::*;

pub fn set_test_secrets() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for (k, v) in [
            ("FD_IT_ZENDESK_TOKEN", "zd-api-token"),
            ("FD_IT_ZENDESK_SECRET", "zd-secret"),
            ("FD_IT_INTERCOM_TOKEN", "ic-access-token"),
            ("FD_IT_INTERCOM_SECRET", "ic-secret"),
            ("FD_IT_TWILIO_TOKEN", "tw-token"),
            ("FD_IT_WEBHOOK_SECRET", "whsec-test"),
            ("FD_IT_GENERIC_TOKEN", "gen-token"),
            ("FD_IT_IMAP_PASSWORD", "frontdesk-test"),
        ] {
            std::env::set_var(k, v);
        }
    });
}

pub fn zendesk_cfg(url: &str) -> ZendeskConfig {
    ZendeskConfig {
        signing_secret_env: Some("FD_IT_ZENDESK_SECRET".into()),
        max_clock_skew: Duration::from_secs(300),
        base_url: Some(url.to_owned()),
        email: Some("bot@acme.example".into()),
        api_token_env: Some("FD_IT_ZENDESK_TOKEN".into()),
        solved_status: "solved".into(),
        handoff_group_id: Some(98738),
        handoff_tags: vec!["frontdesk_handoff".into()],
    }
}

pub fn intercom_cfg(url: &str) -> IntercomConfig {
    IntercomConfig {
        client_secret_env: Some("FD_IT_INTERCOM_SECRET".into()),
        base_url: url.to_owned(),
        access_token_env: Some("FD_IT_INTERCOM_TOKEN".into()),
        admin_id: Some("6827949".into()),
        handoff_team_id: Some("team-7".into()),
        api_version: "2.11".into(),
    }
}

pub fn twilio_cfg(url: &str, max_chars: usize) -> TwilioConfig {
    TwilioConfig {
        auth_token_env: "FD_IT_TWILIO_TOKEN".into(),
        account_sid: Some("AC123".into()),
        base_url: url.to_owned(),
        from: None,
        max_chars,
        handoff_notice: Some("A person from our team will text you shortly.".into()),
    }
}

pub fn generic_cfg(receiver: &str) -> GenericConfig {
    GenericConfig {
        token_env: Some("FD_IT_GENERIC_TOKEN".into()),
        webhook_url: Some(format!("{receiver}/hook")),
        webhook_secret_env: Some("FD_IT_WEBHOOK_SECRET".into()),
    }
}

/// Quick retries for tests.
pub fn fast_retries(base: &mut Base) {
    let d = &mut base.cfg.channels.deliver;
    d.max_attempts = 3;
    d.initial_backoff = Duration::from_millis(50);
    d.max_backoff = Duration::from_millis(200);
    d.max_elapsed = Duration::from_secs(20);
}

pub struct RunningDeliver {
    pub shutdown: CancellationToken,
    pub task: tokio::task::JoinHandle<Result<(), frontdesk::channels::deliver::DeliverError>>,
}

impl RunningDeliver {
    /// Stops deliver and waits for its final commit (before the broker goes away).
    pub async fn stop(self) {
        self.shutdown.cancel();
        self.task.await.unwrap().unwrap();
    }
}

pub fn start_deliver(base: &Base) -> RunningDeliver {
    set_test_secrets();
    let d = frontdesk::channels::deliver::build(&base.cfg, &base.brokers, &base.state).unwrap();
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(d.run(shutdown.clone()));
    RunningDeliver { shutdown, task }
}

/// Records that the gateway accepted `ticket_id` from `provider` with `origin`.
pub async fn seed_origin(
    base: &Base,
    ticket_id: &str,
    conversation: &str,
    provider: Provider,
    origin: Origin,
) {
    let inbox = Inbox::new(base.state.pool().clone());
    inbox
        .claim(
            &Entry {
                ticket_id,
                conversation_id: conversation,
                provider,
                origin: &origin,
            },
            Duration::from_secs(60),
        )
        .await
        .unwrap();
    inbox.mark_published(&[ticket_id]).await.unwrap();
}

pub fn resolution(ticket: &str, conv: &str, channel: Channel, reply: &str) -> Resolution {
    Resolution {
        ticket_id: ticket.into(),
        conversation_id: conv.into(),
        channel,
        customer: Identity::default(),
        reply: reply.into(),
        intents: vec!["order_status".into()],
        actions: vec![],
        citations: vec![],
        cost: Cost::default(),
        latency_ms: 10,
        resolved_at: frontdesk::messages::now_ms(),
        awaiting_customer: false,
        notifications: vec![],
    }
}

pub fn handoff(ticket: &str, conv: &str, channel: Channel) -> Handoff {
    Handoff {
        ticket_id: ticket.into(),
        conversation_id: conv.into(),
        channel,
        customer: Identity::default(),
        reason_code: frontdesk::messages::Rule::ApprovalRequired,
        reason: "The refund is above the limit an agent may approve alone.".into(),
        summary: "Refund of $340 for order #W2378156 needs approval".into(),
        draft_reply: "We have refunded $340 to your card.".into(),
        transcript: vec![frontdesk::messages::Turn {
            role: "customer".into(),
            text: "Please refund my order".into(),
            at: 1,
        }],
        tool_log: vec![],
        proposed_action: Some(PlannedCall {
            tool: "refund_order".into(),
            arguments_json: "{\"order_id\":\"#W2378156\"}".into(),
        }),
        route: None,
        citations: vec![],
        cost: Cost::default(),
        latency_ms: 10,
        handed_off_at: frontdesk::messages::now_ms(),
    }
}

pub async fn publish_resolution(base: &Base, r: &Resolution) {
    let topic = base.topics.physical(names::RESOLUTIONS);
    let bytes = codec()
        .encode(RecordKind::Resolution, &topic, r)
        .await
        .unwrap();
    send(
        &producer(&base.cfg, &base.brokers),
        &topic,
        &r.conversation_id,
        &bytes,
    )
    .await;
}

pub async fn publish_handoff(base: &Base, h: &Handoff) {
    let topic = base.topics.physical(names::HANDOFFS);
    let bytes = codec()
        .encode(RecordKind::Handoff, &topic, h)
        .await
        .unwrap();
    send(
        &producer(&base.cfg, &base.brokers),
        &topic,
        &h.conversation_id,
        &bytes,
    )
    .await;
}

/// Dead letters: at least `expect` of them (waiting up to a minute), and whatever else
/// arrives in the next two seconds.
pub async fn dead_letters(base: &Base, expect: usize) -> Vec<DeadLetter> {
    let topic = base.topics.physical(names::DEADLETTER);
    let obs = observer(&base.cfg, &base.brokers, &[&topic]);
    let mut seen = collect_until(&obs, Duration::from_secs(60), |s| s.len() >= expect).await;
    seen.extend(collect_for(&obs, Duration::from_secs(2)).await);
    let c = codec();
    let mut out = Vec::new();
    for s in seen {
        out.push(c.decode(RecordKind::DeadLetter, &s.value).await.unwrap());
    }
    out
}
