//! `frontdesk retention run`: deletes the rows `[retention]` no longer keeps, table by
//! table, by each row's own time column (milliseconds since the epoch).

use std::time::Duration;

use serde::Serialize;
use sqlx::AnyPool;

use super::config::RetentionConfig;

/// Rows deleted per table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Swept {
    /// `(table, rows deleted)`, in the order they were swept; a table kept for ever is absent.
    pub deleted: Vec<(String, u64)>,
}

/// What each setting sweeps: (table, statement with `$1` the cutoff in ms). A
/// conversation's states go with it, before it.
fn statements(cfg: &RetentionConfig) -> Vec<(Duration, &'static str, &'static str)> {
    vec![
        (
            cfg.pii_vault,
            "pii_vault",
            "DELETE FROM pii_vault WHERE created_at < $1",
        ),
        (cfg.turns, "turns", "DELETE FROM turns WHERE at < $1"),
        (
            cfg.conversations,
            "conversation_states",
            "DELETE FROM conversation_states WHERE conversation_id IN \
             (SELECT conversation_id FROM conversations WHERE updated_at < $1)",
        ),
        (
            cfg.conversations,
            "conversations",
            "DELETE FROM conversations WHERE updated_at < $1",
        ),
        (
            cfg.handoffs,
            "handoffs",
            "DELETE FROM handoffs WHERE status <> 'open' AND handed_off_at < $1",
        ),
        (
            cfg.processed_tickets,
            "processed_tickets",
            "DELETE FROM processed_tickets WHERE finished_at < $1",
        ),
        (
            cfg.channel_inbox,
            "channel_inbox",
            "DELETE FROM channel_inbox WHERE claimed_at < $1",
        ),
        (
            cfg.channel_outbox,
            "channel_outbox",
            "DELETE FROM channel_outbox WHERE updated_at < $1",
        ),
        (
            cfg.mail_threads,
            "mail_threads",
            "DELETE FROM mail_threads WHERE created_at < $1",
        ),
        (
            cfg.console_history,
            "console_events",
            "DELETE FROM console_events WHERE at < $1",
        ),
        (
            cfg.console_history,
            "console_replies",
            "DELETE FROM console_replies WHERE sent_at < $1",
        ),
    ]
}

/// Deletes what `cfg` no longer keeps as of `now_ms`.
pub async fn sweep(
    pool: &AnyPool,
    cfg: &RetentionConfig,
    now_ms: i64,
) -> Result<Swept, sqlx::Error> {
    let mut out = Swept::default();
    for (keep, table, sql) in statements(cfg) {
        if keep.is_zero() {
            continue;
        }
        let cutoff = now_ms.saturating_sub(i64::try_from(keep.as_millis()).unwrap_or(i64::MAX));
        let n = sqlx::query(sql)
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected();
        out.deleted.push((table.to_owned(), n));
    }
    Ok(out)
}

/// `frontdesk retention run`: one sweep, or one every `every` until interrupted.
pub async fn command(
    cfg: &crate::config::Config,
    every: Option<Duration>,
    json: bool,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let state = crate::state::StateDb::connect(&cfg.state.url, cfg.state.max_connections)
        .await
        .context("Failed to open the state database")?;
    loop {
        let swept = sweep(state.pool(), &cfg.retention, crate::messages::now_ms())
            .await
            .context("Failed to apply retention")?;
        if json {
            println!("{}", serde_json::to_string(&swept)?);
        } else {
            for (table, n) in &swept.deleted {
                println!("{table}: {n} row(s) past retention deleted");
            }
        }
        let Some(every) = every else { return Ok(()) };
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = tokio::signal::ctrl_c() => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Channel, Ticket};
    use crate::state::StateDb;
    use sqlx::Row;

    async fn count(db: &StateDb, table: &str) -> i64 {
        sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(db.pool())
            .await
            .unwrap()
            .try_get("n")
            .unwrap()
    }

    #[tokio::test]
    async fn rows_past_their_table_s_retention_go_and_younger_ones_stay() {
        let db = StateDb::connect("sqlite::memory:", 1).await.unwrap();
        let t = Ticket::new("t1", "c1", Channel::Email, "hello");
        db.append_turn(&t, "customer", "hello").await.unwrap();
        let now = crate::messages::now_ms();
        let day = 24 * 3600 * 1000;
        // an old turn of another conversation
        sqlx::query("INSERT INTO turns (conversation_id, ticket_id, role, body, at) VALUES ('c0', 't0', 'customer', 'old', $1)")
            .bind(now - 100 * day)
            .execute(db.pool())
            .await
            .unwrap();
        let mut cfg = RetentionConfig {
            conversations: Duration::ZERO, // kept for ever
            ..RetentionConfig::default()
        };
        let swept = sweep(db.pool(), &cfg, now).await.unwrap();
        assert!(
            swept.deleted.contains(&("turns".to_owned(), 1)),
            "{swept:?}"
        );
        assert!(!swept.deleted.iter().any(|(t, _)| t == "conversations"));
        assert_eq!(count(&db, "turns").await, 1);
        // everything is past a retention of 1 ms a day later
        cfg.turns = Duration::from_millis(1);
        cfg.conversations = Duration::from_millis(1);
        sweep(db.pool(), &cfg, now + day).await.unwrap();
        assert_eq!(count(&db, "turns").await, 0);
        assert_eq!(count(&db, "conversations").await, 0);
    }
}
