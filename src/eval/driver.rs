//! Runs cases through the real pipeline: the four stages on the embedded broker (or a
//! given one), the state database, and a sandbox store per case run.
//!
//! Each run of a case is its own conversation (`eval-<tenant>`) acting on its own store
//! tenant (the `x-sandbox-tenant` header, forwarded by the tools stage). The first message
//! is published on the case's inbound topic; when the agent answers with a reply that waits
//! for the customer, the next message of the case is published on the same conversation.
//! A run ends on a resolution, a handoff, a dead letter, a wait with no message left, or a
//! timeout; its store's digest and write ledger are taken at once and the store dropped.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::Context;
use frontdesk_sandbox::{Seed, Store, Tenants, TENANT_HEADER};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::Message;
use serde::Serialize;

use super::case::Case;
use crate::config::Config;
use crate::harness::{self, Broker, Harness, HarnessOptions, Stages};
use crate::messages::{
    now_ms, Codec, DeadLetter, Handoff, RecordKind, Resolution, Ticket, ToolCall,
};
use crate::stages::StageKind;
use crate::topics::names;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// The agent resolved the ticket.
    Resolved,
    /// The agent handed it to a human.
    Escalated,
    /// The agent asked the customer something and the case had no further message.
    Awaiting,
    /// The ticket went to the dead-letter topic.
    DeadLettered,
    /// Nothing came back in time.
    TimedOut,
}

/// A write the store accepted during a run.
#[derive(Debug, Clone, Serialize)]
pub struct StoreWrite {
    /// Operation.
    pub name: String,
    /// Arguments.
    pub arguments: serde_json::Value,
}

/// One exchange of the thread, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct Exchange {
    /// `customer` or `agent`.
    pub role: String,
    /// The text.
    pub text: String,
}

/// Everything observed about one run of one case.
#[derive(Debug, Clone, Serialize)]
pub struct Observed {
    /// Index into the case list.
    pub case: usize,
    /// Run number, from 0.
    pub run: usize,
    /// Store tenant and conversation suffix.
    pub tenant: String,
    /// How it ended.
    pub ending: Ending,
    /// Handoff reason code, when escalated.
    pub reason_code: Option<String>,
    /// The customer's and the agent's messages, in order.
    pub thread: Vec<Exchange>,
    /// Routed intents of the last ticket.
    pub intents: Vec<String>,
    /// Tool calls logged on the outbound records.
    pub tool_log: Vec<ToolCall>,
    /// Writes the store accepted (its ledger).
    pub writes: Vec<StoreWrite>,
    /// The store's digest at the end.
    pub digest: String,
    /// First publish to final outcome.
    pub latency_ms: u64,
    /// Model tokens in / out and cost, summed over the thread.
    pub tokens_in: i64,
    /// Tokens out.
    pub tokens_out: i64,
    /// Cost in USD.
    pub cost_usd: f64,
}

/// Driver settings.
#[derive(Debug, Clone)]
pub struct DriveOptions {
    /// Repetitions of each case.
    pub runs: usize,
    /// Case runs in flight at once.
    pub concurrency: usize,
    /// A run with no answer for this long times out.
    pub case_timeout: Duration,
    /// An external broker; the embedded one when `None`.
    pub brokers: Option<String>,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

/// A case run in flight; which case, run and tenant it is are in `obs`.
struct Active {
    sent: usize,
    started: Instant,
    last_sent: Instant,
    seen_tickets: HashSet<String>,
    obs: Observed,
}

/// Runs every case `opts.runs` times and returns what happened, in case order.
pub async fn drive(
    mut cfg: Config,
    cases: &[Case],
    seed: Seed,
    opts: &DriveOptions,
) -> anyhow::Result<Vec<Observed>> {
    let run_id = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    cfg.topics.prefix = format!("eval-{run_id}");
    cfg.kafka.group_prefix = format!("eval-{run_id}");
    cfg.runtime.drain_timeout = Duration::from_secs(5);
    let default = Store::open_seeded("sqlite::memory:", &seed)
        .await
        .context("opening the default sandbox store")?;
    let tenants = Tenants::new(default, seed);
    let harness = Harness::start(
        cfg,
        HarnessOptions {
            broker: match &opts.brokers {
                Some(b) => Broker::External(b.clone()),
                None => Broker::embedded()?,
            },
            store: harness::Store::Tenants(tenants.clone()),
            stages: Stages::Configured(StageKind::ALL.to_vec()),
            keep_state_url: false,
            declare_topics: true,
        },
    )
    .await?;
    let (cfg, brokers, topics, codec) = (
        &harness.cfg,
        harness.brokers.clone(),
        &harness.topics,
        &harness.codec,
    );
    let (res_t, hand_t, dl_t) = (
        topics.physical(names::RESOLUTIONS),
        topics.physical(names::HANDOFFS),
        topics.physical(names::DEADLETTER),
    );
    let observer = crate::kafka::observer(
        &brokers,
        &format!("eval-observer-{run_id}"),
        &cfg.kafka,
        &[res_t.as_str(), hand_t.as_str(), dl_t.as_str()],
    )?;
    let producer: FutureProducer = crate::kafka::producer(&brokers, &cfg.kafka)?;

    let mut queue: VecDeque<(usize, usize)> = (0..opts.runs)
        .flat_map(|run| (0..cases.len()).map(move |c| (c, run)))
        .collect();
    let total = queue.len();
    let mut active: HashMap<String, Active> = HashMap::new();
    let mut done: Vec<Observed> = Vec::with_capacity(total);
    let mut progress = Progress::new(total, opts.progress);
    let result: anyhow::Result<()> = async {
        loop {
            while active.len() < opts.concurrency.max(1) {
                let Some((case, run)) = queue.pop_front() else {
                    break;
                };
                let tenant = tenant_name(&cases[case].id, run, &run_id);
                let conv = format!("eval-{tenant}");
                let mut a = Active {
                    sent: 0,
                    started: Instant::now(),
                    last_sent: Instant::now(),
                    seen_tickets: HashSet::new(),
                    obs: Observed {
                        case,
                        run,
                        tenant,
                        ending: Ending::TimedOut,
                        reason_code: None,
                        thread: vec![],
                        intents: vec![],
                        tool_log: vec![],
                        writes: vec![],
                        digest: String::new(),
                        latency_ms: 0,
                        tokens_in: 0,
                        tokens_out: 0,
                        cost_usd: 0.0,
                    },
                };
                send_next(&producer, codec, topics, &cases[case], &conv, &mut a).await?;
                active.insert(conv, a);
            }
            if active.is_empty() {
                break;
            }
            let msg = tokio::time::timeout(Duration::from_millis(500), observer.recv()).await;
            let mut finished: Vec<(String, Ending)> = Vec::new();
            if let Ok(msg) = msg {
                let msg = msg?;
                let bytes = msg.payload().unwrap_or_default();
                if msg.topic() == res_t {
                    let r: Resolution = codec.decode(RecordKind::Resolution, bytes).await?;
                    if let Some(a) = active.get_mut(&r.conversation_id) {
                        if a.seen_tickets.insert(r.ticket_id.clone()) {
                            a.obs.thread.push(Exchange {
                                role: "agent".into(),
                                text: r.reply.clone(),
                            });
                            a.obs.intents = r.intents.clone();
                            a.obs.tool_log.extend(r.actions.iter().cloned());
                            a.obs.tokens_in += r.cost.tokens_in;
                            a.obs.tokens_out += r.cost.tokens_out;
                            a.obs.cost_usd += r.cost.usd;
                            if r.awaiting_customer {
                                if a.sent < cases[a.obs.case].messages.len() {
                                    let conv = r.conversation_id.clone();
                                    send_next(
                                        &producer,
                                        codec,
                                        topics,
                                        &cases[a.obs.case],
                                        &conv,
                                        a,
                                    )
                                    .await?;
                                } else {
                                    finished.push((r.conversation_id.clone(), Ending::Awaiting));
                                }
                            } else {
                                finished.push((r.conversation_id.clone(), Ending::Resolved));
                            }
                        }
                    }
                } else if msg.topic() == hand_t {
                    let h: Handoff = codec.decode(RecordKind::Handoff, bytes).await?;
                    if let Some(a) = active.get_mut(&h.conversation_id) {
                        if a.seen_tickets.insert(h.ticket_id.clone()) {
                            a.obs.thread.push(Exchange {
                                role: "agent".into(),
                                text: format!(
                                    "[handoff: {}] {} | {} | draft: {}",
                                    h.reason_code, h.reason, h.summary, h.draft_reply
                                ),
                            });
                            a.obs.reason_code = Some(h.reason_code.as_str().to_owned());
                            a.obs.intents = h
                                .route
                                .as_ref()
                                .map(|r| r.intents.iter().map(|i| i.intent.clone()).collect())
                                .unwrap_or_default();
                            a.obs.tool_log.extend(h.tool_log.iter().cloned());
                            a.obs.tokens_in += h.cost.tokens_in;
                            a.obs.tokens_out += h.cost.tokens_out;
                            a.obs.cost_usd += h.cost.usd;
                            finished.push((h.conversation_id.clone(), Ending::Escalated));
                        }
                    }
                } else if msg.topic() == dl_t {
                    let d: DeadLetter = codec.decode(RecordKind::DeadLetter, bytes).await?;
                    let conv = d
                        .original_key
                        .as_deref()
                        .map(|k| String::from_utf8_lossy(k).into_owned())
                        .unwrap_or_default();
                    if let Some(a) = active.get_mut(&conv) {
                        a.obs.thread.push(Exchange {
                            role: "agent".into(),
                            text: format!("[dead letter: {}] {}", d.error_kind, d.reason),
                        });
                        finished.push((conv, Ending::DeadLettered));
                    }
                }
            }
            for (conv, a) in &active {
                if a.last_sent.elapsed() > opts.case_timeout {
                    finished.push((conv.clone(), Ending::TimedOut));
                }
            }
            for (conv, ending) in finished {
                let Some(mut a) = active.remove(&conv) else {
                    continue;
                };
                a.obs.ending = ending;
                a.obs.latency_ms = a.started.elapsed().as_millis() as u64;
                let store = tenants
                    .store(&a.obs.tenant)
                    .await
                    .context("opening a case's store")?;
                a.obs.digest = store.digest().await?;
                a.obs.writes = store
                    .ledger()
                    .await?
                    .into_iter()
                    .filter(|e| e.ok)
                    .map(|e| StoreWrite {
                        name: e.operation,
                        arguments: e.arguments,
                    })
                    .collect();
                tenants.remove(&a.obs.tenant).await;
                done.push(a.obs);
                progress.tick();
            }
        }
        Ok(())
    }
    .await;
    progress.finish();
    // The clients go before the broker they talk to.
    drop((observer, producer));
    harness.stop().await?;
    result?;
    done.sort_by_key(|o| (o.case, o.run));
    Ok(done)
}

/// A tenant name from the case id: the store accepts `[A-Za-z0-9-_.:]`, at most 128.
fn tenant_name(case_id: &str, run: usize, run_id: &str) -> String {
    let clean: String = case_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    format!("{clean}.r{run}.{run_id}")
}

async fn send_next(
    producer: &FutureProducer,
    codec: &Codec,
    topics: &crate::topics::Topics,
    case: &Case,
    conv: &str,
    a: &mut Active,
) -> anyhow::Result<()> {
    let body = case.messages[a.sent].clone();
    let ticket = Ticket {
        ticket_id: format!("{conv}:{}", a.sent),
        conversation_id: conv.to_owned(),
        channel: case.channel(),
        customer: case.customer.identity(),
        subject: case.subject.clone(),
        body: body.clone(),
        attachments: vec![],
        received_at: now_ms(),
        headers: [(TENANT_HEADER.to_owned(), a.obs.tenant.clone())].into(),
        locale: None,
    };
    let topic = topics
        .inbound_for(case.channel())
        .context("no inbound topic for the case's channel")?;
    let value = codec.encode(RecordKind::Ticket, &topic, &ticket).await?;
    crate::kafka::send_appended(
        producer,
        || FutureRecord::to(&topic).key(conv).payload(&value),
        Duration::from_secs(30),
    )
    .await
    .map_err(|e| anyhow::anyhow!("publishing a case ticket: {e}"))?;
    a.obs.thread.push(Exchange {
        role: "customer".into(),
        text: body,
    });
    a.sent += 1;
    a.last_sent = Instant::now();
    Ok(())
}

/// Progress on stderr: an indicatif bar on a terminal; in logs and CI, one line per tenth.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    lines: bool,
    total: usize,
    done: usize,
    started: Instant,
}

impl Progress {
    fn new(total: usize, on: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let bar = (on && terminal).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("[{bar:30}] {pos}/{len} cases, {elapsed}")
            {
                bar.set_style(style.progress_chars("#>."));
            }
            bar
        });
        Progress {
            bar,
            lines: on && !terminal,
            total,
            done: 0,
            started: Instant::now(),
        }
    }

    fn tick(&mut self) {
        self.done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        let step = (self.total / 10).max(1);
        if self.lines && (self.done % step == 0 || self.done == self.total) {
            eprintln!(
                "eval: {}/{} cases, {:.0}s",
                self.done,
                self.total,
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
    }
}
