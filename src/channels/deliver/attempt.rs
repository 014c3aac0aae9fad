//! One delivery to one provider, effectively once: the outbox says what was already sent,
//! interrupted parts are checked with the provider before they are sent again, a 429 waits
//! for `Retry-After`, 5xx and timeouts back off, and when the attempts or the time budget
//! run out, or the provider refuses the request for good, the delivery is dead.

use std::time::{Duration, Instant};

use tracing::{debug, warn};

use super::adapter::{Adapter, Failure, Outgoing};
use super::outbox::{Begin, Outbox, OutboxKey};
use crate::channels::metrics::{self, DELIVERY_RETRIES};
use crate::runtime::backoff::Backoff;

/// How long and how often a delivery is retried.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Attempts of one part, the first included.
    pub max_attempts: u32,
    /// Time one delivery may take, waits included.
    pub max_elapsed: Duration,
    /// Delays between attempts after a 5xx or a timeout (and after a 429 without `Retry-After`).
    pub backoff: Backoff,
}

/// How a delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Sent now (all parts).
    Sent,
    /// Sent (or dead-lettered) before: nothing was sent now.
    Before,
    /// Not deliverable: dead-letter it with this bounded kind and reason.
    Dead {
        /// `delivery_rejected`, `retries_exhausted` or `rate_limited`.
        kind: &'static str,
        /// What the provider said.
        reason: String,
    },
}

/// Delivers `out` through `adapter`. Database errors are returned (the caller retries the
/// whole delivery, which resumes from the outbox).
pub async fn deliver(
    adapter: &dyn Adapter,
    out: &Outgoing,
    outbox: &Outbox,
    policy: &Policy,
) -> Result<Delivered, sqlx::Error> {
    let key = OutboxKey {
        ticket_id: out.outbox_ticket_id(),
        provider: adapter.provider().as_str(),
        kind: out.kind(),
    };
    let (mut part, mut uncertain) = match outbox.begin(&key).await? {
        Begin::Sent | Begin::Dead => return Ok(Delivered::Before),
        Begin::Send {
            parts_done,
            uncertain,
        } => (parts_done, uncertain),
    };
    let total = match adapter.parts(out) {
        Ok(n) => n,
        Err(f) => return dead(outbox, &key, "delivery_rejected", f.to_string()).await,
    };
    let idempotency_key = key.idempotency_key();
    let started = Instant::now();
    let mut failures = 0u32;
    while part < total {
        let result = if uncertain {
            match adapter.already_sent(out, part).await {
                Ok(true) => {
                    debug!(part, "the provider already has this part");
                    Ok(None)
                }
                Ok(false) => adapter.send(out, part, &idempotency_key).await,
                Err(f) => Err(f),
            }
        } else {
            adapter.send(out, part, &idempotency_key).await
        };
        let failure = match result {
            Ok(detail) => {
                part += 1;
                outbox
                    .progress(&key, part, part == total, detail.as_deref())
                    .await?;
                uncertain = false;
                failures = 0;
                continue;
            }
            Err(f) => f,
        };
        failures += 1;
        let (wait, cause) = match &failure {
            Failure::Permanent(reason) => {
                return dead(outbox, &key, "delivery_rejected", reason.clone()).await
            }
            Failure::RateLimited { retry_after, .. } => (
                retry_after.unwrap_or_else(|| policy.backoff.delay(failures)),
                "rate_limited",
            ),
            Failure::Transient(_) => (policy.backoff.delay(failures), "transient"),
        };
        if failures >= policy.max_attempts || started.elapsed() + wait > policy.max_elapsed {
            let kind = if cause == "rate_limited" {
                "rate_limited"
            } else {
                "retries_exhausted"
            };
            return dead(outbox, &key, kind, failure.to_string()).await;
        }
        metrics::count(
            DELIVERY_RETRIES,
            &[("provider", key.provider), ("cause", cause)],
        );
        warn!(%failure, part, failures, wait_ms = wait.as_millis() as u64, "delivery failed; retrying");
        tokio::time::sleep(wait).await;
        // A refused request (429) was not processed; after a timeout or a 5xx it may have been.
        uncertain = matches!(failure, Failure::Transient(_));
    }
    Ok(Delivered::Sent)
}

async fn dead(
    outbox: &Outbox,
    key: &OutboxKey,
    kind: &'static str,
    reason: String,
) -> Result<Delivered, sqlx::Error> {
    outbox.dead(key, &reason).await?;
    Ok(Delivered::Dead { kind, reason })
}
