//! The `handoffs` table: one row per handed-off ticket, filled from the handoffs topic and
//! worked by people (claim, release, assign, close, hand back, approve or reject the action).
//!
//! Every state change is one conditional `UPDATE` (claim only if unclaimed or already mine,
//! approve only if still proposed, ...), so two replicas or a double click cannot both win:
//! the loser sees a [`ConsoleError::Conflict`].

use std::collections::BTreeMap;

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use super::error::ConsoleError;
use crate::messages::{now_ms, Handoff};

/// Where a handoff is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waiting for, or being worked by, a person.
    Open,
    /// A person closed it.
    Closed,
    /// A person handed the conversation back to the agent for the customer's next message.
    Returned,
    /// A later handoff of the same conversation arrived; that one is worked instead.
    Superseded,
}

impl Status {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
            Status::Returned => "returned",
            Status::Superseded => "superseded",
        }
    }
}

/// Where the handoff's proposed action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStatus {
    /// The handoff proposes no action.
    None,
    /// Proposed, waiting for an approver.
    Proposed,
    /// An approver's approval is running.
    Approving,
    /// Approved and done by the store.
    Approved,
    /// Rejected by an approver.
    Rejected,
    /// Approved but the gate or the store refused it; it may be approved again.
    Failed,
}

impl ActionStatus {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::None => "none",
            ActionStatus::Proposed => "proposed",
            ActionStatus::Approving => "approving",
            ActionStatus::Approved => "approved",
            ActionStatus::Rejected => "rejected",
            ActionStatus::Failed => "failed",
        }
    }
}

/// A queue row.
#[derive(Debug, Clone)]
pub struct HandoffRow {
    /// The ticket handed off.
    pub ticket_id: String,
    /// Its thread.
    pub conversation_id: String,
    /// Channel it came from.
    pub channel: String,
    /// The reason code (`approval_required`, ...).
    pub reason_code: String,
    /// The first intent of the route, or `unclassified`.
    pub intent: String,
    /// The one-line summary.
    pub summary: String,
    /// When the pipeline handed it off (ms since the epoch).
    pub handed_off_at: i64,
    /// `open`, `closed`, `returned` or `superseded`.
    pub status: String,
    /// Who has it.
    pub claimed_by: Option<String>,
    /// `none`, `proposed`, `approving`, `approved`, `rejected` or `failed`.
    pub action_status: String,
}

/// A handoff with everything the conversation view shows.
#[derive(Debug, Clone)]
pub struct HandoffDetail {
    /// The queue row.
    pub row: HandoffRow,
    /// The record as the pipeline published it.
    pub record: Handoff,
    /// The Kafka headers it came with.
    pub headers: BTreeMap<String, String>,
    /// Who approved or rejected the action.
    pub action_by: Option<String>,
    /// What running the approved action returned (JSON), or why it failed.
    pub action_result: Option<String>,
}

/// Which handoffs the queue shows by claim.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Claimed {
    /// Every open handoff.
    #[default]
    All,
    /// Claimed by anyone.
    Claimed,
    /// Claimed by nobody.
    Unclaimed,
    /// Claimed by the signed-in person.
    Mine,
}

impl Claimed {
    /// Every choice, in the order the filter lists them.
    pub const ALL: [Claimed; 4] = [
        Claimed::All,
        Claimed::Unclaimed,
        Claimed::Claimed,
        Claimed::Mine,
    ];

    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Claimed::All => "all",
            Claimed::Claimed => "claimed",
            Claimed::Unclaimed => "unclaimed",
            Claimed::Mine => "mine",
        }
    }
}

/// The queue's filters (empty strings mean "any", as an HTML form sends them).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Filter {
    /// Reason code.
    pub reason: String,
    /// Intent.
    pub intent: String,
    /// Channel.
    pub channel: String,
    /// Only handoffs older than this many minutes (a number, or empty for any age).
    pub older_than_minutes: String,
    /// Claimed, unclaimed, mine or all.
    pub claimed: Claimed,
    /// Page number, from 0.
    pub page: u32,
}

impl Filter {
    /// The age filter, if it is a positive number of minutes.
    pub fn minutes(&self) -> Option<i64> {
        self.older_than_minutes
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|m| *m > 0)
    }
}

/// A SQL `WHERE` clause with its bound values, numbered `$1..`.
struct Where {
    sql: String,
    binds: Vec<Bind>,
}

enum Bind {
    Text(String),
    Int(i64),
}

impl Where {
    fn open() -> Where {
        Where {
            sql: "status = 'open'".to_owned(),
            binds: Vec::new(),
        }
    }

    fn and(&mut self, clause: &str, value: Bind) {
        self.binds.push(value);
        let n = self.binds.len();
        self.sql
            .push_str(&format!(" AND {}", clause.replace("$?", &format!("${n}"))));
    }

    fn of(filter: &Filter, me: &str, now: i64) -> Where {
        let mut w = Where::open();
        for (column, value) in [
            ("reason_code", &filter.reason),
            ("intent", &filter.intent),
            ("channel", &filter.channel),
        ] {
            if !value.is_empty() {
                w.and(&format!("{column} = $?"), Bind::Text(value.clone()));
            }
        }
        if let Some(minutes) = filter.minutes() {
            w.and(
                "handed_off_at <= $?",
                Bind::Int(now.saturating_sub(minutes.saturating_mul(60_000))),
            );
        }
        match filter.claimed {
            Claimed::All => {}
            Claimed::Claimed => w.sql.push_str(" AND claimed_by IS NOT NULL"),
            Claimed::Unclaimed => w.sql.push_str(" AND claimed_by IS NULL"),
            Claimed::Mine => w.and("claimed_by = $?", Bind::Text(me.to_owned())),
        }
        w
    }

    fn bind<'q>(
        &'q self,
        mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        for b in &self.binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

const ROW_COLUMNS: &str = "ticket_id, conversation_id, channel, reason_code, intent, summary, handed_off_at, status, claimed_by, action_status";

fn row(r: &AnyRow) -> Result<HandoffRow, sqlx::Error> {
    Ok(HandoffRow {
        ticket_id: r.try_get("ticket_id")?,
        conversation_id: r.try_get("conversation_id")?,
        channel: r.try_get("channel")?,
        reason_code: r.try_get("reason_code")?,
        intent: r.try_get("intent")?,
        summary: r.try_get("summary")?,
        handed_off_at: r.try_get("handed_off_at")?,
        status: r.try_get("status")?,
        claimed_by: r.try_get("claimed_by")?,
        action_status: r.try_get("action_status")?,
    })
}

/// The intent a queue row is filed under: the route's first, or `unclassified`.
pub fn intent_of(h: &Handoff) -> String {
    h.route
        .as_ref()
        .and_then(|r| r.intent_keys().next())
        .unwrap_or("unclassified")
        .to_owned()
}

/// The `handoffs` table.
#[derive(Clone, Debug)]
pub struct Handoffs {
    pool: AnyPool,
}

impl Handoffs {
    /// Over the state database's pool (migrated by [`crate::state::StateDb::connect`]).
    pub fn new(pool: AnyPool) -> Handoffs {
        Handoffs { pool }
    }

    /// The pool (the learning figures read it too).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Stores a handoff read from the topic. A ticket already stored is left alone (a
    /// redelivery, or another replica's read), so claims and approvals survive. Returns
    /// whether it was new. A handoff older than another of its conversation is stored as
    /// superseded; a newer one supersedes the open older ones.
    pub async fn insert(
        &self,
        h: &Handoff,
        headers: &BTreeMap<String, String>,
    ) -> Result<bool, ConsoleError> {
        let record = serde_json::to_string(h).map_err(|e| ConsoleError::Corrupt(e.to_string()))?;
        let headers =
            serde_json::to_string(headers).map_err(|e| ConsoleError::Corrupt(e.to_string()))?;
        let mut tx = self.pool.begin().await?;
        let newer: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM handoffs WHERE conversation_id = $1 AND handed_off_at > $2",
        )
        .bind(&h.conversation_id)
        .bind(h.handed_off_at)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        let status = if newer > 0 {
            Status::Superseded
        } else {
            Status::Open
        };
        let action = if h.proposed_action.is_some() {
            ActionStatus::Proposed
        } else {
            ActionStatus::None
        };
        let inserted = sqlx::query(
            "INSERT INTO handoffs (ticket_id, conversation_id, channel, reason_code, intent, summary, record_json, headers_json, handed_off_at, stored_at, status, action_status) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (ticket_id) DO NOTHING",
        )
        .bind(&h.ticket_id)
        .bind(&h.conversation_id)
        .bind(h.channel.as_str())
        .bind(h.reason_code.as_str())
        .bind(intent_of(h))
        .bind(&h.summary)
        .bind(record)
        .bind(headers)
        .bind(h.handed_off_at)
        .bind(now_ms())
        .bind(status.as_str())
        .bind(action.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if inserted && status == Status::Open {
            // The person who held the conversation keeps it: the new handoff (often the
            // customer's next message while it was held) inherits the latest claim. Its
            // `first_claimed_at` stays empty: nobody claimed it from the queue, and the learn
            // page's time to claim counts only those.
            let held = sqlx::query(
                "SELECT claimed_by, claimed_at FROM handoffs WHERE conversation_id = $1 AND status = 'open' AND ticket_id <> $2 AND handed_off_at <= $3 AND claimed_by IS NOT NULL ORDER BY handed_off_at DESC LIMIT 1",
            )
            .bind(&h.conversation_id)
            .bind(&h.ticket_id)
            .bind(h.handed_off_at)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(held) = held {
                sqlx::query(
                    "UPDATE handoffs SET claimed_by = $1, claimed_at = $2 WHERE ticket_id = $3",
                )
                .bind(held.try_get::<Option<String>, _>("claimed_by")?)
                .bind(held.try_get::<Option<i64>, _>("claimed_at")?)
                .bind(&h.ticket_id)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query(
                "UPDATE handoffs SET status = 'superseded' WHERE conversation_id = $1 AND status = 'open' AND ticket_id <> $2 AND handed_off_at <= $3",
            )
            .bind(&h.conversation_id)
            .bind(&h.ticket_id)
            .bind(h.handed_off_at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(inserted)
    }

    /// One page of open handoffs matching `filter`, oldest first, and how many match.
    pub async fn queue(
        &self,
        filter: &Filter,
        me: &str,
        page_size: u32,
    ) -> Result<(Vec<HandoffRow>, i64), ConsoleError> {
        let w = Where::of(filter, me, now_ms());
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM handoffs WHERE {} ORDER BY handed_off_at, ticket_id LIMIT {} OFFSET {}",
            w.sql,
            page_size,
            u64::from(filter.page) * u64::from(page_size)
        );
        let rows = w.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
        let rows = rows.iter().map(row).collect::<Result<Vec<_>, _>>()?;
        let count_sql = format!("SELECT COUNT(*) AS n FROM handoffs WHERE {}", w.sql);
        let total: i64 = w
            .bind(sqlx::query(&count_sql))
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok((rows, total))
    }

    /// Open handoffs per value of `column` (`reason_code`, `intent` or `channel`), most first.
    pub async fn open_counts(&self, column: Facet) -> Result<Vec<(String, i64)>, ConsoleError> {
        let c = column.column();
        let sql = format!(
            "SELECT {c} AS v, COUNT(*) AS n FROM handoffs WHERE status = 'open' GROUP BY {c} ORDER BY n DESC, v"
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok((r.try_get("v")?, r.try_get("n")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(ConsoleError::from)
    }

    /// One handoff, whatever its status.
    pub async fn get(&self, ticket_id: &str) -> Result<HandoffDetail, ConsoleError> {
        let r = sqlx::query(&format!(
            "SELECT {ROW_COLUMNS}, record_json, headers_json, action_by, action_result FROM handoffs WHERE ticket_id = $1"
        ))
        .bind(ticket_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| ConsoleError::NotFound(ticket_id.to_owned()))?;
        let record: String = r.try_get("record_json")?;
        let headers: String = r.try_get("headers_json")?;
        Ok(HandoffDetail {
            row: row(&r)?,
            record: serde_json::from_str(&record)
                .map_err(|e| ConsoleError::Corrupt(format!("handoff {ticket_id}: {e}")))?,
            headers: serde_json::from_str(&headers)
                .map_err(|e| ConsoleError::Corrupt(format!("headers of {ticket_id}: {e}")))?,
            action_by: r.try_get("action_by")?,
            action_result: r.try_get("action_result")?,
        })
    }

    /// Runs a conditional update; no row changed is a conflict described by `why`.
    async fn update<'q>(
        &self,
        query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
        why: impl FnOnce() -> String,
    ) -> Result<(), ConsoleError> {
        if query.execute(&self.pool).await?.rows_affected() == 1 {
            Ok(())
        } else {
            Err(ConsoleError::Conflict(why()))
        }
    }

    /// `user` claims an open handoff nobody else has.
    pub async fn claim(&self, ticket_id: &str, user: &str) -> Result<(), ConsoleError> {
        self.give(ticket_id, user, false).await
    }

    /// Gives an open handoff to `to`, whoever had it (anyone may assign: a lead hands out
    /// work).
    pub async fn assign(&self, ticket_id: &str, to: &str) -> Result<(), ConsoleError> {
        self.give(ticket_id, to, true).await
    }

    /// `to` takes the handoff: if nobody else has it, or in any case with `even_if_taken`.
    async fn give(
        &self,
        ticket_id: &str,
        to: &str,
        even_if_taken: bool,
    ) -> Result<(), ConsoleError> {
        self.update(
            sqlx::query(
                "UPDATE handoffs SET claimed_by = $1, claimed_at = $2, first_claimed_at = COALESCE(first_claimed_at, $2) \
                 WHERE ticket_id = $3 AND status = 'open' AND (claimed_by IS NULL OR claimed_by = $1 OR $4 = 1)",
            )
            .bind(to)
            .bind(now_ms())
            .bind(ticket_id)
            .bind(i64::from(even_if_taken)),
            || format!("{ticket_id} is not open or someone else has claimed it"),
        )
        .await
    }

    /// Releases `user`'s claim (an admin may release anyone's: `any`).
    pub async fn release(
        &self,
        ticket_id: &str,
        user: &str,
        any: bool,
    ) -> Result<(), ConsoleError> {
        self.update(
            sqlx::query(
                "UPDATE handoffs SET claimed_by = NULL, claimed_at = NULL \
                 WHERE ticket_id = $1 AND status = 'open' AND claimed_by IS NOT NULL AND (claimed_by = $2 OR $3 = 1)",
            )
            .bind(ticket_id)
            .bind(user)
            .bind(i64::from(any)),
            || format!("{ticket_id} is not open or not claimed by you"),
        )
        .await
    }

    /// Closes an open handoff (`Closed`) or hands it back to the agent (`Returned`).
    pub async fn finish(
        &self,
        ticket_id: &str,
        user: &str,
        to: Status,
    ) -> Result<(), ConsoleError> {
        self.update(
            sqlx::query(
                "UPDATE handoffs SET status = $1, closed_at = $2, closed_by = $3 WHERE ticket_id = $4 AND status = 'open'",
            )
            .bind(to.as_str())
            .bind(now_ms())
            .bind(user)
            .bind(ticket_id),
            || format!("{ticket_id} is not open"),
        )
        .await
    }

    /// Marks the proposed action as being approved by `user`: only one approval runs at a
    /// time (a double click or a second replica gets a conflict). A failed approval may be
    /// tried again, and so may one left `approving` for `stale_ms` (its process died).
    pub async fn begin_approval(
        &self,
        ticket_id: &str,
        user: &str,
        stale_ms: i64,
    ) -> Result<(), ConsoleError> {
        let now = now_ms();
        self.update(
            sqlx::query(
                "UPDATE handoffs SET action_status = 'approving', action_by = $1, action_at = $2 \
                 WHERE ticket_id = $3 AND status = 'open' AND (action_status IN ('proposed', 'failed') OR (action_status = 'approving' AND action_at < $4))",
            )
            .bind(user)
            .bind(now)
            .bind(ticket_id)
            .bind(now - stale_ms),
            || format!("the action of {ticket_id} is not waiting for approval (already approved, rejected, or being approved)"),
        )
        .await
    }

    /// Settles the action: `Approved` or `Failed` after an approval, `Rejected` by an
    /// approver. `from` is the status it must be in.
    pub async fn settle_action(
        &self,
        ticket_id: &str,
        user: &str,
        from: &[ActionStatus],
        to: ActionStatus,
        result: &str,
    ) -> Result<(), ConsoleError> {
        let allowed: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
        let sql = format!(
            "UPDATE handoffs SET action_status = $1, action_by = $2, action_at = $3, action_result = $4 WHERE ticket_id = $5 AND action_status IN ({})",
            allowed.join(", ")
        );
        self.update(
            sqlx::query(&sql)
                .bind(to.as_str())
                .bind(user)
                .bind(now_ms())
                .bind(result)
                .bind(ticket_id),
            || format!("the action of {ticket_id} is no longer {:?}", from),
        )
        .await
    }
}

/// A column the queue counts by.
#[derive(Debug, Clone, Copy)]
pub enum Facet {
    /// By reason code.
    Reason,
    /// By intent.
    Intent,
    /// By channel.
    Channel,
}

impl Facet {
    fn column(self) -> &'static str {
        match self {
            Facet::Reason => "reason_code",
            Facet::Intent => "intent",
            Facet::Channel => "channel",
        }
    }
}
