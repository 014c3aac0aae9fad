//! Items named and left without a word on what becomes of them.

use std::sync::LazyLock;

use regex::Regex;

use super::{acted_on, order_of, orders_written, CONDITIONAL_BEFORE, KEEP_SAID};
use crate::customer::Customer;
use crate::text::re;

/// "everything except the lamp", "all of it apart from the camera": the products after these
/// words, in their clause, are left out of the request.
static EXCLUDING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:except(?: for)?|apart from|other than|but not|besides|aside from|excluding|save for|not the)\b",
    )
});

/// Writes that act on some of an order's items (not the whole order).
const ITEM_WRITES: [&str; 3] = [
    "return_delivered_order_items",
    "exchange_delivered_order_items",
    "modify_pending_order_items",
];

/// A question when the text names an item of an order whose items a write acts on, and
/// nothing says what becomes of it: no write acts on it, it is not said to stay ("the camera
/// stays with me", "don't touch the puzzle") or left out ("everything except the lamp"), it
/// does not describe the order ("my delivery with the wristwatch"), and the sentence is
/// neither a question nor a condition. An order's items change only once, so a request the
/// reading missed ("the kettle from the same order is too small, I want the 1.5 liter one")
/// or an item taken for another ("the navy fleece from my delivery with the wristwatch runs
/// big") would be lost or wrong for good after a blind "yes".
pub(in crate::offline) fn named_but_untouched(
    text: &str,
    writes: &[crate::ProposedWrite],
    customer: &Customer,
) -> Option<String> {
    let orders = orders_written(writes, &ITEM_WRITES);
    // every order a write acts on: a product also in one of those may be meant there
    let written: Vec<&str> = writes.iter().filter_map(order_of).collect();
    let sentences = crate::text::sentences(text);
    let all_items = customer.all_items();
    for order in orders {
        let items = customer.items(order);
        let acted = acted_on(writes, order);
        // "only exchange the desk lamp", "I'm only doing the camera": what the write acts on
        // is all the customer wants changed
        let only_acted = sentences.iter().any(|s| {
            ONLY.find_iter(s).any(|o| {
                crate::slots::mentions(&s[o.start()..], &items)
                    .first()
                    .is_some_and(|m| m.items.iter().any(|i| acted.contains(&i.item_id.as_str())))
            })
        });
        if only_acted {
            continue;
        }
        // products said anywhere to stay as they are, or left out
        let mut kept: Vec<String> = Vec::new();
        for s in &sentences {
            for segment in s.split([':', ';']) {
                kept.extend(
                    crate::slots::mentions(segment, &items)
                        .into_iter()
                        .filter(|m| spoken_for(segment, m, false))
                        .map(|m| m.name),
                );
            }
        }
        for (n, s) in sentences.iter().enumerate() {
            let sentence = s.trim();
            // "could you make these changes:\n... 3. Office chair: it's black at the moment.":
            // a line of a list that asks names an item to change, even without a change word
            let listed = || {
                crate::offline::lists::is_bullet(sentence)
                    && crate::offline::lists::in_asking_list(&sentences, n)
                    && !KEEP_SAID.is_match(sentence)
            };
            if sentence.ends_with('?') || CONDITIONAL_BEFORE.is_match(sentence) {
                continue;
            }
            let ids = crate::text::order_ids(sentence);
            if ids.iter().any(|(_, id)| id != order) {
                continue;
            }
            let tied = !ids.is_empty() || SAME_ORDER.is_match(sentence);
            let found = crate::slots::mentions(sentence, &items);
            let describing = crate::slots::descriptors::describes_order(sentence, &found);
            let mut locators: Vec<String> = found
                .iter()
                .zip(&describing)
                .filter(|(_, d)| **d)
                .map(|(m, _)| m.name.clone())
                .collect();
            locators.extend(listed_in_parentheses(sentence, &items));
            for segment in sentence.split([':', ';']) {
                for m in crate::slots::mentions(segment, &items) {
                    if locators.contains(&m.name)
                        || kept.contains(&m.name)
                        || m.items.iter().any(|i| acted.contains(&i.item_id.as_str()))
                        || spoken_for(segment, &m, true)
                    {
                        continue;
                    }
                    // the same product in another order a write acts on, or in any other
                    // order when nothing ties the sentence to this one
                    let elsewhere = all_items.iter().any(|i| {
                        i.order_id != order
                            && i.name == m.name
                            && (!tied || written.contains(&i.order_id.as_str()))
                    });
                    // "the white desk lamp I like a lot": named as it is, with nothing asked
                    let asks = listed()
                        || CHANGE_WORD.is_match(sentence)
                        || m.items.iter().any(|i| {
                            crate::offline::implied::names_another_option(sentence, i, customer)
                        });
                    if elsewhere || !asks {
                        continue;
                    }
                    return Some(format!(
                        "You also wrote about the {} (\"{}\"), and I did not read what you would like done with it. Could you list each item of order {order} you would like changed, and what you would like for it?",
                        m.name.to_lowercase(),
                        sentence
                    ));
                }
            }
        }
    }
    None
}

/// Whether `segment` (a sentence up to a colon or semicolon) says the item `m` names stays as
/// it is: a word before it keeps it ("keep the laptop, the lamp and the clock") or leaves it
/// out ("everything except the robot vacuum and the helmet"), with no change word in between,
/// or what follows says it stays ("the camera stays with me", "the t-shirt and the smart watch
/// stay as they are"). With `had`, also a word that only says what the customer has ("my order
/// has a speaker, a tablet and a chair", "same package as the laptop").
fn spoken_for(segment: &str, m: &crate::slots::Mention, had: bool) -> bool {
    let norm = crate::text::normalise(segment);
    let before = norm.get(..m.pos).unwrap_or_default();
    let words: &[&Regex] = if had {
        &[&KEEP_SAID, &EXCLUDING, &HAS_SAID]
    } else {
        &[&KEEP_SAID, &EXCLUDING]
    };
    let covering = words.iter().any(|r| {
        r.find_iter(before)
            .last()
            .is_some_and(|w| !CHANGE_WORD.is_match(&before[w.end()..]))
    });
    let after = norm.get(m.end..).unwrap_or_default();
    // "the camera for the 4K one (keep 130 degrees)": an aside keeps what it names
    let rest = segment
        .get(crate::slots::raw_pos(segment, m.pos)..)
        .unwrap_or_default();
    let aside = match (rest.find('('), KEEP_SAID.find(rest)) {
        (Some(open), Some(k)) => open < k.start(),
        _ => false,
    };
    covering
        || KEEP_SAID
            .find(after)
            .is_some_and(|k| !CHANGE_WORD.is_match(&after[..k.start()]) && !aside)
}

/// Products a parenthesised list names ("my pending order (the boots, the charger and the
/// helmet)"): a description of the order, not items to act on.
fn listed_in_parentheses(sentence: &str, items: &[crate::customer::Item]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = sentence;
    while let Some(open) = rest.find('(') {
        let inner = &rest[open + 1..];
        let close = inner.find(')').unwrap_or(inner.len());
        let found = crate::slots::mentions(&inner[..close], items);
        if found.len() >= 2 {
            out.extend(found.into_iter().map(|m| m.name));
        }
        rest = inner.get(close..).unwrap_or_default();
    }
    out
}

/// Words that only say what the customer has or had: "my order has ...", "I got ...", "there
/// are ...".
static HAS_SAID: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:has|have|had|got|contains?|containing|came|includes?|including|there (?:is|are|was|were)|bought|ordered|purchased|received|(?:together|along) with|with my|same (?:package|parcel|order|delivery|box|shipment) as)\b",
    )
});

/// Words that ask for a change: after a keep, exclusion or "has" word they start a request of
/// their own ("keep the laptop but return the lamp").
static CHANGE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:return(?:ing)?|exchange|swap|replace|change|modify|switch|cancel|send (?:it |them )?back|go(?:es)? back|want|would like|'d like|need|upgrade|make it|instead)\b",
    )
});

/// "only exchange the", "just the", "only doing the": the customer limits the change to what
/// follows.
static ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:only|just)\s+(?:(?:exchange|return|change|modify|swap|replace|do|doing|want|send back)\s+)?(?:the|my)\b",
    )
});

/// "from the same order", "in that order too": the sentence is about the order already named.
static SAME_ORDER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:same|that|this) (?:order|delivery|package|shipment)\b"));

#[cfg(test)]
mod tests {
    use super::named_but_untouched;

    fn mouse_change() -> crate::ProposedWrite {
        crate::ProposedWrite::new(
            "modify_pending_order_items",
            serde_json::json!({ "order_id": "#W1000001", "item_ids": ["mouse_black_laser"] }),
            "modify Gaming Mouse".into(),
            "ana_lima_1",
        )
    }

    #[test]
    fn an_item_of_the_order_named_and_left_without_a_word_is_asked_about() {
        let customer = crate::fixture::customer();
        let w = mouse_change();
        let asked = named_but_untouched(
            "Change the mouse in #W1000001 to white. The lamp is too dim, I want the brighter one.",
            std::slice::from_ref(&w),
            &customer,
        );
        assert!(asked.is_some_and(|q| q.contains("desk lamp")));
        // a line of an asking list names an item to change, with or without a change word
        let asked = named_but_untouched(
            "Could you make these changes to #W1000001:\n1. Mouse -> white.\n2. Desk lamp: it's white and bright at the moment. I'd like it dimmer.",
            std::slice::from_ref(&w),
            &customer,
        );
        assert!(asked.is_some_and(|q| q.contains("desk lamp")));
        // the item is kept, left out, only listed, asked about or part of a condition
        for text in [
            "Change the mouse in #W1000001 to white, keep the lamp as it is.",
            "Change the mouse in #W1000001 to white. The lamp stays.",
            "Change the mouse in #W1000001 to white. The lamp and the cable are fine as they are.",
            "My order #W1000001 has a mouse and a lamp. Change the mouse to white.",
            "In my pending order (the mouse and the lamp) change the mouse to white.",
            "Change the mouse in #W1000001 to white. Does the lamp come with a bulb?",
            "Change the mouse in #W1000001 to white. If that costs more than $20, cancel the lamp instead.",
            "Change everything in #W1000001 except the lamp: the mouse should be white.",
            "In #W1000001 I want the mouse in white and the lamp brighter. If you ask, only change the mouse.",
            "Could you make these changes to #W1000001:\n1. Mouse -> white.\n2. Desk lamp: keep it as it is.",
        ] {
            assert_eq!(
                named_but_untouched(text, std::slice::from_ref(&w), &customer),
                None,
                "{text}"
            );
        }
    }
}
