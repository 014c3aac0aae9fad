//! `frontdesk erase --customer <id or contact>`: a customer's data removed from the state
//! database on request.
//!
//! The customer is found by the identity their channel verified (`conversations.
//! customer_json`: e-mail address, phone number, helpdesk user id) or by where their
//! tickets came from (`channel_inbox.origin_json`: the reply address). For each of their
//! conversations it deletes, in one transaction: the vault rows (crypto-shredding: the
//! tokens left in topics, dead letters and audit records no longer mean anything), the
//! turns, the conversation states and row, the handoffs with what people did and wrote on
//! them (`console_events`, `console_replies`), the inbox, outbox and mail-thread rows.
//! `processed_tickets` (ticket ids and outcomes, nothing personal) stays, so a redelivered
//! ticket is still not answered twice. An audit record (rule `erasure`) says what was
//! removed; it names the conversations, never the customer's contact.

use serde::Serialize;
use sqlx::{AnyPool, Row};

/// What an erasure removed, table by table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Erasure {
    /// The customer's conversations.
    pub conversations: Vec<String>,
    /// Rows deleted per table, in the order they were deleted.
    pub deleted: Vec<(String, u64)>,
}

impl Erasure {
    /// Rows deleted in all.
    pub fn total(&self) -> u64 {
        self.deleted.iter().map(|(_, n)| n).sum()
    }
}

/// Whether any string in `json` is `who` (case-insensitive, trimmed).
fn names(json: &serde_json::Value, who: &str) -> bool {
    match json {
        serde_json::Value::String(s) => s.trim().eq_ignore_ascii_case(who),
        serde_json::Value::Array(a) => a.iter().any(|v| names(v, who)),
        serde_json::Value::Object(o) => o.values().any(|v| names(v, who)),
        _ => false,
    }
}

/// The conversations of the customer `who` (a verified contact or id). A scan of the
/// conversations and the inbox: erasure is rare and the JSON columns are not indexed.
pub async fn conversations_of(pool: &AnyPool, who: &str) -> Result<Vec<String>, sqlx::Error> {
    let who = who.trim();
    let mut out: Vec<String> = Vec::new();
    for (sql, column) in [
        (
            "SELECT conversation_id, customer_json FROM conversations",
            "customer_json",
        ),
        (
            "SELECT conversation_id, origin_json FROM channel_inbox",
            "origin_json",
        ),
    ] {
        for row in sqlx::query(sql).fetch_all(pool).await? {
            let id: String = row.try_get("conversation_id")?;
            let json: String = row.try_get(column)?;
            let parsed = serde_json::from_str(&json).unwrap_or(serde_json::Value::Null);
            if names(&parsed, who) && !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Per conversation, what is deleted: (table, statement with `$1` the conversation id).
/// Rows keyed by ticket go first, while the rows that name their tickets still exist.
const DELETES: &[(&str, &str)] = &[
    (
        "console_events",
        "DELETE FROM console_events WHERE ticket_id IN \
         (SELECT ticket_id FROM handoffs WHERE conversation_id = $1)",
    ),
    (
        "console_replies",
        "DELETE FROM console_replies WHERE ticket_id IN \
         (SELECT ticket_id FROM handoffs WHERE conversation_id = $1)",
    ),
    (
        "channel_outbox",
        "DELETE FROM channel_outbox WHERE ticket_id IN \
         (SELECT ticket_id FROM channel_inbox WHERE conversation_id = $1)",
    ),
    (
        "pii_vault",
        "DELETE FROM pii_vault WHERE conversation_id = $1",
    ),
    ("turns", "DELETE FROM turns WHERE conversation_id = $1"),
    (
        "conversation_states",
        "DELETE FROM conversation_states WHERE conversation_id = $1",
    ),
    (
        "conversations",
        "DELETE FROM conversations WHERE conversation_id = $1",
    ),
    (
        "handoffs",
        "DELETE FROM handoffs WHERE conversation_id = $1",
    ),
    (
        "channel_inbox",
        "DELETE FROM channel_inbox WHERE conversation_id = $1",
    ),
    (
        "mail_threads",
        "DELETE FROM mail_threads WHERE conversation_id = $1",
    ),
];

/// Deletes the data of `conversations` in one transaction.
pub async fn erase_conversations(
    pool: &AnyPool,
    conversations: Vec<String>,
) -> Result<Erasure, sqlx::Error> {
    let mut counts: Vec<(String, u64)> =
        DELETES.iter().map(|(t, _)| ((*t).to_owned(), 0)).collect();
    let mut tx = pool.begin().await?;
    for id in &conversations {
        for ((_, sql), (_, n)) in DELETES.iter().zip(counts.iter_mut()) {
            *n += sqlx::query(sql)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
    }
    tx.commit().await?;
    Ok(Erasure {
        conversations,
        deleted: counts,
    })
}

/// The audit record of `erasure`.
pub fn audit_record(erasure: &Erasure) -> crate::messages::AuditRecord {
    let inputs = serde_json::json!({
        "conversations": erasure.conversations,
        "deleted": erasure.deleted.iter().map(|(t, n)| (t.clone(), *n)).collect::<std::collections::BTreeMap<_, _>>(),
    });
    crate::messages::AuditRecord {
        ticket_id: String::new(),
        conversation_id: erasure.conversations.first().cloned().unwrap_or_default(),
        stage: "erase".to_owned(),
        rule: crate::messages::Rule::Erasure,
        inputs_json: inputs.to_string(),
        outcome: "erased".to_owned(),
        reason: format!(
            "a customer's data was erased on request: {} conversation(s), {} row(s)",
            erasure.conversations.len(),
            erasure.total()
        ),
        policy_version: String::new(),
        at: crate::messages::now_ms(),
    }
}

/// `frontdesk erase --customer WHO`: erases, publishes the audit record, prints what was
/// removed (`--dry-run`: only which conversations would be).
pub async fn command(
    cfg: &crate::config::Config,
    who: &str,
    dry_run: bool,
    json: bool,
) -> anyhow::Result<Erasure> {
    use anyhow::Context;
    anyhow::ensure!(
        !cfg.kafka.is_embedded(),
        "erase needs the cluster: its audit record goes to the audit topic (set kafka.brokers)"
    );
    let state = crate::state::StateDb::connect(&cfg.state.url, cfg.state.max_connections)
        .await
        .context("Failed to open the state database")?;
    let conversations = conversations_of(state.pool(), who)
        .await
        .context("Failed to find the customer's conversations")?;
    let erasure = if dry_run {
        Erasure {
            conversations,
            deleted: Vec::new(),
        }
    } else {
        let erasure = erase_conversations(state.pool(), conversations)
            .await
            .context("Failed to erase")?;
        let topics = crate::pipeline::topics(cfg)?;
        let outbound = crate::console::outbound::Outbound::new(
            crate::kafka::producer(&cfg.kafka.brokers, &cfg.kafka)?,
            crate::pipeline::codec(cfg),
            topics.physical(crate::topics::names::RESOLUTIONS),
            topics.physical(crate::topics::names::AUDIT),
            std::time::Duration::from_secs(30),
        );
        outbound
            .audit_as(&audit_record(&erasure), "erase")
            .await
            .context("Erased, but failed to publish the audit record")?;
        erasure
    };
    if json {
        println!("{}", serde_json::to_string(&erasure)?);
    } else {
        println!(
            "{} conversation(s){}",
            erasure.conversations.len(),
            if dry_run {
                " would be erased"
            } else {
                " erased"
            }
        );
        for (table, n) in erasure.deleted.iter().filter(|(_, n)| *n > 0) {
            println!("  {table}: {n} row(s)");
        }
    }
    Ok(erasure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_is_named_anywhere_in_the_json() {
        let j = serde_json::json!({"email": "Ana@Example.com", "phone": null, "thread": ["x", "+15550001"]});
        assert!(names(&j, "ana@example.com"));
        assert!(names(&j, "+15550001"));
        assert!(!names(&j, "ana"));
    }
}
