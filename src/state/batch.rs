//! The group commit: per-ticket writes (turns, finished marks) committed by one writer task
//! in one transaction per batch, and per-ticket "is it finished?" lookups answered by one
//! `IN (...)` query per batch (see the module doc of [`crate::state`]).

use sqlx::{AnyPool, Row};

use super::key::TicketKey;

/// A queued "is this ticket finished?" question.
#[derive(Debug)]
pub(super) struct Lookup {
    pub(super) key: TicketKey,
    pub(super) answer: tokio::sync::oneshot::Sender<Result<bool, String>>,
}

/// Answers queued lookups, as many as are waiting (up to [`MAX_BATCH`]) per query.
pub(super) async fn finished_reader(
    pool: AnyPool,
    params: Params,
    mut rx: tokio::sync::mpsc::Receiver<Lookup>,
) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(l) => batch.push(l),
                Err(_) => break,
            }
        }
        // A few fixed statement sizes (the last id repeated to fill one), so the driver
        // prepares at most four statements rather than one per batch size.
        let size = padded(batch.len());
        let placeholders: Vec<String> = (1..=size).map(|i| params.nth(i)).collect();
        // By ticket id (the key's leading column); channel and tenant are matched here.
        let sql = format!(
            "SELECT ticket_id, channel, tenant FROM processed_tickets WHERE ticket_id IN ({})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for i in 0..size {
            query = query.bind(batch[i.min(batch.len() - 1)].key.ticket_id.as_str());
        }
        let found: Result<std::collections::HashSet<TicketKey>, String> = query
            .fetch_all(&pool)
            .await
            .map_err(|e| e.to_string())
            .and_then(|rows| {
                rows.iter()
                    .map(|r| {
                        Ok(TicketKey {
                            ticket_id: r.try_get(0)?,
                            channel: r.try_get(1)?,
                            tenant: r.try_get(2)?,
                        })
                    })
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(|e| e.to_string())
            });
        for l in batch {
            let _ = l.answer.send(
                found
                    .as_ref()
                    .map(|f| f.contains(&l.key))
                    .map_err(Clone::clone),
            );
        }
    }
}

/// How a statement's parameters are written.
#[derive(Debug, Clone, Copy)]
pub(super) enum Params {
    /// `$1, $2, ...` (PostgreSQL).
    Numbered,
    /// `?, ?, ...` bound in order (SQLite): sqlx looks each numbered name up in SQLite's
    /// parameter list, which is quadratic in a statement of hundreds of parameters.
    InOrder,
}

impl Params {
    /// The `i`-th (from 1) parameter.
    fn nth(self, i: usize) -> String {
        match self {
            Params::Numbered => format!("${i}"),
            Params::InOrder => "?".to_owned(),
        }
    }
}

/// Most writes committed in one transaction.
pub(super) const MAX_BATCH: usize = 512;

/// The statement size a batch of `n` (1..=[`MAX_BATCH`]) rows or ids is padded to.
fn padded(n: usize) -> usize {
    match n {
        0..=1 => 1,
        2..=8 => 8,
        9..=64 => 64,
        _ => MAX_BATCH,
    }
}

/// Rows of one multi-row `processed_tickets` insert (6 parameters each).
const FINISHED_ROWS: usize = 128;

/// A per-ticket write, queued for the writer task.
#[derive(Debug)]
pub(super) enum Write {
    Finished {
        key: TicketKey,
        conversation_id: String,
        outcome: String,
        at: i64,
    },
    Turn {
        conversation_id: String,
        ticket_id: String,
        channel: &'static str,
        customer_json: String,
        role: String,
        text: String,
        at: i64,
    },
}

#[derive(Debug)]
pub(super) struct Job {
    pub(super) write: Write,
    pub(super) done: tokio::sync::oneshot::Sender<Result<(), String>>,
}

/// Commits queued writes, as many as are waiting (up to [`MAX_BATCH`]) per transaction.
pub(super) async fn writer(
    pool: AnyPool,
    params: Params,
    mut rx: tokio::sync::mpsc::Receiver<Job>,
) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let result = commit(&pool, params, &batch)
            .await
            .map_err(|e| e.to_string());
        for job in batch {
            let _ = job.done.send(result.clone());
        }
    }
}

async fn commit(pool: &AnyPool, params: Params, batch: &[Job]) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Finished marks go in multi-row inserts: one statement per up to FINISHED_ROWS
    // tickets rather than one round trip to the driver each.
    let finished: Vec<&Write> = batch
        .iter()
        .map(|j| &j.write)
        .filter(|w| matches!(w, Write::Finished { .. }))
        .collect();
    for chunk in finished.chunks(FINISHED_ROWS) {
        let rows = padded(chunk.len()).min(FINISHED_ROWS);
        let values: Vec<String> = (0..rows)
            .map(|r| {
                let row: Vec<String> = (1..=6).map(|i| params.nth(r * 6 + i)).collect();
                format!("({})", row.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO processed_tickets (ticket_id, channel, tenant, conversation_id, outcome, finished_at) VALUES {} ON CONFLICT (ticket_id, channel, tenant) DO NOTHING",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        // Padding repeats the last row, which the conflict clause ignores.
        for r in 0..rows {
            if let Write::Finished {
                key,
                conversation_id,
                outcome,
                at,
            } = chunk[r.min(chunk.len() - 1)]
            {
                query = query
                    .bind(key.ticket_id.as_str())
                    .bind(key.channel.as_str())
                    .bind(key.tenant.as_str())
                    .bind(conversation_id.as_str())
                    .bind(outcome.as_str())
                    .bind(*at);
            }
        }
        query.execute(&mut *tx).await?;
    }
    for job in batch {
        if let Write::Turn {
            conversation_id,
            ticket_id,
            channel,
            customer_json,
            role,
            text,
            at,
        } = &job.write
        {
            sqlx::query(
                "INSERT INTO conversations (conversation_id, channel, customer_json, state_json, created_at, updated_at) VALUES ($1, $2, $3, '{}', $4, $4) ON CONFLICT (conversation_id) DO UPDATE SET updated_at = $4",
            )
            .bind(conversation_id)
            .bind(*channel)
            .bind(customer_json)
            .bind(*at)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO turns (conversation_id, ticket_id, role, body, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id, ticket_id, role) DO NOTHING",
            )
            .bind(conversation_id)
            .bind(ticket_id)
            .bind(role)
            .bind(text)
            .bind(*at)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await
}
