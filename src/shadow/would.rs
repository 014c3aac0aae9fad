//! "Would have done": a write a shadow run did not send, as an entry of the tool log.
//!
//! A shadow run's write path ([`crate::stages::tools`]) records each write the live
//! pipeline would have sent (after the write gate allowed it, or, when the plan waits for
//! the customer's confirmation, the writes the "yes" would run) as a [`ToolCall`] whose
//! outcome is [`NOT_SENT`]. The policy stage keeps those entries among a resolution's
//! actions, so `frontdesk shadow report` reads them off the shadow resolutions topic.
//!
//! A resolution carries tool arguments masked (a ten-digit item id reads as a phone
//! number), so a not-sent entry's `idempotency_key` holds its [`comparison_key`] instead:
//! a digest of the ticket, the tool and the arguments in clear, which the report computes
//! for the person's action too. Nothing was sent, so no store ever saw a key for it.

use frontdesk_planner::ProposedWrite;
use serde_json::Value;

use crate::messages::ToolCall;

/// The outcome of a write a shadow run recorded and did not send.
pub const NOT_SENT: &str = "not_sent";

/// Why a write was not sent: the write gate allowed it, a live run would have sent it.
pub const ALLOWED: &str = "shadow run: allowed by the write gate, not sent to the store";

/// Why a write was not sent: the plan asks the customer to confirm first; a live run would
/// send it after a "yes".
pub const AWAITS_CONFIRMATION: &str =
    "shadow run: awaits the customer's confirmation; a live run would send it after a yes";

/// The tool-log entry of a write not sent, keyed by its [`comparison_key`].
pub fn would_have_done(ticket_id: &str, w: &ProposedWrite, why: &str) -> ToolCall {
    ToolCall {
        tool: w.tool.clone(),
        arguments_json: w.args.to_string(),
        idempotency_key: Some(comparison_key(ticket_id, &w.tool, &w.args)),
        outcome: NOT_SENT.to_owned(),
        http_status: None,
        response_json: None,
        error: Some(why.to_owned()),
        latency_ms: 0,
        attempts: 0,
    }
}

/// What two writes of a ticket are compared by: the idempotency-key digest of the ticket,
/// the tool and its arguments with every list sorted (the store takes item lists as sets,
/// so the same items in another order are the same write). PII tokens in the arguments
/// are part of it as tokens: a write whose arguments hold tokens matches only a person's
/// action written with the same tokens.
pub fn comparison_key(ticket_id: &str, tool: &str, args: &Value) -> String {
    frontdesk_tools::idempotency_key(ticket_id, tool, &sorted_lists(args))
}

fn sorted_lists(v: &Value) -> Value {
    match v {
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(sorted_lists).collect();
            items.sort_by_cached_key(frontdesk_tools::canonical_json);
            Value::Array(items)
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), sorted_lists(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Whether a tool-log entry is a write a shadow run did not send.
pub fn is_not_sent(call: &ToolCall) -> bool {
    call.outcome == NOT_SENT
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_comparison_key_ignores_list_order_but_not_the_items_or_the_ticket() {
        let a = json!({"order_id": "#W1", "item_ids": ["2", "1"]});
        let b = json!({"item_ids": ["1", "2"], "order_id": "#W1"});
        let c = json!({"order_id": "#W1", "item_ids": ["1", "3"]});
        let k = |t: &str, v: &Value| comparison_key(t, "return_delivered_order_items", v);
        assert_eq!(k("t", &a), k("t", &b));
        assert_ne!(k("t", &a), k("t", &c));
        assert_ne!(k("t", &a), k("u", &a));
    }
}
