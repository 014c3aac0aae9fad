//! Which address an order or the account moves to.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::customer::{Customer, Item};
use crate::requests::Request;
use crate::text::{addresses, contains_words, order_ids, re, Address};

use super::mentions::mentions;

/// "same as #W1", "the same Dallas address that my other order is going to", "the same DC
/// address my toothbrush was delivered to", "the address of my other order", "where my last
/// order went".
static SAME_AS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bsame (?:[\w-]+ ){0,3}(?:as|that|where|which|address)\b|\baddress (?:of|on|from|in|for) (?:my )?(?:other|previous|earlier|last|older|first) (?:order|purchase)\b|\bwhere (?:my )?(?:other|previous|earlier|last|older|first) (?:order|purchase)\b",
    )
});
static OTHER_ORDER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:other|previous|earlier|last|older|first) (?:order|purchase)\b"));
static DEFAULT_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:default|account|profile|home|on file|my current) address\b|\baddress (?:on file|(?:saved |stored )?(?:on|in|of) (?:my |the )?(?:account|profile))\b|\b(?:the one|the address|one) (?:saved|stored|on file) (?:on|in|with) (?:my |the )?(?:account|profile)\b",
    )
});

/// The order `text` refers to ("#W1234567", "my other order, the one with the pet bed", "my
/// other order"), other than `current`: an order id, else the one order holding every
/// product named, else the only other order.
fn referenced_order(text: &str, customer: &Customer, current: Option<&str>) -> Option<String> {
    if let Some((_, id)) = order_ids(text).first() {
        return Some(id.clone());
    }
    let others: Vec<&String> = customer
        .orders
        .keys()
        .filter(|id| Some(id.as_str()) != current)
        .collect();
    let all: Vec<Item> = others.iter().flat_map(|id| customer.items(id)).collect();
    let named: BTreeSet<String> = mentions(text, &all).into_iter().map(|m| m.name).collect();
    if !named.is_empty() {
        let holding: Vec<&&String> = others
            .iter()
            .filter(|id| {
                let held: BTreeSet<String> =
                    customer.items(id).into_iter().map(|i| i.name).collect();
                named.iter().all(|n| held.contains(n))
            })
            .collect();
        return (holding.len() == 1).then(|| (*holding[0]).clone());
    }
    (OTHER_ORDER.is_match(text) && others.len() == 1).then(|| others[0].clone())
}

/// "It's going to Houston, but I need it at my home in Los Angeles": the one address on file
/// (the default one, or any order's) in a city the clause names, other than the city the
/// order being changed (or the account, without an order) goes to now (a city named as where it is going is not where it
/// should go; a move within that city is asked about).
fn in_named_city(clause: &str, customer: &Customer, order_id: Option<&str>) -> Option<Address> {
    // (for the account's address, the city it has now: "it still says Indianapolis but I
    // moved")
    let current = match order_id {
        Some(id) => customer.order_address(id),
        None => customer.address(),
    }
    .map(|a| a.city.trim().to_lowercase());
    let lower = clause.to_lowercase();
    let mut found: Vec<Address> = Vec::new();
    for a in customer.address_records().filter_map(Address::from_json) {
        let city = a.city.trim().to_lowercase();
        if Some(&city) != current.as_ref()
            && contains_words(&lower, &city)
            && !found.iter().any(|f| f.line() == a.line())
        {
            found.push(a);
        }
    }
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The address `text` points at without writing it out: another order's ("the same address
/// as my other order"), the account's ("my default address", when `allow_default`), or the
/// one on file in a city it names. `Some` when the text decides (holding `None` when the order
/// it points at has no address), `None` when it points at none.
fn pointed_at(
    text: &str,
    customer: &Customer,
    allow_default: bool,
    order_id: Option<&str>,
) -> Option<Option<Address>> {
    if let Some(m) = SAME_AS.find(text) {
        // from the phrase on: the products before it are the order being changed
        if let Some(id) = referenced_order(&text[m.start()..], customer, order_id) {
            return Some(customer.order_address(&id));
        }
    }
    if allow_default && DEFAULT_ADDRESS.is_match(text) {
        return Some(customer.address());
    }
    in_named_city(text, customer, order_id).map(Some)
}

pub(super) fn pick_address(
    req: &Request,
    customer: &Customer,
    full_text: &str,
    allow_default: bool,
    order_id: Option<&str>,
) -> Option<Address> {
    if let Some(a) = addresses(&req.clause).into_iter().next() {
        return Some(a);
    }
    if let Some(found) = pointed_at(&req.clause, customer, allow_default, order_id) {
        return found;
    }
    let around = format!("{} {}", req.before, req.after);
    let near = addresses(&around);
    if near.len() == 1 {
        return near.into_iter().next();
    }
    let all = addresses(full_text);
    if all.len() == 1 {
        return all.into_iter().next();
    }
    // "... is set to ship to Chicago, which is wrong. Please send it to my default address.":
    // with no address written out, the sentence after the request says where
    pointed_at(&req.after, customer, allow_default, order_id).flatten()
}
