//! Whether a person holds a conversation: its latest handoff is still open in the
//! agent-assist console (`handoffs`, filled by the console's consumer group). While a person
//! holds it, the customer's next messages go to that person, not to the agent; closing the
//! handoff or handing the conversation back in the console releases it.

use sqlx::Row;

use super::db::StateDb;
use super::error::StateError;
use crate::messages::Ticket;

/// A person holds the conversation this ticket belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// The open handoff that holds it.
    pub ticket_id: String,
    /// Who claimed it, if anyone has yet.
    pub claimed_by: Option<String>,
}

impl Hold {
    /// One sentence for the handoff's reason.
    pub fn reason(&self) -> String {
        match &self.claimed_by {
            Some(who) => {
                format!("A person ({who}) is working this conversation: the message goes to them.")
            }
            None => {
                "The conversation is waiting for a person in the console: the message goes to them."
                    .to_owned()
            }
        }
    }
}

impl StateDb {
    /// The hold on `ticket`'s conversation, if a person has it: the latest handoff of the
    /// conversation handed off before the ticket arrived (other than the ticket's own) is
    /// open, or was superseded by this ticket's own handoff (so a redelivered ticket is held
    /// as it was the first time). Closed and handed-back handoffs hold nothing.
    pub async fn hold(&self, ticket: &Ticket) -> Result<Option<Hold>, StateError> {
        let latest = sqlx::query(
            "SELECT ticket_id, status, claimed_by FROM handoffs \
             WHERE conversation_id = $1 AND ticket_id <> $2 AND handed_off_at <= $3 \
             ORDER BY handed_off_at DESC, ticket_id DESC LIMIT 1",
        )
        .bind(&ticket.conversation_id)
        .bind(&ticket.ticket_id)
        .bind(ticket.received_at)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = latest else {
            return Ok(None);
        };
        let status: String = row.try_get("status")?;
        let held = match status.as_str() {
            "open" => true,
            "superseded" => {
                sqlx::query("SELECT 1 FROM handoffs WHERE ticket_id = $1 AND conversation_id = $2")
                    .bind(&ticket.ticket_id)
                    .bind(&ticket.conversation_id)
                    .fetch_optional(&self.pool)
                    .await?
                    .is_some()
            }
            _ => false,
        };
        if !held {
            return Ok(None);
        }
        Ok(Some(Hold {
            ticket_id: row.try_get("ticket_id")?,
            claimed_by: row.try_get("claimed_by")?,
        }))
    }
}
