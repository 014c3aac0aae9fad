//! "Would have done": a write a shadow run did not send, as an entry of the tool log.
//!
//! A shadow run's write path ([`crate::stages::tools`]) records each write the live
//! pipeline would have sent (after the write gate allowed it, or, when the plan waits for
//! the customer's confirmation, the writes the "yes" would run) as a [`ToolCall`] whose
//! outcome is [`NOT_SENT`]. The policy stage keeps those entries among a resolution's
//! actions, so `frontdesk shadow report` reads them off the shadow resolutions topic.

use frontdesk_planner::ProposedWrite;

use crate::messages::ToolCall;

/// The outcome of a write a shadow run recorded and did not send.
pub const NOT_SENT: &str = "not_sent";

/// Why a write was not sent: the write gate allowed it, a live run would have sent it.
pub const ALLOWED: &str = "shadow run: allowed by the write gate, not sent to the store";

/// Why a write was not sent: the plan asks the customer to confirm first; a live run would
/// send it after a "yes".
pub const AWAITS_CONFIRMATION: &str =
    "shadow run: awaits the customer's confirmation; a live run would send it after a yes";

/// The tool-log entry of a write not sent, with the idempotency key a live run would use.
pub fn would_have_done(ticket_id: &str, w: &ProposedWrite, why: &str) -> ToolCall {
    ToolCall {
        tool: w.tool.clone(),
        arguments_json: w.args.to_string(),
        idempotency_key: Some(frontdesk_tools::idempotency_key(
            ticket_id, &w.tool, &w.args,
        )),
        outcome: NOT_SENT.to_owned(),
        http_status: None,
        response_json: None,
        error: Some(why.to_owned()),
        latency_ms: 0,
        attempts: 0,
    }
}

/// Whether a tool-log entry is a write a shadow run did not send.
pub fn is_not_sent(call: &ToolCall) -> bool {
    call.outcome == NOT_SENT
}
