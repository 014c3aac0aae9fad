//! Checks of the proposed writes against what the text says, run after the requests are
//! resolved: a reading can be wrong in ways no single slot sees, and a blind "yes" must not
//! carry it out. Each failed check becomes one question to the customer.
//!
//! - The customer counts what they ask for ("two things", "all three") and the writes hold
//!   fewer ([`fewer_than_stated`]).
//! - A write acts on an item the customer says to keep ([`kept_but_written`]).
//! - An item of an order whose items are being changed is named, alone, in a sentence with an
//!   option value it does not have, and no write changes it ([`changed_but_unwritten`]): the
//!   order's items change only once, so proposing the rest would leave it undone for good.
//! - An item of such an order is named and nothing says what becomes of it
//!   ([`untouched`]).
//! - A write pays or refunds through a method the text does not name, where it names one
//!   ([`payment`]).
//! - The text writes out a new address and no write sends anything there ([`address`]).
//! - A list of things that the writes act on holds one that names none of the customer's
//!   items ([`listed`]).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Customer;
use crate::text::re;

mod address;
mod listed;
mod payment;
mod untouched;

pub(super) use address::address_not_written;
pub(super) use listed::listed_but_unknown;
pub(super) use payment::payment_not_named;
pub(super) use untouched::named_but_untouched;

/// "two things", "both items", "all three", "3 changes": how many things the customer says
/// they ask for.
static STATED_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?P<n>two|three|four|five|2|3|4|5) (?:things|items|changes|exchanges|returns|products|requests|of them)|a (?P<c>couple) of (?:things|items|products)|(?:that'?s |those are )?all (?P<m>two|three|four|five)\b|both (?:items|things|changes|exchanges|of them|in one (?:exchange|change|go|order))|(?:exchange|return|change|swap|replace|modify|switch) (?:them )?both)\b",
    )
});

/// A question when `text` states how many things it asks for and `writes` hold fewer (an
/// item counts once per item it changes, any other write once).
pub(super) fn fewer_than_stated(
    text: &str,
    writes: &[crate::ProposedWrite],
    answered: usize,
    customer: &Customer,
) -> Option<String> {
    if writes.is_empty() {
        return None;
    }
    let counts = STATED_COUNT
        .captures_iter(text)
        // "my order had five items": what the order holds, not what is asked
        .filter(|c| {
            let at = c.get(0).map_or(0, |m| m.start());
            let before = text[..at].trim_end().to_ascii_lowercase();
            let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
            !matches!(
                last,
                "had"
                    | "has"
                    | "holds"
                    | "held"
                    | "contains"
                    | "contained"
                    | "containing"
                    | "of"
                    | "came"
                    | "in"
                    // "I don't need two of them", "I bought three": what the customer has
                    | "need"
                    | "needs"
                    | "own"
                    | "bought"
                    | "ordered"
                    | "got"
            )
        })
        .map(|c| {
            let n = c
                .name("n")
                .or_else(|| c.name("m"))
                .or_else(|| c.name("c"))
                .map(|m| m.as_str().to_ascii_lowercase());
            let count = match n.as_deref() {
                Some("two" | "2" | "couple") | None => 2,
                Some("three" | "3") => 3,
                Some("four" | "4") => 4,
                Some(_) => 5,
            };
            // "all three", "both of them": a count of items, not of requests
            (
                count,
                c.name("m").is_some() || c[0].to_ascii_lowercase().ends_with("of them"),
            )
        })
        .collect::<Vec<(usize, bool)>>();
    let stated_of = |items: bool| {
        counts
            .iter()
            .filter(|(_, of_items)| *of_items == items)
            .map(|(n, _)| *n)
            .max()
            .unwrap_or(0)
    };
    let (stated_requests, stated_items) = (stated_of(false), stated_of(true));
    if stated_requests == 0 && stated_items == 0 {
        return None;
    }
    // two readings of one item ("exchange both of these" read as the T-shirt named after it
    // again) are one thing read, not two; two identical items in one write stay two. Key:
    // (tool for a whole-order write, else "", order, item id or "")
    let mut things: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    // a cancelled order's items, counted against a count of items only ("the tablet, the
    // skateboard and the puzzle, all three ... cancel all of it"); against "two things" a
    // cancellation is one request
    let mut cancelled_items = 0;
    for w in writes {
        let order = order_of(w).unwrap_or_default();
        let items = item_ids(w);
        let mut here: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
        if items.is_empty() {
            here.insert((w.tool.as_str(), order, ""), 1);
            if w.tool == "cancel_pending_order" {
                cancelled_items += customer.items(order).len().max(1) - 1;
            }
        }
        for item in items {
            *here.entry(("", order, item)).or_default() += 1;
        }
        for (k, n) in here {
            let seen = things.entry(k).or_default();
            *seen = (*seen).max(n);
        }
    }
    let read = answered + things.values().sum::<usize>();
    let stated = stated_requests.max(stated_items);
    (read < stated_requests || read + cancelled_items < stated_items).then(|| {
        format!(
            "You mention {stated} things, but I could read only {read}: {}. Could you list each item and what you would like for it?",
            writes
                .iter()
                .map(|w| w.summary.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })
}

/// "Leave the sunglasses and the watch as they are", "the laptop stays with me", "no change
/// to the tablet": products the customer says to keep.
pub(super) static KEEP_SAID: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:keep(?:ing)?|stays?|staying|remains?|hold on to|leave|leaving|don'?t (?:touch|change)|do not (?:touch|change)|doesn'?t change|does not change|won'?t change|will not change|(?:is|are)(?:n'?t| not) changing|unchanged|{}|nothing changes (?:on|for|with)|(?:is|are) fine|{}|{})\b",
        crate::slots::kept::NO_CHANGE_TO,
        crate::slots::kept::ONLY_NEED,
        crate::slots::kept::NEEDS_NO_CHANGE
    ))
});

/// "everything else about the helmet", "all else on them": the other options of items.
static OPTIONS_KEPT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:everything|anything|all)\s+else\s+(?:about|on|with|for|of)\b"));

/// Whether the product `m` names in `text` is called "the other" one ("the other camera
/// and everything else stay the same"): an item beside the one acted on, in this order or
/// another.
fn called_other(text: &str, m: &crate::slots::Mention) -> bool {
    let norm = crate::text::normalise(text);
    let before: Vec<&str> = norm
        .get(..m.pos)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    before
        .iter()
        .rev()
        .take(2)
        .any(|w| matches!(*w, "other" | "another" | "second"))
}

/// A question when a write acts on an item whose product the customer says, in a sentence
/// of its own, to keep, and the order holds no other item of that product (so the words
/// cannot mean another one): the reading went wrong somewhere, and a "yes" must not carry
/// it out.
pub(super) fn kept_but_written(
    text: &str,
    writes: &[crate::ProposedWrite],
    customer: &Customer,
) -> Option<String> {
    for s in crate::text::sentences(text) {
        // "Everything else about the helmet and the puzzle should stay the same": their
        // other options stay, not the items
        if !KEEP_SAID.is_match(&s) || OPTIONS_KEPT.is_match(&s) {
            continue;
        }
        for w in writes {
            let Some(order) = order_of(w) else {
                continue;
            };
            let items = customer.items(order);
            let acted = item_ids(w);
            // what the keep word governs: the products after it ("leave the sunglasses and
            // the watch as they are"), or the subject just before "stays" / "is fine"
            let Some(k) = KEEP_SAID.find(&s) else {
                continue;
            };
            // "otherwise leave the bike alone": a fallback keeps nothing for sure
            if CONDITIONAL_BEFORE.is_match(&s[..k.start()]) {
                continue;
            }
            let after = &s[k.start()..];
            let after = after
                .find([',', ';', '(', ')', '{'])
                .map_or(after, |cut| &after[..cut]);
            // "keeping the tablet and sending everything else back - the toothbrush, ...":
            // what follows the turn to acting is acted on (typographic dashes are " - " by
            // now: `spelling::correct_typos`)
            let after = after.find(" - ").map_or(after, |cut| &after[..cut]);
            let after = crate::slots::kept::turn_to_act(after).map_or(after, |cut| &after[..cut]);
            let mut kept: Vec<_> = crate::slots::mentions(after, &items)
                .into_iter()
                .filter(|m| !called_other(after, m))
                .collect();
            if SUBJECT_KEPT.is_match(after) && !fine_but_for(&s[k.start()..], &items) {
                // "the speaker that came with it stays": the product just before the verb
                let before = &s[..k.start()];
                if let Some(m) = crate::slots::mentions(before, &items).pop() {
                    let gap = crate::text::normalise(before)
                        .get(m.end..)
                        .unwrap_or_default()
                        .split_whitespace()
                        .count();
                    if gap <= 5 && !called_other(before, &m) {
                        kept.push(m);
                    }
                }
            }
            for m in kept {
                let alone = items.iter().filter(|i| i.name == m.name).count() == 1;
                if alone && m.items.iter().any(|i| acted.contains(&i.item_id.as_str())) {
                    return Some(format!(
                        "You wrote that the {} stays as it is, but I read a change to it: {}. Could you list each item and what you would like for it?",
                        m.name.to_lowercase(),
                        w.summary
                    ));
                }
            }
        }
    }
    None
}

/// A question when a sentence names one item of an order whose items a write changes, with
/// an option value the item does not have ("and the grey mesh chair: same thing but in
/// leather"), no write changes that item, and the sentence neither keeps it nor describes the
/// order ("my order with the red speaker").
pub(super) fn changed_but_unwritten(
    text: &str,
    writes: &[crate::ProposedWrite],
    customer: &Customer,
    procedures: &crate::Procedures,
) -> Option<String> {
    // each order whose items a write changes, once (one write per request, merged later)
    let orders = orders_written(
        writes,
        &[
            "modify_pending_order_items",
            "exchange_delivered_order_items",
        ],
    );
    for order in orders {
        let items = customer.items(order);
        // the items every write on this order changes
        let acted = acted_on(writes, order);
        for s in crate::text::sentences(text) {
            if KEEP_SAID.is_match(&s) || CONDITIONAL_BEFORE.is_match(&s) {
                continue;
            }
            // a sentence about another order
            if crate::text::order_ids(&s).iter().any(|(_, id)| id != order) {
                continue;
            }
            let mut found = crate::slots::mentions(&s, &items);
            // "the bulb: same 60W daylight bulb but ...": one product named twice
            found.dedup_by(|a, b| a.name == b.name);
            let [m] = found.as_slice() else { continue };
            // a sentence that was read as a request of its own ("cancel my order with the
            // gold tablet"), or that names an item of another order by its own options ("the
            // 60% keyboard delivered to Fort Worth is too cramped")
            let elsewhere = customer.all_items().into_iter().any(|i| {
                i.order_id != order
                    && i.name == m.name
                    && !super::implied::names_another_option(&s, &i, customer)
            });
            if elsewhere || !crate::requests::extract(&s, procedures).is_empty() {
                continue;
            }
            if crate::slots::descriptors::describes_order(&s, &found)[0]
                || m.items.iter().any(|i| acted.contains(&i.item_id.as_str()))
            {
                continue;
            }
            if m.items
                .iter()
                .all(|i| super::implied::names_another_option(&s, i, customer))
            {
                return Some(format!(
                    "You also wrote about the {} (\"{}\"), and I did not read a change to it. Could you list each item of order {order} you would like changed, and what you would like for it?",
                    m.name.to_lowercase(),
                    s.trim()
                ));
            }
        }
    }
    None
}

/// Words that pick items without naming their product: "everything except the lamp", "all
/// of it", "the two cheapest ones", "the smaller of the two", "both". ("Return it" points
/// back at a product named elsewhere in the text.)
static PICKS_UNNAMED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:everything|every item|all (?:of )?(?:it|them|the items|items|the things|three|four|five)|the whole|entire order|whole order|except|but not|other than|apart from|both|cheapest|priciest|most expensive|least expensive|the \w+er (?:one|of the two|of them)|the \w+est (?:one|of them)|the rest|the (?:items|products|things|stuff|package|contents))\b",
    )
});

/// A question when a write acts on an item whose product the text never names, and nothing
/// in the text picks items without naming them ("everything but ...", "the cheapest one"):
/// the reading took an item the customer did not speak of.
pub(super) fn unnamed_item_written(
    text: &str,
    writes: &[crate::ProposedWrite],
    customer: &Customer,
) -> Option<String> {
    if PICKS_UNNAMED.is_match(text) {
        return None;
    }
    for w in writes {
        let Some(order) = order_of(w) else {
            continue;
        };
        let items = customer.items(order);
        // "please return #W1234567" names the one thing it holds
        if items.len() == 1 {
            continue;
        }
        for id in item_ids(w) {
            let Some(item) = items.iter().find(|i| i.item_id == id) else {
                continue;
            };
            let named = crate::slots::mentions(text, &items)
                .iter()
                .any(|m| m.name == item.name);
            if !named {
                return Some(format!(
                    "I read a change to the {} in order {order} ({}), but I could not find where you name it. Could you list the items you mean?",
                    item.name.to_lowercase(),
                    w.summary
                ));
            }
        }
    }
    None
}

/// The order a write acts on, if it names one.
pub(super) fn order_of(w: &crate::ProposedWrite) -> Option<&str> {
    w.args.get("order_id").and_then(serde_json::Value::as_str)
}

/// Each order a write with one of `tools` acts on, once.
pub(super) fn orders_written<'a>(
    writes: &'a [crate::ProposedWrite],
    tools: &[&str],
) -> Vec<&'a str> {
    let mut orders: Vec<&str> = writes
        .iter()
        .filter(|w| tools.contains(&w.tool.as_str()))
        .filter_map(order_of)
        .collect();
    orders.sort_unstable();
    orders.dedup();
    orders
}

/// The item ids every write on `order` acts on.
pub(super) fn acted_on<'a>(writes: &'a [crate::ProposedWrite], order: &str) -> Vec<&'a str> {
    writes
        .iter()
        .filter(|w| order_of(w) == Some(order))
        .flat_map(item_ids)
        .collect()
}

/// The item ids a write acts on (none for whole-order writes).
pub(super) fn item_ids(w: &crate::ProposedWrite) -> Vec<&str> {
    ids(w, "item_ids")
}

/// The ids a write lists under `key` ("item_ids", "new_item_ids"), in order.
pub(super) fn ids<'w>(w: &'w crate::ProposedWrite, key: &str) -> Vec<&'w str> {
    w.args
        .get(key)
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .collect()
}

pub(super) static CONDITIONAL_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:otherwise|if|unless|or else|in case)\b"));

/// What follows a kept subject: "stays with me", "is fine", "remain as they are".
static SUBJECT_KEPT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:stays?|remains?|(?:is|are) fine)\b"));

/// "is fine quality-wise but honestly the color is not for me": "fine" with a "but" after it
/// that names no other item of the order is said of the item's faults, not of keeping it.
fn fine_but_for(from_keep: &str, items: &[crate::customer::Item]) -> bool {
    static FINE_BUT: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:is|are) fine\b[^.;]*?\b(?:but|though|although|however|except)\b(?P<rest>.*)")
    });
    FINE_BUT
        .captures(from_keep)
        .and_then(|c| c.name("rest"))
        .is_some_and(|rest| crate::slots::mentions(rest.as_str(), items).is_empty())
}

#[cfg(test)]
mod tests {
    use super::{fewer_than_stated, unnamed_item_written, KEEP_SAID};
    use crate::customer::Customer;

    #[test]
    fn an_item_said_not_to_change_is_kept() {
        for s in [
            "The lamp doesn't change.",
            "the chair does not change",
            "The mouse stays.",
        ] {
            assert!(KEEP_SAID.is_match(s), "{s}");
        }
        assert!(!KEEP_SAID.is_match("The lamp should change to white."));
    }

    #[test]
    fn a_write_on_an_item_the_text_never_names_is_asked_about() {
        let customer = crate::fixture::customer();
        let w = crate::ProposedWrite::new(
            "return_delivered_order_items",
            serde_json::json!({ "order_id": "#W1000002", "item_ids": ["mouse_white_optical"] }),
            "return Gaming Mouse".into(),
            "ana_lima_1",
        );
        let asked = unnamed_item_written(
            "Please return the t-shirt from #W1000002, it is too small.",
            std::slice::from_ref(&w),
            &customer,
        );
        assert!(asked.is_some_and(|q| q.contains("gaming mouse")));
        // named, or picked without a name
        for text in [
            "Please return the gaming mouse from #W1000002.",
            "Please return everything from #W1000002 except the t-shirt.",
            "Please return the cheapest item from #W1000002.",
        ] {
            assert_eq!(
                unnamed_item_written(text, std::slice::from_ref(&w), &customer),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn a_stated_count_the_writes_fall_short_of_is_asked_about() {
        let none = Customer::anonymous();
        let w = |items: &[&str]| {
            crate::ProposedWrite::new(
                "exchange_delivered_order_items",
                serde_json::json!({ "item_ids": items }),
                "exchange".into(),
                "u",
            )
        };
        let text = "I'd like to exchange two things: the helmet in a small, and the perfume.";
        assert!(fewer_than_stated(text, &[w(&["1"])], 0, &none).is_some());
        assert_eq!(fewer_than_stated(text, &[w(&["1", "2"])], 0, &none), None);
        // one item read twice (by two requests) is one thing read
        assert!(fewer_than_stated(text, &[w(&["1"]), w(&["1"])], 0, &none).is_some());
        // two identical items of one order are two things
        assert_eq!(fewer_than_stated(text, &[w(&["1", "1"])], 0, &none), None);
        assert!(
            fewer_than_stated("That's all three. Thanks", &[w(&["1", "2"])], 0, &none).is_some()
        );
        assert!(fewer_than_stated("I'd like to exchange both:", &[w(&["1"])], 0, &none).is_some());
        // "a couple of things" counts two; one read (the other named in a word not known)
        let text = "I'd like to return a couple of things from that order: the yellow running trainers and the green bottle.";
        assert!(fewer_than_stated(text, &[w(&["1"])], 0, &none).is_some());
        assert_eq!(fewer_than_stated(text, &[w(&["1", "2"])], 0, &none), None);
        // "two things: change the payment, and has the keyboard shipped?": one is answered
        assert_eq!(
            fewer_than_stated("Hi, two things.", &[w(&[])], 1, &none),
            None
        );
        assert_eq!(
            fewer_than_stated("Two things: ...", &[w(&["1"]), w(&[])], 0, &none),
            None
        );
        assert_eq!(
            fewer_than_stated("Please exchange the helmet.", &[w(&["1"])], 0, &none),
            None
        );
        // "I have two things": the customer's count
        assert!(
            fewer_than_stated("I have two things to change: ...", &[w(&["1"])], 0, &none).is_some()
        );
        // what the order holds is no count of what is asked
        assert_eq!(
            fewer_than_stated(
                "My order had five items. Return the two cheapest ones.",
                &[w(&["1", "2"])],
                0,
                &none
            ),
            None
        );
        // a cancelled order is each of its items: "the mouse and the lamp ... cancel both"
        let cancel = crate::ProposedWrite::new(
            "cancel_pending_order",
            serde_json::json!({ "order_id": "#W1000001", "reason": "no longer needed" }),
            "cancel".into(),
            "ana_lima_1",
        );
        let customer = crate::fixture::customer();
        let text =
            "The order with the mouse and the lamp was a mistake, both of them. Cancel all of it.";
        assert_eq!(
            fewer_than_stated(text, std::slice::from_ref(&cancel), 0, &customer),
            None
        );
        assert!(fewer_than_stated(
            "Three things: cancel it.",
            std::slice::from_ref(&cancel),
            0,
            &customer
        )
        .is_some());
        // "two things" are two requests, however many items the cancelled order holds
        assert!(fewer_than_stated(
            "Two things: cancel the order with the mouse and the lamp, and ...",
            &[cancel],
            0,
            &customer
        )
        .is_some());
    }
}
