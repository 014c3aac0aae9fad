//! What a person can do to a handoff. Each action changes the console's tables with one
//! conditional update, records itself in the handoff's history and publishes an audit
//! record (`stage = console`, the actor in its inputs).

use serde_json::json;

use super::approval::Approval;
use super::error::ConsoleError;
use super::handoffs::{ActionStatus, HandoffDetail, Status};
use super::history::SentReply;
use super::learn::classify;
use super::server::Console;
use super::users::{Role, User};
use crate::messages::{now_ms, Cost, Resolution, Rule, Ticket};

/// An approval left `approving` this long (its process died mid-way) may be run again.
const STALE_APPROVAL_MS: i64 = 120_000;

/// What a sent reply came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Published and recorded.
    Sent,
    /// The same form was posted before: nothing new was recorded (the outbound record has
    /// the same ticket id, which `frontdesk deliver` delivers once).
    AlreadySent,
}

/// The outbound ticket id of a person's `n`-th reply on a handoff: not the ticket's own, so
/// the outbox keyed by (ticket, channel, kind) does not take it for the agent's resolution.
pub fn reply_ticket_id(ticket_id: &str, n: i64) -> String {
    format!("{ticket_id}:agent:{n}")
}

impl Console {
    /// Records `kind` in the history and on the audit topic.
    async fn log(
        &self,
        h: &HandoffDetail,
        actor: &User,
        (rule, kind): (Rule, &str),
        body: &str,
        inputs: serde_json::Value,
    ) -> Result<(), ConsoleError> {
        self.history
            .record(&h.row.ticket_id, &actor.username, kind, body)
            .await?;
        let record = super::outbound::audit_record(
            (&h.row.ticket_id, &h.row.conversation_id),
            &actor.username,
            rule,
            kind,
            &format!("{} {kind} on the handoff", actor.username),
            &inputs,
            &self.policy_version,
        );
        self.outbound.audit(&record).await
    }

    /// Claims the handoff.
    pub async fn claim(&self, user: &User, ticket_id: &str) -> Result<(), ConsoleError> {
        let h = self.handoffs.get(ticket_id).await?;
        self.handoffs.claim(ticket_id, &user.username).await?;
        self.log(&h, user, (Rule::HumanAction, "claim"), "", json!({}))
            .await
    }

    /// Releases the signed-in person's claim (an admin's: anyone's).
    pub async fn release(&self, user: &User, ticket_id: &str) -> Result<(), ConsoleError> {
        let h = self.handoffs.get(ticket_id).await?;
        self.handoffs
            .release(ticket_id, &user.username, user.has(Role::Admin))
            .await?;
        let inputs = json!({ "was_claimed_by": h.row.claimed_by });
        self.log(&h, user, (Rule::HumanAction, "release"), "", inputs)
            .await
    }

    /// Gives the handoff to `to`.
    pub async fn assign(&self, user: &User, ticket_id: &str, to: &str) -> Result<(), ConsoleError> {
        let h = self.handoffs.get(ticket_id).await?;
        if self.users.find(to).await?.is_none() {
            return Err(ConsoleError::BadRequest(format!("no user {to}")));
        }
        self.handoffs.assign(ticket_id, to).await?;
        let inputs = json!({ "assignee": to });
        self.log(&h, user, (Rule::HumanAction, "assign"), to, inputs)
            .await
    }

    /// An internal note: shown in the history, never sent to the customer.
    pub async fn note(&self, user: &User, ticket_id: &str, text: &str) -> Result<(), ConsoleError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ConsoleError::BadRequest("an empty note".to_owned()));
        }
        let h = self.handoffs.get(ticket_id).await?;
        // The note's text stays in the console's table; the audit record says only that
        // there was one (notes may quote the customer).
        let inputs = json!({ "chars": text.chars().count() });
        self.log(&h, user, (Rule::HumanAction, "note"), text, inputs)
            .await
    }

    /// Sends `text` to the customer as the `n`-th reply on the handoff: a `Resolution` on the
    /// resolutions topic, threaded on the conversation. Claims the handoff if nobody has it.
    pub async fn reply(
        &self,
        user: &User,
        ticket_id: &str,
        n: i64,
        text: &str,
    ) -> Result<Sent, ConsoleError> {
        let text = text.trim();
        if text.is_empty() || n < 1 {
            return Err(ConsoleError::BadRequest(
                "a reply needs text and a reply number".to_owned(),
            ));
        }
        let h = self.handoffs.get(ticket_id).await?;
        if h.row.status != Status::Open.as_str() {
            return Err(ConsoleError::Conflict(format!("{ticket_id} is not open")));
        }
        if h.row.claimed_by.as_deref() != Some(user.username.as_str()) {
            self.handoffs.claim(ticket_id, &user.username).await?;
        }
        let r = &h.record;
        let reply_id = reply_ticket_id(ticket_id, n);
        let (edit, edit_distance) = classify(&r.draft_reply, text, self.cfg.light_edit_ratio);
        let now = now_ms();
        let resolution = Resolution {
            ticket_id: reply_id.clone(),
            conversation_id: r.conversation_id.clone(),
            channel: r.channel,
            customer: r.customer.clone(),
            reply: text.to_owned(),
            intents: r
                .route
                .as_ref()
                .map(|x| x.intent_keys().map(str::to_owned).collect())
                .unwrap_or_default(),
            actions: Vec::new(),
            citations: Vec::new(),
            cost: Cost::default(),
            latency_ms: now - r.handed_off_at,
            resolved_at: now,
            awaiting_customer: false,
            notifications: Vec::new(),
        };
        self.outbound
            .reply(&resolution, &h.headers, &user.username)
            .await?;
        let sent = SentReply {
            reply_ticket_id: reply_id.clone(),
            ticket_id: ticket_id.to_owned(),
            actor: user.username.clone(),
            edit,
            edit_distance,
            body: text.to_owned(),
        };
        if !self.history.record_reply(&sent).await? {
            return Ok(Sent::AlreadySent);
        }
        // The thread the pipeline reads gets the person's reply, so the agent sees it when
        // the customer answers.
        let mut turn = Ticket::new(&reply_id, &r.conversation_id, r.channel, text);
        turn.customer = r.customer.clone();
        self.state
            .append_turn(&turn, "agent", text)
            .await
            .map_err(|e| ConsoleError::Unavailable(e.to_string()))?;
        let inputs = json!({
            "reply_ticket_id": reply_id, "edit": edit.as_str(), "edit_distance": edit_distance,
        });
        self.log(&h, user, (Rule::HumanAction, "reply"), text, inputs)
            .await?;
        Ok(Sent::Sent)
    }

    /// Runs the proposed action (approvers only).
    pub async fn approve(&self, user: &User, ticket_id: &str) -> Result<Approval, ConsoleError> {
        user.require(Role::Approver)?;
        let approver = self.approver.as_ref().ok_or_else(|| {
            ConsoleError::Conflict(
                "no store is configured (agent.store_url): actions cannot run from here".to_owned(),
            )
        })?;
        let h = self.handoffs.get(ticket_id).await?;
        let Some(action) = h.record.proposed_action.clone() else {
            return Err(ConsoleError::Conflict(
                "this handoff proposes no action".to_owned(),
            ));
        };
        self.handoffs
            .begin_approval(ticket_id, &user.username, STALE_APPROVAL_MS)
            .await?;
        let outcome = approver.approve(&h.record, &h.headers).await;
        let (status, result, audit_outcome) = match &outcome {
            Ok(Approval::Done { output, .. }) => {
                (ActionStatus::Approved, output.to_string(), "approved")
            }
            Ok(Approval::Refused(why)) => (ActionStatus::Failed, why.clone(), "refused"),
            Err(e) => (ActionStatus::Failed, e.to_string(), "failed"),
        };
        self.handoffs
            .settle_action(
                ticket_id,
                &user.username,
                &[ActionStatus::Approving],
                status,
                &result,
            )
            .await?;
        let mut inputs = json!({ "action": action.tool, "arguments": action.arguments_json });
        if let Ok(Approval::Done {
            idempotency_key,
            amount,
            ..
        }) = &outcome
        {
            inputs["idempotency_key"] = json!(idempotency_key);
            inputs["amount"] = json!(amount);
        }
        self.history
            .record(ticket_id, &user.username, audit_outcome, &result)
            .await?;
        let record = super::outbound::audit_record(
            (ticket_id, &h.row.conversation_id),
            &user.username,
            Rule::HumanApproval,
            audit_outcome,
            &format!(
                "{} approved {}: {audit_outcome}",
                user.username, action.tool
            ),
            &inputs,
            approver.policy_version(),
        );
        self.outbound.audit(&record).await?;
        outcome
    }

    /// Rejects the proposed action with a note (approvers only).
    pub async fn reject(
        &self,
        user: &User,
        ticket_id: &str,
        note: &str,
    ) -> Result<(), ConsoleError> {
        user.require(Role::Approver)?;
        let h = self.handoffs.get(ticket_id).await?;
        self.handoffs
            .settle_action(
                ticket_id,
                &user.username,
                &[ActionStatus::Proposed, ActionStatus::Failed],
                ActionStatus::Rejected,
                note.trim(),
            )
            .await?;
        let inputs = json!({ "action": h.record.proposed_action.as_ref().map(|a| &a.tool) });
        self.log(
            &h,
            user,
            (Rule::HumanApproval, "reject"),
            note.trim(),
            inputs,
        )
        .await
    }

    /// Closes the handoff, or hands the conversation back to the agent (`Returned`).
    pub async fn finish(
        &self,
        user: &User,
        ticket_id: &str,
        to: Status,
    ) -> Result<(), ConsoleError> {
        let h = self.handoffs.get(ticket_id).await?;
        self.handoffs.finish(ticket_id, &user.username, to).await?;
        let kind = match to {
            Status::Returned => "hand_back",
            _ => "close",
        };
        self.log(&h, user, (Rule::HumanAction, kind), "", json!({}))
            .await
    }
}
