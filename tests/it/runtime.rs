//! The runner against real brokers: per-key order under concurrency, poison records.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use frontdesk::messages::{
    Channel, DeadLetter, Envelope, Handoff, Identity, RecordKind, Rule, Ticket,
};
use frontdesk::runtime::{Input, Outcome, Runner, Stage, StageContext, StageError, Wiring};
use rand::Rng;
use tokio_util::sync::CancellationToken;

use crate::helpers::*;

/// Waits a random few milliseconds, so records of different keys finish out of order.
struct Jitter;

#[async_trait]
impl Stage for Jitter {
    fn name(&self) -> &'static str {
        "jitter"
    }
    async fn process(&self, env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        let ms = rand::thread_rng().gen_range(0..15);
        tokio::time::sleep(Duration::from_millis(ms)).await;
        if env.ticket.body == "poison" {
            return Err(StageError::Permanent {
                kind: "poison",
                reason: "the stage refuses this record".into(),
            });
        }
        Ok(Outcome::Forward(Box::new(env)))
    }
}

fn ticket(key: usize, seq: usize, body: &str) -> Ticket {
    Ticket {
        ticket_id: format!("k{key}-s{seq}"),
        conversation_id: format!("k{key}"),
        channel: Channel::Chat,
        customer: Identity::default(),
        subject: None,
        body: body.to_owned(),
        attachments: vec![],
        received_at: 0,
        headers: Default::default(),
        locale: None,
    }
}

struct Rig {
    _broker: Broker,
    _dir: tempfile::TempDir,
    brokers: String,
    cfg: frontdesk::config::Config,
    input: String,
    output: String,
    /// Resolutions, handoffs and audit records (the runner's own handoffs land here).
    outcomes: String,
    dl: String,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<Result<(), frontdesk::runtime::RunnerError>>,
}

async fn rig(which: Which, max_in_flight: usize) -> Option<Rig> {
    rig_with(which, max_in_flight, Arc::new(Jitter)).await
}

async fn rig_with(which: Which, max_in_flight: usize, stage: Arc<dyn Stage>) -> Option<Rig> {
    let broker = broker(which)?;
    let brokers = broker.bootstrap();
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = test_config(dir.path());
    cfg.runtime.max_in_flight = max_in_flight;
    let p = cfg.topics.prefix.clone();
    let (input, output, outcomes, dl) = (
        format!("{p}.in"),
        format!("{p}.out"),
        format!("{p}.outcomes"),
        format!("{p}.dl"),
    );
    for t in [&input, &output, &outcomes, &dl] {
        create_topic(&cfg, &broker, t, 3).await;
    }
    let wiring = Wiring {
        inputs: vec![Input::Tickets {
            topic: input.clone(),
            channel: Channel::Chat,
        }],
        forward: Some(output.clone()),
        resolutions: outcomes.clone(),
        handoffs: outcomes.clone(),
        audit: outcomes.clone(),
        deadletter: dl.clone(),
    };
    let runner = Runner::new(
        stage,
        wiring,
        codec(),
        &brokers,
        &format!("{p}-g"),
        cfg.kafka.clone(),
        cfg.runtime.clone(),
        None,
    );
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(runner.run(shutdown.clone()));
    Some(Rig {
        _broker: broker,
        _dir: dir,
        brokers,
        cfg,
        input,
        output,
        outcomes,
        dl,
        shutdown,
        task,
    })
}

async fn per_key_order(which: Which) {
    let Some(rig) = rig(which, 64).await else {
        return;
    };
    let p = producer(&rig.cfg, &rig.brokers);
    let c = codec();
    let (keys, per_key) = (20, 15);
    for seq in 0..per_key {
        for key in 0..keys {
            let t = ticket(key, seq, "hello");
            send(
                &p,
                &rig.input,
                &t.conversation_id,
                &c.encode(RecordKind::Ticket, &rig.input, &t).await.unwrap(),
            )
            .await;
        }
    }
    let obs = observer(&rig.cfg, &rig.brokers, &[&rig.output]);
    let seen = collect_until(&obs, Duration::from_secs(120), |s| {
        s.len() >= keys * per_key
    })
    .await;
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for s in &seen {
        let env: Envelope = c.decode(RecordKind::Envelope, &s.value).await.unwrap();
        let seq: usize = env
            .ticket
            .ticket_id
            .rsplit("-s")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        by_key
            .entry(env.ticket.conversation_id)
            .or_default()
            .push(seq);
    }
    assert_eq!(by_key.len(), keys);
    for (key, seqs) in by_key {
        assert_eq!(
            seqs,
            (0..per_key).collect::<Vec<_>>(),
            "records of {key} were reordered"
        );
    }
    rig.shutdown.cancel();
    rig.task.await.unwrap().unwrap();
}

async fn poison_is_dead_lettered_and_later_records_still_flow(which: Which) {
    let Some(rig) = rig(which, 8).await else {
        return;
    };
    let p = producer(&rig.cfg, &rig.brokers);
    let c = codec();
    // Same key: the records after the poison wait behind it, so this proves the offset moves on.
    let good1 = ticket(1, 0, "first");
    send(
        &p,
        &rig.input,
        "k1",
        &c.encode(RecordKind::Ticket, &rig.input, &good1)
            .await
            .unwrap(),
    )
    .await;
    send(&p, &rig.input, "k1", b"\x00\x00\x00\x00\x02garbage").await;
    send(
        &p,
        &rig.input,
        "k1",
        &c.encode(RecordKind::Ticket, &rig.input, &ticket(1, 2, "poison"))
            .await
            .unwrap(),
    )
    .await;
    send(
        &p,
        &rig.input,
        "k1",
        &serde_json::to_vec(&ticket(1, 3, "after")).unwrap(),
    )
    .await;

    let obs = observer(&rig.cfg, &rig.brokers, &[&rig.output, &rig.dl]);
    let seen = collect_until(&obs, Duration::from_secs(120), |s| s.len() >= 4).await;
    let outs: Vec<_> = seen.iter().filter(|s| s.topic == rig.output).collect();
    let dls: Vec<_> = seen.iter().filter(|s| s.topic == rig.dl).collect();
    assert_eq!(outs.len(), 2, "both good records are processed");
    assert_eq!(dls.len(), 2);
    let mut kinds = Vec::new();
    for d in dls {
        let d: DeadLetter = c.decode(RecordKind::DeadLetter, &d.value).await.unwrap();
        assert_eq!(d.source_topic, rig.input);
        assert!(!d.reason.is_empty());
        assert_eq!(d.original_key.as_deref(), Some(&b"k1"[..]));
        kinds.push(d.error_kind);
    }
    kinds.sort();
    assert_eq!(kinds, vec!["invalid_avro", "poison"]);
    // Both customers reach a person: the poison ticket by its id, the unreadable record by
    // its key (the conversation) on this inbound topic.
    let outcomes = observer(&rig.cfg, &rig.brokers, &[&rig.outcomes]);
    // Two handoffs and their two audit records.
    let handed = collect_until(&outcomes, Duration::from_secs(60), |s| s.len() >= 4).await;
    let mut handoffs = Vec::new();
    for h in &handed {
        if let Ok(h) = c.decode::<Handoff>(RecordKind::Handoff, &h.value).await {
            assert_eq!(h.reason_code, Rule::DeadLettered);
            assert_eq!(h.conversation_id, "k1");
            handoffs.push(h.ticket_id);
        }
    }
    handoffs.sort();
    assert_eq!(handoffs.len(), 2, "{handoffs:?}");
    assert_eq!(handoffs[0], "k1-s2");
    assert!(handoffs[1].starts_with("unreadable:"), "{handoffs:?}");
    rig.shutdown.cancel();
    rig.task.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn keeps_per_key_order_under_concurrency_mock() {
    per_key_order(Which::Mock).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn keeps_per_key_order_under_concurrency_tansu() {
    per_key_order(Which::Tansu).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn advances_past_poison_records_mock() {
    poison_is_dead_lettered_and_later_records_still_flow(Which::Mock).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn advances_past_poison_records_tansu() {
    poison_is_dead_lettered_and_later_records_still_flow(Which::Tansu).await;
}

/// A stage whose dependency is down while `down` is set.
struct Outage {
    down: Arc<std::sync::atomic::AtomicBool>,
    name: &'static str,
}

#[async_trait]
impl Stage for Outage {
    fn name(&self) -> &'static str {
        self.name
    }
    async fn process(&self, env: Envelope, _ctx: &StageContext) -> Result<Outcome, StageError> {
        if self.down.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StageError::Unavailable {
                reason: "provider rate-limited".into(),
                retry_after: Duration::from_millis(300),
            });
        }
        Ok(Outcome::Forward(Box::new(env)))
    }
}

async fn wait_for(what: &str, cond: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !cond() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// While a dependency is down the consumer pauses (nothing is produced, nothing is
/// dead-lettered); when it is back the consumer resumes and every record goes through.
async fn holds_back_while_a_dependency_is_down(which: Which, name: &'static str) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let down = Arc::new(AtomicBool::new(true));
    let stage = Arc::new(Outage {
        down: down.clone(),
        name,
    });
    let Some(rig) = rig_with(which, 64, stage).await else {
        return;
    };
    let metrics = frontdesk::runtime::metrics::StageMetrics::register(name);
    let p = producer(&rig.cfg, &rig.brokers);
    let c = codec();
    let n = 30;
    for i in 0..n {
        let t = ticket(i % 10, i, "hello");
        send(
            &p,
            &rig.input,
            &t.conversation_id,
            &c.encode(RecordKind::Ticket, &rig.input, &t).await.unwrap(),
        )
        .await;
    }
    let obs = observer(&rig.cfg, &rig.brokers, &[&rig.output, &rig.dl]);
    wait_for("the consumer pauses", || {
        metrics.paused.load(Ordering::Relaxed) == 1
    })
    .await;
    assert!(
        collect_for(&obs, Duration::from_secs(2)).await.is_empty(),
        "nothing is produced or dead-lettered while the dependency is down"
    );
    assert!(metrics.dependency_holds.load(Ordering::Relaxed) > 0);
    down.store(false, Ordering::SeqCst);
    let seen = collect_until(&obs, Duration::from_secs(120), |s| s.len() >= n).await;
    assert!(
        seen.iter().all(|s| s.topic == rig.output),
        "no dead letters"
    );
    let ids: std::collections::HashSet<String> = futures::future::join_all(
        seen.iter()
            .map(|s| c.decode::<Envelope>(RecordKind::Envelope, &s.value)),
    )
    .await
    .into_iter()
    .map(|e| e.unwrap().ticket.ticket_id)
    .collect();
    assert_eq!(
        ids.len(),
        n,
        "every record went through once the dependency was back"
    );
    wait_for("the consumer resumes", || {
        metrics.paused.load(Ordering::Relaxed) == 0
    })
    .await;
    rig.shutdown.cancel();
    rig.task.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn holds_back_while_a_dependency_is_down_mock() {
    holds_back_while_a_dependency_is_down(Which::Mock, "outage-mock").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn holds_back_while_a_dependency_is_down_tansu() {
    holds_back_while_a_dependency_is_down(Which::Tansu, "outage-tansu").await;
}
