//! `frontdesk dlq`: list the dead letters by reason, re-drive them after a fix, and a
//! second re-drive does nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use frontdesk::dlq::{read_all, replay, Selection};
use frontdesk::messages::{
    Channel, Envelope, Handoff, Identity, RecordKind, Resolution, Rule, Ticket,
};
use frontdesk::runtime::{Outcome, Runner, Stage, StageContext, StageError, Wiring};
use frontdesk::state::StateDb;
use frontdesk::topics::names;
use tokio_util::sync::CancellationToken;

use crate::helpers::*;

/// Panics on "boom" until fixed.
struct Buggy {
    fixed: AtomicBool,
}

#[async_trait]
impl Stage for Buggy {
    fn name(&self) -> &'static str {
        "buggy"
    }
    async fn process(&self, env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        if env.ticket.body == "boom" && !self.fixed.load(Ordering::SeqCst) {
            panic!("a bug, fixed later");
        }
        let t = env.ticket;
        Ok(Outcome::Resolve(Box::new(Resolution {
            ticket_id: t.ticket_id,
            conversation_id: t.conversation_id,
            channel: t.channel,
            customer: t.customer,
            reply: "fixed".into(),
            intents: vec![],
            actions: vec![],
            citations: vec![],
            cost: Default::default(),
            latency_ms: 0,
            resolved_at: 0,
            awaiting_customer: false,
            notifications: vec![],
        })))
    }
}

fn ticket(id: &str, body: &str) -> Ticket {
    Ticket {
        ticket_id: id.into(),
        conversation_id: format!("conv-{id}"),
        channel: Channel::Chat,
        customer: Identity::default(),
        subject: None,
        body: body.into(),
        attachments: vec![],
        received_at: 0,
        headers: Default::default(),
        locale: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dead_letters_are_listed_by_reason_and_replayed_once_after_a_fix() {
    let broker = broker(Which::Mock).unwrap();
    let brokers = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let cfg = test_config(dir.path());
    let topics = apply_topics(&cfg, &broker).await;
    let inbound = topics.inbound_for(Channel::Chat).unwrap();
    let (resolutions, handoffs, deadletter) = (
        topics.physical(names::RESOLUTIONS),
        topics.physical(names::HANDOFFS),
        topics.physical(names::DEADLETTER),
    );
    let state = StateDb::connect(&cfg.state.url, 4).await.unwrap();
    let stage = Arc::new(Buggy {
        fixed: AtomicBool::new(false),
    });
    let wiring = Wiring {
        inputs: vec![frontdesk::runtime::Input::Tickets {
            topic: inbound.clone(),
            channel: Channel::Chat,
        }],
        forward: None,
        resolutions: resolutions.clone(),
        handoffs: handoffs.clone(),
        audit: topics.physical(names::AUDIT),
        deadletter: deadletter.clone(),
    };
    let runner = Runner::new(
        stage.clone(),
        wiring,
        codec(),
        &brokers,
        &format!("{}-g", cfg.topics.prefix),
        cfg.kafka.clone(),
        cfg.runtime.clone(),
        Some(state.clone()),
    );
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(runner.run(shutdown.clone()));
    let p = producer(&cfg, &brokers);
    let c = codec();
    for (id, body) in [("t1", "boom"), ("t2", "hello"), ("t3", "boom")] {
        send(
            &p,
            &inbound,
            &format!("conv-{id}"),
            &serde_json::to_vec(&ticket(id, body)).unwrap(),
        )
        .await;
    }
    send(&p, &inbound, "conv-x", b"not a ticket at all").await;
    let obs = observer(&cfg, &brokers, &[&resolutions, &handoffs]);
    // t2 resolved; t1, t3 handed off (dead-lettered), and so is conv-x (identified by key).
    let first = collect_until(&obs, Duration::from_secs(60), |s| s.len() >= 4).await;
    let mut handed = Vec::new();
    for s in first.iter().filter(|s| s.topic == handoffs) {
        let h: Handoff = c.decode(RecordKind::Handoff, &s.value).await.unwrap();
        assert_eq!(h.reason_code, Rule::DeadLettered);
        handed.push(h.ticket_id);
    }
    handed.sort();
    assert_eq!(handed.len(), 3, "{handed:?}");

    let all = read_all(&brokers, &cfg.kafka, &deadletter, &c)
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let panics = Selection {
        reasons: vec!["panic".into()],
        ..Default::default()
    };
    let selected: Vec<_> = all.into_iter().filter(|l| panics.matches(l)).collect();
    assert_eq!(selected.len(), 2, "the unreadable record is not a panic");

    stage.fixed.store(true, Ordering::SeqCst);
    let report = replay(&selected, &deadletter, &p, &state, &c, &topics, false)
        .await
        .unwrap();
    assert_eq!((report.replayed, report.reopened), (2, 2));
    let again = collect_until(&obs, Duration::from_secs(60), |s| s.len() >= 2).await;
    let mut fixed = Vec::new();
    for s in &again {
        assert_eq!(s.topic, resolutions);
        let r: Resolution = c.decode(RecordKind::Resolution, &s.value).await.unwrap();
        fixed.push(r.ticket_id);
    }
    fixed.sort();
    assert_eq!(fixed, ["t1", "t3"]);

    let second = replay(&selected, &deadletter, &p, &state, &c, &topics, false)
        .await
        .unwrap();
    assert_eq!((second.replayed, second.already_replayed), (0, 2));
    assert!(collect_for(&obs, Duration::from_secs(3)).await.is_empty());
    shutdown.cancel();
    task.await.unwrap().unwrap();
}
