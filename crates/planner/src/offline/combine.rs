//! Combining the writes of several requests: one item change or return per order, an order
//! that cannot take two of them, and the order the writes run in.

use super::checks::ids;
use crate::format::{money, refund_line, round2};
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
/// order, with one payment method) and drops repeats. Two item writes on one
/// order that name different payment methods stay apart: [`conflict`] asks
/// which one the customer means.
pub(super) fn merge_writes(writes: Vec<ProposedWrite>) -> Vec<ProposedWrite> {
    let mut out: Vec<ProposedWrite> = Vec::new();
    for w in writes {
        if out.iter().any(|o| o.tool == w.tool && o.args == w.args) {
            continue;
        }
        if let Some(o) = out.iter_mut().find(|o| {
            items_tool(&w.tool)
                && o.tool == w.tool
                && o.order_id == w.order_id
                && o.payment_method_id == w.payment_method_id
        }) {
            match overlap(o, &w) {
                Overlap::None => merge_into(o, &w),
                // "Thermostat: the Google Assistant one. In black.": the same change read
                // twice is one change, counted once
                Overlap::Repeat => {}
                // "Exchange 2 t-shirts" read once from the subject and as both from the body:
                // the reading that counts more copies of the same change stands
                Overlap::Wider => *o = w,
                // two different changes of one item: [`conflict`] asks which
                Overlap::Clash => out.push(w),
            }
            continue;
        }
        out.push(w);
    }
    out.sort_by_key(write_rank);
    out
}

/// How the items of a write meet those of another write of the same tool on the same order.
#[derive(Debug, PartialEq)]
enum Overlap {
    /// No item in common.
    None,
    /// Every item of the second is already in the first, with the same new item, as often.
    Repeat,
    /// The second holds every change of the first, some of them more often (the same item
    /// twice in the order), and nothing else.
    Wider,
    /// Some item in common, changed differently or beside items that are not.
    Clash,
}

/// Each item of `w` with the new item it becomes (`None` for a return).
fn changes(w: &ProposedWrite) -> Vec<(&str, Option<&str>)> {
    let new = ids(w, "new_item_ids");
    ids(w, "item_ids")
        .into_iter()
        .enumerate()
        .map(|(n, id)| (id, new.get(n).copied()))
        .collect()
}

fn overlap(o: &ProposedWrite, w: &ProposedWrite) -> Overlap {
    let had = changes(o);
    let adds = changes(w);
    let common = adds
        .iter()
        .filter(|(id, _)| had.iter().any(|(h, _)| h == id))
        .count();
    // `a` holds every change of `b` at least as often
    let covers = |a: &[(&str, Option<&str>)], b: &[(&str, Option<&str>)]| {
        b.iter()
            .all(|c| a.iter().filter(|x| *x == c).count() >= b.iter().filter(|x| *x == c).count())
    };
    if common == 0 {
        Overlap::None
    } else if covers(&had, &adds) {
        Overlap::Repeat
    } else if covers(&adds, &had) && adds.iter().all(|a| had.contains(a)) {
        Overlap::Wider
    } else {
        Overlap::Clash
    }
}

fn items_tool(tool: &str) -> bool {
    matches!(
        tool,
        "return_delivered_order_items"
            | "exchange_delivered_order_items"
            | "modify_pending_order_items"
    )
}

/// A money line of a write's details: the one [`merge_into`] states again for the sum.
fn money_line(detail: &str) -> bool {
    detail.starts_with("price difference:") || detail.starts_with("refund ")
}

/// What a write does, without its money: "exchange Skateboard in order #W1" of
/// "exchange Skateboard in order #W1; refund $3.07 to PayPal".
fn what(summary: &str) -> &str {
    summary
        .split_once("; ")
        .or_else(|| summary.split_once(", refund "))
        .map_or(summary, |(head, _)| head)
}

/// `w`'s items added to `o` (same tool, order and payment method), with the amounts,
/// the details and the summary stated for the whole.
fn merge_into(o: &mut ProposedWrite, w: &ProposedWrite) {
    let owned = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect::<Vec<String>>();
    let (mut old, mut new) = (owned(ids(o, "item_ids")), owned(ids(o, "new_item_ids")));
    let (wold, wnew) = (ids(w, "item_ids"), ids(w, "new_item_ids"));
    for (n, id) in wold.iter().enumerate() {
        if old.iter().any(|had| had == id) {
            continue;
        }
        old.push((*id).to_owned());
        if let Some(x) = wnew.get(n) {
            new.push((*x).to_owned());
        }
    }
    o.args["item_ids"] = serde_json::json!(old);
    if o.args.get("new_item_ids").is_some() {
        o.args["new_item_ids"] = serde_json::json!(new);
    }
    o.item_count += w.item_count;
    let label = o
        .payment_method_label
        .clone()
        .unwrap_or_else(|| "original payment method".to_owned());
    let money_text = if o.tool == "return_delivered_order_items" {
        let total = round2(o.refund_amount.unwrap_or(0.0) + w.refund_amount.unwrap_or(0.0));
        o.refund_amount = Some(total);
        let line = refund_line(total, o.payment_method_id.as_deref(), Some(&label));
        o.summary = format!(
            "{} and {}, refund {} to {label}",
            what(&o.summary),
            what(&w.summary),
            money(total)
        );
        line
    } else {
        let diff = round2(o.price_difference.unwrap_or(0.0) + w.price_difference.unwrap_or(0.0));
        o.price_difference = Some(diff);
        o.charge_amount = (diff > 0.0).then_some(diff);
        o.refund_amount = (diff < 0.0).then_some(-diff);
        let line = if diff > 0.0 {
            format!("charge {} to {label}", money(diff))
        } else if diff < 0.0 {
            format!("refund {} to {label}", money(diff))
        } else {
            "no price difference".to_owned()
        };
        o.summary = format!("{} and {}; {line}", what(&o.summary), what(&w.summary));
        format!("price difference: {line}")
    };
    let mut details: Vec<String> = o
        .details
        .iter()
        .chain(&w.details)
        .filter(|d| !money_line(d))
        .cloned()
        .collect();
    details.push(money_text);
    o.details = details;
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
        let items_writes: Vec<&&ProposedWrite> =
            same.iter().filter(|o| items_tool(&o.tool)).collect();
        if let [a, b, ..] = items_writes.as_slice() {
            if a.tool == b.tool && overlap(a, b) == Overlap::Clash {
                return Some(format!(
                    "I read two different changes for the same item of order {order}: {}, or {}. Which one do you mean?",
                    a.details.first().map_or(a.summary.as_str(), String::as_str),
                    b.details.first().map_or(b.summary.as_str(), String::as_str),
                ));
            }
        }
        if let [a, b, ..] = items_writes.as_slice() {
            if a.tool == b.tool && a.payment_method_id != b.payment_method_id {
                return Some(format!(
                    "The items of order {order} are changed in one go, with one payment method for the difference. Which should it be: {}, or {}?",
                    a.payment_method_label.as_deref().unwrap_or("the first one"),
                    b.payment_method_label.as_deref().unwrap_or("the second one"),
                ));
            }
        }
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn exchange(item: &str, new: &str, diff: f64, method: &str, line: &str) -> ProposedWrite {
        let mut w = ProposedWrite::new(
            "exchange_delivered_order_items",
            json!({"order_id": "#W1", "item_ids": [item], "new_item_ids": [new], "payment_method_id": method}),
            format!("exchange {item} in order #W1; {line}"),
            "u1",
        );
        w.order_id = Some("#W1".into());
        w.item_count = 1;
        w.price_difference = Some(diff);
        w.payment_method_id = Some(method.into());
        w.payment_method_label = Some(method.to_uppercase());
        w.details = vec![
            format!("{item} becomes {new}"),
            format!("price difference: {line}"),
        ];
        w
    }

    /// The speaker becomes the red one: $27.72 more, on PayPal.
    fn red_speaker() -> ProposedWrite {
        exchange(
            "speaker",
            "red speaker",
            27.72,
            "paypal",
            "charge $27.72 to PAYPAL",
        )
    }

    /// The board becomes the bamboo one: $3.07 back, to `method`.
    fn bamboo_board(method: &str) -> ProposedWrite {
        exchange(
            "board",
            "bamboo board",
            -3.07,
            method,
            &format!("refund $3.07 to {}", method.to_uppercase()),
        )
    }

    #[test]
    fn two_exchanges_on_one_order_are_one_write_stated_for_the_whole() {
        let a = red_speaker();
        let b = bamboo_board("paypal");
        let merged = merge_writes(vec![a, b]);
        let [w] = merged.as_slice() else {
            panic!("{merged:#?}")
        };
        assert_eq!(w.args["item_ids"], json!(["speaker", "board"]));
        assert_eq!(
            w.args["new_item_ids"],
            json!(["red speaker", "bamboo board"])
        );
        assert_eq!(w.price_difference, Some(24.65));
        assert_eq!((w.charge_amount, w.refund_amount), (Some(24.65), None));
        assert_eq!(
            w.details,
            [
                "speaker becomes red speaker",
                "board becomes bamboo board",
                "price difference: charge $24.65 to PAYPAL"
            ]
        );
        assert!(
            w.summary.ends_with("; charge $24.65 to PAYPAL"),
            "{}",
            w.summary
        );
        assert!(conflict(&merged).is_none());
    }

    #[test]
    fn two_payment_methods_for_one_order_are_asked_about() {
        let a = red_speaker();
        let b = bamboo_board("gift_card");
        let kept = merge_writes(vec![a, b]);
        assert_eq!(kept.len(), 2);
        let q = conflict(&kept).expect("a question");
        assert!(q.contains("PAYPAL") && q.contains("GIFT_CARD"), "{q}");
    }

    #[test]
    fn one_change_read_twice_is_counted_once() {
        let a = red_speaker();
        let b = bamboo_board("paypal");
        let merged = merge_writes(vec![a.clone(), b, a]);
        let [w] = merged.as_slice() else {
            panic!("{merged:#?}")
        };
        assert_eq!(w.args["item_ids"], json!(["speaker", "board"]));
        assert_eq!(w.price_difference, Some(24.65));
        assert_eq!(w.details.len(), 3, "{:#?}", w.details);
        assert!(conflict(&merged).is_none());
    }

    #[test]
    fn the_reading_with_more_copies_of_one_change_stands() {
        let one = bamboo_board("paypal");
        let mut two = bamboo_board("paypal");
        two.args["item_ids"] = json!(["board", "board"]);
        two.args["new_item_ids"] = json!(["bamboo board", "bamboo board"]);
        two.item_count = 2;
        for writes in [
            vec![one.clone(), two.clone()],
            vec![two.clone(), one.clone()],
        ] {
            let merged = merge_writes(writes);
            let [w] = merged.as_slice() else {
                panic!("{merged:#?}")
            };
            assert_eq!(w.args["item_ids"], json!(["board", "board"]));
        }
    }

    #[test]
    fn two_changes_of_one_item_are_asked_about() {
        let a = red_speaker();
        let b = exchange(
            "speaker",
            "blue speaker",
            12.0,
            "paypal",
            "charge $12.00 to PAYPAL",
        );
        let kept = merge_writes(vec![a, b]);
        assert_eq!(kept.len(), 2);
        let q = conflict(&kept).expect("a question");
        assert!(
            q.contains("red speaker") && q.contains("blue speaker"),
            "{q}"
        );
    }
}
