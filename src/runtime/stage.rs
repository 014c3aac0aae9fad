//! What a stage is: one `process` method from an envelope to a typed outcome.

use std::sync::Mutex;

use async_trait::async_trait;

use crate::messages::{AuditRecord, Envelope, Handoff, Resolution};

/// What a stage decided for one record.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Pass the enriched envelope to the next stage's topic.
    Forward(Box<Envelope>),
    /// The ticket is resolved: publish to the resolutions topic.
    Resolve(Box<Resolution>),
    /// Hand the ticket to a human: publish to the handoffs topic.
    Handoff(Box<Handoff>),
}

impl Outcome {
    /// `forward`, `resolve` or `handoff`.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Forward(_) => "forward",
            Outcome::Resolve(_) => "resolve",
            Outcome::Handoff(_) => "handoff",
        }
    }

    /// Whether this ends the ticket's way through the pipeline.
    pub fn is_terminal(&self) -> bool {
        !matches!(self, Outcome::Forward(_))
    }
}

/// A stage failure. Permanent ones dead-letter the record; transient ones are retried.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    /// Retrying cannot help: the record goes to the dead-letter topic.
    #[error("{kind}: {reason}")]
    Permanent {
        /// Bounded label (metrics, `error_kind`).
        kind: &'static str,
        /// Human-readable reason.
        reason: String,
    },
    /// A dependency is down or slow: retried with backoff, never dropped.
    #[error("transient: {0}")]
    Transient(String),
    /// A dependency every record needs (a model provider, say) is rate-limited or down:
    /// the runner stops fetching (pauses its partitions) for `retry_after`, then resumes
    /// and retries this record. Never dropped, never dead-lettered.
    #[error("unavailable for {retry_after:?}: {reason}")]
    Unavailable {
        /// Human-readable reason.
        reason: String,
        /// How long to hold back.
        retry_after: std::time::Duration,
    },
}

/// What the runner tells a stage about the record being processed.
#[derive(Debug)]
pub struct StageContext {
    /// Topic read from.
    pub topic: String,
    /// Partition read from.
    pub partition: i32,
    /// Offset read at.
    pub offset: i64,
    /// 1 on the first attempt, more on retries.
    pub attempt: u32,
    audit: Mutex<Vec<AuditRecord>>,
}

impl StageContext {
    /// A context for one record.
    pub fn new(topic: &str, partition: i32, offset: i64, attempt: u32) -> Self {
        StageContext {
            topic: topic.to_owned(),
            partition,
            offset,
            attempt,
            audit: Mutex::new(Vec::new()),
        }
    }

    /// Queues a decision record for the audit topic; it is produced with the outcome.
    pub fn audit(&self, record: AuditRecord) {
        if let Ok(mut a) = self.audit.lock() {
            a.push(record);
        }
    }

    /// Takes the queued audit records.
    pub fn take_audit(&self) -> Vec<AuditRecord> {
        self.audit
            .lock()
            .map(|mut a| std::mem::take(&mut *a))
            .unwrap_or_default()
    }
}

/// Pure stage logic. The runner decodes the input, calls `process`, and produces what it returns.
#[async_trait]
pub trait Stage: Send + Sync + 'static {
    /// Stage name: in the consumer group, logs, metrics and hops.
    fn name(&self) -> &'static str;

    /// Processes one envelope.
    async fn process(&self, envelope: Envelope, ctx: &StageContext) -> Result<Outcome, StageError>;
}
