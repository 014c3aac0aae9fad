//! A list of things to return or change in which one names none of the customer's items:
//! "the keyboard, the cologne, the dumbbells and the little security camera can all go back",
//! read without the one word the planner does not know, would return three items of four.

use std::sync::LazyLock;

use regex::Regex;

use super::{item_ids, order_of};
use crate::customer::Customer;
use crate::slots::mentions;
use crate::text::{re, sentences};

/// Splits a sentence into the parts of an enumeration.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+"));

/// A part that starts like a thing named: "the cologne", "my little security camera".
static THING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:the|my|a|an|both|that|this)\s+(?P<words>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})")
});

/// Words that name no product: what a list of items may also hold.
static NOT_A_PRODUCT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:order|orders|payment|refund|address|difference|rest|others?|money|card|gift|paypal|visa|mastercard|amex|account|ones?|same|price|total|tracking|delivery|box|boxes|package|parcel|receipt|items?|things?|stuff|lot|whole|everything|all|colou?rs?|sizes?|versions?|models?)\b",
    )
});

/// A question when a sentence that names items a write acts on lists, among them, a thing
/// that names none of the customer's items (three or more parts, each "the ..."): the writes
/// may leave out what the customer meant by it.
pub(in crate::offline) fn listed_but_unknown(
    text: &str,
    writes: &[crate::ProposedWrite],
    customer: &Customer,
) -> Option<String> {
    let written: Vec<(&str, &str)> = writes
        .iter()
        .filter_map(|w| order_of(w).map(|o| (o, w)))
        .flat_map(|(o, w)| item_ids(w).into_iter().map(move |id| (o, id)))
        .collect();
    if written.is_empty() {
        return None;
    }
    let items = customer.all_items();
    let is_written = |name: &str| {
        items.iter().any(|i| {
            i.name == name
                && written
                    .iter()
                    .any(|(o, id)| i.order_id == *o && i.item_id == *id)
        })
    };
    for sentence in sentences(text) {
        let parts: Vec<&str> = SEPARATOR.split(&sentence).map(str::trim).collect();
        // runs of consecutive parts that each start like a thing named
        let mut run: Vec<&str> = Vec::new();
        for part in parts.iter().copied().chain(std::iter::once("")) {
            if THING.is_match(part) {
                run.push(part);
                continue;
            }
            if let Some(unknown) = unknown_in(&run, &items, &is_written) {
                return Some(format!(
                    "You list {unknown}, but I could not find it among the items of your orders. Which item do you mean, and what would you like done with it?"
                ));
            }
            run.clear();
        }
    }
    None
}

/// In a run of three or more listed things, at least two of them items a write acts on: the
/// first that names no item of the customer's and no other thing a list may hold.
fn unknown_in(
    run: &[&str],
    items: &[crate::customer::Item],
    is_written: &dyn Fn(&str) -> bool,
) -> Option<String> {
    if run.len() < 3 {
        return None;
    }
    let named: Vec<Vec<String>> = run
        .iter()
        .map(|p| mentions(p, items).into_iter().map(|m| m.name).collect())
        .collect();
    let written = named
        .iter()
        .filter(|names| names.iter().any(|n| is_written(n)))
        .count();
    if written < 2 {
        return None;
    }
    // "the security cam": a word cut short still names the product
    let name_words: Vec<String> = items
        .iter()
        .flat_map(|i| {
            i.name
                .split([' ', '-'])
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let cut_short = |words: &str| {
        words.split_whitespace().any(|w| {
            let w = w.to_lowercase();
            w.len() >= 3 && name_words.iter().any(|n| n.starts_with(&w))
        })
    };
    run.iter().zip(&named).find_map(|(part, names)| {
        let words = THING.captures(part)?.name("words")?.as_str();
        (names.is_empty() && !NOT_A_PRODUCT.is_match(words) && !cut_short(words)).then(|| {
            format!(
                "\"{}\"",
                part.split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::listed_but_unknown;

    fn return_of(items: &[&str]) -> crate::ProposedWrite {
        crate::ProposedWrite::new(
            "return_delivered_order_items",
            serde_json::json!({
                "order_id": "#W1000002",
                "item_ids": items,
                "payment_method_id": "credit_card_2",
            }),
            "return items of order #W1000002".into(),
            "ana_lima_1",
        )
    }

    #[test]
    fn a_listed_thing_that_names_no_item_is_asked_about() {
        let customer = crate::fixture::customer();
        let writes = [return_of(&["mouse_white_optical", "shirt_blue_m"])];
        let q = listed_but_unknown(
            "The mouse, the cologne and the t-shirt can all go back.",
            &writes,
            &customer,
        );
        assert!(q.is_some_and(|q| q.contains("\"the cologne\"")));
    }

    #[test]
    fn lists_of_items_and_other_things_are_no_question() {
        let customer = crate::fixture::customer();
        let writes = [return_of(&["mouse_white_optical", "shirt_blue_m"])];
        for text in [
            // every part names an item, one cut short
            "The mouse, the tee and the bottle go back.",
            "The gaming mou, the t-shirt and the water bottle go back.",
            // what a list may also hold
            "The mouse, the t-shirt and the rest of the order go back.",
            "The mouse, the t-shirt and the receipt are in the box.",
            // two parts only
            "The mouse and the cologne go back.",
        ] {
            assert_eq!(listed_but_unknown(text, &writes, &customer), None, "{text}");
        }
        // the list names no item any write acts on
        let writes = [return_of(&["mouse_white_optical"])];
        assert_eq!(
            listed_but_unknown("The lamp, the cologne and the bottle.", &writes, &customer),
            None
        );
    }
}
