//! The whole pipeline as separate `frontdesk run` processes: at-least-once across a
//! SIGKILL, partition sharing and takeover between two processes, graceful SIGTERM.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use frontdesk::messages::{Channel, Handoff, Identity, RecordKind, Resolution, Ticket};
use frontdesk::topics::names;
use sqlx::Row;

use crate::helpers::*;

fn ticket(i: usize) -> Ticket {
    Ticket {
        ticket_id: format!("t-{i:05}"),
        conversation_id: format!("c-{}", i % 37),
        channel: Channel::Email,
        customer: Identity {
            email: Some(format!("u{i}@example.com")),
            ..Default::default()
        },
        subject: None,
        body: if i % 3 == 0 {
            "Where is my order #W1234567?".into()
        } else {
            "I want to talk to a human".into()
        },
        attachments: vec![],
        received_at: frontdesk::messages::now_ms(),
        headers: Default::default(),
        locale: None,
    }
}

/// Ticket ids of outbound records (resolutions and handoffs), with repetitions.
async fn outbound_ticket_ids(seen: &[Seen], res: &str) -> Vec<String> {
    let c = codec();
    let mut ids = Vec::new();
    for s in seen {
        if s.topic == res {
            let r: Resolution = c.decode(RecordKind::Resolution, &s.value).await.unwrap();
            ids.push(r.ticket_id);
        } else {
            let h: Handoff = c.decode(RecordKind::Handoff, &s.value).await.unwrap();
            ids.push(h.ticket_id);
        }
    }
    ids
}

async fn finished_tickets(state_url: &str) -> HashSet<String> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(state_url).await.unwrap();
    let rows = sqlx::query("SELECT ticket_id FROM processed_tickets")
        .fetch_all(&pool)
        .await
        .unwrap();
    rows.iter()
        .map(|r| r.get::<String, _>("ticket_id"))
        .collect()
}

async fn survives_sigkill_mid_batch(which: Which) {
    let Some(broker) = broker(which) else { return };
    let brokers = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let cfg = test_config(dir.path());
    let topics = apply_topics(&cfg, &broker).await;
    let (res, hand) = (
        topics.physical(names::RESOLUTIONS),
        topics.physical(names::HANDOFFS),
    );
    let inbound = topics.inbound_for(Channel::Email).unwrap();
    let n = 400;
    let p = producer(&cfg, &brokers);
    let c = codec();
    for i in 0..n {
        let t = ticket(i);
        send(
            &p,
            &inbound,
            &t.conversation_id,
            &c.encode(RecordKind::Ticket, &inbound, &t).await.unwrap(),
        )
        .await;
    }
    let obs = observer(&cfg, &brokers, &[&res, &hand]);

    // Static membership: the restarted process takes the killed one's place (and its
    // partitions) at once, instead of waiting for the dead member's session to time out.
    let member = [("FRONTDESK__KAFKA__GROUP_INSTANCE_ID", "sigkill-test")];
    let first = ChildStage::spawn_with(&cfg, &brokers, "router,tools,grounding,policy", &member);
    // Let part of the batch through, then kill without any chance to drain or commit.
    let mut seen = collect_until(&obs, Duration::from_secs(120), |s| s.len() >= n / 4).await;
    first.kill();
    let finished_before_kill = finished_tickets(&cfg.state.url).await;
    assert!(!finished_before_kill.is_empty());

    let mut second =
        ChildStage::spawn_with(&cfg, &brokers, "router,tools,grounding,policy", &member);
    let mut all: HashSet<String> = outbound_ticket_ids(&seen, &res).await.into_iter().collect();
    let mut restarts = 0;
    while all.len() < n {
        let more = match try_collect_until(&obs, Duration::from_secs(90), |s| !s.is_empty()).await {
            Ok(more) => more,
            // tansu 0.6 sometimes leaves the restarted static member without partitions
            // (#18): restart it again, as a supervisor would, a bounded number of times. Each
            // restart is one more SIGKILL the at-least-once guarantee must survive.
            Err(_) if restarts < 2 && matches!(which, Which::Tansu) => {
                restarts += 1;
                eprintln!("no progress in 90 s after the restart; restart {restarts}");
                second.kill();
                second = ChildStage::spawn_with(
                    &cfg,
                    &brokers,
                    "router,tools,grounding,policy",
                    &member,
                );
                continue;
            }
            Err(partial) => {
                let where_ = where_lost(&cfg, &brokers, &topics, n, &all).await;
                panic!(
                    "no progress after {restarts} restarts: {} of {n} tickets out, {} records in the last wait\n{where_}",
                    all.len(),
                    partial.len()
                )
            }
        };
        all.extend(outbound_ticket_ids(&more, &res).await);
        seen.extend(more);
    }
    // Give stragglers (duplicates, if any) a moment to show up: they count below.
    seen.extend(collect_for(&obs, Duration::from_secs(3)).await);
    assert_eq!(second.terminate(), Some(0), "SIGTERM drains and exits 0");

    let ids = outbound_ticket_ids(&seen, &res).await;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in &ids {
        *counts.entry(id.as_str()).or_default() += 1;
    }
    assert_eq!(
        counts.len(),
        n,
        "every ticket arrives downstream at least once"
    );
    for id in &finished_before_kill {
        assert_eq!(
            counts.get(id.as_str()),
            Some(&1),
            "{id} was finished before the kill and must not be duplicated"
        );
    }
}

/// Where the tickets without an outcome were last seen: each record naming one (topic,
/// partition, offset, and the reading group's committed offset there) and whether it is
/// marked finished, so a failure says which stage had it last.
async fn where_lost(
    cfg: &frontdesk::config::Config,
    brokers: &str,
    topics: &frontdesk::topics::Topics,
    n: usize,
    out: &HashSet<String>,
) -> String {
    let finished = finished_tickets(&cfg.state.url).await;
    let lost: Vec<(String, bool)> = (0..n)
        .map(|i| ticket(i).ticket_id)
        .filter(|id| !out.contains(id))
        .map(|id| (id, false))
        .collect();
    let readers = frontdesk::chaos::census::readers(topics, &cfg.kafka.group_prefix);
    let all: Vec<(String, i32)> = topics
        .all()
        .iter()
        .map(|d| (topics.physical(&d.name), d.partitions))
        .collect();
    let (b, k, lost2) = (brokers.to_owned(), cfg.kafka.clone(), lost.clone());
    let census = tokio::task::spawn_blocking(move || {
        frontdesk::chaos::census::census(&b, &k, &all, &readers, &lost2)
    })
    .await
    .unwrap();
    let mut text = String::new();
    match census {
        Ok(c) => {
            for t in c.lost {
                let marked = finished.contains(&t.ticket_id);
                text.push_str(&format!(
                    "{} (finished mark: {marked}) seen at {:?}\n",
                    t.ticket_id, t.seen_at
                ));
            }
        }
        Err(e) => text.push_str(&format!("census failed: {e}; lost {lost:?}\n")),
    }
    text
}

/// Sends `n` tickets from `*sent` on and waits until `n` routed records arrive.
async fn send_batch(
    p: &rdkafka::producer::FutureProducer,
    c: &frontdesk::messages::Codec,
    inbound: &str,
    obs: &rdkafka::consumer::StreamConsumer,
    sent: &mut usize,
    n: usize,
) -> Vec<Seen> {
    for _ in 0..n {
        let t = ticket(*sent);
        send(
            p,
            inbound,
            &t.conversation_id,
            &c.encode(RecordKind::Ticket, inbound, &t).await.unwrap(),
        )
        .await;
        *sent += 1;
    }
    collect_until(obs, Duration::from_secs(60), |s| s.len() >= n).await
}

/// Two instances of a stage in one consumer group. On the mock cluster (a complete group
/// coordinator) both must get partitions; on tansu, which does not always rebalance a running
/// member when a second one joins, the second instance must at least take over every
/// partition when the first leaves gracefully, losing nothing.
async fn two_processes_share_and_take_over(which: Which) {
    let expect_sharing = matches!(which, Which::Mock);
    let Some(broker) = broker(which) else { return };
    let brokers = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let cfg = test_config(dir.path());
    let topics = apply_topics(&cfg, &broker).await;
    let routed = topics.physical(names::ROUTED);
    let inbound = topics.inbound_for(Channel::Email).unwrap();
    let obs = observer(&cfg, &brokers, &[&routed]);
    let p = producer(&cfg, &brokers);
    let c = codec();
    let mut sent = 0;
    let a = ChildStage::spawn(&cfg, &brokers, "router");
    let pid_a = a.pid();
    // A alone: it owns every partition and routes everything.
    let first = send_batch(&p, &c, &inbound, &obs, &mut sent, 20).await;
    assert!(first
        .iter()
        .all(|s| s.headers["frontdesk-instance"].starts_with(&format!("{pid_a}@"))));
    let b = ChildStage::spawn(&cfg, &brokers, "router");
    let pid_b = b.pid();
    if expect_sharing {
        // Keep sending until both instances have produced: the group has split the partitions.
        let mut seen = Vec::new();
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        loop {
            seen.extend(send_batch(&p, &c, &inbound, &obs, &mut sent, 30).await);
            let instances: HashSet<&str> = seen
                .iter()
                .filter_map(|s| s.headers.get("frontdesk-instance"))
                .map(|s| s.as_str())
                .collect();
            if instances
                .iter()
                .any(|i| i.starts_with(&format!("{pid_b}@")))
            {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "both processes never got partitions: {instances:?}"
            );
        }
    } else {
        // Give B time to join before A leaves, so the leave rebalances onto a live member.
        send_batch(&p, &c, &inbound, &obs, &mut sent, 20).await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    // A leaves gracefully; B must take over every partition.
    assert_eq!(a.terminate(), Some(0));
    let before = sent;
    for _ in 0..60 {
        let t = ticket(sent);
        send(
            &p,
            &inbound,
            &t.conversation_id,
            &c.encode(RecordKind::Ticket, &inbound, &t).await.unwrap(),
        )
        .await;
        sent += 1;
    }
    let want: HashSet<String> = (before..sent).map(|i| format!("t-{i:05}")).collect();
    let mut got = HashSet::new();
    while !want.is_subset(&got) {
        let more = collect_until(&obs, Duration::from_secs(120), |s| !s.is_empty()).await;
        for s in more {
            let env: frontdesk::messages::Envelope =
                c.decode(RecordKind::Envelope, &s.value).await.unwrap();
            if want.contains(&env.ticket.ticket_id) {
                assert!(
                    s.headers["frontdesk-instance"].starts_with(&format!("{pid_b}@")),
                    "only B is left"
                );
            }
            got.insert(env.ticket.ticket_id);
        }
    }
    assert_eq!(b.terminate(), Some(0));
}

async fn every_kind_of_bad_input_is_dead_lettered(which: Which) {
    let Some(broker) = broker(which) else { return };
    let brokers = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = test_config(dir.path());
    cfg.runtime.max_body_bytes = 1000;
    let topics = apply_topics(&cfg, &broker).await;
    let (dl, hand, res) = (
        topics.physical(names::DEADLETTER),
        topics.physical(names::HANDOFFS),
        topics.physical(names::RESOLUTIONS),
    );
    let inbound = topics.inbound_for(Channel::Sms).unwrap();
    let p = producer(&cfg, &brokers);
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("undecodable", b"plain text".to_vec()),
        ("unknown_schema", vec![0, 0, 1, 0, 0, 9, 9]),
        (
            "missing_field",
            br#"{"ticket_id": "x", "body": "hi"}"#.to_vec(),
        ),
        (
            "oversize",
            format!(
                r#"{{"ticket_id": "x", "conversation_id": "c", "body": "{}"}}"#,
                "a".repeat(5000)
            )
            .into_bytes(),
        ),
        (
            "invalid_utf8",
            b"{\"ticket_id\": \"x\", \"conversation_id\": \"c\", \"body\": \"\xc3\x28\"}".to_vec(),
        ),
        ("invalid_json", b"{\"ticket_id\": ".to_vec()),
    ];
    for (i, (_, v)) in bad.iter().enumerate() {
        send(&p, &inbound, &format!("bad-{i}"), v).await;
    }
    let good = ticket(1);
    send(&p, &inbound, "good", &serde_json::to_vec(&good).unwrap()).await;
    let obs = observer(&cfg, &brokers, &[&dl, &hand, &res]);
    let stage = ChildStage::spawn_with(
        &cfg,
        &brokers,
        "router,tools,grounding,policy",
        &[("FRONTDESK__RUNTIME__MAX_BODY_BYTES", "1000")],
    );
    // Each bad record: a dead letter, and a handoff to a person (its key names the
    // conversation on this inbound topic); the good ticket: its outcome.
    let seen = collect_until(&obs, Duration::from_secs(120), |s| s.len() > 2 * bad.len()).await;
    let c = codec();
    let mut kinds = Vec::new();
    for s in seen.iter().filter(|s| s.topic == dl) {
        let d: frontdesk::messages::DeadLetter =
            c.decode(RecordKind::DeadLetter, &s.value).await.unwrap();
        assert!(!d.reason.is_empty());
        assert_eq!(d.stage, "router");
        kinds.push(d.error_kind);
    }
    kinds.sort();
    let mut want: Vec<String> = bad.iter().map(|(k, _)| (*k).to_owned()).collect();
    want.sort();
    assert_eq!(kinds, want);
    let mut dead_lettered = 0;
    let mut outcomes = Vec::new();
    for s in seen.iter().filter(|s| s.topic != dl) {
        let ticket_id = if s.topic == hand {
            let h: frontdesk::messages::Handoff =
                c.decode(RecordKind::Handoff, &s.value).await.unwrap();
            if h.reason_code == frontdesk::messages::Rule::DeadLettered {
                dead_lettered += 1;
                continue;
            }
            h.ticket_id
        } else {
            let r: frontdesk::messages::Resolution =
                c.decode(RecordKind::Resolution, &s.value).await.unwrap();
            r.ticket_id
        };
        outcomes.push(ticket_id);
    }
    assert_eq!(
        dead_lettered,
        bad.len(),
        "every bad record reaches a person"
    );
    assert_eq!(
        outcomes,
        [good.ticket_id],
        "the good ticket still goes through"
    );
    assert_eq!(stage.terminate(), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn at_least_once_across_sigkill_mock() {
    survives_sigkill_mid_batch(Which::Mock).await;
}

/// tansu 0.6 does not expire a SIGKILLed member: with dynamic membership the restarted
/// process got an empty assignment while the dead member kept every partition for minutes.
/// With static membership (the same `group.instance.id`) it takes the dead member's place.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn at_least_once_across_sigkill_tansu() {
    survives_sigkill_mid_batch(Which::Tansu).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_share_partitions_and_take_over_mock() {
    two_processes_share_and_take_over(Which::Mock).await;
}

/// Ignored by default: tansu 0.6's group coordinator does not reliably rebalance. CI saw
/// both failure modes: a second member never got partitions while the first ran (120 s),
/// and after the first member left gracefully the second got an empty assignment and kept
/// it. The same test on the mock cluster (a complete coordinator) runs every time.
/// Run it with `cargo test -- --ignored two_processes_share_partitions_and_take_over_tansu`.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "tansu 0.6 does not reliably rebalance a group; see docs/ARCHITECTURE.md"]
async fn two_processes_share_partitions_and_take_over_tansu() {
    two_processes_share_and_take_over(Which::Tansu).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dead_letters_every_kind_of_bad_input_mock() {
    every_kind_of_bad_input_is_dead_lettered(Which::Mock).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dead_letters_every_kind_of_bad_input_tansu() {
    every_kind_of_bad_input_is_dead_lettered(Which::Tansu).await;
}

async fn topics_apply_is_idempotent(which: Which) {
    let Some(broker) = broker(which) else { return };
    let dir = tempfile::tempdir().unwrap();
    let cfg = test_config(dir.path());
    let Broker::External(brokers) = &broker else {
        return;
    };
    let topics = frontdesk::pipeline::topics(&cfg).unwrap();
    let admin = frontdesk::kafka::admin(brokers, &cfg.kafka).unwrap();
    let first = topics.apply(&admin, 1).await.unwrap();
    assert_eq!(
        first.len(),
        topics.all().len(),
        "every declared topic is created"
    );
    let second = topics.apply(&admin, 1).await.unwrap();
    assert!(
        second.is_empty(),
        "a second apply creates nothing: {second:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn topics_apply_is_idempotent_tansu() {
    topics_apply_is_idempotent(Which::Tansu).await;
}
