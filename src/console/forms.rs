//! The action forms: `POST /handoffs/{ticket}/{action}`. Thin: parse, run the action
//! ([`super::actions`]), redirect back to the conversation with a notice (post, redirect,
//! get: a reload does not post again). The session layer has checked the CSRF token.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::{Extension, Form};
use tracing::Instrument;

use super::actions::Sent;
use super::approval::Approval;
use super::error::ConsoleError;
use super::handoffs::Status;
use super::server::Console;
use super::sessions::Session;

/// What the conversation view says after an action (a fixed sentence per code, so a link
/// cannot put words on the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// Claimed.
    Claimed,
    /// Released.
    Released,
    /// Assigned.
    Assigned,
    /// Reply sent.
    Sent,
    /// The same reply form was posted twice.
    AlreadySent,
    /// Note added.
    Noted,
    /// Approved and done.
    Approved,
    /// Approved, but the gate or the store refused.
    Refused,
    /// Rejected.
    Rejected,
    /// Closed.
    Closed,
    /// Handed back to the agent.
    HandedBack,
}

impl Notice {
    /// The query value.
    fn code(self) -> &'static str {
        match self {
            Notice::Claimed => "claimed",
            Notice::Released => "released",
            Notice::Assigned => "assigned",
            Notice::Sent => "sent",
            Notice::AlreadySent => "already_sent",
            Notice::Noted => "noted",
            Notice::Approved => "approved",
            Notice::Refused => "refused",
            Notice::Rejected => "rejected",
            Notice::Closed => "closed",
            Notice::HandedBack => "handed_back",
        }
    }

    /// The sentence shown.
    pub fn sentence(self) -> &'static str {
        match self {
            Notice::Claimed => "You have claimed this handoff.",
            Notice::Released => "Released: it is back in the queue.",
            Notice::Assigned => "Assigned.",
            Notice::Sent => "Reply sent to the customer.",
            Notice::AlreadySent => "That reply was already sent.",
            Notice::Noted => "Note added.",
            Notice::Approved => "Approved: the store has done it.",
            Notice::Refused => "Approved, but it was refused: see the action's result.",
            Notice::Rejected => "Rejected.",
            Notice::Closed => "Closed.",
            Notice::HandedBack => "Handed back: the agent takes the customer's next message.",
        }
    }
}

/// The fields any action form may send (each form sends the ones it needs).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ActionForm {
    /// Reply or note text.
    text: String,
    /// Why an action was rejected.
    note: String,
    /// Who to assign to.
    to: String,
    /// The number of the reply being sent.
    reply_no: i64,
}

/// `POST /handoffs/{ticket}/{action}`.
pub async fn act(
    State(c): State<Arc<Console>>,
    Extension(session): Extension<Session>,
    Path((ticket_id, action)): Path<(String, String)>,
    Form(form): Form<ActionForm>,
) -> Result<Redirect, ConsoleError> {
    let user = &session.user;
    let span = tracing::info_span!("console.action", %ticket_id, %action, user = %user.username);
    let t = ticket_id.as_str();
    let notice = async {
        Ok::<_, ConsoleError>(match action.as_str() {
            "claim" => c.claim(user, t).await.map(|_| Notice::Claimed)?,
            "release" => c.release(user, t).await.map(|_| Notice::Released)?,
            "assign" => c
                .assign(user, t, form.to.trim())
                .await
                .map(|_| Notice::Assigned)?,
            "note" => c.note(user, t, &form.text).await.map(|_| Notice::Noted)?,
            "reply" => match c.reply(user, t, form.reply_no, &form.text).await? {
                Sent::Sent => Notice::Sent,
                Sent::AlreadySent => Notice::AlreadySent,
            },
            "approve" => match c.approve(user, t).await? {
                Approval::Done { .. } => Notice::Approved,
                Approval::Refused(_) => Notice::Refused,
            },
            "reject" => c
                .reject(user, t, &form.note)
                .await
                .map(|_| Notice::Rejected)?,
            "close" => c
                .finish(user, t, Status::Closed)
                .await
                .map(|_| Notice::Closed)?,
            "hand-back" => c
                .finish(user, t, Status::Returned)
                .await
                .map(|_| Notice::HandedBack)?,
            other => return Err(ConsoleError::NotFound(format!("action {other}"))),
        })
    }
    .instrument(span.clone())
    .await?;
    tracing::info!(parent: &span, notice = notice.code(), "action done");
    Ok(Redirect::to(&format!(
        "/handoffs/{}?done={}",
        percent_encoding::utf8_percent_encode(t, percent_encoding::NON_ALPHANUMERIC),
        notice.code()
    )))
}
