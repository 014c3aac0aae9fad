//! `frontdesk demo`: the whole pipeline on the embedded broker and an SQLite file, fed
//! with sample tickets built from the shipped retail store, until every ticket has reached
//! an outbound or dead-letter topic.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::Message;
use serde::Serialize;

use crate::config::Config;
use crate::harness::{Broker, Harness, HarnessOptions, Stages, Store};
use crate::messages::{
    now_ms, Channel, Codec, DeadLetter, Handoff, Identity, RecordKind, Resolution, Ticket,
};
use crate::stages::StageKind;
use crate::topics::{names, Topics};

/// The shipped retail data: `data/retail` under the working directory, else under the
/// frontdesk home ([`crate::home`]).
pub fn default_data_dir() -> Result<PathBuf, crate::home::MissingFile> {
    crate::config::resolve_path("data/retail")
}

/// One inbound record to publish.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Channel (selects the inbound topic).
    pub channel: Channel,
    /// Kafka key.
    pub key: String,
    /// Value bytes (Avro, JSON, or deliberately broken).
    pub value: Vec<u8>,
    /// A well-formed ticket (None for the broken ones).
    pub ticket: Option<Ticket>,
    /// Whether the ticket asks for a change to the store (cancel, return, exchange, address),
    /// which the agent makes only after the customer confirms it.
    pub writes: bool,
}

#[derive(serde::Deserialize)]
struct User {
    name: Name,
    email: String,
    orders: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Name {
    first_name: String,
    last_name: String,
}

/// Sample tickets from the store's real customers and orders: the requests a retail
/// helpdesk sees, on every channel, in Avro and JSON, plus three malformed records.
pub async fn sample_tickets(
    data_dir: &Path,
    count: usize,
    codec: &Codec,
    topics: &Topics,
) -> anyhow::Result<Vec<Sample>> {
    let users: BTreeMap<String, User> = serde_json::from_str(
        &std::fs::read_to_string(data_dir.join("users.json"))
            .with_context(|| format!("reading {}/users.json", data_dir.display()))?,
    )
    .context("parsing users.json")?;
    // (subject, body, whether the request implies a write to the store)
    let templates: &[(&str, &str, bool)] = &[
        ("Where is my order?", "Hi, where is my order {order}? It has been a while. Thanks, {first}", false),
        ("Cancel order", "Please cancel order {order}, I no longer need it. {first} {last}", true),
        ("Return", "I'd like to return the items from order {order} and get a refund to my original payment method.", true),
        ("Exchange", "Can I exchange an item of {order} for a different size?", true),
        ("Return policy", "What is your return policy for delivered orders?", false),
        ("Speak to a person", "I want to talk to a real person about order {order}, not a bot.", false),
        ("Legal", "This is unacceptable. My lawyer will be in touch about order {order}.", false),
        ("Delete account", "Please delete my account and all my data.", false),
        ("Hello", "What's the weather like in Paris today?", false),
        ("Address", "Please change the shipping address of {order} to 12 Elm Street, Austin TX 78701.", true),
    ];
    let mut out = Vec::with_capacity(count + 3);
    for (i, (_, user)) in users.iter().take(count).enumerate() {
        let (subject, body, writes) = templates[i % templates.len()];
        let order = user
            .orders
            .first()
            .cloned()
            .unwrap_or_else(|| "#W0000000".to_owned());
        let body = body
            .replace("{order}", &order)
            .replace("{first}", &user.name.first_name)
            .replace("{last}", &user.name.last_name);
        let channel = Channel::ALL[i % Channel::ALL.len()];
        let ticket = Ticket {
            ticket_id: format!("demo-{i:04}"),
            conversation_id: format!("conv-{i:04}"),
            channel,
            customer: match channel {
                Channel::Email | Channel::Webhook => Identity {
                    email: Some(user.email.clone()),
                    ..Default::default()
                },
                _ => Identity {
                    name: Some(format!("{} {}", user.name.first_name, user.name.last_name)),
                    ..Default::default()
                },
            },
            subject: Some(subject.to_owned()),
            body,
            attachments: vec![],
            received_at: now_ms(),
            headers: Default::default(),
            locale: None,
        };
        let topic = topics.inbound_for(channel).unwrap_or_default();
        // Alternate Avro and JSON, as real channel adapters differ.
        let value = if i % 2 == 0 {
            codec.encode(RecordKind::Ticket, &topic, &ticket).await?
        } else {
            serde_json::to_vec(&ticket)?
        };
        out.push(Sample {
            channel,
            key: ticket.conversation_id.clone(),
            value,
            ticket: Some(ticket),
            writes,
        });
    }
    let broken: [(&str, Vec<u8>); 3] = [
        (
            "bad-json",
            b"{\"ticket_id\": \"demo-bad-1\", \"body\": ".to_vec(),
        ),
        (
            "missing-body",
            br#"{"ticket_id": "demo-bad-2", "conversation_id": "conv-bad-2"}"#.to_vec(),
        ),
        ("unknown-schema", vec![0, 0, 0, 0x7f, 0x7f, 1, 2, 3]),
    ];
    for (key, value) in broken {
        out.push(Sample {
            channel: Channel::Email,
            key: key.to_owned(),
            value,
            ticket: None,
            writes: false,
        });
    }
    Ok(out)
}

/// What the demo prints.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Records published to the inbound topics.
    pub inbound: usize,
    /// Tickets resolved.
    pub resolved: usize,
    /// Tickets handed to a human.
    pub escalated: usize,
    /// Records dead-lettered.
    pub dead_lettered: usize,
    /// Wall time from first publish to last outcome.
    pub elapsed_ms: u128,
    /// Handoffs by reason code.
    pub escalation_reasons: BTreeMap<String, usize>,
    /// Dead letters by error kind.
    pub dead_letter_kinds: BTreeMap<String, usize>,
    /// The state database used.
    pub state_url: String,
}

/// Options of the demo.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Sample tickets to generate.
    pub tickets: usize,
    /// Retail data directory.
    pub data_dir: PathBuf,
    /// SQLite state file.
    pub state_file: PathBuf,
    /// Give up waiting after this long.
    pub timeout: Duration,
}

/// Runs the demo.
pub async fn run(mut cfg: Config, opts: DemoOptions) -> anyhow::Result<Summary> {
    for old in [
        opts.state_file.clone(),
        opts.state_file.with_extension("store.db"),
    ] {
        if old.exists() {
            std::fs::remove_file(&old)
                .with_context(|| format!("removing old {}", old.display()))?;
        }
    }
    cfg.state.url = format!("sqlite://{}?mode=rwc", opts.state_file.display());
    cfg.runtime.drain_timeout = Duration::from_secs(5);
    let harness = Harness::start(
        cfg,
        HarnessOptions {
            broker: Broker::embedded()?,
            // The store the agent acts on: the sandbox, seeded from the shipped data.
            store: Store::Sandbox {
                db_url: format!(
                    "sqlite://{}?mode=rwc",
                    opts.state_file.with_extension("store.db").display()
                ),
                data_dir: opts.data_dir.clone(),
            },
            stages: Stages::Configured(StageKind::ALL.to_vec()),
            keep_state_url: true,
            declare_topics: true,
        },
    )
    .await?;
    let samples = sample_tickets(
        &opts.data_dir,
        opts.tickets,
        &harness.codec,
        &harness.topics,
    )
    .await?;
    let started = Instant::now();
    let summary = publish_and_collect(
        &harness.cfg,
        &harness.brokers,
        &harness.topics,
        &harness.codec,
        &samples,
        opts.timeout,
    )
    .await;
    let state_url = harness.cfg.state.url.clone();
    harness.stop().await?;
    let mut summary = summary?;
    summary.elapsed_ms = started.elapsed().as_millis();
    summary.state_url = state_url;
    Ok(summary)
}

/// Publishes samples and waits until each has an outcome (deduplicated by ticket or source offset).
async fn publish_and_collect(
    cfg: &Config,
    brokers: &str,
    topics: &Topics,
    codec: &Codec,
    samples: &[Sample],
    timeout: Duration,
) -> anyhow::Result<Summary> {
    let (res_t, hand_t, dl_t) = (
        topics.physical(names::RESOLUTIONS),
        topics.physical(names::HANDOFFS),
        topics.physical(names::DEADLETTER),
    );
    let observer = crate::kafka::observer(
        brokers,
        &format!("demo-observer-{}", uuid::Uuid::new_v4()),
        &cfg.kafka,
        &[res_t.as_str(), hand_t.as_str(), dl_t.as_str()],
    )?;

    let producer: FutureProducer = crate::kafka::producer(brokers, &cfg.kafka)?;
    for s in samples {
        let topic = topics
            .inbound_for(s.channel)
            .context("no inbound topic for channel")?;
        crate::kafka::send_appended(
            &producer,
            || FutureRecord::to(&topic).key(&s.key).payload(&s.value),
            Duration::from_secs(30),
        )
        .await
        .map_err(|e| anyhow::anyhow!("publishing a sample ticket: {e}"))?;
    }

    let mut summary = Summary {
        inbound: samples.len(),
        resolved: 0,
        escalated: 0,
        dead_lettered: 0,
        elapsed_ms: 0,
        escalation_reasons: BTreeMap::new(),
        dead_letter_kinds: BTreeMap::new(),
        state_url: String::new(),
    };
    let mut seen: HashSet<String> = HashSet::new();
    let deadline = tokio::time::Instant::now() + timeout;
    while seen.len() < samples.len() {
        let msg = tokio::time::timeout_at(deadline, observer.recv())
            .await
            .map_err(|_| {
                anyhow::anyhow!(
                    "timed out: {} of {} tickets reached an outbound topic",
                    seen.len(),
                    samples.len()
                )
            })??;
        let bytes = msg.payload().unwrap_or_default();
        if msg.topic() == res_t {
            let r: Resolution = codec.decode(RecordKind::Resolution, bytes).await?;
            if seen.insert(r.ticket_id) {
                summary.resolved += 1;
            }
        } else if msg.topic() == hand_t {
            let h: Handoff = codec.decode(RecordKind::Handoff, bytes).await?;
            // A dead-lettered record's handoff is counted with its dead letter.
            if h.reason_code != crate::messages::Rule::DeadLettered && seen.insert(h.ticket_id) {
                summary.escalated += 1;
                *summary
                    .escalation_reasons
                    .entry(h.reason_code.as_str().to_owned())
                    .or_default() += 1;
            }
        } else {
            let d: DeadLetter = codec.decode(RecordKind::DeadLetter, bytes).await?;
            if seen.insert(format!(
                "{}/{}/{}",
                d.source_topic, d.source_partition, d.source_offset
            )) {
                summary.dead_lettered += 1;
                *summary.dead_letter_kinds.entry(d.error_kind).or_default() += 1;
            }
        }
    }
    Ok(summary)
}
