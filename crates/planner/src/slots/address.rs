//! Which address an order or the account moves to.

use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Customer;
use crate::requests::Request;
use crate::text::{addresses, order_ids, re, Address};

static SAME_AS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bsame (?:address )?as\b"));
static DEFAULT_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:default|account|profile|home|on file|my current) address\b|\baddress on file\b")
});

pub(super) fn pick_address(
    req: &Request,
    customer: &Customer,
    full_text: &str,
    allow_default: bool,
) -> Option<Address> {
    if let Some(a) = addresses(&req.clause).into_iter().next() {
        return Some(a);
    }
    if let Some(m) = SAME_AS.find(&req.clause) {
        if let Some((_, id)) = order_ids(&req.clause[m.end()..]).first() {
            return customer
                .orders
                .get(id)
                .and_then(|o| o.get("address"))
                .and_then(Address::from_json);
        }
    }
    if allow_default && DEFAULT_ADDRESS.is_match(&req.clause) {
        return customer.address();
    }
    let around = format!("{} {}", req.before, req.after);
    let near = addresses(&around);
    if near.len() == 1 {
        return near.into_iter().next();
    }
    let all = addresses(full_text);
    (all.len() == 1).then(|| all.into_iter().next()).flatten()
}
