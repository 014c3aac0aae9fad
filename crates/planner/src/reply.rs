//! The reply to the customer, from the plan and the results of the writes
//! that ran: facts only, and never an action that did not succeed.

use serde_json::Value;

use crate::format::money;
use crate::{Outcome, Plan, ProposedWrite, WriteResult};

fn done(w: &ProposedWrite, result: &Value) -> String {
    let order = w.order_id.clone().unwrap_or_default();
    let label = w
        .payment_method_label
        .clone()
        .unwrap_or_else(|| "your payment method".to_owned());
    let gift = w
        .payment_method_id
        .as_deref()
        .is_some_and(|p| p.starts_with("gift_card"));
    let when = if gift {
        "right away"
    } else {
        "within 5-7 business days"
    };
    match w.tool.as_str() {
        "cancel_pending_order" => format!(
            "Order {order} is cancelled ({}). {} will be refunded to your {label} {when}.",
            result.get("cancel_reason").and_then(Value::as_str).unwrap_or("cancelled"),
            money(w.refund_amount.unwrap_or(0.0))
        ),
        "return_delivered_order_items" => format!(
            "The return of {} item(s) from order {order} is requested; you will receive an e-mail with the return instructions. Once the items arrive, {} will be refunded to your {label}.",
            w.item_count,
            money(w.refund_amount.unwrap_or(0.0))
        ),
        "exchange_delivered_order_items" | "modify_pending_order_items" => {
            let d = w.price_difference.unwrap_or(0.0);
            let money_line = if d > 0.0 {
                format!("The price difference of {} is charged to your {label}.", money(d))
            } else if d < 0.0 {
                format!("The price difference of {} is refunded to your {label}.", money(d))
            } else {
                "There is no price difference.".to_owned()
            };
            let what = if w.tool.starts_with("exchange") {
                "The exchange is requested; you will receive an e-mail with the return instructions for the old item(s)"
            } else {
                "The items of the order are changed"
            };
            format!("{what} ({}). {money_line}", w.summary)
        }
        "modify_pending_order_address" => format!("Done: I {}.", w.summary.replacen("ship", "will ship", 1)),
        "modify_pending_order_payment" => format!(
            "Order {order} is now paid with your {label}; the original payment of {} is refunded.",
            money(w.refund_amount.unwrap_or(0.0))
        ),
        "modify_user_address" => format!("Done: I {}.", w.summary),
        _ => format!("Done: {}.", w.summary),
    }
}

/// Renders the reply: what was done (from the write results), what could
/// not be done and why, the facts read, or the question asked.
pub fn render_reply(plan: &Plan, write_results: &[WriteResult]) -> String {
    let mut lines: Vec<String> = Vec::new();
    match &plan.outcome {
        Outcome::Act => {
            for (w, r) in plan.writes.iter().zip(write_results) {
                match &r.result {
                    Ok(v) => lines.push(done(w, v)),
                    Err(e) => lines.push(format!("I could not {}: {e}.", w.summary)),
                }
            }
            for w in plan.writes.iter().skip(write_results.len()) {
                lines.push(format!("I have not yet been able to {}.", w.summary));
            }
            lines.extend(plan.reply_facts.iter().cloned());
        }
        Outcome::AskCustomer { question } => {
            lines.extend(plan.reply_facts.iter().cloned());
            lines.push(question.clone());
        }
        Outcome::HandOff { .. } => {
            lines.push("I have passed your request to a colleague, who will get back to you on this thread.".to_owned());
        }
        Outcome::Answered => {
            if plan.reply_facts.is_empty() {
                lines.push(plan.draft.clone());
            } else {
                lines.extend(plan.reply_facts.iter().cloned());
            }
        }
    }
    lines.retain(|l| !l.trim().is_empty());
    if lines.is_empty() {
        lines.push("Thank you for your message. I did not find anything to change on your account from it; if you would like me to act on an order, please send the order number and what you would like me to do.".to_owned());
    }
    lines.join("\n")
}
