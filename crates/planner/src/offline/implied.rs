//! Item changes people ask for without a change verb: "could the luggage set be red instead
//! of silver?", "the navy fleece jacket should be XL, not XS", "charger: the wireless one in
//! blue". A sentence that no procedure's trigger matched, names one of the customer's products
//! and an option value that product comes in but the item does not have, and asks for
//! something ("could", "should", "please", "instead", or a "please change:" line before it) is
//! an item change. The store's own catalogue decides, not a phrase list.
//!
//! One file (about 410 lines of code and 225 of tests): the checks for conditions and
//! changes left unread (`unread_condition`, `unread_change`) are the same reading of a
//! sentence, run to find what it did not read.

use std::sync::LazyLock;

use regex::Regex;

use crate::conditions::{about_the_store, asks_nothing, condition_of, restate, Condition};
use crate::customer::{Customer, Item};
use crate::requests::{extract, Request, NO_BEFORE};
use crate::slots::descriptors::describes_order;
use crate::slots::mentions;
use crate::text::{order_ids, re, sentences};
use crate::variant::option_mentions;
use crate::Procedures;

use super::lists::{
    after_announcement, announces_changes, heads_a_list, in_asking_list, is_bullet,
};

/// A sentence that asks for something (or says what the customer meant to order).
pub(super) static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:could|can|would|should|please|need|needs|want|wanted|like|prefer|instead|rather|make|switch|swap|change|go for|be the|be a|be an|meant to (?:get|order|buy|pick|choose)|supposed to (?:get|be)|same(?:\s+[\w-]+){0,4}\s+but|go (?:up|down) to|bump (?:it |them )?(?:up|down) to)\b|:\s*$",
    )
});

/// Whether `sentence` asks `item` for another variant: it names an option value the item
/// does not have, or changes a measured option by an amount, a multiple or a step.
pub(super) fn names_another_option(sentence: &str, item: &Item, customer: &Customer) -> bool {
    let Some(product) = customer.products.get(&item.product_id) else {
        return false;
    };
    option_mentions(sentence, product)
        .iter()
        .any(|(k, vals)| vals.iter().any(|v| item.options.get(k) != Some(v)))
        // "the one with four times the storage", "the next size up"
        || crate::variant::relative_changes(sentence, item, product)
            .map_or(true, |c| !c.is_empty())
        || !crate::steps::stepped_changes(sentence, item, product).is_empty()
}

/// "to", "->" as the spelling pass writes it, between what an item is and what it becomes.
static TO: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bto\b"));

/// Whether `sentence` states a change by its before and after, without a word that asks:
/// "espresso machine: 1L water tank -> 2L, still 9 bar", "gray sneakers size 8 to 10". Before
/// a "to", it names an option value one of the customer's items has; after it, another value
/// of the same option that the item's product comes in. The store's catalogue decides.
pub(super) fn states_a_change(sentence: &str, items: &[Item], customer: &Customer) -> bool {
    mentions(sentence, items)
        .iter()
        .flat_map(|m| &m.items)
        .any(|item| {
            let Some(product) = customer.products.get(&item.product_id) else {
                return false;
            };
            // the whole sentence, so that "size 8 to 10" reads 10 as a size
            let values = option_mentions(sentence, product);
            TO.find_iter(sentence).any(|to| {
                let was = option_mentions(&sentence[..to.start()], product);
                was.iter().any(|(k, vals)| {
                    let Some(have) = item.options.get(k) else {
                        return false;
                    };
                    vals.contains(have)
                        && values
                            .get(k)
                            .is_some_and(|all| all.iter().any(|v| v != have))
                })
            })
        })
}

/// A sentence of `body` that asks for something under a condition ("if the bike comes in
/// medium, please switch to that") yet holds no request the procedures read: the planner
/// does not know what it asks for.
pub(super) fn unread_condition(
    body: &str,
    procedures: &Procedures,
    implied: &[String],
    pending_only: bool,
) -> Option<String> {
    let sents = sentences(&restate(body));
    sents.iter().enumerate().find_map(|(i, s)| {
        // "The tomatoes are going in this weekend if the rain holds off": a story's condition
        if !about_the_store(s) {
            return None;
        }
        let condition = condition_of(s);
        // "If it hasn't shipped yet, please update two items:" above list lines that were
        // read as item changes of a pending order: the condition holds for every write
        // (a pending order has not shipped), so the heading is no condition left unread
        // So is "Could you change the office chair, provided it hasn't shipped yet?" before
        // the sentence that says what the chair becomes, read as the change.
        let read = |b: &String| implied.iter().any(|c| read_as(c, b));
        let heads_read_pending_change = pending_only
            && condition == Some(Condition::Shipped(false))
            && ((heads_a_list(&sents, i)
                && sents[i + 1..].iter().take_while(|b| is_bullet(b)).any(read))
                || sents.get(i + 1).is_some_and(read)
                // "if it has not shipped yet could you make the bookshelf the 6 ft one":
                // the sentence itself read as the change
                || read(s)
                // "Change request - only if the order hasn't shipped yet." heading the
                // lines below it that were read
                || (condition_heading(s)
                    && sents[i + 1..]
                        .iter()
                        .any(|b| read(b) || !extract(b, procedures).is_empty())));
        // "I'd like it in silver, but only if you have it": read as an item change on that
        // condition
        let read_on_condition = condition == Some(Condition::IfAvailable) && read(s);
        // "if that's not available, then black is fine": a second choice of option,
        // read with the item change it belongs to
        (!SECOND_CHOICE_FINE.is_match(s)
            && ASKS.is_match(s)
            && !asks_nothing(s)
            && matches!(
                condition,
                Some(
                    Condition::IfUnavailable
                        | Condition::IfAvailable
                        | Condition::Shipped(_)
                        | Condition::Otherwise
                        | Condition::Unmodelled(_)
                )
            )
            && !heads_read_pending_change
            && !read_on_condition
            && extract(s, procedures).is_empty())
        .then(|| s.clone())
    })
}

/// Whether `sentence` is a condition and a heading's few words and nothing else: "Change
/// request - only if the order hasn't shipped yet.", "Only if not shipped yet:".
fn condition_heading(sentence: &str) -> bool {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^\W*(?:[\w-]+\s*){0,3}[-:,]?\s*(?:only\s+)?(?:if|provided|as long as|assuming)\b")
    });
    static ASKS_MORE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:please|could|can|would|change|cancel|return|exchange|swap|switch|make|send|ship)\b",
        )
    });
    // a heading that ends in a colon may name the order by a list of its products
    let colon = sentence.trim_end().ends_with(':');
    HEAD.find(sentence).is_some_and(|m| {
        let condition = &sentence[m.end()..];
        condition.split_whitespace().count() <= if colon { 16 } else { 8 }
            && !ASKS_MORE.is_match(condition)
            && (colon || !condition.contains([',', ';']))
    })
}

/// A second choice of option: "if that's not available then black is fine", "if not, the
/// red one works", "if there's no black one like that, I'll take it in blue", "if red's not
/// available, black in-ear wireless instead", "If there's no M like that, make it an L.", "if
/// there's no medium, then go up to the large", "if not, exchange it for the large".
static SECOND_CHOICE_FINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i){unavailable},?\s*(?:then\s+)?(?:[^.;!?]{{1,60}}?\b(?:(?:is|are|would be|will be)\s+(?:fine|ok|okay|good|great)|works|will do|would do|would work|instead)\b|I(?:'ll|\s+will|'d|\s+would)\s+(?:take|go (?:with|for)|settle for|accept|get|have)\b|(?:please\s+|just\s+)?(?:make|change|switch|swap)\s+(?:it|them|mine)\s+(?:to\s+)?(?:an?|the)\s|(?:please\s+|just\s+)?(?:exchange|swap|switch|change)\s+(?:it|them|mine)\s+(?:for|to|with)\s+(?:an?|the)\s|(?:please\s+|just\s+)?(?:go|move|step|bump\s+(?:it|me))\s+(?:up|down)\s+(?:a\s+size\s+)?to\s+(?:an?|the)\s|then\s+(?:an?|the)\s+[\w%-]+(?:\s+[\w%-]+){{0,3}}\s*[.!]?\s*$)",
        unavailable = crate::conditions::IF_UNAVAILABLE
    ))
});

/// "I meant to save the cart and hit checkout instead": what the customer did, told in the
/// past, where "instead" asks for nothing.
static PAST_DEED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\bI (?:\w+ed|hit|got|bought|sent|made|chose|picked|put|paid|clicked|went|took|did)\b")
});

/// Whether the only words of `s` that could ask are an "instead" in a story of what the
/// customer did.
fn narrates(s: &str) -> bool {
    PAST_DEED.is_match(s)
        && ASKS
            .find_iter(s)
            .all(|m| m.as_str().eq_ignore_ascii_case("instead"))
}

/// A question about what something costs: "how much would the black one be?", "what's the
/// price in blue?".
static PRICE_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:how much|what(?:'s|\s+is|\s+would|\s+does|\s+will)?\b[^.!?]{0,50}\b(?:cost|costs|price))\b[^.!]*\?",
    )
});

/// A negation just before a change word: "don't change", "please do not touch or change",
/// "nothing else to change"
/// ("No change to the tablet" is [`NO_BEFORE`]).
static NOT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:don'?t|dont|do not|doesn'?t|never|no need to|won'?t|shouldn'?t|should not|not|nothing)\s+(?:\w+\s+){0,2}$",
    )
});

/// "my pending order", "my other orders": an order of theirs, named by no id or product.
static MY_ORDER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bmy\s+(?:[\w-]+\s+){0,2}orders?\b"));

/// A sentence that opens with a change verb: "Return the speaker ...", "Swap my ...".
static IMPERATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\W*(?:(?:please|also|and|then)\s+)?(?:return|exchange|swap|switch|change|replace|cancel|modify|upgrade|downgrade|send)\b",
    )
});

/// A determiner within two words before a change word: "the refund", "any charge", "the
/// lamp exchange" name a thing.
static NOUN_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:the|any|a|an|this|that|your|each|both)\s+(?:[\w-]+\s+){0,2}$"));
/// What follows a change word used as a verb: its object or where it goes.
static OBJECT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:the|my|it|them|this|that|these|those|both|all|one|an?|#|to|for|into|with|back)\b",
    )
});

/// A sentence that names a change to an order or an item.
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:return(?:ing)?|send (?:it|them|this|these) back|(?:give|hand|bring|take) (?:it |them |this |these )?back|exchange|swap|switch|change|replace|cancel|refund|upgrade|downgrade|redirect|re-?route|instead)\b",
    )
});

/// A sentence of `body` that asks for a change to one of the customer's orders or items
/// (a change verb, and an order id of theirs or a product they bought) yet holds no request
/// the procedures read and no implied item change (`implied`: the clauses
/// [`implied_item_changes`] read). Acting on the rest of the message and answering "done"
/// would leave that part undone: the whole message goes to a person. A sentence that only
/// announces the change of products that item changes read elsewhere change (`changed`: the
/// names of the products the proposed item changes act on) is no unread change: "Could you
/// change the speaker in my order? ... I'd like the speaker with the 20 hour battery
/// instead".
pub(super) fn unread_change(
    body: &str,
    customer: &Customer,
    procedures: &Procedures,
    implied: &[String],
    changed: &[String],
) -> Option<String> {
    let sents = sentences(&restate(body));
    let items: Vec<Item> = customer.all_items();
    let changed_elsewhere = |s: &str| {
        let named = mentions(s, &items);
        !named.is_empty() && named.iter().all(|n| changed.contains(&n.name))
    };
    sents.iter().enumerate().find_map(|(i, s)| {
        // "if you can't refund to the Visa: forget the return": nothing done if it fails
        if asks_nothing(s) {
            return None;
        }
        let asks = (ASKS.is_match(s) && !narrates(s))
            || IMPERATIVE.is_match(s)
            || in_asking_list(&sents, i)
            || after_announcement(&sents, i);
        // "... two jigsaw puzzles. The smaller of the two I want to send back": a pick among
        // the items the sentence before names
        let points_back = i > 0
            && crate::text::COMPARED.is_match(s)
            && !mentions(&sents[i - 1], &items).is_empty();
        let names_theirs = order_ids(s)
            .iter()
            .any(|(_, id)| customer.orders.contains_key(id))
            || !mentions(s, &items).is_empty()
            || points_back
            || MY_ORDER.is_match(s);
        let unread = extract(s, procedures).is_empty() && !implied.iter().any(|c| read_as(c, s));
        // "please change:" above list lines that were read
        let header_of_read_list = heads_a_list(&sents, i)
            && sents[i + 1..]
                .iter()
                .take_while(|b| is_bullet(b))
                .any(|b| implied.iter().any(|c| read_as(c, b)));
        // "I need to change two items in my pending order. The skateboard should be the 34
        // inch one. ...", "I want to change my order that hasn't shipped. The e-reader, I
        // want the 32GB one.": a sentence that announces changes, above the sentences that
        // were read as them
        let counts_read_changes = announces_changes(s)
            && sents
                .get(i + 1)
                .is_some_and(|next| implied.iter().any(|c| read_as(c, next)));
        // "don't change the speaker or the tablet": what stays, not a change; "use my Visa
        // for the refund and any charge, and tell me what the lamp exchange costs": nouns
        // of what the money is for, not a change
        let changes = CHANGE.find_iter(s).any(|m| {
            let before = &s[..m.start()];
            !(NOT_BEFORE.is_match(before)
                || NO_BEFORE.is_match(before)
                || (NOUN_BEFORE.is_match(before) && !OBJECT_AFTER.is_match(&s[m.end()..])))
        });
        (asks
            && changes
            && names_theirs
            && unread
            && !header_of_read_list
            && !counts_read_changes
            && !changed_elsewhere(s))
        .then(|| s.clone())
    })
}

/// Whether the implied request's `clause` reads `sentence`: it is the sentence, or ends with it
/// after the sentence that named the item ([`implied_item_changes`]).
fn read_as(clause: &str, sentence: &str) -> bool {
    clause == sentence
        || clause
            .strip_suffix(sentence)
            .is_some_and(|head| head.ends_with(' '))
}

/// Item-change requests implied by sentences of `body` that hold no request of their own.
pub(super) fn implied_item_changes(
    body: &str,
    customer: &Customer,
    procedures: &Procedures,
) -> Vec<Request> {
    let sents = sentences(body);
    let items: Vec<Item> = customer.all_items();
    let mut out = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        if !extract(s, procedures).is_empty() {
            continue;
        }
        let asks = ASKS.is_match(s) || in_asking_list(&sents, i) || after_announcement(&sents, i);
        if !asks && !states_a_change(s, &items, customer) {
            continue;
        }
        // "If there is no clicky one in full size, I'd go for no backlight": a second choice,
        // read with the item change before it, never a change of its own
        let condition = condition_of(s);
        if matches!(
            condition,
            Some(Condition::IfUnavailable | Condition::Otherwise)
        ) {
            continue;
        }
        let mut found = mentions(s, &items);
        let mut describing = describes_order(s, &found);
        // "... two white bookshelves. The shorter of the two should be the 6 ft one", "... the
        // laptop in my pending order. I need an i7 with 32GB of RAM": the items the sentence
        // before names
        // ("First, the upright vacuum cleaner: at present it is the bagged one. We would like
        // the bagless model instead": two sentences back, over one that names nothing)
        let mut named_at = None;
        if found.is_empty() {
            for back in 1..=2.min(i) {
                let m = mentions(&sents[i - back], &items);
                if !m.is_empty() {
                    found = m;
                    describing = vec![false; found.len()];
                    named_at = Some(i - back);
                    break;
                }
            }
        }
        // the items named (not only described) that lack an option the sentence asks for
        let changed_items = found
            .iter()
            .zip(&describing)
            .filter(|(_, d)| !**d)
            .flat_map(|(m, _)| &m.items)
            .filter(|item| names_another_option(s, item, customer))
            .count();
        if changed_items == 0 {
            continue;
        }
        // the item is read where it is named: with the sentence before ("My second request
        // concerns the espresso machine. I would prefer the one with the 2L water tank."),
        // not among every item the earlier sentences name
        let (first, clause) = match named_at {
            Some(at)
                if changed_items == 1
                    && sents[at..i]
                        .iter()
                        .all(|b| extract(b, procedures).is_empty()) =>
            {
                (at, sents[at..=i].join(" "))
            }
            _ => (i, s.clone()),
        };
        let before = sents[..first].join(" ");
        let after = sents[i + 1..].join(" ");
        // "what would the speaker cost in blue?": a price asked, not a change
        let kind = if PRICE_QUESTION.is_match(s) {
            "product_info"
        } else {
            "item_change"
        };
        let mut r = Request::of(kind, &clause);
        // "I'd like it in silver, but only if you have exactly my configuration in silver":
        // not available, nothing is changed (`outcomes`)
        r.condition = condition.filter(|c| *c == Condition::IfAvailable);
        r.explicit = true;
        r.alone = false;
        r.context_order = order_ids(&before).last().map(|(_, id)| id.clone());
        r.before = before;
        r.after = after;
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::customer;

    fn implied(body: &str) -> Vec<String> {
        let p = Procedures::shipped().unwrap();
        implied_item_changes(body, &customer(), &p)
            .into_iter()
            .map(|r| r.clause)
            .collect()
    }

    #[test]
    fn a_condition_alone_under_a_heading_word_heads_what_follows() {
        assert!(condition_heading(
            "Change request - only if the order hasn't shipped yet."
        ));
        assert!(condition_heading("Only if not shipped yet:"));
        assert!(condition_heading(
            "Only if my order with the skateboard, speaker and sunglasses hasn't gone out yet:"
        ));
        assert!(!condition_heading(
            "If it hasn't shipped yet, change the lamp to black."
        ));
        assert!(!condition_heading(
            "if not shipped yet please change the lamp to black"
        ));
    }

    #[test]
    fn a_wanted_option_the_item_lacks_is_an_item_change() {
        assert_eq!(
            implied("Hi. Could the desk lamp in #W1000001 be the low brightness one? Thanks."),
            vec!["Could the desk lamp in #W1000001 be the low brightness one?"]
        );
        assert_eq!(
            implied("In #W1000001 please change:\n- mouse: white\n- lamp: low brightness\nPayPal for any difference."),
            vec!["- mouse: white", "- lamp: low brightness"]
        );
        // a list under a question that asks, numbered or not
        assert_eq!(
            implied("Before they ship, could you change them?\n1. mouse: white\n2. lamp: low brightness"),
            vec!["1. mouse: white", "2. lamp: low brightness"]
        );
        // what the customer meant to order is what they ask for
        assert_eq!(
            implied("In #W1000001, I meant to get the desk lamp in low brightness."),
            vec!["In #W1000001, I meant to get the desk lamp in low brightness."]
        );
        // the item named in the sentence before, its new option in the next: read together,
        // so the item is the one named there, not any the earlier sentences name
        assert_eq!(
            implied("I'm unhappy with the desk lamp in #W1000001. I need the low brightness one."),
            vec!["I'm unhappy with the desk lamp in #W1000001. I need the low brightness one."]
        );
        assert_eq!(
            implied("My pending order has a mouse and a desk lamp. The second request concerns the lamp. I would prefer the one with low brightness."),
            vec!["The second request concerns the lamp. I would prefer the one with low brightness."]
        );
        // two sentences back, over one that names no product
        assert_eq!(
            implied("The desk lamp in #W1000001 is nice. It arrived fast. I need the low brightness one."),
            vec!["The desk lamp in #W1000001 is nice. It arrived fast. I need the low brightness one."]
        );
        // a question that asks nothing does not head a list
        assert!(implied("Is this right?\n- mouse: white").is_empty());
        // a line that states what an option is and what it becomes, with no word that asks
        assert_eq!(
            implied("Order #W1000001:\n2. desk lamp: high brightness to low, same color"),
            vec!["2. desk lamp: high brightness to low, same color"]
        );
        assert_eq!(
            implied("Order #W1000066:\nt-shirt size L to M"),
            vec!["t-shirt size L to M"]
        );
        // what the item already is, on both sides, is no change
        assert!(implied("Order #W1000001:\ndesk lamp: high brightness to my office").is_empty());
        // lines under a heading with a colon, without list marks
        assert_eq!(
            implied("For #W1000001 I'd like two changes:\nThe mouse, the white one.\nThe desk lamp, low brightness.\nThanks!"),
            vec!["The mouse, the white one.", "The desk lamp, low brightness."]
        );
        // and a line far below the heading is no list line
        assert!(
            implied("Two changes:\nA.\nB.\nC.\nD.\nE.\nThe desk lamp, low brightness.").is_empty()
        );
    }

    #[test]
    fn a_story_of_what_the_customer_did_is_no_unread_change() {
        let p = Procedures::shipped().unwrap();
        let c = customer();
        let unread = |body: &str| unread_change(body, &c, &p, &[], &[]);
        assert_eq!(
            unread("I ordered the gaming mouse and the desk lamp by mistake - I meant to save the cart and hit checkout instead. Please cancel order #W1000001."),
            None
        );
        // "instead" that asks still counts
        assert!(unread("The gaming mouse in white instead, please.").is_some());
        // what the money is for, named by nouns, is no change
        assert_eq!(
            unread("Please use my Visa for both the refund and any charge, and let me know what the desk lamp exchange costs."),
            None
        );
    }

    #[test]
    fn an_asking_condition_nothing_was_read_from_is_found() {
        let p = Procedures::shipped().unwrap();
        assert!(unread_condition(
            "Change the lamp to low brightness. If the bike comes in medium, please go ahead with that; otherwise leave it.",
            &p, &[], true
        )
        .is_some());
        // "switch to that" is a request the procedures read
        assert_eq!(
            unread_condition(
                "Change the lamp to low brightness. If the bike comes in medium, please switch to that.",
                &p, &[], true
            ),
            None
        );
        assert_eq!(
            unread_condition(
                "Please cancel #W1000066. Let me know if you need anything.",
                &p,
                &[],
                true
            ),
            None
        );
    }

    /// `body`'s "not shipped yet" condition read with the `changes` item changes it goes
    /// with: no unread condition when every write is on a pending order, one when a write
    /// is not, and one when the changes were not read.
    fn shipped_condition_read_with_changes(body: &str, changes: usize) {
        let p = Procedures::shipped().unwrap();
        let read = implied(body);
        assert_eq!(read.len(), changes, "{read:?}");
        assert_eq!(unread_condition(body, &p, &read, true), None, "{body}");
        assert!(unread_condition(body, &p, &read, false).is_some(), "{body}");
        assert!(unread_condition(body, &p, &[], true).is_some(), "{body}");
    }

    #[test]
    fn a_not_yet_shipped_heading_over_read_lines_of_a_pending_order_is_no_unread_condition() {
        shipped_condition_read_with_changes(
            "Order #W1000001 - if it hasn't shipped yet, please update two items:\n- mouse: white\n- lamp: low brightness",
            2,
        );
    }

    #[test]
    fn a_not_yet_shipped_announcement_before_the_read_change_is_no_unread_condition() {
        shipped_condition_read_with_changes(
            "Would it be possible to change the desk lamp in my order, provided it hasn't shipped yet? I'd like it in black with low brightness rather than white.",
            1,
        );
        // in the same sentence as the change
        shipped_condition_read_with_changes(
            "i have an order with a mouse and a desk lamp and if it has not shipped yet could you make the desk lamp the low brightness one instead of high",
            1,
        );
    }

    #[test]
    fn a_change_asked_in_words_no_procedure_reads_is_found() {
        let p = Procedures::shipped().unwrap();
        let unread = |body: &str| {
            let c = customer();
            let implied = implied(body);
            unread_change(body, &c, &p, &implied, &[])
        };
        // a change announced for a product that a proposed item change changes is read
        let c = customer();
        let body = "Could you change the mouse in my order #W1000001, please? I'd like the white one instead.";
        assert!(unread_change(body, &c, &p, &[], &[]).is_some());
        assert_eq!(
            unread_change(body, &c, &p, &[], &["Gaming Mouse".to_owned()]),
            None
        );
        // not when another product it names is changed by nothing
        let body = "Could you change the mouse and the lamp in #W1000001? I'd like the white mouse instead.";
        assert!(unread_change(body, &c, &p, &[], &["Gaming Mouse".to_owned()]).is_some());
        // a misspelt verb still leaves "refund" on one of their products
        assert!(unread(
            "Please cancel #W1000066. And I'd like to retrun the water bottle, refund to my gift card."
        )
        .is_some());
        // "nothing else to change" asks for nothing
        assert_eq!(
            unread("Please cancel #W1000066. The gaming mouse please do not touch, and there is nothing else to change in this order."),
            None
        );
        // a list heading whose lines were read asks for nothing more
        assert_eq!(
            unread("In #W1000001 please change:\n- mouse: white\n- lamp: low brightness"),
            None
        );
        // every change asked is read
        assert_eq!(
            unread("Please cancel #W1000066, I no longer need it."),
            None
        );
        // a change verb on nothing of theirs, or no asking, is not a request
        assert_eq!(
            unread("Please cancel #W1000066. Could you change your hours?"),
            None
        );
        assert_eq!(
            unread("Please cancel #W1000066. The water bottle was a replacement."),
            None
        );
    }

    #[test]
    fn a_description_of_what_arrived_is_not() {
        // the options named are the item's own, or nothing is asked
        assert!(implied("My desk lamp is white with high brightness.").is_empty());
        assert!(implied("The t-shirt I got is red and large.").is_empty());
        // a sentence with a request of its own is planned as that request
        assert!(implied("Please exchange the desk lamp for a low brightness one.").is_empty());
    }
}
