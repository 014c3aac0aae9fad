//! The pages: the queue, the conversation view, the learning page, and `/metrics`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;

use super::error::ConsoleError;
use super::forms::Notice;
use super::handoffs::{Claimed, Facet, Filter, Status};
use super::learn::EditClass;
use super::server::Console;
use super::sessions::Session;
use super::users::Role;
use super::views::{self, html};

/// `GET /`: open handoffs, oldest first, with filters and counts per reason.
pub async fn queue(
    State(c): State<Arc<Console>>,
    Extension(session): Extension<Session>,
    Query(filter): Query<Filter>,
) -> Result<Html<String>, ConsoleError> {
    let page = html(&c.queue_page(&session, filter).await?);
    Ok(page)
}

impl Console {
    /// The queue page for `filter`.
    pub async fn queue_page(
        &self,
        session: &Session,
        filter: Filter,
    ) -> Result<views::QueuePage, ConsoleError> {
        let me = &session.user.username;
        let size = self.cfg.page_size;
        let (rows, total) = self.handoffs.queue(&filter, me, size).await?;
        let now = crate::messages::now_ms();
        let pages = u32::try_from((total.max(1) + i64::from(size) - 1) / i64::from(size))
            .unwrap_or(u32::MAX);
        let link = |page: u32| {
            let f = Filter {
                page,
                ..filter.clone()
            };
            format!("/?{}", serde_urlencoded::to_string(&f).unwrap_or_default())
        };
        Ok(views::QueuePage {
            user: me.clone(),
            csrf: session.csrf.clone(),
            rows: rows
                .into_iter()
                .map(|r| views::QueueItem {
                    age: views::age(now, r.handed_off_at),
                    action: if r.action_status == "none" {
                        String::new()
                    } else {
                        r.action_status
                    },
                    ticket_id: r.ticket_id,
                    reason: r.reason_code,
                    intent: r.intent,
                    channel: r.channel,
                    summary: r.summary,
                    claimed_by: r.claimed_by,
                })
                .collect(),
            total,
            reasons: self.handoffs.open_counts(Facet::Reason).await?,
            intents: self.handoffs.open_counts(Facet::Intent).await?,
            channels: self.handoffs.open_counts(Facet::Channel).await?,
            older_than: filter.older_than_minutes.clone(),
            claimed: filter.claimed.as_str().to_owned(),
            claim_choices: Claimed::ALL
                .iter()
                .map(|c| (c.as_str().to_owned(), c.as_str().to_owned()))
                .collect(),
            page: filter.page + 1,
            pages,
            prev_page: (filter.page > 0).then(|| link(filter.page - 1)),
            next_page: (filter.page + 1 < pages).then(|| link(filter.page + 1)),
            filter,
        })
    }
}

/// What the conversation view was told about the last action.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    /// A [`Notice`] code.
    #[serde(default)]
    done: Option<Notice>,
}

/// `GET /handoffs/{ticket}`: the conversation view.
pub async fn conversation(
    State(c): State<Arc<Console>>,
    Extension(session): Extension<Session>,
    Path(ticket_id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Html<String>, ConsoleError> {
    let h = c.handoffs.get(&ticket_id).await?;
    let events = c.history.events(&ticket_id).await?;
    let r = &h.record;
    let mut transcript: Vec<(i64, views::TurnView)> = r
        .transcript
        .iter()
        .map(|t| {
            (
                t.at,
                views::TurnView {
                    role: t.role.clone(),
                    text: t.text.clone(),
                    at: views::when(t.at),
                },
            )
        })
        .collect();
    transcript.extend(events.iter().filter(|e| e.kind == "reply").map(|e| {
        (
            e.at,
            views::TurnView {
                role: format!("person ({})", e.actor),
                text: e.body.clone(),
                at: views::when(e.at),
            },
        )
    }));
    transcript.sort_by_key(|(at, _)| *at);
    let me = &session.user.username;
    let open = h.row.status == Status::Open.as_str();
    let can_act = session.user.has(Role::Approver)
        && matches!(h.row.action_status.as_str(), "proposed" | "failed");
    let page = views::ConversationPage {
        user: me.clone(),
        csrf: session.csrf.clone(),
        notice: done.done.map(|n| n.sentence().to_owned()),
        ticket_id: ticket_id.clone(),
        conversation_id: r.conversation_id.clone(),
        channel: r.channel.as_str().to_owned(),
        customer: [&r.customer.name, &r.customer.email, &r.customer.phone]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" · "),
        status: h.row.status.clone(),
        open,
        mine: h.row.claimed_by.as_deref() == Some(me.as_str()),
        claimed_by: h.row.claimed_by.clone(),
        reason_code: r.reason_code.as_str().to_owned(),
        reason: r.reason.clone(),
        summary: r.summary.clone(),
        transcript: transcript.into_iter().map(|(_, t)| t).collect(),
        tool_log: r
            .tool_log
            .iter()
            .map(|t| views::CallView {
                tool: t.tool.clone(),
                arguments: t.arguments_json.clone(),
                outcome: t.outcome.clone(),
                response: t.response_json.clone(),
                error: t.error.clone(),
            })
            .collect(),
        citations: r.citations.clone(),
        proposed: r.proposed_action.as_ref().map(|p| views::ProposedView {
            tool: p.tool.clone(),
            arguments: serde_json::from_str::<serde_json::Value>(&p.arguments_json)
                .and_then(|v| serde_json::to_string_pretty(&v))
                .unwrap_or_else(|_| p.arguments_json.clone()),
            status: h.row.action_status.clone(),
            by: h.action_by.clone(),
            result: h.action_result.clone(),
            can_act,
        }),
        draft: r.draft_reply.clone(),
        next_reply: c.history.reply_count(&ticket_id).await? + 1,
        users: c.users.names().await?,
        events: events
            .into_iter()
            .map(|e| views::EventView {
                actor: e.actor,
                kind: e.kind,
                body: e.body,
                at: views::when(e.at),
            })
            .collect(),
    };
    Ok(html(&page))
}

fn share(f: &super::learn::Figures, class: EditClass) -> String {
    f.rate(class)
        .map(|r| format!("{:.0} %", r * 100.0))
        .unwrap_or_else(|| "–".to_owned())
}

/// `GET /learn`: draft acceptance and waits per intent and reason.
pub async fn learn(
    State(c): State<Arc<Console>>,
    Extension(session): Extension<Session>,
) -> Result<Html<String>, ConsoleError> {
    let learned = super::learn::figures(c.handoffs.pool()).await?;
    let page = views::LearnPage {
        user: session.user.username.clone(),
        csrf: session.csrf.clone(),
        light_ratio: c.cfg.light_edit_ratio,
        rows: learned
            .iter()
            .map(|((intent, reason), f)| views::LearnRow {
                intent: intent.clone(),
                reason: reason.clone(),
                handoffs: f.handoffs,
                replies: f.replies(),
                unchanged: share(f, EditClass::Unchanged),
                light: share(f, EditClass::Light),
                rewritten: share(f, EditClass::Rewritten),
                claim: views::seconds(f.mean_claim_s()),
                close: views::seconds(f.mean_close_s()),
            })
            .collect(),
    };
    Ok(html(&page))
}

/// `GET /metrics`: the process's metrics with the learning figures and open handoffs
/// (aggregates only: no ticket, customer or person is named).
pub async fn metrics(State(c): State<Arc<Console>>) -> Response {
    let figures = super::learn::figures(c.handoffs.pool()).await;
    let open = c.handoffs.open_counts(Facet::Reason).await;
    match (figures, open) {
        (Ok(learned), Ok(open_by_reason)) => (
            [(header::CONTENT_TYPE, super::metrics::CONTENT_TYPE)],
            super::metrics::exposition(super::metrics::Snapshot {
                learned,
                open_by_reason,
            }),
        )
            .into_response(),
        (Err(e), _) | (_, Err(e)) => e.into_response(),
    }
}

/// `GET /readyz`: the state database answers.
pub async fn ready(State(c): State<Arc<Console>>) -> Response {
    match c.handoffs.open_counts(Facet::Reason).await {
        Ok(_) => "ready".into_response(),
        Err(e) => e.into_response(),
    }
}
