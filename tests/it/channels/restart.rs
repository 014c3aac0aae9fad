//! `frontdesk deliver` killed (SIGKILL) midway through 400 records for four providers and
//! started again: every record is delivered, and none twice at the providers that can be
//! asked. What the killed process had in flight is either in the outbox as sent (skipped)
//! or as sending (looked up at the provider before it is sent again). The generic webhook
//! cannot be asked: a repeat there carries the same `Idempotency-Key`, and is counted apart.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use frontdesk::channels::{Origin, Provider};
use frontdesk::messages::Channel;

use super::deliver_rig::{publish_resolution, resolution, seed_origin, set_test_secrets};
use super::fakes::{self, Fake, Script};
use super::rig::*;
use crate::helpers::Which;

fn spawn_deliver(base: &Base, config: &std::path::Path) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    // The embedded broker lives in this test process: its sockets must not leak into the
    // child, or a killed deliver's connections stay open on the broker's side.
    frontdesk::chaos::supervisor::no_inherited_descriptors(&mut cmd);
    cmd.args(["deliver", "--config", config.to_str().unwrap()])
        .env("FRONTDESK__KAFKA__BROKERS", &base.brokers)
        .env("FRONTDESK__TOPICS__PREFIX", &base.cfg.topics.prefix)
        .env(
            "FRONTDESK__KAFKA__GROUP_PREFIX",
            &base.cfg.kafka.group_prefix,
        )
        .env("FRONTDESK__KAFKA__SESSION_TIMEOUT", "10s")
        .env("FRONTDESK__KAFKA__MAX_POLL_INTERVAL", "20s")
        .env("FRONTDESK__RUNTIME__DRAIN_TIMEOUT", "5s")
        .env("FRONTDESK__STATE__URL", &base.cfg.state.url)
        .envs(crate::helpers::VAULT_KEYS)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn frontdesk deliver")
}

fn delivered(zd: &Fake, ic: &Fake, tw: &Fake, rx: &Fake) -> usize {
    zd.posted().len() + ic.posted().len() + tw.posted().len() + rx.posted().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deliver_killed_and_restarted_midway_delivers_each_record_once() {
    let Some(base) = base(Which::Mock).await else {
        return;
    };
    set_test_secrets();
    // Each answer takes 20 ms, so the kill lands while many are in flight.
    let slow = || Script {
        delay: Some(Duration::from_millis(20)),
        ..Default::default()
    };
    let zd = fakes::zendesk(slow()).await;
    let ic = fakes::intercom(slow()).await;
    let tw = fakes::twilio(slow()).await;
    let rx = fakes::webhook_receiver("whsec-test", slow()).await;
    let config = base.dir.path().join("deliver.toml");
    std::fs::write(
        &config,
        format!(
            r#"
[channels.deliver]
max_in_flight = 32
max_batch = 100

[channels.zendesk]
base_url = "{zd}"
email = "bot@acme.example"
api_token_env = "FD_IT_ZENDESK_TOKEN"

[channels.intercom]
base_url = "{ic}"
access_token_env = "FD_IT_INTERCOM_TOKEN"
admin_id = "6827949"

[channels.twilio]
base_url = "{tw}"
account_sid = "AC123"
auth_token_env = "FD_IT_TWILIO_TOKEN"
from = "+15558675310"

[channels.generic]
webhook_url = "{rx}/hook"
webhook_secret_env = "FD_IT_WEBHOOK_SECRET"
"#,
            zd = zd.uri(),
            ic = ic.uri(),
            tw = tw.uri(),
            rx = rx.uri()
        ),
    )
    .unwrap();

    let per = 100;
    for i in 0..per {
        let cases = [
            (
                Provider::Zendesk,
                format!("zendesk:{}", 1000 + i),
                Channel::Webhook,
            ),
            (
                Provider::Intercom,
                format!("intercom:{}", 2000 + i),
                Channel::Webhook,
            ),
            (Provider::Twilio, format!("sms:{i}"), Channel::Sms),
            (Provider::Generic, format!("shop:{i}"), Channel::Chat),
        ];
        for (provider, conv, channel) in cases {
            let ticket = format!("{}-t{i}", provider.as_str());
            let origin = Origin {
                thread_id: conv.split_once(':').map(|(_, t)| t.to_owned()),
                reply_to: Some(format!("+1415555{i:04}")),
                ..Default::default()
            };
            seed_origin(&base, &ticket, &conv, provider, origin).await;
            publish_resolution(
                &base,
                &resolution(&ticket, &conv, channel, &format!("Answer {i} for {conv}.")),
            )
            .await;
        }
    }
    let total = 4 * per;

    let mut first = spawn_deliver(&base, &config);
    eventually("a quarter delivered", Duration::from_secs(120), || {
        delivered(&zd, &ic, &tw, &rx) >= total / 4
    })
    .await;
    first.kill().unwrap();
    first.wait().unwrap();
    let at_kill = delivered(&zd, &ic, &tw, &rx);
    let mut second = spawn_deliver(&base, &config);
    eventually("every record delivered", Duration::from_secs(180), || {
        let counts = [
            zd.counts(|p| p.target.clone()).len(),
            ic.counts(|p| p.target.clone()).len(),
            tw.counts(|p| p.target.clone()).len(),
            rx.counts(|p| p.target.clone()).len(),
        ];
        counts.iter().sum::<usize>() >= total
    })
    .await;
    // Stragglers (duplicates, if any) would arrive now.
    tokio::time::sleep(Duration::from_secs(3)).await;
    second.kill().unwrap();
    second.wait().unwrap();

    // Zendesk, Intercom and Twilio can be asked whether an interrupted call went through;
    // the generic webhook cannot: a repeat carries the same Idempotency-Key for the
    // receiver to drop, and is reported here apart.
    let mut duplicates = 0;
    let mut distinct = 0;
    for (name, fake) in [
        ("zendesk", &zd),
        ("intercom", &ic),
        ("twilio", &tw),
        ("webhook", &rx),
    ] {
        let counts: HashMap<String, usize> = fake.counts(|p| p.target.clone());
        distinct += counts.len();
        let dup: usize = counts.values().map(|c| c - 1).sum();
        eprintln!("{name}: {} delivered, {dup} delivered twice", counts.len());
        if name != "webhook" {
            duplicates += dup;
        }
    }
    eprintln!(
        "restart test: {total} records, {at_kill} delivered before the kill, {distinct} distinct deliveries, {duplicates} duplicates at Zendesk, Intercom and Twilio"
    );
    assert_eq!(distinct, total, "every record delivered");
    assert_eq!(duplicates, 0, "no record delivered twice");
}
