//! What a shadow run did with each ticket, read back from its resolutions and handoffs
//! topics.

use std::collections::HashMap;

use rdkafka::consumer::BaseConsumer;
use serde::Serialize;
use serde_json::Value;

use super::would::{is_not_sent, AWAITS_CONFIRMATION};
use crate::config::Config;
use crate::messages::{Handoff, RecordKind, Resolution, ToolCall};
use crate::topics::names;

/// A write frontdesk would have made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Write {
    /// The tool.
    pub name: String,
    /// Its arguments as the resolution carries them (PII masked).
    pub arguments: Value,
    /// Its [`super::would::comparison_key`] (none on a record from an older run).
    pub key: Option<String>,
}

impl std::fmt::Display for Write {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({})", self.name, self.arguments)
    }
}

/// What frontdesk would have done.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "did", rename_all = "snake_case")]
pub enum Did {
    /// The write gate allowed these writes: a live run would have sent them and replied.
    Acted {
        /// The writes, in order.
        writes: Vec<Write>,
    },
    /// These writes wait for the customer's "yes" (every write is confirmed first); a live
    /// run would send them after it.
    ActsOnConfirmation {
        /// The writes, in order.
        writes: Vec<Write>,
    },
    /// Asked the customer a question (a missing detail, who they are).
    Asked,
    /// Answered with a reply and no write.
    Answered,
    /// Handed the ticket to a person.
    HandedOff {
        /// The handoff's reason code.
        reason: String,
    },
}

impl Did {
    /// The writes it would have made (now, or once the customer confirms).
    pub fn writes(&self) -> &[Write] {
        match self {
            Did::Acted { writes } | Did::ActsOnConfirmation { writes } => writes,
            _ => &[],
        }
    }

    /// One word for the report's columns.
    pub fn label(&self) -> &'static str {
        match self {
            Did::Acted { .. } => "acted",
            Did::ActsOnConfirmation { .. } => "acts_on_confirmation",
            Did::Asked => "asked",
            Did::Answered => "answered",
            Did::HandedOff { .. } => "handed_off",
        }
    }
}

/// One ticket's shadow outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShadowOutcome {
    /// The ticket.
    pub ticket_id: String,
    /// The first intent frontdesk routed it to (`none` for no in-scope intent).
    pub intent: String,
    /// What it would have done.
    pub did: Did,
    /// Its reply (resolutions) or handoff summary, for the cases listed.
    pub text: String,
}

fn write(call: &ToolCall) -> Write {
    Write {
        name: call.tool.clone(),
        arguments: serde_json::from_str(&call.arguments_json).unwrap_or(Value::Null),
        key: call.idempotency_key.clone(),
    }
}

fn first_or_none<'a>(mut intents: impl Iterator<Item = &'a str>) -> String {
    intents.next().unwrap_or("none").to_owned()
}

impl ShadowOutcome {
    /// A resolution of the shadow run.
    pub fn from_resolution(r: &Resolution) -> ShadowOutcome {
        let writes = |confirming: bool| -> Vec<Write> {
            r.actions
                .iter()
                .filter(|c| is_not_sent(c))
                .filter(|c| (c.error.as_deref() == Some(AWAITS_CONFIRMATION)) == confirming)
                .map(write)
                .collect()
        };
        let (now, later) = (writes(false), writes(true));
        let did = if !now.is_empty() {
            Did::Acted { writes: now }
        } else if !later.is_empty() {
            Did::ActsOnConfirmation { writes: later }
        } else if r.awaiting_customer {
            Did::Asked
        } else {
            Did::Answered
        };
        ShadowOutcome {
            ticket_id: r.ticket_id.clone(),
            intent: first_or_none(r.intents.iter().map(String::as_str)),
            did,
            text: r.reply.clone(),
        }
    }

    /// A handoff of the shadow run.
    pub fn from_handoff(h: &Handoff) -> ShadowOutcome {
        ShadowOutcome {
            ticket_id: h.ticket_id.clone(),
            intent: first_or_none(h.route.iter().flat_map(|r| r.intent_keys())),
            did: Did::HandedOff {
                reason: h.reason_code.as_str().to_owned(),
            },
            text: format!("{}: {}", h.reason, h.summary),
        }
    }
}

/// Every outcome on the shadow run's resolutions and handoffs topics, by ticket (a ticket
/// with records on both, which only a failure after a resolution can leave, keeps the
/// handoff; one recorded twice keeps the later record).
pub async fn read(cfg: &Config, brokers: &str) -> anyhow::Result<HashMap<String, ShadowOutcome>> {
    use anyhow::Context;
    let topics = super::wiring::topics(cfg)?;
    let codec = crate::pipeline::codec(cfg);
    let mut out = HashMap::new();
    for (logical, kind) in [
        (names::RESOLUTIONS, RecordKind::Resolution),
        (names::HANDOFFS, RecordKind::Handoff),
    ] {
        let topic = topics.physical(logical);
        let group = format!("frontdesk-shadow-report-{}", uuid::Uuid::new_v4().simple());
        let consumer: BaseConsumer = crate::kafka::consumer_config(brokers, &group, &cfg.kafka)
            .set("enable.auto.commit", "false")
            .create()
            .context("Failed to create the report's consumer")?;
        let read_topic = topic.clone();
        let raw =
            tokio::task::spawn_blocking(move || crate::dlq::read::read_raw(&consumer, &read_topic))
                .await??;
        for (partition, offset, bytes) in raw {
            let at = || format!("{topic} partition {partition} offset {offset}");
            let o = match kind {
                RecordKind::Resolution => ShadowOutcome::from_resolution(
                    &codec
                        .decode::<Resolution>(kind, &bytes)
                        .await
                        .with_context(at)?,
                ),
                _ => ShadowOutcome::from_handoff(
                    &codec
                        .decode::<Handoff>(kind, &bytes)
                        .await
                        .with_context(at)?,
                ),
            };
            out.insert(o.ticket_id.clone(), o);
        }
    }
    Ok(out)
}
