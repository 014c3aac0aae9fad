//! Deliver against provider fakes: each record is delivered once (a redelivered record is
//! skipped by the outbox), 429 waits for `Retry-After`, 5xx retries within the budget and
//! then dead-letters, a permanent 4xx dead-letters at once; SMS is split, Intercom handoffs
//! are a note then an assignment, the generic webhook is signed.

use std::time::{Duration, Instant};

use frontdesk::channels::{Origin, Provider};
use frontdesk::messages::{Channel, DeadLetter};

use super::fakes::{self, Script};
use super::rig::*;
use crate::helpers::*;

use super::deliver_rig::*;

fn zendesk_origin(thread: &str) -> Origin {
    Origin {
        thread_id: Some(thread.into()),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn zendesk_resolutions_and_handoffs_are_posted_once_even_when_redelivered() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let zd = fakes::zendesk(Script::default()).await;
    base.cfg.channels.zendesk = Some(zendesk_cfg(&zd.uri()));
    seed_origin(
        &base,
        "zendesk:comment:1",
        "zendesk:5158",
        Provider::Zendesk,
        zendesk_origin("5158"),
    )
    .await;
    seed_origin(
        &base,
        "zendesk:comment:2",
        "zendesk:5160",
        Provider::Zendesk,
        zendesk_origin("5160"),
    )
    .await;
    let r = resolution(
        "zendesk:comment:1",
        "zendesk:5158",
        Channel::Webhook,
        "Your order shipped on Monday.",
    );
    let h = handoff("zendesk:comment:2", "zendesk:5160", Channel::Webhook);
    publish_resolution(&base, &r).await;
    publish_handoff(&base, &h).await;
    // The same resolution again, as after an upstream redelivery.
    publish_resolution(&base, &r).await;
    let d = start_deliver(&base);
    eventually("two updates", Duration::from_secs(30), || {
        zd.posted().len() >= 2
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let posted = zd.posted();
    assert_eq!(posted.len(), 2, "{posted:?}");
    let res = posted.iter().find(|p| p.target == "5158").unwrap();
    assert_eq!(res.body["ticket"]["comment"]["public"], true);
    assert_eq!(
        res.body["ticket"]["comment"]["body"],
        "Your order shipped on Monday."
    );
    assert_eq!(res.body["ticket"]["status"], "solved");
    let note = posted.iter().find(|p| p.target == "5160").unwrap();
    assert_eq!(note.body["ticket"]["comment"]["public"], false);
    let text = note.body["ticket"]["comment"]["body"].as_str().unwrap();
    for part in [
        "approval_required",
        "Refund of $340",
        "refund_order",
        "We have refunded $340",
    ] {
        assert!(text.contains(part), "the note has {part}: {text}");
    }
    assert_eq!(
        note.body["ticket"]["additional_tags"][0],
        "frontdesk_handoff"
    );
    assert_eq!(note.body["ticket"]["group_id"], 98738);
    assert_eq!(note.body["ticket"]["status"], "open");
    d.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_429_waits_for_retry_after_then_delivers_once() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let zd = fakes::zendesk(Script {
        fail_first: vec![429],
        ..Default::default()
    })
    .await;
    base.cfg.channels.zendesk = Some(zendesk_cfg(&zd.uri()));
    fast_retries(&mut base);
    seed_origin(
        &base,
        "zendesk:comment:9",
        "zendesk:77",
        Provider::Zendesk,
        zendesk_origin("77"),
    )
    .await;
    publish_resolution(
        &base,
        &resolution("zendesk:comment:9", "zendesk:77", Channel::Webhook, "Done."),
    )
    .await;
    let d = start_deliver(&base);
    let deadline = Instant::now() + Duration::from_secs(30);
    while zd.requests().await < 1 {
        assert!(Instant::now() < deadline, "no request reached the fake");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let first = Instant::now();
    eventually("the update", Duration::from_secs(30), || {
        !zd.posted().is_empty()
    })
    .await;
    assert!(
        first.elapsed() >= Duration::from_millis(900),
        "Retry-After: 1 was honoured ({:?})",
        first.elapsed()
    );
    assert_eq!(zd.requests().await, 2);
    assert_eq!(zd.posted().len(), 1);
    d.stop().await;
}

/// One resolution for a Zendesk fake that always answers `status`: the dead letters and
/// the update requests the fake received.
async fn dead_letter_for(status: u16) -> Option<(Vec<DeadLetter>, usize)> {
    let mut base = base(Which::Mock).await?;
    let zd = fakes::zendesk(Script {
        always: Some(status),
        ..Default::default()
    })
    .await;
    base.cfg.channels.zendesk = Some(zendesk_cfg(&zd.uri()));
    fast_retries(&mut base);
    let origin = zendesk_origin("55");
    seed_origin(
        &base,
        "zendesk:comment:5",
        "zendesk:55",
        Provider::Zendesk,
        origin,
    )
    .await;
    let r = resolution("zendesk:comment:5", "zendesk:55", Channel::Webhook, "Done.");
    publish_resolution(&base, &r).await;
    let d = start_deliver(&base);
    let dls = dead_letters(&base, 1).await;
    let received = zd.server.received_requests().await.unwrap();
    let puts = received
        .iter()
        .filter(|r| r.method.as_str() == "PUT")
        .count();
    d.stop().await;
    Some((dls, puts))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn server_errors_retry_within_the_budget_then_dead_letter() {
    let Some((dls, puts)) = dead_letter_for(503).await else {
        return;
    };
    assert_eq!(dls.len(), 1, "{dls:?}");
    assert_eq!(dls[0].stage, "deliver");
    assert_eq!(dls[0].error_kind, "retries_exhausted");
    assert!(dls[0].reason.contains("503"), "{}", dls[0].reason);
    // max_attempts = 3 (each retry first checks the ticket's comments: the 503 may have hidden a success).
    assert_eq!(puts, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_permanent_4xx_dead_letters_at_once() {
    let Some((dls, puts)) = dead_letter_for(404).await else {
        return;
    };
    assert_eq!(dls.len(), 1);
    assert_eq!(dls[0].error_kind, "delivery_rejected");
    assert_eq!(puts, 1, "a 404 is not retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sms_is_split_intercom_handoffs_note_then_assign_and_webhooks_are_signed() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let tw = fakes::twilio(Script::default()).await;
    let ic = fakes::intercom(Script::default()).await;
    let hook = fakes::webhook_receiver("whsec-test", Script::default()).await;
    base.cfg.channels.twilio = Some(twilio_cfg(&tw.uri(), 40));
    base.cfg.channels.intercom = Some(intercom_cfg(&ic.uri()));
    base.cfg.channels.generic = Some(generic_cfg(&hook.uri()));
    seed_origin(
        &base,
        "twilio:SM1",
        "sms:abc",
        Provider::Twilio,
        Origin {
            message_id: Some("SM1".into()),
            reply_to: Some("+14155552671".into()),
            our_address: Some("+15558675310".into()),
            ..Default::default()
        },
    )
    .await;
    seed_origin(
        &base,
        "intercom:part:1",
        "intercom:191",
        Provider::Intercom,
        zendesk_origin("191"),
    )
    .await;
    seed_origin(
        &base,
        "shop-1",
        "shop-c1",
        Provider::Generic,
        Origin::default(),
    )
    .await;
    let reply = "Your order #W7678072 shipped on Monday by UPS and should arrive on Thursday at the latest.";
    publish_resolution(
        &base,
        &resolution("twilio:SM1", "sms:abc", Channel::Sms, reply),
    )
    .await;
    publish_handoff(
        &base,
        &handoff("intercom:part:1", "intercom:191", Channel::Webhook),
    )
    .await;
    publish_resolution(
        &base,
        &resolution("shop-1", "shop-c1", Channel::Chat, "Thanks!"),
    )
    .await;
    let d = start_deliver(&base);
    eventually("all deliveries", Duration::from_secs(30), || {
        tw.posted().len() >= 3 && ic.posted().len() >= 2 && !hook.posted().is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let sms = tw.posted();
    assert_eq!(sms.len(), 3, "{sms:?}");
    let bodies: Vec<&str> = sms
        .iter()
        .map(|p| p.body["Body"].as_str().unwrap())
        .collect();
    assert!(bodies.iter().all(|b| b.chars().count() <= 40), "{bodies:?}");
    assert_eq!(bodies.join(" "), reply);
    assert_eq!(sms[0].body["From"], "+15558675310");
    assert_eq!(sms[0].body["To"], "+14155552671");
    let parts = ic.posted();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].body["message_type"], "note");
    assert_eq!(parts[1].body["message_type"], "assignment");
    assert_eq!(parts[1].body["assignee_id"], "team-7");
    let hooks = hook.posted();
    assert_eq!(hooks.len(), 1, "signed, verified and accepted once");
    assert_eq!(hooks[0].target, "shop-1/generic/resolution");
    assert_eq!(hooks[0].body["kind"], "resolution");
    assert_eq!(hooks[0].body["record"]["reply"], "Thanks!");
    d.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_resolutions_notifications_go_to_their_own_addresses_once() {
    let Some(mut base) = base(Which::Mock).await else {
        return;
    };
    let zd = fakes::zendesk(Script::default()).await;
    let tw = fakes::twilio(Script::default()).await;
    let hook = fakes::webhook_receiver("whsec-test", Script::default()).await;
    base.cfg.channels.zendesk = Some(zendesk_cfg(&zd.uri()));
    let mut twilio = twilio_cfg(&tw.uri(), 160);
    twilio.from = Some("+15558675310".into());
    base.cfg.channels.twilio = Some(twilio);
    base.cfg.channels.generic = Some(generic_cfg(&hook.uri()));
    seed_origin(
        &base,
        "zendesk:comment:31",
        "zendesk:31",
        Provider::Zendesk,
        zendesk_origin("31"),
    )
    .await;
    let mut r = resolution(
        "zendesk:comment:31",
        "zendesk:31",
        Channel::Webhook,
        "We sent a code to the phone number on file.",
    );
    r.notifications = vec![
        frontdesk::messages::Notification {
            channel: Channel::Sms,
            to: "+15550001111".into(),
            subject: None,
            body: "Your code is 482913.".into(),
        },
        frontdesk::messages::Notification {
            channel: Channel::Chat,
            to: "customer-77".into(),
            subject: Some("Your code".into()),
            body: "Your code is 482913.".into(),
        },
    ];
    publish_resolution(&base, &r).await;
    // Redelivered upstream: neither the reply nor a notification goes out again.
    publish_resolution(&base, &r).await;
    let d = start_deliver(&base);
    eventually("reply and notifications", Duration::from_secs(30), || {
        !zd.posted().is_empty() && !tw.posted().is_empty() && !hook.posted().is_empty()
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(zd.posted().len(), 1, "{:?}", zd.posted());
    let sms = tw.posted();
    assert_eq!(sms.len(), 1, "{sms:?}");
    assert_eq!(sms[0].body["To"], "+15550001111");
    assert_eq!(sms[0].body["Body"], "Your code is 482913.");
    let hooks = hook.posted();
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    assert_eq!(hooks[0].body["kind"], "notification");
    assert_eq!(hooks[0].body["record"]["to"], "customer-77");
    assert_eq!(
        hooks[0].target,
        "zendesk:comment:31#notification-1/generic/notification"
    );
    d.stop().await;
}

/// A rig whose generic webhook is a fake receiver, with the vault the deliver process
/// opens tokens with.
async fn vault_and_webhook() -> Option<(Base, fakes::Fake, frontdesk::privacy::Vault)> {
    let mut base = base(Which::Mock).await?;
    let hook = fakes::webhook_receiver("whsec-test", Script::default()).await;
    base.cfg.channels.generic = Some(generic_cfg(&hook.uri()));
    let vault = frontdesk::privacy::build_vault(&base.cfg, &base.state)
        .unwrap()
        .unwrap();
    Some((base, hook, vault))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_customers_reply_shows_their_own_values_where_policy_allows() {
    let Some((base, hook, vault)) = vault_and_webhook().await else {
        return;
    };
    // E-mail addresses are revealed to the customer (the default); cards are not.
    let (said, _) = vault
        .protect(
            "shop-pii",
            "Card 4111 1111 1111 1111, receipts to jane.private@example.org",
        )
        .await
        .unwrap();
    let tokens: Vec<String> = frontdesk::privacy::token::find_tokens(&said)
        .map(|t| t.token.to_owned())
        .collect();
    assert_eq!(tokens.len(), 2, "{said}");
    seed_origin(
        &base,
        "shop-pii-1",
        "shop-pii",
        Provider::Generic,
        Origin::default(),
    )
    .await;
    let reply = format!(
        "The receipt goes to {} and the refund to the card {}.",
        tokens[1], tokens[0]
    );
    publish_resolution(
        &base,
        &resolution("shop-pii-1", "shop-pii", Channel::Chat, &reply),
    )
    .await;
    let d = start_deliver(&base);
    eventually("the reply", Duration::from_secs(30), || {
        !hook.posted().is_empty()
    })
    .await;
    d.stop().await;
    let body = hook.posted()[0].body.to_string();
    assert!(
        body.contains("The receipt goes to jane.private@example.org and the refund to the card [CARD ****1111]."),
        "{body}"
    );
    assert!(!body.contains("4111 1111") && !body.contains('⟦'), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sealed_one_time_code_is_opened_just_before_it_is_sent() {
    let Some((base, hook, vault)) = vault_and_webhook().await else {
        return;
    };
    let token = vault
        .seal("shop-code", frontdesk_guard::PiiKind::OneTimeCode, "582071")
        .await
        .unwrap();
    seed_origin(
        &base,
        "shop-code-1",
        "shop-code",
        Provider::Generic,
        Origin::default(),
    )
    .await;
    let mut r = resolution(
        "shop-code-1",
        "shop-code",
        Channel::Chat,
        "We sent a code to the e-mail address on file.",
    );
    r.notifications = vec![frontdesk::messages::Notification {
        channel: Channel::Chat,
        to: "customer-88".into(),
        subject: Some("Your verification code".into()),
        body: format!("Your verification code is {token}."),
    }];
    // What crosses the outbound topic holds the token, never the code.
    let on_topic = serde_json::to_string(&r).unwrap();
    assert!(!on_topic.contains("582071"), "{on_topic}");
    publish_resolution(&base, &r).await;
    let d = start_deliver(&base);
    eventually("the reply and the code", Duration::from_secs(30), || {
        hook.posted().len() >= 2
    })
    .await;
    d.stop().await;
    let posted = hook.posted();
    let notice = posted
        .iter()
        .find(|p| p.body["kind"] == "notification")
        .expect("the notification was sent");
    assert_eq!(notice.body["record"]["to"], "customer-88");
    assert_eq!(
        notice.body["record"]["body"],
        "Your verification code is 582071."
    );
    let reply = posted
        .iter()
        .find(|p| p.body["kind"] != "notification")
        .expect("the reply was sent");
    assert!(!reply.body.to_string().contains("582071"));
}
