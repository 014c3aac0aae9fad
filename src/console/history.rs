//! What people did on a handoff: the `console_events` log shown in the conversation view,
//! and the `console_replies` they sent (with how much the draft was edited).

use sqlx::{AnyPool, Row};

use super::error::ConsoleError;
use super::learn::EditClass;
use crate::messages::now_ms;

/// One thing a person did.
#[derive(Debug, Clone)]
pub struct Event {
    /// Who.
    pub actor: String,
    /// `claim`, `release`, `assign`, `reply`, `note`, `approve`, `reject`, `close`, `hand_back`.
    pub kind: String,
    /// The note, the reply, the assignee, the result.
    pub body: String,
    /// When (ms since the epoch).
    pub at: i64,
}

/// A reply a person sent.
#[derive(Debug, Clone)]
pub struct SentReply {
    /// The outbound record's ticket id (`<ticket>:agent:<n>`).
    pub reply_ticket_id: String,
    /// The handoff's ticket.
    pub ticket_id: String,
    /// Who sent it.
    pub actor: String,
    /// How much the draft was edited.
    pub edit: EditClass,
    /// Levenshtein distance from the draft, in characters.
    pub edit_distance: usize,
    /// The text sent.
    pub body: String,
}

/// The console's event and reply tables.
#[derive(Clone, Debug)]
pub struct History {
    pool: AnyPool,
}

impl History {
    /// Over the state database's pool.
    pub fn new(pool: AnyPool) -> History {
        History { pool }
    }

    /// Appends an event.
    pub async fn record(
        &self,
        ticket_id: &str,
        actor: &str,
        kind: &str,
        body: &str,
    ) -> Result<(), ConsoleError> {
        sqlx::query(
            "INSERT INTO console_events (event_id, ticket_id, actor, kind, body, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(ticket_id)
        .bind(actor)
        .bind(kind)
        .bind(body)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The handoff's events, oldest first.
    pub async fn events(&self, ticket_id: &str) -> Result<Vec<Event>, ConsoleError> {
        let rows = sqlx::query(
            "SELECT actor, kind, body, at FROM console_events WHERE ticket_id = $1 ORDER BY at, event_id",
        )
        .bind(ticket_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Event {
                    actor: r.try_get("actor")?,
                    kind: r.try_get("kind")?,
                    body: r.try_get("body")?,
                    at: r.try_get("at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(ConsoleError::from)
    }

    /// How many replies were sent on the handoff (the next is number this + 1).
    pub async fn reply_count(&self, ticket_id: &str) -> Result<i64, ConsoleError> {
        Ok(
            sqlx::query("SELECT COUNT(*) AS n FROM console_replies WHERE ticket_id = $1")
                .bind(ticket_id)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
    }

    /// Records a sent reply; `false` if that reply id was already recorded (the same form
    /// posted twice).
    pub async fn record_reply(&self, r: &SentReply) -> Result<bool, ConsoleError> {
        Ok(sqlx::query(
            "INSERT INTO console_replies (reply_ticket_id, ticket_id, actor, edit_class, edit_distance, body, sent_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reply_ticket_id) DO NOTHING",
        )
        .bind(&r.reply_ticket_id)
        .bind(&r.ticket_id)
        .bind(&r.actor)
        .bind(r.edit.as_str())
        .bind(i64::try_from(r.edit_distance).unwrap_or(i64::MAX))
        .bind(&r.body)
        .bind(now_ms())
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }
}
