//! Which order a request is about.

use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Customer;
use crate::requests::Request;
use crate::text::{order_ids, re};

use super::mentions::mentioned_items;
use super::Resolution;

static ORDER_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\border\b[^.]{0,30}?\b(?:ends?|ending)\s+(?:in|with)\s+(\d{2,6})\b"));
pub(super) static PENDING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:pending|not (?:yet )?(?:shipped|arrived|received)|hasn'?t (?:shipped|arrived))\b")
});
static DELIVERED_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:delivered|received|arrived|got)\b"));

pub(super) fn pick_order(
    req: &Request,
    customer: &Customer,
    accepts: &dyn Fn(&str) -> bool,
) -> Result<String, Resolution> {
    if let Some(id) = req.order_ids.first() {
        if !customer.orders.contains_key(id) {
            return Err(Resolution::ask(format!(
                "I could not find order {id} on your account. Could you check the order number?"
            )));
        }
        return Ok(id.clone());
    }
    for text in [req.clause.as_str(), req.before.as_str()] {
        if let Some(c) = ORDER_SUFFIX.captures(text) {
            let digits = c.get(1).map_or("", |m| m.as_str());
            let fits: Vec<&String> = customer
                .orders
                .keys()
                .filter(|id| id.ends_with(digits))
                .collect();
            if fits.len() == 1 {
                return Ok(fits[0].clone());
            }
        }
    }
    // "I want to cancel my order. The number is #W1234567." (or the answer to our question)
    let mut later: Vec<String> = order_ids(&req.after)
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    later.dedup();
    if later.len() == 1 && req.context_order.is_none() && customer.orders.contains_key(&later[0]) {
        return Ok(later[0].clone());
    }
    let scope_texts = [req.clause.as_str(), req.before.as_str()];
    for text in scope_texts {
        let mut holders: Vec<String> = Vec::new();
        let mut elsewhere: Vec<String> = Vec::new();
        for id in customer.orders.keys() {
            if mentioned_items(text, &customer.items(id)).is_empty() {
                continue;
            }
            if accepts(customer.status(id)) {
                holders.push(id.clone());
            } else {
                elsewhere.push(id.clone());
            }
        }
        if let Some(ctx) = &req.context_order {
            if holders.contains(ctx) {
                return Ok(ctx.clone());
            }
        }
        match holders.len() {
            1 => return Ok(holders[0].clone()),
            0 if !elsewhere.is_empty() => {
                if let Some(ctx) = &req.context_order {
                    if elsewhere.contains(ctx) {
                        return Ok(ctx.clone());
                    }
                }
                if elsewhere.len() == 1 {
                    return Ok(elsewhere[0].clone());
                }
            }
            0 => {}
            _ => {
                // "my pending order" / "the one I received" narrows it down
                let pending = PENDING_WORD.is_match(text);
                let delivered = DELIVERED_WORD.is_match(text);
                let narrowed: Vec<&String> = holders
                    .iter()
                    .filter(|id| {
                        let st = customer.status(id);
                        (pending && !delivered && st.starts_with("pending"))
                            || (delivered && !pending && st == "delivered")
                    })
                    .collect();
                if narrowed.len() == 1 {
                    return Ok(narrowed[0].clone());
                }
                return Err(Resolution::ask(format!(
                    "Which order do you mean: {}?",
                    holders.join(" or ")
                )));
            }
        }
    }
    if let Some(ctx) = &req.context_order {
        // "I received #W1 ... I also want to cancel my pending order": the
        // order named earlier does not fit, the customer says which does
        let redirected = !accepts(customer.status(ctx)) && PENDING_WORD.is_match(&req.clause);
        if customer.orders.contains_key(ctx) && !redirected {
            return Ok(ctx.clone());
        }
    }
    let open: Vec<&String> = customer
        .orders
        .keys()
        .filter(|id| accepts(customer.status(id)))
        .collect();
    if open.len() == 1 {
        return Ok(open[0].clone());
    }
    Err(Resolution::ask(if open.is_empty() {
        "Which order is this about? Please send the order number (it looks like #W1234567)."
            .to_owned()
    } else {
        format!(
            "Which order is this about: {}?",
            open.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }))
}
