//! Combining the writes of several requests: one item change or return per order, an order
//! that cannot take two of them, and the order the writes run in.

use crate::ProposedWrite;

/// Cancellations run first (their gift-card refunds pay for what follows),
/// then order-level changes (address, payment), then item changes, which
/// change the order's status.
fn write_rank(w: &ProposedWrite) -> u8 {
    match w.tool.as_str() {
        "cancel_pending_order" => 0,
        "modify_pending_order_address" | "modify_pending_order_payment" | "modify_user_address" => {
            1
        }
        "modify_pending_order_items" => 2,
        _ => 3,
    }
}

/// Merges writes of one tool on one order (one item change or return per
/// order) and drops repeats.
pub(super) fn merge_writes(writes: Vec<ProposedWrite>) -> Vec<ProposedWrite> {
    let mut out: Vec<ProposedWrite> = Vec::new();
    for w in writes {
        if out.iter().any(|o| o.tool == w.tool && o.args == w.args) {
            continue;
        }
        let items_tool = matches!(
            w.tool.as_str(),
            "return_delivered_order_items"
                | "exchange_delivered_order_items"
                | "modify_pending_order_items"
        );
        if let Some(o) = out
            .iter_mut()
            .find(|o| items_tool && o.tool == w.tool && o.order_id == w.order_id)
        {
            let ids = |v: &ProposedWrite, k: &str| -> Vec<serde_json::Value> {
                v.args
                    .get(k)
                    .and_then(|x| x.as_array())
                    .cloned()
                    .unwrap_or_default()
            };
            let (mut old, mut new) = (ids(o, "item_ids"), ids(o, "new_item_ids"));
            let (wold, wnew) = (ids(&w, "item_ids"), ids(&w, "new_item_ids"));
            for (n, id) in wold.iter().enumerate() {
                if old.contains(id) {
                    continue;
                }
                old.push(id.clone());
                if let Some(x) = wnew.get(n) {
                    new.push(x.clone());
                }
            }
            o.args["item_ids"] = serde_json::Value::Array(old);
            if o.args.get("new_item_ids").is_some() {
                o.args["new_item_ids"] = serde_json::Value::Array(new);
            }
            o.item_count += w.item_count;
            let add = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
            };
            o.refund_amount = add(o.refund_amount, w.refund_amount);
            o.charge_amount = add(o.charge_amount, w.charge_amount);
            o.price_difference = add(o.price_difference, w.price_difference);
            o.summary = format!("{}; {}", o.summary, w.summary);
            continue;
        }
        out.push(w);
    }
    out.sort_by_key(write_rank);
    out
}

/// Writes that cannot all run on one order: a delivered order takes one
/// return or one exchange, and a cancelled order takes nothing else.
pub(super) fn conflict(writes: &[ProposedWrite]) -> Option<String> {
    for w in writes {
        let Some(order) = &w.order_id else { continue };
        let same: Vec<&ProposedWrite> = writes
            .iter()
            .filter(|o| o.order_id.as_ref() == Some(order))
            .collect();
        let delivered = same
            .iter()
            .filter(|o| {
                matches!(
                    o.tool.as_str(),
                    "return_delivered_order_items" | "exchange_delivered_order_items"
                )
            })
            .count();
        if delivered > 1 {
            return Some(format!(
                "Order {order} can have either one return or one exchange, not both. Which would you like: {}?",
                same.iter().map(|o| o.summary.as_str()).collect::<Vec<_>>().join(", or ")
            ));
        }
        if w.tool == "cancel_pending_order" && same.len() > 1 {
            return Some(format!(
                "You asked to cancel order {order} and also to change it. Should I cancel the whole order?"
            ));
        }
    }
    None
}
