//! Which requests of the ticket stand: retracted and vague repeats dropped, "all my pending
//! orders" expanded; and the catalog products a product question names.

use crate::conditions::Condition;
use crate::customer::{Customer, Reader};
use crate::requests::Request;

/// Reads the catalog products a product question names.
pub(super) async fn read_named_products(
    reader: &mut Reader<'_>,
    customer: &mut Customer,
    requests: &[Request],
) -> Result<(), crate::ToolFailure> {
    let Some(types) = reader
        .read("list_all_product_types", serde_json::json!({}))
        .await?
    else {
        return Ok(());
    };
    let text: String = requests
        .iter()
        .filter(|r| r.kind == "product_info")
        .map(|r| crate::text::normalise(&r.clause))
        .collect::<Vec<_>>()
        .join(" ");
    for (name, id) in types.as_object().into_iter().flatten() {
        let Some(id) = id.as_str() else { continue };
        if customer.products.contains_key(id) || crate::variant::mention(&text, name).is_none() {
            continue;
        }
        if let Some(p) = reader
            .read(
                "get_product_details",
                serde_json::json!({ "product_id": id }),
            )
            .await?
        {
            customer.products.insert(id.to_owned(), p);
        }
    }
    Ok(())
}

static ALL_ORDERS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:(?:all|both|every one of|each of) (?:of )?(?:my |the )?(?:two |2 )?(?:pending |open |current |unshipped |outstanding )?orders|(?:every|each) (?:pending |open |current |unshipped |outstanding )?order)\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static PRONOUN_ALL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::re(
        r"(?i)\b(?:they all|them all|all of them|each of them|every one of them|both of them|they both|them both)\b",
    )
});

static ORDERS: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| crate::text::re(r"(?i)\borders\b"));

static EXCEPT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::re(
        r"(?i)\b(?:except(?: for)?|but not|other than|apart from|besides|excluding|save for|not including)\b",
    )
});

/// The orders `after` (the text after "all my orders") excludes: "except #W1234567", "but
/// not the one with the tablet".
fn excluded_orders(after: &str, customer: &Customer) -> Vec<String> {
    let Some(m) = EXCEPT.find(after) else {
        return Vec::new();
    };
    let rest = &after[m.end()..];
    let ids: Vec<String> = crate::text::order_ids(rest)
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    if !ids.is_empty() {
        return ids;
    }
    customer
        .orders
        .keys()
        .filter(|id| !crate::slots::mentioned_items(rest, &customer.items(id)).is_empty())
        .cloned()
        .collect()
}

static EVERY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::re(
        r"(?i)\b(?:all|both|every|each)\b(?:\s+(?:of\s+)?(?:my|the|those|these|them))?(?:\s+[\w'-]+){0,3}\s*$",
    )
});

/// "Return all the tea kettles I received", "both speakers from my two orders": an item
/// request naming every one of a product the customer has in several orders the request can
/// act on becomes one request per order. Anything else stays as it is.
fn across_orders(r: Request, customer: &Customer, procedures: &crate::Procedures) -> Vec<Request> {
    if !r.order_ids.is_empty() || !matches!(r.kind.as_str(), "return" | "item_change") {
        return vec![r];
    }
    let all: Vec<crate::customer::Item> = customer.all_items();
    // the products are named in the request's own sentence, else just before it ("Both
    // speakers stopped working. Please return both of them.")
    let in_clause = crate::slots::mentions(&r.clause, &all);
    let source = if in_clause.is_empty() {
        r.before.as_str()
    } else {
        r.clause.as_str()
    };
    let found = crate::slots::mentions(source, &all);
    let norm = crate::text::normalise(source);
    let every: Vec<&str> = found
        .iter()
        .filter(|m| EVERY.is_match(&norm[..m.pos]) || norm[m.end..].starts_with(" both"))
        .map(|m| m.name.as_str())
        .collect();
    let [name] = every.as_slice() else {
        return vec![r];
    };
    let holders: Vec<&String> = customer
        .orders
        .keys()
        .filter(|id| {
            procedures
                .for_status(&r.kind, customer.status(id))
                .is_some()
                && customer.items(id).iter().any(|i| i.name == *name)
        })
        .collect();
    if holders.len() < 2 {
        return vec![r];
    }
    holders
        .into_iter()
        .map(|id| {
            let mut one = r.clone();
            one.order_ids = vec![id.clone()];
            one
        })
        .collect()
}

/// A clause that is a verb and a pronoun alone: "Please switch it.", "Can you change that
/// over for me?".
static BARE_RESTATEMENT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::re(
        r"(?i)^\W*(?:(?:please|pls|kindly|so|and|then|just|can you|could you|would you|go ahead and)\s+)*(?:switch|change|swap|move|update|sort|fix)\s+(?:it|that|this)(?:\s+(?:over|around|across|for me|please|then|too|as well))*\W*$",
    )
});

/// Drops retracted requests and vague repeats: a request that names neither
/// an order nor an item is dropped when another request of its kind does.
pub(super) fn select(
    mut requests: Vec<Request>,
    customer: &Customer,
    procedures: &crate::Procedures,
) -> Vec<Request> {
    requests.retain(|r| !r.retracted);
    // "... only exchange the desk lamp": the earlier requests of that kind keep their details
    // but act on what the "only" names
    let all_items: Vec<crate::customer::Item> = customer.all_items();
    for i in 0..requests.len() {
        if !requests[i].only || i == 0 {
            continue;
        }
        let named: Vec<String> = crate::slots::mentions(&requests[i].clause, &all_items)
            .into_iter()
            .map(|m| m.name)
            .collect();
        let kind = requests[i].kind.clone();
        let narrowed = (0..i).filter(|j| requests[*j].kind == kind).count();
        if named.is_empty() || narrowed == 0 {
            continue;
        }
        for r in requests[..i].iter_mut().filter(|r| r.kind == kind) {
            r.only_products = named.clone();
        }
        requests[i].retracted = true;
    }
    requests.retain(|r| !r.retracted);
    let family = |k: &str| {
        if k == "cancel" || k == "return" {
            "refund"
        } else {
            "other"
        }
    };
    // "The 60% keyboard ... is too cramped. I'd like to exchange it for an 80% one": a clause
    // that points back at a product named in the sentences just before it is as specific
    let names_any = |text: &str| {
        customer
            .orders
            .keys()
            .any(|id| !crate::slots::mentioned_items(text, &customer.items(id)).is_empty())
    };
    // "The upright vacuum cleaner is the bagged one. We would like the bagless model
    // instead": a change that names no product asks an option of the one named just before
    let asks_option_of_before = |r: &Request| {
        r.kind == "item_change"
            && crate::text::sentences(&r.before)
                .last()
                .is_some_and(|last| {
                    crate::slots::mentions(last, &all_items)
                        .iter()
                        .flat_map(|m| &m.items)
                        .any(|item| super::implied::names_another_option(&r.clause, item, customer))
                })
    };
    let specific: Vec<bool> = requests
        .iter()
        .map(|r| {
            !r.order_ids.is_empty()
                || names_any(&r.clause)
                || ((crate::text::POINTS_BACK.is_match(&r.clause)
                    || crate::text::COMPARED.is_match(&r.clause))
                    && names_any(&r.before))
                || asks_option_of_before(r)
        })
        .collect();
    // "What's the price difference if I switch my sunglasses to plastic? ... please keep all
    // that and only swap the metal for plastic": a plain repeat of that kind, naming nothing
    // of its own, asks for the change the hypothetical named
    let asked: Vec<usize> = (0..requests.len())
        .filter(|&j| {
            requests[j].condition == Some(Condition::OwnChoice)
                && specific[j]
                && requests.iter().enumerate().any(|(i, r)| {
                    i > j && !specific[i] && r.kind == requests[j].kind && r.condition.is_none()
                })
        })
        .collect();
    for j in asked {
        requests[j].condition = None;
    }
    let mut keep = Vec::new();
    for (i, r) in requests.iter().enumerate() {
        // "... and I'd rather pay for it with my PayPal. Please switch it.": a bare "switch
        // it" after an order-level change says that change again, it asks for no item change
        if !specific[i]
            && r.kind == "item_change"
            && BARE_RESTATEMENT.is_match(&r.clause)
            && requests[..i].iter().any(|o| {
                matches!(
                    o.kind.as_str(),
                    "order_payment" | "order_address" | "user_address"
                )
            })
        {
            continue;
        }
        // "If you have it in a medium, exchange it for that. If not, exchange it for a
        // large.": a second choice is no vague repeat of the first
        let second_choice = r.condition.as_ref().is_some_and(Condition::is_fallback)
            && requests[..i]
                .iter()
                .any(|o| o.kind == r.kind && o.condition.is_some());
        if !specific[i] && !second_choice {
            let same_kind = |j: usize| {
                let o = &requests[j];
                o.kind == r.kind
                    || (!r.explicit
                        && family(&o.kind) == family(&r.kind)
                        && family(&r.kind) == "refund")
            };
            let covered =
                (0..requests.len()).any(|j| j != i && same_kind(j) && (specific[j] || j < i));
            if covered {
                // "My order with the laptop is set to ship to a Chicago address, which is
                // wrong. Please send it to my default address.": the vague repeat says where
                // the order named before it goes
                if r.kind == "order_address" {
                    if let Some(k) = keep
                        .iter_mut()
                        .rev()
                        .find(|k: &&mut Request| k.kind == r.kind)
                    {
                        k.after = format!("{} {}", k.after, r.clause).trim().to_owned();
                    }
                }
                continue;
            }
        }
        keep.push(r.clone());
    }
    // "cancel all my pending orders (except the one with the tablet)": one request per
    // pending order, but those the customer excludes
    let mut expanded = Vec::new();
    for r in keep {
        let whole_order = matches!(
            r.kind.as_str(),
            "cancel" | "order_address" | "order_payment"
        );
        let all_orders = ALL_ORDERS.find(&r.clause).or_else(|| {
            // "I have a few open orders. Please make sure they all ship home": a pronoun for
            // the orders the message just spoke of
            PRONOUN_ALL
                .find(&r.clause)
                .filter(|m| ORDERS.is_match(&format!("{} {}", r.before, &r.clause[..m.start()])))
        });
        if let (true, true, Some(all)) = (whole_order, r.order_ids.is_empty(), all_orders) {
            let excluded = excluded_orders(&r.clause[all.end()..], customer);
            let pending: Vec<&String> = customer
                .orders
                .iter()
                .filter(|(id, order)| {
                    crate::customer::s(order, "status") == "pending" && !excluded.contains(id)
                })
                .map(|(id, _)| id)
                .collect();
            // "both of my open orders" names two: with another count the customer means
            // orders the store does not show as open, so ask which
            let both = all.as_str().to_lowercase().contains("both");
            if !both || pending.len() == 2 {
                for id in pending {
                    let mut one = r.clone();
                    one.order_ids = vec![id.clone()];
                    expanded.push(one);
                }
                continue;
            }
        }
        expanded.extend(across_orders(r, customer, procedures));
    }
    let mut keep = expanded;
    let alone = keep.len() == 1;
    for r in &mut keep {
        r.alone = alone;
    }
    keep
}

/// "Change only the jacket to size L. And change the vacuum to the bagless version.": when
/// the second request names an item the store's names did not match, it looks like a vague
/// repeat of the first and is dropped; proposing the first alone would leave the second
/// undone for good (an order's items change once). The clause of a dropped item request
/// that names an object of its own ("the vacuum", not "it" or "the order"), if any.
pub(super) fn dropped_with_object(extracted: &[Request], kept: &[Request]) -> Option<String> {
    extracted
        .iter()
        // an "only ..." request is folded into the earlier ones it narrows
        .filter(|r| {
            !r.retracted
                && !r.only
                && r.explicit
                && matches!(r.kind.as_str(), "item_change" | "return")
        })
        .filter(|r| !kept.iter().any(|k| k.clause == r.clause))
        .find(|r| names_an_object(&r.clause))
        .map(|r| r.clause.clone())
}

static OBJECT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::re(
        r"(?i)\b(?:change|switch|swap|exchange|return|replace|make|modify|upgrade|downgrade|send back)\s+(?:the|my|our)\s+([a-z][\w-]*)",
    )
});

/// Words after "change the" that name no item of their own.
const NO_OBJECT: &[&str] = &[
    "order", "orders", "item", "items", "one", "ones", "same", "rest", "other", "others", "thing",
    "things", "stuff", "whole", "entire", "size", "color", "colour", "option", "options",
    "product", "products", "purchase", "package", "first", "second", "last",
];

fn names_an_object(clause: &str) -> bool {
    crate::text::COMPARED.is_match(clause)
        || OBJECT.captures_iter(clause).any(|c| {
            c.get(1)
                .is_some_and(|w| !NO_OBJECT.contains(&w.as_str().to_lowercase().as_str()))
        })
}
