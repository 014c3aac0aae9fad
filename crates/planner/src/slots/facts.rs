//! Read-only answers: an order's status, items, total and tracking; a product's options.

use serde_json::Value;

use crate::customer::Customer;
use crate::format::{fmt_opts, money};
use crate::requests::Request;
use crate::text::{contains_words, normalise};
use crate::variant::mention;

use super::mentions::mentioned_items;

/// One sentence per order the request is about: items, status, tracking, total.
pub fn status_facts(req: &Request, customer: &Customer) -> Vec<String> {
    let ids: Vec<String> = if req.order_ids.is_empty() {
        let all: Vec<String> = customer.orders.keys().cloned().collect();
        let named: Vec<String> = all
            .iter()
            .filter(|id| !mentioned_items(&req.clause, &customer.items(id)).is_empty())
            .cloned()
            .collect();
        if named.is_empty() {
            said_orders(&req.clause, all, customer)
        } else {
            named
        }
    } else {
        req.order_ids.clone()
    };
    ids.iter()
        .filter_map(|id| {
            let o = customer.orders.get(id)?;
            let tracking: Vec<String> = o
                .get("fulfillments")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .flat_map(|f| {
                    f.get("tracking_id")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                })
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
            let items = customer.items(id);
            let names: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
            let total: f64 = items.iter().map(|i| i.price).sum();
            let mut fact = format!(
                "Order {id} ({}) is {}{}; the items total {}.",
                names.join(", "),
                crate::customer::s(o, "status"),
                if tracking.is_empty() {
                    String::new()
                } else {
                    format!(", tracking number {}", tracking.join(", "))
                },
                money(total)
            );
            for refund in refunds(o, customer) {
                fact.push(' ');
                fact.push_str(&refund);
            }
            Some(fact)
        })
        .collect()
}

/// Of `all` the customer's orders, those a status question names by their status and where
/// they went: "the total of my pending order going to Philadelphia" is the one pending
/// order shipped there, not every order. Every order when the words narrow nothing.
fn said_orders(clause: &str, all: Vec<String>, customer: &Customer) -> Vec<String> {
    let in_status: Vec<String> = match super::order::said_status(clause) {
        Some(st) => all
            .iter()
            .filter(|id| customer.status(id) == st)
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let pool = if in_status.is_empty() { all } else { in_status };
    match super::destination::by_destination(clause, &pool, customer) {
        Some(one) => vec![one],
        None => pool,
    }
}

/// One sentence per refund in the order's payment history, with when it arrives (store
/// policy: a gift card at once, other methods within 5 to 7 business days).
fn refunds(order: &Value, customer: &Customer) -> Vec<String> {
    order
        .get("payment_history")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|p| p.get("transaction_type").and_then(Value::as_str) == Some("refund"))
        .filter_map(|p| {
            let amount = p.get("amount").and_then(Value::as_f64)?;
            let method = p.get("payment_method_id").and_then(Value::as_str)?;
            let when = if method.starts_with("gift_card") {
                "it is credited to the gift card at once"
            } else {
                "it reaches the original payment method within 5 to 7 business days"
            };
            Some(format!(
                "A refund of {} was issued to your {}: {when}.",
                money(amount),
                customer.payment_label(method)
            ))
        })
        .collect()
}

/// A question about what a product costs.
static PRICE_ASKED: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| crate::text::re(r"(?i)\b(?:price|prices|cost|costs|how much)\b"));

/// "How much would that same smart watch cost with a leather band?": the variant of the
/// customer's own item of `product` (in the order the request names, if any) with the asked
/// options changed, when the items of that product lead to one variant. An asked key keeps
/// the item's value unless the text names exactly one other value for it
/// ([`super::target::changes_from`]).
fn own_item_changed<'a>(
    req: &Request,
    customer: &Customer,
    product: &Value,
    asked: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    all: &'a [crate::variant::Variant],
) -> Option<&'a crate::variant::Variant> {
    let pid = product.get("product_id").and_then(Value::as_str)?;
    let orders: Vec<String> = if req.order_ids.is_empty() {
        customer.orders.keys().cloned().collect()
    } else {
        req.order_ids.clone()
    };
    let mut found: Vec<&crate::variant::Variant> = Vec::new();
    for item in orders.iter().flat_map(|o| customer.items(o)) {
        if item.product_id != pid {
            continue;
        }
        // the asked values the item does not have, one per key (two for a key: no answer)
        let changes = super::target::changes_from(&item, asked.clone()).ok()?;
        if changes.is_empty() {
            continue;
        }
        let mut wanted = item.options.clone();
        wanted.extend(changes);
        let v = all.iter().find(|v| v.options == wanted)?;
        if !found.iter().any(|f| f.item_id == v.item_id) {
            found.push(v);
        }
    }
    match found.as_slice() {
        [v] => Some(*v),
        _ => None,
    }
}

/// Available options of the products the request names (read into
/// `customer.products` by the planner).
pub fn product_facts(req: &Request, customer: &Customer) -> Vec<String> {
    let norm = normalise(&req.clause);
    // "what is the price of the 30MP camera with 3x zoom?": the one variant the options name
    if PRICE_ASKED.is_match(&req.clause) {
        let priced: Vec<String> = customer
            .products
            .values()
            .filter_map(|p| {
                let name = p.get("name").and_then(Value::as_str)?;
                mention(&norm, name)?;
                let asked = crate::variant::option_mentions(&req.clause, p);
                if asked.is_empty() {
                    return None;
                }
                let all = crate::variant::variants(p);
                let fits: Vec<&crate::variant::Variant> = all
                    .iter()
                    .filter(|v| {
                        asked
                            .iter()
                            .all(|(k, vals)| v.options.get(k).is_some_and(|x| vals.contains(x)))
                    })
                    .collect();
                let v = match fits.as_slice() {
                    [v] => *v,
                    _ => own_item_changed(req, customer, p, &asked, &all)?,
                };
                Some(format!(
                    "The {name} with {} costs {}{}.",
                    fmt_opts(&v.options),
                    money(v.price),
                    if v.available {
                        " and is available"
                    } else {
                        ", but it is not available right now"
                    }
                ))
            })
            .collect();
        if !priced.is_empty() {
            return priced;
        }
    }
    customer
        .products
        .values()
        .filter_map(|p| {
            let name = p.get("name").and_then(Value::as_str)?;
            mention(&norm, name)?;
            let available: Vec<crate::variant::Variant> = crate::variant::variants(p)
                .into_iter()
                .filter(|v| v.available)
                .collect();
            let list: Vec<String> = available
                .iter()
                .take(12)
                .map(|v| format!("{} at {}", fmt_opts(&v.options), money(v.price)))
                .collect();
            Some(format!(
                "We have {} {name} options available right now{}{}.",
                available.len(),
                if list.is_empty() { "" } else { ": " },
                list.join("; ")
            ))
        })
        .collect()
}

/// What the customer asks about their account: gift-card balances, the payment methods on
/// file, the default address.
pub fn account_facts(req: &Request, customer: &Customer) -> Vec<String> {
    let asked = normalise(&req.clause);
    let mut out = Vec::new();
    let methods = customer.payment_methods();
    if contains_words(&asked, "gift card") || contains_words(&asked, "balance") {
        for (id, _) in &methods {
            if let Some(balance) = customer.gift_balance(id) {
                out.push(format!(
                    "Your gift card ({id}) has a balance of {}.",
                    money(balance)
                ));
            }
        }
        if out.is_empty() {
            out.push("There is no gift card on your account.".to_owned());
        }
    }
    if [
        "payment method",
        "payment methods",
        "credit card",
        "credit cards",
        "cards on file",
    ]
    .iter()
    .any(|w| contains_words(&asked, w))
    {
        let labels: Vec<String> = methods
            .iter()
            .map(|(id, _)| customer.payment_label(id))
            .collect();
        out.push(format!(
            "The payment methods on your account are: {}.",
            labels.join(", ")
        ));
    }
    if contains_words(&asked, "address") {
        if let Some(a) = customer.address() {
            out.push(format!("Your default address is {}.", a.line()));
        }
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::fixture::customer;

    #[test]
    fn a_refunded_order_states_the_refund_and_when_it_arrives() {
        let mut c = customer();
        let order = std::sync::Arc::make_mut(c.orders.get_mut("#W1000002").unwrap());
        order["status"] = json!("cancelled");
        order["payment_history"] = json!([
            {"transaction_type": "payment", "amount": 30.5, "payment_method_id": "paypal_1"},
            {"transaction_type": "refund", "amount": 30.5, "payment_method_id": "paypal_1"}
        ]);
        let mut req = Request::of("status", "How much was refunded?");
        req.order_ids = vec!["#W1000002".to_owned()];
        let facts = status_facts(&req, &c);
        assert_eq!(facts.len(), 1);
        assert!(
            facts[0].contains("A refund of $30.50 was issued")
                && facts[0].contains("5 to 7 business days"),
            "{}",
            facts[0]
        );
        // no refund in the history: nothing is said about one
        req.order_ids = vec!["#W1000001".to_owned()];
        assert!(!status_facts(&req, &c)[0].contains("refund"));
    }

    #[test]
    fn an_order_named_by_status_and_destination_is_the_one_answered() {
        let mut c = customer();
        let order = std::sync::Arc::make_mut(c.orders.get_mut("#W1000066").unwrap());
        order["address"]["city"] = json!("Philadelphia");
        let ids = |text: &str| -> Vec<String> {
            status_facts(&Request::of("status", text), &c)
                .iter()
                .map(|f| f.split_whitespace().nth(1).unwrap_or("").to_owned())
                .collect()
        };
        assert_eq!(
            ids("What's the total of my pending order going to Philadelphia?"),
            ["#W1000066"]
        );
        assert_eq!(
            ids("What's the total of my pending order?"),
            ["#W1000001", "#W1000066"]
        );
        // words that narrow nothing: every order
        assert_eq!(ids("What is the status of my orders?").len(), 4);
    }
}
