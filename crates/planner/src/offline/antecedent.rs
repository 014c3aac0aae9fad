//! The order a pronoun points back to: "where is my order with the yoga mat? And can you
//! change its address to ...": the second request names no order, and "its" is the one the
//! request before it was about.

use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Customer;
use crate::requests::Request;
use crate::slots::named_order;
use crate::text::re;

/// Words that point back at an order already spoken of.
static POINTS_BACK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:it|its|it'?s|them|their|they|(?:this|that|the same|same|the) (?:order|package|parcel|shipment|delivery))\b",
    )
});

/// Words that point at another order than the one spoken of.
static ANOTHER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:other|another|different|second|separate|older|newer|earlier|previous|last|first)\s+(?:\w+\s+)?(?:order|purchase|package|one)\b|\b(?:all|both|every|each)\b",
    )
});

/// `requests` with each request that names no order, has none from the text around it, and
/// points back with a pronoun given the order of the nearest request before it (in text
/// order) whose order the text settles. The order is context, not an instruction: items the
/// request names still choose their own order ([`crate::slots`]).
pub(super) fn inherit_orders(requests: &[Request], customer: &Customer) -> Vec<Request> {
    let mut out: Vec<Request> = requests.to_vec();
    for i in 1..out.len() {
        let r = &out[i];
        if !r.order_ids.is_empty()
            || r.context_order.is_some()
            || !POINTS_BACK.is_match(&r.clause)
            || ANOTHER.is_match(&r.clause)
        {
            continue;
        }
        let earlier = (0..i).rev().find_map(|j| settled_order(&out[j], customer));
        out[i].context_order = earlier;
    }
    out
}

/// The order a request is about when its own text (an id, or items only one order holds)
/// settles it, whatever the order's status; not an order picked because it is the only one
/// open.
fn settled_order(r: &Request, customer: &Customer) -> Option<String> {
    if let Some(id) = r.order_ids.first().or(r.context_order.as_ref()) {
        return customer.orders.contains_key(id).then(|| id.clone());
    }
    // without the text around it, only what the clause and its sentences name can settle it
    let named = named_order(r, customer)?;
    let bare = Request {
        clause: String::new(),
        before: String::new(),
        after: String::new(),
        ..r.clone()
    };
    // an order found with nothing said is the customer's only order, not one the text named
    (named_order(&bare, customer).as_ref() != Some(&named) || customer.orders.len() == 1)
        .then_some(named)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::customer;

    fn req(kind: &str, clause: &str) -> Request {
        Request {
            alone: false,
            ..Request::of(kind, clause)
        }
    }

    #[test]
    fn a_pronoun_takes_the_order_the_request_before_named() {
        let c = customer();
        let by_id = req("status", "Where is order #W1000002?");
        let by_item = req("status", "Where is my order with the water bottle?");
        for (first, id) in [(by_id, "#W1000002"), (by_item, "#W1000003")] {
            let second = req("return", "And can I send it back for a refund?");
            let out = inherit_orders(&[first, second], &c);
            assert_eq!(out[1].context_order.as_deref(), Some(id));
        }
    }

    #[test]
    fn an_order_picked_for_naming_nothing_is_no_antecedent() {
        let c = customer();
        // four orders, nothing named: the first request settles no order
        let first = req("status", "Where is my order?");
        let second = req("return", "And can I send it back for a refund?");
        let out = inherit_orders(&[first, second], &c);
        assert_eq!(out[1].context_order, None);
    }

    #[test]
    fn another_order_or_no_pronoun_takes_nothing() {
        let c = customer();
        let first = req("status", "Where is order #W1000002?");
        for clause in [
            "Please also cancel my other order.",
            "Cancel the pending one too.",
            "Please cancel both of them.",
        ] {
            let out = inherit_orders(&[first.clone(), req("cancel", clause)], &c);
            assert_eq!(out[1].context_order, None, "{clause}");
        }
    }
}
