//! Which order a request is about.
//!
//! One file (about 565 lines of code and 60 of tests): the ways an order is named (its
//! number, its contents, its total, where it ships, its status) are tried in one order of
//! precedence, which reads best in one place.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::customer::{Customer, Item};
use crate::requests::Request;
use crate::text::{contains_words, normalise, order_ids, re};

use super::descriptors::{describes_order, locates_elsewhere};
use super::destination::by_destination;
use super::mentions::mentions;
use super::Resolution;

static ORDER_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\border\b[^.]{0,30}?\b(?:ends?|ending)\s+(?:in|with)\s+(\d{2,6})\b"));
pub(super) static PENDING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:pending|not (?:yet )?(?:been )?(?:shipped|arrived|received|delivered)|hasn'?t (?:shipped|arrived|been shipped)|(?:just|recently) (?:placed|ordered|made)|placed (?:it )?(?:just now|today|yesterday|recently))\b",
    )
});
/// "that order", "the same parcel": the clause points back at an order told of before it.
static POINTS_BACK_ORDER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:that|this|the same|same) (?:order|package|parcel|shipment|delivery)\b")
});
static SAME_AS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bsame (?:[\w-]+ ){0,2}as\b"));
static ARRIVED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:arrived|was delivered|were delivered|got delivered|(?:i|we) (?:have |just |already )?(?:received|got)|came (?:with|in)|delivery came)\b",
    )
});
static DELIVERED_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:delivered|received|arrived|got)\b"));

/// The orders holding products `text` names, with how many distinct ones each holds; an
/// order must hold every product named to describe it ("my order with the grill").
fn holding(text: &str, customer: &Customer) -> Vec<(String, usize)> {
    let all: Vec<Item> = customer.all_items();
    let found = mentions(text, &all);
    // "same place my laptops were delivered to": the laptops' order is not this one
    let found: Vec<_> = found
        .iter()
        .zip(locates_elsewhere(text, &found))
        .filter(|(_, elsewhere)| !elsewhere)
        .map(|(m, _)| m.clone())
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let describing = describes_order(text, &found);
    let required: BTreeSet<&str> = found
        .iter()
        .zip(&describing)
        .filter(|(_, d)| **d)
        .map(|(m, _)| m.name.as_str())
        .collect();
    let named: BTreeSet<&str> = found.iter().map(|m| m.name.as_str()).collect();
    let mut out = Vec::new();
    for id in customer.orders.keys() {
        let held: BTreeSet<String> = customer.items(id).into_iter().map(|i| i.name).collect();
        if !required.iter().all(|n| held.contains(*n)) {
            continue;
        }
        let score = named.iter().filter(|n| held.contains(**n)).count();
        if score > 0 {
            out.push((id.clone(), score));
        }
    }
    out
}

/// The orders `text` describes by the products it names and the status it says they are in
/// (empty when it names none).
fn orders_described(text: &str, customer: &Customer) -> Vec<String> {
    let said = said_status(text);
    best_holders(text, customer)
        .into_iter()
        .filter(|id| said.is_none_or(|st| customer.status(id) == st))
        .collect()
}

/// The orders holding the most of the products `text` names (empty when it names none).
fn best_holders(text: &str, customer: &Customer) -> Vec<String> {
    let found = holding(text, customer);
    let best = found.iter().map(|(_, s)| *s).max().unwrap_or(0);
    found
        .into_iter()
        .filter(|(_, s)| *s == best)
        .map(|(id, _)| id)
        .collect()
}

/// The status the text says its order is in: delivered ("arrived", "I received") or pending
/// ("just placed", "hasn't shipped"); none when it says both or neither.
pub(super) fn said_status(text: &str) -> Option<&'static str> {
    match (PENDING_WORD.is_match(text), ARRIVED.is_match(text)) {
        (true, false) => Some("pending"),
        (false, true) => Some("delivered"),
        _ => None,
    }
}

/// "my order that has just the bookshelf and the water bottle": the order holds those
/// products and no others.
static ONLY_THESE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:has|had|holds|held|contains|contained|containing|with|having|of)\s+(?:just|only)\b|\bjust (?:the|a|an|my)\b[^.;!?]{0,60}\b(?:in it|inside)\b",
    )
});

/// Which of `holders` (orders that all hold the products `text` names) the text means by
/// what it says of their contents: "just the bookshelf and the water bottle" (those
/// products and no others), else the option words just before the products' names ("the
/// white glass bookshelf"). None when that leaves several or none.
fn by_contents(text: &str, holders: &[String], customer: &Customer) -> Option<String> {
    let all: Vec<Item> = customer.all_items();
    let named: BTreeSet<String> = mentions(text, &all).into_iter().map(|m| m.name).collect();
    if named.is_empty() {
        return None;
    }
    if ONLY_THESE.is_match(text) {
        let exact: Vec<&String> = holders
            .iter()
            .filter(|id| {
                let held: BTreeSet<String> =
                    customer.items(id).into_iter().map(|i| i.name).collect();
                held == named
            })
            .collect();
        if let [one] = exact.as_slice() {
            return Some((*one).clone());
        }
    }
    // "the white glass bookshelf", "the green water bottle": option words just before a
    // product's name say which of that product's items is meant
    let norm = normalise(text);
    // before the wanted variant is described ("... for a white wireless gaming mouse")
    let described = super::items::target_start(text).map_or(text.len(), |at| at);
    let before_names: Vec<(String, String)> = mentions(text, &all)
        .into_iter()
        .filter(|m| super::mentions::raw_pos(text, m.pos) < described)
        .map(|m| {
            let words: Vec<&str> = norm[..m.pos].split_whitespace().collect();
            let near = words[words.len().saturating_sub(4)..].join(" ");
            (m.name, near)
        })
        .collect();
    let score = |id: &String| -> usize {
        customer
            .items(id)
            .iter()
            .map(|i| {
                before_names
                    .iter()
                    .filter(|(name, _)| *name == i.name)
                    .map(|(_, near)| {
                        i.options
                            .values()
                            .filter(|v| contains_words(near, &normalise(v)))
                            .count()
                    })
                    .max()
                    .unwrap_or(0)
            })
            .sum()
    };
    let scores: Vec<usize> = holders.iter().map(score).collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let at_best: Vec<&String> = holders
        .iter()
        .zip(&scores)
        .filter(|(_, s)| **s == best)
        .map(|(id, _)| id)
        .collect();
    match at_best.as_slice() {
        [one] if best > 0 => Some((*one).clone()),
        _ => None,
    }
}

/// "#W1234567 (pending: Gaming Mouse, Desk Lamp)".
/// "the more expensive of the two", "the cheaper one" (said of orders: in a request on a
/// whole order, or with the word "order"), "my priciest order", "the cheapest of my orders".
static ORDER_RANK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:the|my)\s+(?P<rank>more expensive|pricier|costlier|bigger|larger|cheaper|less expensive|smaller|most expensive|priciest|costliest|biggest|largest|cheapest|least expensive|smallest)(?P<of>\s+(?:one|order|of the (?:two|three|four)\b|of (?:my|the) (?:(?:two|three|four|2|3|4) )?(?:[\w-]+ )?orders|of them|of those)|\s*[,.;])",
    )
});
/// "the two other orders", "my other orders", "the other one": orders beside the one spoken of.
static OTHER_ORDERS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bother\s+(?:(?:two|2|three|3)\s+)?(?:orders?|ones?|purchases?)\b|\b(?:two|2|three|3)\s+other\b",
    )
});
/// "whichever of my pending orders costs the most", "the one that costs less": an order
/// ranked by what it costs, said with a verb.
static ORDER_COSTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:whichever|the one|the order)\b(?P<of>[^.;!?]{0,40}?)\b(?:that\s+|which\s+)?(?:costs?|came to|totals?)\s+(?P<rank>the most|the least|more|less)\b",
    )
});

/// The order a request names by its total ([`ORDER_RANK`]): a comparative ("the cheaper of
/// the two") among the two orders the request can act on, a superlative ("my priciest
/// order") among every order not cancelled. None when nothing ranks orders, two totals tie,
/// or a comparative has other than two orders to compare.
fn by_total(req: &Request, customer: &Customer, accepts: &dyn Fn(&str) -> bool) -> Option<String> {
    // "The cheaper of the two went on my gift card, and I'd rather pay for it with PayPal":
    // a clause that points back takes the rank from the sentence before it
    static POINTS_BACK: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(?:it|its|that one|that order|this order)\b"));
    // "of the two other orders that haven't shipped, cancel the more expensive one": not the
    // order the request before was about
    let other = OTHER_ORDERS.is_match(&req.clause);
    let not_before = |id: &&String| !(other && req.context_order.as_ref() == Some(*id));
    // "whichever of my pending orders costs the most": among the orders the request can act
    // on (two of them for "costs more")
    if let Some(c) = ORDER_COSTS.captures(&req.clause) {
        let rank = c["rank"].to_lowercase();
        let orders: Vec<&String> = customer
            .orders
            .keys()
            .filter(|id| accepts(customer.status(id)))
            .filter(not_before)
            .collect();
        let superlative = rank.starts_with("the");
        if orders.len() < 2 || (!superlative && orders.len() != 2) {
            return None;
        }
        return cheapest_or_dearest(customer, &orders, rank.ends_with("least") || rank == "less");
    }
    let c = ORDER_RANK.captures(&req.clause).or_else(|| {
        POINTS_BACK
            .is_match(&req.clause)
            .then(|| ORDER_RANK.captures(&req.before))
            .flatten()
    })?;
    let said_of_orders = c["of"].contains("order")
        || matches!(
            req.kind.as_str(),
            "cancel" | "order_address" | "order_payment"
        );
    if !said_of_orders {
        return None;
    }
    let rank = c["rank"].to_lowercase();
    let superlative = rank.ends_with("est");
    let cheap = [
        "cheaper",
        "less expensive",
        "smaller",
        "cheapest",
        "least expensive",
        "smallest",
    ]
    .contains(&rank.as_str());
    // "the most expensive of the three": among as many orders as the request can act on
    let counted = c["of"].split_whitespace().find_map(|w| match w {
        "two" | "2" => Some(2),
        "three" | "3" => Some(3),
        "four" | "4" => Some(4),
        _ => None,
    });
    let orders: Vec<&String> = customer
        .orders
        .keys()
        .filter(|id| {
            if superlative && counted.is_none() {
                customer.status(id) != "cancelled"
            } else {
                accepts(customer.status(id))
            }
        })
        .filter(not_before)
        .collect();
    let wanted = counted.unwrap_or(2);
    if orders.len() < 2 || ((!superlative || counted.is_some()) && orders.len() != wanted) {
        return None;
    }
    cheapest_or_dearest(customer, &orders, cheap)
}

/// Of `orders` (two or more), the one with the lowest (`cheap`) or highest total; none on a
/// tie.
fn cheapest_or_dearest(customer: &Customer, orders: &[&String], cheap: bool) -> Option<String> {
    let total = |id: &str| -> f64 { customer.items(id).iter().map(|i| i.price).sum() };
    let mut ranked: Vec<(f64, &String)> = orders.iter().map(|id| (total(id), *id)).collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (pick, next) = if cheap {
        (ranked[0], ranked[1])
    } else {
        (ranked[ranked.len() - 1], ranked[ranked.len() - 2])
    };
    ((pick.0 - next.0).abs() >= 0.005).then(|| pick.1.clone())
}

pub(super) fn describe(customer: &Customer, id: &str) -> String {
    let names: Vec<String> = customer.items(id).into_iter().map(|i| i.name).collect();
    format!("{id} ({}: {})", customer.status(id), names.join(", "))
}

/// Whether the request's own words (its clause, or the text before it) name the products of
/// one order that is not `id`: "the order with the laptop and the t-shirt ... could you switch
/// the payment over? Also, my tablet, order #W5100317 ..." is about the laptop's order; the
/// number after it belongs to the next request.
fn described_otherwise(req: &Request, customer: &Customer, id: &str) -> bool {
    [req.clause.as_str(), req.before.as_str()]
        .iter()
        .any(|text| {
            let text = SAME_AS.find(text).map_or(*text, |m| &text[..m.start()]);
            matches!(best_holders(text, customer).as_slice(), [one] if one.as_str() != id)
        })
}

/// `text` without the words that keep an order: "keep the laptop/luggage order", "the one
/// with the laptop I'm keeping" (a kept part that names an order).
fn without_kept_orders(text: &str) -> String {
    static ORDER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:order|orders|purchase)\b"));
    super::kept::split_kept_where(text, |kept| ORDER.is_match(kept)).0
}

pub(super) fn pick_order(
    req: &Request,
    customer: &Customer,
    accepts: &dyn Fn(&str) -> bool,
) -> Result<String, Resolution> {
    let not_theirs = |id: &str| {
        // nothing is said about whether the order exists (it may be someone else's)
        Resolution::Refuse(format!(
            "Order {id} is not an order on your account, so I cannot look into it or change it. If you meant another of your orders, please send its number."
        ))
    };
    if let Some(id) = req.order_ids.first() {
        if !customer.orders.contains_key(id) {
            return Err(not_theirs(id));
        }
        return Ok(id.clone());
    }
    // an order named around the request that is not the customer's ("my wife's order
    // #W8331214 ... please change its address") is never swapped for one that is
    let around: Vec<String> = req
        .context_order
        .iter()
        .cloned()
        .chain(order_ids(&req.before).into_iter().map(|(_, id)| id))
        .chain(order_ids(&req.after).into_iter().map(|(_, id)| id))
        .collect();
    if !around.is_empty() && around.iter().all(|id| !customer.orders.contains_key(id)) {
        return Err(not_theirs(&around[0]));
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
    // "cancel the more expensive of the two", "my priciest order": an order by its total
    if let Some(id) = by_total(req, customer, accepts) {
        return Ok(id);
    }
    // "I want to cancel my order. The number is #W1234567." (or the answer to our question)
    let mut later: Vec<String> = order_ids(&req.after)
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    later.dedup();
    if later.len() == 1
        && req.context_order.is_none()
        && customer.orders.contains_key(&later[0])
        && !described_otherwise(req, customer, &later[0])
    {
        return Ok(later[0].clone());
    }
    let scope_texts = [req.clause.as_str(), req.before.as_str()];
    for text in scope_texts {
        // "cancel the skateboard and coffee maker order, keep the laptop/luggage order": an
        // order said to stay is not the one cancelled (one kept while its items change is)
        let acting;
        let text = if req.kind == "cancel" {
            acting = without_kept_orders(text);
            acting.as_str()
        } else {
            text
        };
        // "ship it to the same address as my other order": that order is not the one to change
        let text = SAME_AS.find(text).map_or(text, |m| &text[..m.start()]);
        let mut holders: Vec<(String, usize)> = Vec::new();
        let mut elsewhere: Vec<String> = Vec::new();
        let held = holding(text, customer);
        for (id, score) in held.iter().cloned() {
            if accepts(customer.status(&id)) {
                holders.push((id, score));
            } else {
                elsewhere.push(id);
            }
        }
        // "cancel the order going to Washington DC (hiking boots and smartphone)": the one
        // order holding more of the products named than any the request can act on is the
        // one meant, in whatever state (the request is then refused), not another order
        // holding fewer of them
        let best_open = holders.iter().map(|(_, s)| *s).max().unwrap_or(0);
        let best_any = held.iter().map(|(_, s)| *s).max().unwrap_or(0);
        let described: Vec<&String> = held
            .iter()
            .filter(|(_, s)| *s == best_any)
            .map(|(id, _)| id)
            .collect();
        if best_any > best_open && best_any >= 2 && said_status(text).is_none() {
            if let [one] = described.as_slice() {
                return Ok((*one).clone());
            }
        }
        // "the one that arrived last week": an order the text says was delivered (or not yet
        // shipped) is that one, whatever the request can act on
        let said = said_status(text);
        if let Some(st) = said {
            holders.retain(|(id, _)| customer.status(id) == st);
            elsewhere.retain(|id| customer.status(id) == st);
        }
        // the orders holding the most of the products named
        let best = holders.iter().map(|(_, s)| *s).max().unwrap_or(0);
        let holders: Vec<String> = holders
            .into_iter()
            .filter(|(_, s)| *s == best)
            .map(|(id, _)| id)
            .collect();
        // "I got my order with the t-shirt ... : the gaming mouse - ...": the one of several
        // holders the text just before the clause describes
        let described_before = (text == req.clause && holders.len() > 1)
            .then(|| {
                let around = orders_described(&req.before, customer);
                let both: Vec<&String> = holders.iter().filter(|id| around.contains(id)).collect();
                match both.as_slice() {
                    [one] => Some((*one).clone()),
                    _ => None,
                }
            })
            .flatten();
        if let Some(ctx) = &req.context_order {
            // "For my order with the vacuum, earbuds and power bank: - earbuds: if you have
            // them in black ...": that order is the one meant, not one a pronoun would carry
            // over from elsewhere
            if let Some(id) = described_before {
                return Ok(id);
            }
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
                // the text before the clause says which of them
                if let Some(id) = described_before {
                    return Ok(id);
                }
                if let Some(id) = by_contents(text, &holders, customer) {
                    return Ok(id);
                }
                if let Some(id) = by_destination(text, &holders, customer) {
                    return Ok(id);
                }
                // "I had an order shipped to my old place in Los Angeles. Send back
                // everything in that order apart from the camera.": where the text before
                // the clause says it went
                if text == req.clause && POINTS_BACK_ORDER.is_match(text) {
                    if let Some(id) = by_destination(&req.before, &holders, customer) {
                        return Ok(id);
                    }
                }
                return Err(Resolution::ask(format!(
                    "Which order do you mean: {}?",
                    holders
                        .iter()
                        .map(|id| describe(customer, id))
                        .collect::<Vec<_>>()
                        .join(", or ")
                )));
            }
        }
    }
    if let Some(ctx) = &req.context_order {
        // "I received #W1 ... I also want to cancel my pending order": the
        // order named earlier does not fit, the customer says which does
        let redirected = (!accepts(customer.status(ctx)) && PENDING_WORD.is_match(&req.clause))
            || OTHER_ORDERS.is_match(&req.clause);
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
    // "The order I'm having shipped to my sister in Chicago went onto my gift card. Please
    // charge that order to my Mastercard.": where the order goes says which (not for an
    // address change, whose words name where it should go)
    if open.len() > 1 && !req.kind.ends_with("address") {
        let open_ids: Vec<String> = open.iter().map(|id| (*id).clone()).collect();
        let described = by_destination(&req.clause, &open_ids, customer).or_else(|| {
            // the nearest sentence before that names one order's destination
            POINTS_BACK_ORDER
                .is_match(&req.clause)
                .then(|| {
                    crate::text::sentences(&req.before)
                        .iter()
                        .rev()
                        .find_map(|s| by_destination(s, &open_ids, customer))
                })
                .flatten()
        });
        if let Some(id) = described {
            return Ok(id);
        }
    }
    Err(Resolution::ask(if open.is_empty() {
        "Which order is this about? Please send the order number (it looks like #W1234567)."
            .to_owned()
    } else {
        format!(
            "Which order is this about: {}?",
            open.iter()
                .map(|id| describe(customer, id))
                .collect::<Vec<_>>()
                .join(", or ")
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::customer;

    #[test]
    fn an_order_number_after_the_request_loses_to_the_order_it_describes() {
        let c = customer();
        let pending = |s: &str| s == "pending";
        // the number after the request belongs to the next one
        let mut req = Request::of("payment", "could you switch the payment over to my Visa?");
        req.before = "The order with the lamp hasn't shipped yet.".to_owned();
        req.after = "Also my water bottle, order #W1000003: where is it?".to_owned();
        assert_eq!(pick_order(&req, &c, &pending), Ok("#W1000001".to_owned()));
        // with nothing that describes an order, the number after it is the order
        let mut req = Request::of("cancel", "I want to cancel my order.");
        req.after = "The number is #W1000066.".to_owned();
        assert_eq!(pick_order(&req, &c, &pending), Ok("#W1000066".to_owned()));
    }

    #[test]
    fn which_order_by_what_its_contents_are_said_to_be() {
        let c = customer();
        let both = ["#W1000001".to_owned(), "#W1000002".to_owned()];
        // both hold a gaming mouse; only one holds just a mouse and a t-shirt
        assert_eq!(
            by_contents(
                "my order that has just the gaming mouse and the t-shirt",
                &both,
                &c
            ),
            Some("#W1000002".to_owned())
        );
        // the option words before the product's name
        assert_eq!(
            by_contents("the order with the black laser gaming mouse", &both, &c),
            Some("#W1000001".to_owned())
        );
        assert_eq!(
            by_contents("the order with the white gaming mouse", &both, &c),
            Some("#W1000002".to_owned())
        );
        // the wanted variant's words say nothing of the order
        assert_eq!(
            by_contents(
                "exchange my gaming mouse for a white wireless gaming mouse",
                &both,
                &c
            ),
            None
        );
        // option words of the wanted variant, after the name, say nothing of the order
        assert_eq!(
            by_contents("the gaming mouse: I need the black laser one", &both, &c),
            None
        );
    }
}
