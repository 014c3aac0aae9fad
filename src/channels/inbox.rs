//! The inbox table (`channel_inbox`): which inbound messages became tickets, and where
//! each ticket came from.
//!
//! Every inbound path derives the ticket id from the provider's own id of the message
//! (Zendesk comment, Intercom part, Twilio `MessageSid`, e-mail `Message-ID`, a row's
//! `ticket_id`), claims it here, publishes it, waits for the broker's acknowledgement and
//! only then marks it published. A retry of the same message finds the row: `published`
//! answers "already have it" without a second ticket; `claimed` means another request is
//! publishing it right now (or died doing so: after the lease, a retry takes it over).

use std::time::Duration;

use sqlx::{AnyPool, Row};

use super::origin::{Origin, Provider};
use crate::messages::now_ms;

/// Errors of the inbox table: the database is a dependency, so all are retryable, except a
/// stored origin that no longer parses.
#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    /// The database failed.
    #[error("channel inbox: {0}")]
    Db(#[from] sqlx::Error),
    /// A stored origin does not parse.
    #[error("channel inbox: corrupt origin of {ticket_id}: {reason}")]
    Corrupt {
        /// Ticket.
        ticket_id: String,
        /// Why.
        reason: String,
    },
}

/// What a claim found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The message is new (or its earlier claim expired): the caller publishes it.
    Fresh,
    /// The message was published before: nothing to do.
    Published,
    /// Another request is publishing it now: answer "retry later".
    Busy,
}

/// One message to claim.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Ticket id (derived from the provider's id of the message).
    pub ticket_id: &'a str,
    /// Its conversation.
    pub conversation_id: &'a str,
    /// Where it came from.
    pub provider: Provider,
    /// The provider's ids.
    pub origin: &'a Origin,
}

/// The inbox table over the state database.
#[derive(Debug, Clone)]
pub struct Inbox {
    pool: AnyPool,
}

/// Most ids in one `IN (...)` list.
const IN_CHUNK: usize = 200;

impl Inbox {
    /// The inbox in the state database behind `pool` (migrated by `StateDb::connect`).
    pub fn new(pool: AnyPool) -> Inbox {
        Inbox { pool }
    }

    /// Claims one message (see the module docs); `lease` is how old a claim must be before
    /// a retry may take it over.
    pub async fn claim(&self, entry: &Entry<'_>, lease: Duration) -> Result<Claim, InboxError> {
        let mut conn = self.pool.acquire().await?;
        claim_on(&mut conn, entry, lease).await
    }

    /// Claims many messages in one transaction (imports).
    pub async fn claim_many(
        &self,
        entries: &[Entry<'_>],
        lease: Duration,
    ) -> Result<Vec<Claim>, InboxError> {
        let mut tx = self.pool.begin().await?;
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            out.push(claim_on(&mut tx, e, lease).await?);
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Marks claimed messages published (after the broker acknowledged their tickets).
    pub async fn mark_published(&self, ticket_ids: &[&str]) -> Result<(), InboxError> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        for chunk in ticket_ids.chunks(IN_CHUNK) {
            let list = placeholders(2, chunk.len());
            let sql = format!(
                "UPDATE channel_inbox SET state = 'published', published_at = $1 WHERE ticket_id IN ({list})"
            );
            let mut q = sqlx::query(&sql).bind(now);
            for id in chunk {
                q = q.bind(*id);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Gives up a claim whose ticket could not be published, so a retry starts afresh.
    pub async fn release(&self, ticket_id: &str) -> Result<(), InboxError> {
        sqlx::query("DELETE FROM channel_inbox WHERE ticket_id = $1 AND state = 'claimed'")
            .bind(ticket_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Where a ticket came from, if an inbound path of this project accepted it.
    pub async fn origin(&self, ticket_id: &str) -> Result<Option<(Provider, Origin)>, InboxError> {
        let row =
            sqlx::query("SELECT provider, origin_json FROM channel_inbox WHERE ticket_id = $1")
                .bind(ticket_id)
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else { return Ok(None) };
        let corrupt = |reason: String| InboxError::Corrupt {
            ticket_id: ticket_id.to_owned(),
            reason,
        };
        let provider: String = row.try_get("provider")?;
        let provider =
            Provider::parse(&provider).ok_or_else(|| corrupt(format!("provider `{provider}`")))?;
        let json: String = row.try_get("origin_json")?;
        let origin = serde_json::from_str(&json).map_err(|e| corrupt(e.to_string()))?;
        Ok(Some((provider, origin)))
    }
}

/// `$first, $first+1, ...` (`n` of them).
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn claim_on(
    conn: &mut sqlx::AnyConnection,
    e: &Entry<'_>,
    lease: Duration,
) -> Result<Claim, InboxError> {
    let now = now_ms();
    let origin = serde_json::to_string(e.origin).unwrap_or_else(|_| "{}".to_owned());
    let inserted = sqlx::query(
        "INSERT INTO channel_inbox (ticket_id, provider, conversation_id, origin_json, state, claimed_at) \
         VALUES ($1, $2, $3, $4, 'claimed', $5) ON CONFLICT (ticket_id) DO NOTHING",
    )
    .bind(e.ticket_id)
    .bind(e.provider.as_str())
    .bind(e.conversation_id)
    .bind(&origin)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Claim::Fresh);
    }
    let row = sqlx::query("SELECT state, claimed_at FROM channel_inbox WHERE ticket_id = $1")
        .bind(e.ticket_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        // Released between the insert and the select: the next retry claims it.
        return Ok(Claim::Busy);
    };
    let state: String = row.try_get("state")?;
    if state == "published" {
        return Ok(Claim::Published);
    }
    let claimed_at: i64 = row.try_get("claimed_at")?;
    let lease_ms = i64::try_from(lease.as_millis()).unwrap_or(i64::MAX);
    if now.saturating_sub(claimed_at) < lease_ms {
        return Ok(Claim::Busy);
    }
    // The earlier claimant died: take over, unless someone else just did.
    let taken = sqlx::query(
        "UPDATE channel_inbox SET claimed_at = $1, origin_json = $2 \
         WHERE ticket_id = $3 AND state = 'claimed' AND claimed_at = $4",
    )
    .bind(now)
    .bind(&origin)
    .bind(e.ticket_id)
    .bind(claimed_at)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(if taken == 1 {
        Claim::Fresh
    } else {
        Claim::Busy
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::StateDb;

    async fn inbox() -> (tempfile::TempDir, Inbox) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
        let db = StateDb::connect(&url, 2).await.unwrap();
        (dir, Inbox::new(db.pool().clone()))
    }

    fn entry<'a>(id: &'a str, origin: &'a Origin) -> Entry<'a> {
        Entry {
            ticket_id: id,
            conversation_id: "c1",
            provider: Provider::Zendesk,
            origin,
        }
    }

    #[tokio::test]
    async fn a_message_is_claimed_once_then_reported_published() {
        let (_d, inbox) = inbox().await;
        let origin = Origin {
            thread_id: Some("42".into()),
            ..Default::default()
        };
        let e = entry("zendesk:comment:1", &origin);
        let lease = Duration::from_secs(60);
        assert_eq!(inbox.claim(&e, lease).await.unwrap(), Claim::Fresh);
        assert_eq!(inbox.claim(&e, lease).await.unwrap(), Claim::Busy);
        inbox.mark_published(&["zendesk:comment:1"]).await.unwrap();
        assert_eq!(inbox.claim(&e, lease).await.unwrap(), Claim::Published);
        let (p, o) = inbox.origin("zendesk:comment:1").await.unwrap().unwrap();
        assert_eq!((p, o), (Provider::Zendesk, origin));
        assert!(inbox.origin("nope").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn an_expired_claim_is_taken_over_and_a_released_one_starts_afresh() {
        let (_d, inbox) = inbox().await;
        let origin = Origin::default();
        let e = entry("t-1", &origin);
        assert_eq!(inbox.claim(&e, Duration::ZERO).await.unwrap(), Claim::Fresh);
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(inbox.claim(&e, Duration::ZERO).await.unwrap(), Claim::Fresh);
        inbox.release("t-1").await.unwrap();
        let many = [entry("t-1", &origin), entry("t-2", &origin)];
        assert_eq!(
            inbox
                .claim_many(&many, Duration::from_secs(60))
                .await
                .unwrap(),
            vec![Claim::Fresh, Claim::Fresh]
        );
    }
}
