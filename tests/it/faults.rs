//! The runner under faults it must absorb without sticking, losing or doubling a ticket:
//! a panicking stage, a dependency that never comes back, an output too large for the
//! broker, a second copy of a ticket while the first is finishing, and equal ticket ids
//! from two channels.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use frontdesk::messages::{
    AuditRecord, Channel, DeadLetter, Envelope, Handoff, RecordKind, Resolution, Rule, Ticket, Turn,
};
use frontdesk::runtime::budget::RetryBudget;
use frontdesk::runtime::{Input, Outcome, Runner, Stage, StageContext, StageError, Wiring};
use frontdesk::state::StateDb;
use tokio_util::sync::CancellationToken;

use crate::helpers::*;

fn ticket(id: &str, conversation: &str, channel: Channel, body: &str) -> Ticket {
    let mut t = Ticket::new(id, conversation, channel, body);
    t.customer.email = Some("someone@example.com".to_owned());
    t
}

fn resolution(env: &Envelope) -> Resolution {
    let t = &env.ticket;
    Resolution {
        ticket_id: t.ticket_id.clone(),
        conversation_id: t.conversation_id.clone(),
        channel: t.channel,
        customer: t.customer.clone(),
        reply: "done".to_owned(),
        intents: vec![],
        actions: vec![],
        citations: vec![],
        cost: Default::default(),
        latency_ms: 0,
        resolved_at: 0,
        awaiting_customer: false,
        notifications: vec![],
    }
}

fn handoff(env: &Envelope) -> Handoff {
    let t = &env.ticket;
    Handoff {
        ticket_id: t.ticket_id.clone(),
        conversation_id: t.conversation_id.clone(),
        channel: t.channel,
        customer: t.customer.clone(),
        reason_code: Rule::NoAnswer,
        reason: "a long thread".to_owned(),
        summary: String::new(),
        draft_reply: String::new(),
        transcript: vec![],
        tool_log: vec![],
        proposed_action: None,
        route: None,
        citations: vec![],
        cost: Default::default(),
        latency_ms: 0,
        handed_off_at: 0,
    }
}

/// What the test stage does with a ticket, by its body.
struct Scripted {
    calls: AtomicUsize,
}

#[async_trait]
impl Stage for Scripted {
    fn name(&self) -> &'static str {
        "scripted"
    }
    async fn process(&self, env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        match env.ticket.body.as_str() {
            "boom" => panic!("the stage fell over on purpose"),
            "store down" => Err(StageError::Transient(
                "store: 503 Service Unavailable".into(),
            )),
            "long thread" => {
                let mut h = handoff(&env);
                h.transcript = (0..3000)
                    .map(|i| Turn {
                        role: "customer".into(),
                        text: format!("turn {i}: {}", "x".repeat(1000)),
                        at: i,
                    })
                    .collect();
                Ok(Outcome::Handoff(Box::new(h)))
            }
            _ => Ok(Outcome::Resolve(Box::new(resolution(&env)))),
        }
    }
}

/// A terminal stage (no forward topic) on two inbound channels, with a state database.
struct Rig {
    _broker: Broker,
    _dir: tempfile::TempDir,
    brokers: String,
    cfg: frontdesk::config::Config,
    chat: String,
    email: String,
    resolutions: String,
    handoffs: String,
    audit: String,
    dl: String,
    stage: Arc<Scripted>,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<Result<(), frontdesk::runtime::RunnerError>>,
}

async fn rig(which: Which, tune: impl FnOnce(&mut frontdesk::config::Config)) -> Option<Rig> {
    let broker = broker(which)?;
    let brokers = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = test_config(dir.path());
    tune(&mut cfg);
    let p = cfg.topics.prefix.clone();
    let names: Vec<String> = ["chat", "email", "res", "hand", "audit", "dl"]
        .iter()
        .map(|n| format!("{p}.{n}"))
        .collect();
    for t in &names {
        create_topic(&cfg, &broker, t, 2).await;
    }
    let wiring = Wiring {
        inputs: vec![
            Input::Tickets {
                topic: names[0].clone(),
                channel: Channel::Chat,
            },
            Input::Tickets {
                topic: names[1].clone(),
                channel: Channel::Email,
            },
        ],
        forward: None,
        resolutions: names[2].clone(),
        handoffs: names[3].clone(),
        audit: names[4].clone(),
        deadletter: names[5].clone(),
    };
    let state = StateDb::connect(&cfg.state.url, 4).await.unwrap();
    let stage = Arc::new(Scripted {
        calls: AtomicUsize::new(0),
    });
    let runner = Runner::new(
        stage.clone(),
        wiring,
        codec(),
        &brokers,
        &format!("{p}-g"),
        cfg.kafka.clone(),
        cfg.runtime.clone(),
        Some(state),
    );
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(runner.run(shutdown.clone()));
    let [chat, email, resolutions, handoffs, audit, dl]: [String; 6] = names.try_into().unwrap();
    Some(Rig {
        _broker: broker,
        _dir: dir,
        brokers,
        cfg,
        chat,
        email,
        resolutions,
        handoffs,
        audit,
        dl,
        stage,
        shutdown,
        task,
    })
}

impl Rig {
    async fn send(&self, topic: &str, t: &Ticket) {
        let p = producer(&self.cfg, &self.brokers);
        send(
            &p,
            topic,
            &t.conversation_id,
            &serde_json::to_vec(t).unwrap(),
        )
        .await;
    }

    fn observe(&self, topics: &[&str]) -> rdkafka::consumer::StreamConsumer {
        observer(&self.cfg, &self.brokers, topics)
    }

    async fn stop(self) {
        self.shutdown.cancel();
        self.task.await.unwrap().unwrap();
    }
}

async fn decode<T: serde::de::DeserializeOwned>(kind: RecordKind, s: &Seen) -> T {
    codec().decode(kind, &s.value).await.unwrap()
}

async fn panics_are_dead_lettered_and_handed_off(which: Which) {
    let Some(rig) = rig(which, |_| {}).await else {
        return;
    };
    let obs = rig.observe(&[&rig.resolutions, &rig.handoffs, &rig.dl]);
    // Same conversation: the record after the panic waits behind it, so it arriving
    // proves the key and the partition moved on.
    for (id, body) in [("t1", "hello"), ("t2", "boom"), ("t3", "after")] {
        rig.send(&rig.chat, &ticket(id, "conv-1", Channel::Chat, body))
            .await;
    }
    let seen = collect_until(&obs, Duration::from_secs(60), |s| s.len() >= 4).await;
    let (mut resolved, mut handed, mut dead) = (vec![], vec![], vec![]);
    for s in &seen {
        if s.topic == rig.resolutions {
            resolved.push(
                decode::<Resolution>(RecordKind::Resolution, s)
                    .await
                    .ticket_id,
            );
        } else if s.topic == rig.handoffs {
            handed.push(decode::<Handoff>(RecordKind::Handoff, s).await);
        } else {
            dead.push(decode::<DeadLetter>(RecordKind::DeadLetter, s).await);
        }
    }
    resolved.sort();
    assert_eq!(resolved, ["t1", "t3"]);
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].error_kind, "panic");
    assert!(dead[0].reason.contains("on purpose"), "{}", dead[0].reason);
    assert_eq!(
        handed.len(),
        1,
        "the customer of the panicking ticket reaches a person"
    );
    assert_eq!(handed[0].ticket_id, "t2");
    assert_eq!(handed[0].reason_code, Rule::DeadLettered);
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn panics_are_dead_lettered_and_handed_off_mock() {
    panics_are_dead_lettered_and_handed_off(Which::Mock).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn panics_are_dead_lettered_and_handed_off_tansu() {
    panics_are_dead_lettered_and_handed_off(Which::Tansu).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_dependency_that_stays_down_hands_the_ticket_over_within_its_budget() {
    let budget = RetryBudget {
        max_attempts: 4,
        max_elapsed: Duration::from_secs(20),
    };
    let Some(rig) = rig(Which::Mock, |c| c.runtime.retry.transient = budget).await else {
        return;
    };
    let obs = rig.observe(&[&rig.resolutions, &rig.handoffs, &rig.audit, &rig.dl]);
    let started = std::time::Instant::now();
    rig.send(
        &rig.chat,
        &ticket("t1", "conv-1", Channel::Chat, "store down"),
    )
    .await;
    let seen = collect_until(&obs, Duration::from_secs(60), |s| {
        s.iter().any(|x| x.topic == rig.handoffs) && s.iter().any(|x| x.topic == rig.audit)
    })
    .await;
    assert!(
        started.elapsed() < budget.max_elapsed,
        "handed over within the budget"
    );
    assert_eq!(
        rig.stage.calls.load(Ordering::SeqCst),
        4,
        "tried max_attempts times"
    );
    let h = seen.iter().find(|s| s.topic == rig.handoffs).unwrap();
    let h: Handoff = decode(RecordKind::Handoff, h).await;
    assert_eq!(h.reason_code, Rule::RetriesExhausted);
    assert!(
        h.reason.contains("503"),
        "the reason says what failed: {}",
        h.reason
    );
    let a = seen.iter().find(|s| s.topic == rig.audit).unwrap();
    let a: AuditRecord = decode(RecordKind::Audit, a).await;
    let history: serde_json::Value = serde_json::from_str(&a.inputs_json).unwrap();
    assert_eq!(history["attempts"]["transient"], 4, "{history}");
    assert!(
        seen.iter().all(|s| s.topic != rig.dl),
        "a readable ticket is not dead-lettered"
    );
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_outcome_too_large_for_the_broker_is_windowed_not_retried_forever() {
    let Some(rig) = rig(Which::Mock, |_| {}).await else {
        return;
    };
    let obs = rig.observe(&[&rig.handoffs, &rig.dl]);
    rig.send(
        &rig.email,
        &ticket("t1", "conv-9", Channel::Email, "long thread"),
    )
    .await;
    let seen = collect_until(&obs, Duration::from_secs(60), |s| !s.is_empty()).await;
    assert_eq!(seen[0].topic, rig.handoffs);
    let h: Handoff = decode(RecordKind::Handoff, &seen[0]).await;
    assert!(seen[0].value.len() <= rig.cfg.runtime.max_output_bytes);
    let pointer = &h.transcript[0];
    assert!(
        pointer.text.contains("earlier turn(s) omitted") && pointer.text.contains("conv-9"),
        "{}",
        pointer.text
    );
    assert_eq!(
        h.transcript.last().unwrap().text,
        format!("turn 2999: {}", "x".repeat(1000))
    );
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_second_copy_of_a_finishing_ticket_gets_no_second_outcome() {
    let Some(rig) = rig(Which::Mock, |_| {}).await else {
        return;
    };
    let obs = rig.observe(&[&rig.resolutions]);
    // Each ticket twice in a row on its conversation, as an earlier stage that produced it
    // twice (a crash after its output was acknowledged) would: the copy starts as soon as
    // the first copy's outcome is enqueued.
    let n = 60;
    let p = producer(&rig.cfg, &rig.brokers);
    for i in 0..n {
        let t = ticket(
            &format!("t{i}"),
            &format!("conv-{i}"),
            Channel::Chat,
            "hello",
        );
        let bytes = serde_json::to_vec(&t).unwrap();
        send(&p, &rig.chat, &t.conversation_id, &bytes).await;
        send(&p, &rig.chat, &t.conversation_id, &bytes).await;
    }
    let seen = collect_until(&obs, Duration::from_secs(60), |s| s.len() >= n).await;
    let more = collect_for(&obs, Duration::from_secs(3)).await;
    assert_eq!(seen.len() + more.len(), n, "one outcome per ticket");
    rig.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn equal_ticket_ids_from_two_channels_are_two_tickets() {
    let Some(rig) = rig(Which::Mock, |_| {}).await else {
        return;
    };
    let obs = rig.observe(&[&rig.resolutions]);
    rig.send(
        &rig.chat,
        &ticket("42", "chat-conv", Channel::Chat, "hello"),
    )
    .await;
    collect_until(&obs, Duration::from_secs(60), |s| s.len() == 1).await;
    rig.send(
        &rig.email,
        &ticket("42", "mail-conv", Channel::Email, "hello"),
    )
    .await;
    let seen = collect_until(&obs, Duration::from_secs(60), |s| !s.is_empty()).await;
    let r: Resolution = decode(RecordKind::Resolution, &seen[0]).await;
    assert_eq!(r.conversation_id, "mail-conv");
    rig.stop().await;
}
