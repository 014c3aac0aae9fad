//! A conversation's state, saved per ticket (see "Conversation state" in [`crate::state`]).

use serde::{de::DeserializeOwned, Serialize};
use sqlx::Row;

use super::db::StateDb;
use super::error::StateError;
use crate::messages::now_ms;

/// States kept per conversation (the latest and the ones before it, for redeliveries).
const STATES_KEPT: i64 = 16;

impl StateDb {
    /// The conversation's state before `ticket_id` (see "Conversation state"): the latest
    /// saved state, or, if `ticket_id` saved one already, the state before that one.
    /// `None` when there is none (a new conversation).
    pub async fn load_state<T: DeserializeOwned>(
        &self,
        conversation_id: &str,
        ticket_id: &str,
    ) -> Result<Option<T>, StateError> {
        let rows = sqlx::query(
            "SELECT ticket_id, state_json FROM conversation_states WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2",
        )
        .bind(conversation_id)
        .bind(STATES_KEPT)
        .fetch_all(&self.pool)
        .await?;
        // A redelivery finds its own entry (newest first): the state before it is the next.
        let from = rows
            .iter()
            .position(|r| r.try_get::<String, _>(0).is_ok_and(|t| t == ticket_id))
            .map_or(0, |own| own + 1);
        let Some(row) = rows.get(from) else {
            return Ok(None);
        };
        let text: String = row.try_get(1)?;
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| StateError::Corrupt {
                id: conversation_id.to_owned(),
                reason: e.to_string(),
            })
    }

    /// Saves `state` as the conversation's state after `ticket_id`. A redelivered ticket's
    /// save replaces its own entry only while no later ticket has saved one; the oldest
    /// entries beyond the last few are dropped.
    pub async fn save_state<T: Serialize>(
        &self,
        conversation_id: &str,
        ticket_id: &str,
        state: &T,
    ) -> Result<(), StateError> {
        let text = serde_json::to_string(state).map_err(|e| StateError::Corrupt {
            id: conversation_id.to_owned(),
            reason: e.to_string(),
        })?;
        let mut tx = self.pool.begin().await?;
        // (`WHERE` after the SELECT: SQLite needs it to parse the `ON CONFLICT` of an
        // INSERT ... SELECT.)
        sqlx::query(
            "INSERT INTO conversation_states (conversation_id, ticket_id, seq, state_json, saved_at) \
             SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4 FROM conversation_states WHERE conversation_id = $1 \
             ON CONFLICT (conversation_id, ticket_id) DO UPDATE SET state_json = excluded.state_json, saved_at = excluded.saved_at \
             WHERE conversation_states.seq = (SELECT MAX(s.seq) FROM conversation_states s WHERE s.conversation_id = excluded.conversation_id)",
        )
        .bind(conversation_id)
        .bind(ticket_id)
        .bind(text)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM conversation_states WHERE conversation_id = $1 AND seq <= (SELECT MAX(s.seq) FROM conversation_states s WHERE s.conversation_id = $1) - $2",
        )
        .bind(conversation_id)
        .bind(STATES_KEPT)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
