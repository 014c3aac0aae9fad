//! What the console publishes: a person's reply as a `Resolution` on the resolutions topic
//! (delivered by `frontdesk deliver` like the agent's own), and an `AuditRecord` for every
//! action on the audit topic.

use std::collections::BTreeMap;
use std::time::Duration;

use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use serde_json::Value;

use super::error::ConsoleError;
use crate::messages::{now_ms, AuditRecord, Codec, RecordKind, Resolution, Rule};

/// The audit records' `stage` for everything the console does.
pub const STAGE: &str = "console";

/// Kafka header naming who sent a reply, beside the `frontdesk-stage: console` header.
pub const SENT_BY_HEADER: &str = "frontdesk-sent-by";

/// The console's producer and the topics it writes.
pub struct Outbound {
    producer: FutureProducer,
    codec: Codec,
    resolutions: String,
    audit: String,
    timeout: Duration,
}

impl Outbound {
    /// Publishes to the physical topics `resolutions` and `audit`.
    pub fn new(
        producer: FutureProducer,
        codec: Codec,
        resolutions: String,
        audit: String,
        timeout: Duration,
    ) -> Outbound {
        Outbound {
            producer,
            codec,
            resolutions,
            audit,
            timeout,
        }
    }

    async fn send(
        &self,
        topic: &str,
        key: &str,
        value: &[u8],
        headers: OwnedHeaders,
    ) -> Result<(), ConsoleError> {
        let record = || {
            FutureRecord::to(topic)
                .key(key)
                .payload(value)
                .headers(headers.clone())
        };
        crate::kafka::send_appended(&self.producer, record, self.timeout)
            .await
            .map(|_| ())
            .map_err(|e| ConsoleError::Publish(e.to_string()))
    }

    /// Publishes a person's reply, keyed by its conversation, with the handoff record's
    /// headers (so a channel adapter threads it as it threads the agent's) and who sent it.
    /// Returns once the broker acknowledged it.
    pub async fn reply(
        &self,
        resolution: &Resolution,
        handoff_headers: &BTreeMap<String, String>,
        sent_by: &str,
    ) -> Result<(), ConsoleError> {
        let value = self
            .codec
            .encode(RecordKind::Resolution, &self.resolutions, resolution)
            .await
            .map_err(|e| ConsoleError::Publish(e.to_string()))?;
        let mut headers = OwnedHeaders::new();
        for (k, v) in handoff_headers
            .iter()
            .filter(|(k, _)| k.as_str() != "frontdesk-stage" && k.as_str() != SENT_BY_HEADER)
        {
            headers = headers.insert(Header {
                key: k,
                value: Some(v),
            });
        }
        let headers = headers
            .insert(Header {
                key: "frontdesk-stage",
                value: Some(STAGE),
            })
            .insert(Header {
                key: SENT_BY_HEADER,
                value: Some(sent_by),
            });
        self.send(
            &self.resolutions,
            &resolution.conversation_id,
            &value,
            headers,
        )
        .await
    }

    /// Publishes an audit record of a person's action.
    pub async fn audit(&self, record: &AuditRecord) -> Result<(), ConsoleError> {
        self.audit_as(record, STAGE).await
    }

    /// Publishes an audit record with `stage` in its `frontdesk-stage` header (the console's
    /// own, or another command's that writes through this producer, e.g. `erase`).
    pub async fn audit_as(&self, record: &AuditRecord, stage: &str) -> Result<(), ConsoleError> {
        let value = self
            .codec
            .encode(RecordKind::Audit, &self.audit, record)
            .await
            .map_err(|e| ConsoleError::Publish(e.to_string()))?;
        let headers = OwnedHeaders::new().insert(Header {
            key: "frontdesk-stage",
            value: Some(stage),
        });
        self.send(&self.audit, &record.conversation_id, &value, headers)
            .await
    }
}

/// An audit record of `actor`'s action on a handoff. `inputs` is masked in full like every
/// audit record (they leave the system); the actor is added after masking, so an approver
/// known by an e-mail address (an identity header) is still named.
pub fn audit_record(
    (ticket_id, conversation_id): (&str, &str),
    actor: &str,
    rule: Rule,
    outcome: &str,
    reason: &str,
    inputs: &Value,
    policy_version: &str,
) -> AuditRecord {
    let masked = frontdesk_guard::mask(&inputs.to_string(), &frontdesk_guard::MaskConfig::strict());
    let mut inputs = match serde_json::from_str::<Value>(&masked) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::from_iter([("inputs".to_owned(), Value::String(masked))]),
    };
    inputs.insert("actor".to_owned(), Value::String(actor.to_owned()));
    AuditRecord {
        ticket_id: ticket_id.to_owned(),
        conversation_id: conversation_id.to_owned(),
        stage: STAGE.to_owned(),
        rule,
        inputs_json: Value::Object(inputs).to_string(),
        outcome: outcome.to_owned(),
        reason: reason.to_owned(),
        policy_version: policy_version.to_owned(),
        at: now_ms(),
    }
}
