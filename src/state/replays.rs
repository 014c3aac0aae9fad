//! What `frontdesk dlq replay` keeps in the state database: the dead letters it re-drove
//! (`dlq_replays`), and the finished marks of dead-lettered tickets it reopens.

use super::db::StateDb;
use super::error::StateError;
use super::key::TicketKey;
use crate::messages::now_ms;

impl StateDb {
    /// Reopens a ticket the runner handed to a person because its record was dead-lettered
    /// (outcome `dead_lettered`), so its re-driven record gets its real outcome. Returns
    /// whether there was such a mark. A ticket finished any other way stays finished.
    pub async fn reopen_dead_lettered(&self, key: &TicketKey) -> Result<bool, StateError> {
        let deleted = sqlx::query(
            "DELETE FROM processed_tickets WHERE ticket_id = $1 AND channel = $2 AND tenant = $3 AND outcome = $4",
        )
        .bind(&key.ticket_id)
        .bind(&key.channel)
        .bind(&key.tenant)
        .bind(crate::messages::Rule::DeadLettered.as_str())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(deleted > 0)
    }

    /// Whether the dead letter at `topic`/`partition`/`offset` was replayed.
    pub async fn replayed(
        &self,
        topic: &str,
        partition: i32,
        offset: i64,
    ) -> Result<bool, StateError> {
        let row = sqlx::query(
            "SELECT 1 FROM dlq_replays WHERE dl_topic = $1 AND dl_partition = $2 AND dl_offset = $3",
        )
        .bind(topic)
        .bind(partition)
        .bind(offset)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    /// Records that the dead letter at `topic`/`partition`/`offset` was replayed.
    pub async fn mark_replayed(
        &self,
        topic: &str,
        partition: i32,
        offset: i64,
    ) -> Result<(), StateError> {
        sqlx::query(
            "INSERT INTO dlq_replays (dl_topic, dl_partition, dl_offset, replayed_at) VALUES ($1, $2, $3, $4) ON CONFLICT (dl_topic, dl_partition, dl_offset) DO NOTHING",
        )
        .bind(topic)
        .bind(partition)
        .bind(offset)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
