//! E-mail threads (`mail_threads`): each `Message-ID` seen, received or sent, and its
//! conversation. A reply joins the conversation of the message it answers (`In-Reply-To`,
//! then `References` from the newest), whatever its subject says.

use sqlx::{AnyPool, Row};

use super::message::InboundMail;
use crate::channels::inbox::placeholders;
use crate::channels::origin::digest_id;
use crate::messages::now_ms;

/// Most ids of a `References` chain looked up (the newest ones).
const MAX_LOOKUP: usize = 50;

/// The thread table over the state database.
#[derive(Debug, Clone)]
pub struct Threads {
    pool: AnyPool,
}

impl Threads {
    /// The thread table in the state database behind `pool`.
    pub fn new(pool: AnyPool) -> Threads {
        Threads { pool }
    }

    /// The conversation `mail` belongs to: the one already recorded for its own id (a
    /// message seen before), else the one of the message it replies to, else a new one
    /// named after it.
    pub async fn conversation_for(&self, mail: &InboundMail) -> Result<String, sqlx::Error> {
        let mut candidates: Vec<&str> = vec![mail.key()];
        candidates.extend(mail.in_reply_to.iter().map(String::as_str));
        candidates.extend(mail.references.iter().rev().map(String::as_str));
        candidates.truncate(MAX_LOOKUP);
        let sql = format!(
            "SELECT message_id, conversation_id FROM mail_threads WHERE message_id IN ({})",
            placeholders(1, candidates.len())
        );
        let mut q = sqlx::query(&sql);
        for c in &candidates {
            q = q.bind(*c);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut found = std::collections::HashMap::new();
        for r in rows {
            found.insert(
                r.try_get::<String, _>("message_id")?,
                r.try_get::<String, _>("conversation_id")?,
            );
        }
        Ok(candidates
            .iter()
            .find_map(|c| found.get(*c).cloned())
            .unwrap_or_else(|| format!("email:{}", digest_id(&[mail.key()]))))
    }

    /// Records that `message_id` belongs to `conversation_id` (first record wins).
    pub async fn record(&self, message_id: &str, conversation_id: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO mail_threads (message_id, conversation_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (message_id) DO NOTHING",
        )
        .bind(message_id)
        .bind(conversation_id)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::StateDb;

    #[tokio::test]
    async fn a_reply_joins_its_thread_even_when_the_subject_changed() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
        let db = StateDb::connect(&url, 2).await.unwrap();
        let threads = Threads::new(db.pool().clone());
        let first = InboundMail {
            message_id: Some("first@customer.example".into()),
            subject: Some("Order W1".into()),
            ..Default::default()
        };
        let conv = threads.conversation_for(&first).await.unwrap();
        assert!(conv.starts_with("email:"));
        threads.record(first.key(), &conv).await.unwrap();
        // Our answer, as deliver records it.
        threads.record("answer@acme.example", &conv).await.unwrap();
        let reply = InboundMail {
            message_id: Some("second@customer.example".into()),
            in_reply_to: vec!["answer@acme.example".into()],
            subject: Some("something else entirely".into()),
            ..Default::default()
        };
        assert_eq!(threads.conversation_for(&reply).await.unwrap(), conv);
        // Only a References chain (the client dropped In-Reply-To).
        let later = InboundMail {
            message_id: Some("third@customer.example".into()),
            references: vec!["first@customer.example".into(), "unknown@x".into()],
            ..Default::default()
        };
        assert_eq!(threads.conversation_for(&later).await.unwrap(), conv);
        let unrelated = InboundMail {
            message_id: Some("other@customer.example".into()),
            ..Default::default()
        };
        assert_ne!(threads.conversation_for(&unrelated).await.unwrap(), conv);
    }
}
