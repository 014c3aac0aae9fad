//! The outbox (`channel_outbox`): what deliver sent, one row per (ticket, provider, kind).
//!
//! A delivery begins by inserting its row (`sending`); each part the provider accepted
//! moves `parts_done` on; the last one marks it `sent`. A redelivered record finds `sent`
//! (or `dead`) and is skipped. A row found still `sending` belongs to a delivery that was
//! interrupted (a crash, a kill, a rebalance) after an unknown number of its calls reached
//! the provider: the part at `parts_done` is *uncertain*, and the adapter is asked whether
//! the provider already has it before it is sent again.

use sqlx::{AnyPool, Row};

use crate::messages::now_ms;

/// The key of one delivery.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OutboxKey {
    /// Ticket answered.
    pub ticket_id: String,
    /// Provider delivered to.
    pub provider: &'static str,
    /// `resolution` or `handoff`.
    pub kind: &'static str,
}

impl OutboxKey {
    /// `ticket/provider/kind`: the idempotency key sent where a provider takes one.
    pub fn idempotency_key(&self) -> String {
        format!("{}/{}/{}", self.ticket_id, self.provider, self.kind)
    }
}

/// Where a delivery stands when it begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// Delivered before: nothing to send.
    Sent,
    /// Dead-lettered before: nothing to send.
    Dead,
    /// To send, from part `parts_done`; `uncertain` when an earlier attempt may have sent
    /// that part already.
    Send {
        /// Parts the provider accepted before.
        parts_done: usize,
        /// An earlier attempt was interrupted.
        uncertain: bool,
    },
}

/// The outbox over the state database.
#[derive(Debug, Clone)]
pub struct Outbox {
    pool: AnyPool,
}

/// Binds the key's three values as the statement's last parameters.
fn bind_key<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    key: &'q OutboxKey,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(key.ticket_id.as_str())
        .bind(key.provider)
        .bind(key.kind)
}

impl Outbox {
    /// The outbox in the state database behind `pool`.
    pub fn new(pool: AnyPool) -> Outbox {
        Outbox { pool }
    }

    /// Starts (or resumes) a delivery.
    pub async fn begin(&self, key: &OutboxKey) -> Result<Begin, sqlx::Error> {
        let now = now_ms();
        let inserted = bind_key(
            sqlx::query(
                "INSERT INTO channel_outbox (ticket_id, provider, kind, state, parts_done, attempts, updated_at) \
                 VALUES ($1, $2, $3, 'sending', 0, 1, $4) ON CONFLICT (ticket_id, provider, kind) DO NOTHING",
            ),
            key,
        )
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(Begin::Send {
                parts_done: 0,
                uncertain: false,
            });
        }
        let row = bind_key(
            sqlx::query(
                "SELECT state, parts_done FROM channel_outbox WHERE ticket_id = $1 AND provider = $2 AND kind = $3",
            ),
            key,
        )
        .fetch_one(&self.pool)
        .await?;
        let state: String = row.try_get("state")?;
        let parts_done: i64 = row.try_get("parts_done")?;
        match state.as_str() {
            "sent" => Ok(Begin::Sent),
            "dead" => Ok(Begin::Dead),
            _ => {
                bind_key(
                    sqlx::query(
                        "UPDATE channel_outbox SET attempts = attempts + 1, updated_at = $4 \
                         WHERE ticket_id = $1 AND provider = $2 AND kind = $3",
                    ),
                    key,
                )
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(Begin::Send {
                    parts_done: usize::try_from(parts_done).unwrap_or(0),
                    uncertain: true,
                })
            }
        }
    }

    /// Records that the provider accepted the parts before `parts_done`; with `last`, the
    /// delivery is complete.
    pub async fn progress(
        &self,
        key: &OutboxKey,
        parts_done: usize,
        last: bool,
        detail: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        bind_key(
            sqlx::query(
                "UPDATE channel_outbox SET parts_done = $4, state = $5, detail = COALESCE($6, detail), updated_at = $7 \
                 WHERE ticket_id = $1 AND provider = $2 AND kind = $3",
            ),
            key,
        )
        .bind(i64::try_from(parts_done).unwrap_or(i64::MAX))
        .bind(if last { "sent" } else { "sending" })
        .bind(detail)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records that the delivery was dead-lettered, and why.
    pub async fn dead(&self, key: &OutboxKey, reason: &str) -> Result<(), sqlx::Error> {
        bind_key(
            sqlx::query(
                "UPDATE channel_outbox SET state = 'dead', detail = $4, updated_at = $5 \
                 WHERE ticket_id = $1 AND provider = $2 AND kind = $3",
            ),
            key,
        )
        .bind(reason)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// `(state, parts_done, attempts)` of a delivery (tests and operators).
    pub async fn get(&self, key: &OutboxKey) -> Result<Option<(String, i64, i64)>, sqlx::Error> {
        let row = bind_key(
            sqlx::query(
                "SELECT state, parts_done, attempts FROM channel_outbox WHERE ticket_id = $1 AND provider = $2 AND kind = $3",
            ),
            key,
        )
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok((
                r.try_get("state")?,
                r.try_get("parts_done")?,
                r.try_get("attempts")?,
            ))
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::StateDb;

    #[tokio::test]
    async fn a_delivery_is_sent_once_and_an_interrupted_one_resumes_uncertain() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
        let db = StateDb::connect(&url, 2).await.unwrap();
        let outbox = Outbox::new(db.pool().clone());
        let key = OutboxKey {
            ticket_id: "t1".into(),
            provider: "twilio",
            kind: "resolution",
        };
        assert_eq!(
            outbox.begin(&key).await.unwrap(),
            Begin::Send {
                parts_done: 0,
                uncertain: false
            }
        );
        outbox.progress(&key, 1, false, Some("SM1")).await.unwrap();
        // The process died here; the record comes again.
        assert_eq!(
            outbox.begin(&key).await.unwrap(),
            Begin::Send {
                parts_done: 1,
                uncertain: true
            }
        );
        outbox.progress(&key, 2, true, None).await.unwrap();
        assert_eq!(outbox.begin(&key).await.unwrap(), Begin::Sent);
        assert_eq!(
            outbox.get(&key).await.unwrap(),
            Some(("sent".to_owned(), 2, 2))
        );
        let other = OutboxKey {
            kind: "handoff",
            ..key.clone()
        };
        outbox.begin(&other).await.unwrap();
        outbox.dead(&other, "404 ticket not found").await.unwrap();
        assert_eq!(outbox.begin(&other).await.unwrap(), Begin::Dead);
        assert_eq!(key.idempotency_key(), "t1/twilio/resolution");
    }
}
