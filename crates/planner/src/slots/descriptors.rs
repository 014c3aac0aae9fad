//! Products named to say *which order* a request is about ("my order with the grill and the
//! office chair", "the one with the pet bed", "the order I just placed with the action
//! camera", "my skateboard order"), as opposed to the items the request acts on. Such a
//! mention narrows the orders (the order must hold every product named that way) and is not
//! an item to return, exchange or cancel unless the request names no other item.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{normalise, re};

use super::mentions::Mention;

/// An order described by what it holds, in normalised text: the head ("order", "the one"),
/// an optional relative clause ("that I just placed"), then "with", "containing", ...; or an
/// item described by what came with it ("the helmet I got with my jacket", "the backpack
/// that came with the tablet"); or where it went, then what it held ("the one shipped to
/// Houston with the tablet", "the order that came here to Phoenix with my backpack"); or what else the customer got in it ("the order where i also
/// got the blue earbuds").
static ORDER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:order|orders|purchase|package|parcel|delivery|shipment)(?: (?:that|which)(?: (?:hasn'?t|has not|isn'?t|is not)(?: yet)? (?:shipped|been shipped|gone out|left|been sent)(?: yet)?)?)?(?: i(?: have| had| just| recently| already| still)* (?:placed|made|received|got|ordered|bought|paid for|pending|open|outstanding))?(?: (?:also|only|just|still))?(?: (?:with|has|had|have|having|containing|contains|contained|including|includes|included|of|for))|\bone (?:with|that has|that had|which has|which had|that also had|containing|including)|\b(?:i|that|which)(?: just| recently| also)? (?:got|received|bought|ordered|purchased|came|arrived|shipped|(?:was|were|got) (?:delivered|shipped|sent)) (?:it |them )?(?:with|along with|together with|alongside)|\b(?:shipped|sent|delivered|arrived|came|went)(?: \S+){0,3} (?:together with|along with|alongside)|\b(?:one|order|package|parcel|delivery|shipment)(?: (?:that|which))?(?: (?:was|got|is|went))? (?:shipped|sent|delivered|going|headed|heading|went|came|arrived)(?: out| here| there)? to(?: \S+){1,3}? with|\b(?:in|from|with|on) the same (?:parcel|box|package|delivery|order|shipment) as|\b(?:order|purchase|package|parcel|delivery|shipment) (?:where|in which|that) (?:i|we)(?: also| just| recently| had)? (?:got|received|bought|ordered|purchased))\b",
    )
});

/// An order followed by its contents in parentheses: "my open order (skateboard, notebook,
/// luggage)", "before my order ships (kettle, laptop)", "the order I received (toothbrush,
/// bookshelf, ...)", "from #W2002172 (with my boots, pet bed and helmet)". Not "one": "return
/// the cheaper one (the desk lamp)" names the item itself.
static ORDER_CONTENTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:order|orders|purchase|package|parcel|delivery|shipment)(?:\s+(?:that|which|i|we|just|recently|already|ships|shipped|arrives|arrived|came|goes out|went out|was|is|delivered|received|got|placed|made))*|#?\bW\d{7}\b)\s*\(([^()]*)\)",
    )
});

/// "same place my laptops were delivered to", "where the boots went", "the same Charlotte
/// address you sent my backpacks to", "the address where my earlier order with the boots
/// was sent": an order located by where its products were delivered; the products name
/// that order.
static DELIVERED_WHERE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:where|same (?:[a-z]+ )?(?:place|address|spot)(?: as)?|(?:the )?address)\s+(?:that\s+)?(?:my|the|our)\s+(?P<x>(?:\S+\s+){0,3}?\S+)\s+(?:was|were|got|went|is|are|has been|have been)(?:\s+(?:delivered|sent|shipped|going))?\b|\b(?:where|same (?:[a-z]+ )?(?:place|address|spot)|(?:the )?address)\s+(?:that\s+)?(?:you|u|they)\s+(?:sent|shipped|delivered|mailed)\s+(?:my|the|our)\s+(?P<y>(?:\S+\s+){0,3}?\S+)\s+to\b|\b(?:where|same (?:[a-z]+ )?(?:place|address|spot)(?: as)?|(?:the )?address)\s+(?:that\s+)?(?:my|the|our)\s+(?:[a-z]+\s+)?(?:order|package|parcel|delivery|shipment)\s+(?:with|containing|that had|of)\s+(?P<z>[^.;!?]{3,80}?)\s+(?:was|were|went|got|is|are)\b",
    )
});

static OTHER_ORDER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:other|another|previous|earlier|older|first|second|last|different|separate)\s+$")
});

/// Words that may sit between the cue and a product, or between two products of one list.
const GLUE: &[&str] = &[
    "and", "the", "a", "an", "my", "some", "other", "thing", "things", "stuff", "as", "well",
    "plus", "items", "item", "with", "two", "three", "four", "both", "few", "couple", "of", "pair",
    "pairs", "also", "several", "new", "that", "those", "these", "i", "just", "/", "+", "&",
];

/// Marks that close a list of products: "the order with the garden hose: the hiking boots in
/// it ...", or a sentence's end.
const LIST_CLOSERS: &[char] = &[':', ';', '.', '!', '?'];

fn glue_only(words: &str) -> bool {
    words.split_whitespace().all(|w| GLUE.contains(&w))
}

/// Glue words, or words of the options of the item named next ("the gold smart watch",
/// "the animal jigsaw puzzle" for the theme "animals").
fn glue_or_options(words: &str, next: &Mention) -> bool {
    let same = |o: &str, w: &str| {
        o == w || o.strip_suffix('s') == Some(w) || w.strip_suffix('s') == Some(o)
    };
    words.split_whitespace().all(|w| {
        GLUE.contains(&w)
            || next.items.iter().any(|i| {
                i.options
                    .values()
                    .any(|v| normalise(v).split(' ').any(|o| same(o, w)))
            })
    })
}

/// A verb right after a product: the product is the subject of a clause of its own.
static OWN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^ (?:has|have|is|are|was|were|should|needs?|runs?|came|arrived|does|doesn'?t|did|didn'?t|broke|stopped|keeps?|looks?|feels?|fits?|won'?t|isn'?t|wasn'?t|i)\b",
    )
});

/// Whether a comma stands in `raw` between normalised offsets `from` and `at` (the end of
/// one product's name and the start of the next; the words are walked as [`normalise`]
/// walks them).
fn comma_between(raw: &str, from: usize, at: usize) -> bool {
    mark_between(raw, from, at, &[','])
}

/// Whether one of `marks` stands in `raw` between normalised offsets `from` and `at`.
fn mark_between(raw: &str, from: usize, at: usize, marks: &[char]) -> bool {
    let lower = raw.to_lowercase().replace(['-', '_'], " ");
    let mut offset = 0;
    for w in lower.split_whitespace() {
        let trimmed = crate::text::trim_word(w);
        let end = offset + normalise(trimmed).len();
        if end >= from && offset < at && w.contains(marks) {
            return true;
        }
        if offset >= at {
            break;
        }
        if !trimmed.is_empty() {
            offset = end + 1;
        }
    }
    false
}

/// One phrase of `raw` that describes an order by what it holds: its normalised byte range,
/// from just after the cue through the last product of its list ("with [the red leather
/// chair]", "order ([the skateboard, notebook])"), and the indices of the mentions it lists.
struct Description {
    span: (usize, usize),
    listed: Vec<usize>,
    /// Another order than the one the request is about: "same place my laptops were
    /// delivered to" says where, not which order.
    elsewhere: bool,
}

/// The order descriptions of `raw`, given `found`, its mentions in text order.
fn descriptions(raw: &str, found: &[Mention]) -> Vec<Description> {
    let norm = normalise(raw);
    let mut out = Vec::new();
    for cue in ORDER_CUE.find_iter(&norm) {
        let mut from = cue.end();
        let mut listed = Vec::new();
        for (i, m) in found.iter().enumerate() {
            if m.pos < from {
                continue;
            }
            // "my order with the gold smart watch": the first item's own option words may
            // stand before its name; "the dumbbells and the white glass bookshelf": a product
            // after "and" may have its own too
            let between = norm.get(from..m.pos).unwrap_or("x");
            let joined = if from == cue.end() {
                glue_or_options(between, m)
            } else {
                glue_only(between)
                    || (between.split_whitespace().next() == Some("and")
                        && glue_or_options(between, m))
            };
            // "in the order with the black backpack, the keyboard has linear switches": after
            // a comma, a product followed by its own verb starts a clause of its own
            let subject = from != cue.end()
                && comma_between(raw, from, m.pos)
                && OWN_VERB.is_match(norm.get(m.end..).unwrap_or_default());
            // "the order with the garden hose: the hiking boots in it should be size 8": a
            // colon or a sentence's end closes the list
            let closed = from != cue.end() && mark_between(raw, from, m.pos, LIST_CLOSERS);
            if !joined || subject || closed {
                break;
            }
            listed.push(i);
            from = m.end;
        }
        if let Some(&last) = listed.last() {
            out.push(Description {
                span: (cue.end(), found[last].end),
                listed,
                elsewhere: false,
            });
        }
    }
    for c in DELIVERED_WHERE.captures_iter(&norm) {
        let Some(x) = c.name("x").or_else(|| c.name("y")).or_else(|| c.name("z")) else {
            continue;
        };
        let listed: Vec<usize> = (0..found.len())
            .filter(|i| found[*i].pos >= x.start() && found[*i].end <= x.end())
            .collect();
        if !listed.is_empty() {
            out.push(Description {
                span: (x.start(), x.end()),
                listed,
                elsewhere: true,
            });
        }
    }
    // "my open order (skateboard, notebook, luggage)": the span of the parentheses in the
    // normalised text (normalising works word by word, so a prefix normalises to a prefix)
    for c in ORDER_CONTENTS.captures_iter(raw) {
        let Some(inner) = c.get(1) else { continue };
        // "to the address my other order (the luggage one) is going to": that order is not
        // the one the request is about, so its contents do not narrow it
        if OTHER_ORDER_BEFORE.is_match(&raw[..c.get(0).map_or(0, |m| m.start())]) {
            continue;
        }
        let span = (
            normalise(&raw[..inner.start()]).len(),
            normalise(&raw[..inner.end()]).len(),
        );
        let listed = (0..found.len())
            .filter(|i| found[*i].pos >= span.0 && found[*i].end <= span.1)
            .collect();
        out.push(Description {
            span,
            listed,
            elsewhere: false,
        });
    }
    out
}

/// The phrases of `raw` that describe an order by what it holds ([`Description`]), as
/// normalised byte ranges. Their option words belong to those products, not to an item the
/// request changes.
pub fn description_spans(raw: &str, found: &[Mention]) -> Vec<(usize, usize)> {
    descriptions(raw, found)
        .into_iter()
        .map(|d| d.span)
        .collect()
}

/// For each of `found`, whether it only locates another order than the request's ("same
/// place my laptops were delivered to"): it neither names an item nor narrows the order.
pub fn locates_elsewhere(raw: &str, found: &[Mention]) -> Vec<bool> {
    listed_in(raw, found, |d| d.elsewhere)
}

/// For each of `found`, whether a description of `raw` that `which` takes lists it.
fn listed_in(raw: &str, found: &[Mention], which: impl Fn(&Description) -> bool) -> Vec<bool> {
    let mut out = vec![false; found.len()];
    for d in descriptions(raw, found).into_iter().filter(|d| which(d)) {
        for i in d.listed {
            out[i] = true;
        }
    }
    out
}

/// For each of `found` (the mentions of `raw`, in text order), whether it describes an
/// order rather than naming an item to act on.
pub fn describes_order(raw: &str, found: &[Mention]) -> Vec<bool> {
    let mut out = listed_in(raw, found, |_| true);
    // "my skateboard order", "the kettle order", "from that laptop delivery"
    let norm = normalise(raw);
    for (i, m) in found.iter().enumerate() {
        let after = norm.get(m.end..).unwrap_or("");
        let head = after.split_whitespace().next().unwrap_or("");
        let order_noun = matches!(
            head,
            "order" | "orders" | "delivery" | "purchase" | "package" | "parcel" | "shipment"
        );
        if after.starts_with(' ') && order_noun && !after.starts_with(&format!(" {head} to")) {
            out[i] = true;
            // "the grill / backpack / garden hose order", "my laptop + dumbbell set order":
            // the products listed before the last one describe the same order
            for j in (0..i).rev() {
                let between = norm.get(found[j].end..found[j + 1].pos).unwrap_or("x");
                if !glue_only(between)
                    || mark_between(raw, found[j].end, found[j + 1].pos, LIST_CLOSERS)
                {
                    break;
                }
                out[j] = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::customer;
    use crate::slots::mentions;

    fn describing(text: &str) -> Vec<(String, bool)> {
        let c = customer();
        let items: Vec<_> = c.all_items();
        let found = mentions(text, &items);
        describes_order(text, &found)
            .into_iter()
            .zip(found)
            .map(|(d, m)| (m.name, d))
            .collect()
    }

    #[test]
    fn products_after_an_order_cue_describe_the_order() {
        assert_eq!(
            describing("return the desk lamp from the order where i also got the gaming mouse"),
            vec![("Desk Lamp".into(), false), ("Gaming Mouse".into(), true)]
        );
        assert_eq!(
            describing("Then in the order with the white gaming mouse, the desk lamp has low brightness and I wanted high: exchange it for the bright version."),
            vec![("Gaming Mouse".into(), true), ("Desk Lamp".into(), false)]
        );
        assert_eq!(
            describing("My order with the gaming mouse, the desk lamp and the water bottle has not arrived."),
            vec![("Gaming Mouse".into(), true), ("Desk Lamp".into(), true), ("Water Bottle".into(), true)]
        );
        assert_eq!(
            describing("In my order with the gaming mouse and a desk lamp, exchange the desk lamp for a black one."),
            vec![
                ("Gaming Mouse".into(), true),
                ("Desk Lamp".into(), true),
                ("Desk Lamp".into(), false)
            ]
        );
        assert_eq!(
            describing("Ship it to the same address as the one with the water bottle."),
            vec![("Water Bottle".into(), true)]
        );
        assert_eq!(
            describing("The order I just placed with the t-shirt should be cancelled."),
            vec![("T-Shirt".into(), true)]
        );
        // where it went, then what came with it
        assert_eq!(
            describing("only want to swap one - the one shipped to Houston with the t-shirt and water bottle"),
            vec![("T-Shirt".into(), true), ("Water Bottle".into(), true)]
        );
        assert_eq!(
            describing("the order delivered to my office with the desk lamp: return the mouse"),
            vec![("Desk Lamp".into(), true), ("Gaming Mouse".into(), false)]
        );
        assert_eq!(
            describing("Please cancel my t-shirt order."),
            vec![("T-Shirt".into(), true)]
        );
        assert_eq!(
            describing("Cancel the mouse / lamp order please."),
            vec![("Gaming Mouse".into(), true), ("Desk Lamp".into(), true)]
        );
        assert_eq!(
            describing("the mouse, water bottle and desk lamp order -> cancel"),
            vec![
                ("Gaming Mouse".into(), true),
                ("Water Bottle".into(), true),
                ("Desk Lamp".into(), true)
            ]
        );
        assert_eq!(
            describing("Return the mouse. The lamp order can wait."),
            vec![("Gaming Mouse".into(), false), ("Desk Lamp".into(), true)]
        );
        // what came with the item names its order, not a second item
        assert_eq!(
            describing("I want to return the gaming mouse I got with my t-shirt."),
            vec![("Gaming Mouse".into(), false), ("T-Shirt".into(), true)]
        );
        assert_eq!(
            describing("Return the water bottle that came with the gift card, please."),
            vec![("Water Bottle".into(), false)]
        );
        assert_eq!(
            describing("Return the black desk lamp that arrived with my t-shirt."),
            vec![("Desk Lamp".into(), false), ("T-Shirt".into(), true)]
        );
        assert_eq!(
            describing("The lamp that came in the same parcel as the t-shirt goes back."),
            vec![("Desk Lamp".into(), false), ("T-Shirt".into(), true)]
        );
        assert_eq!(
            describing("Return the mouse, the one that went to Denver together with my t-shirt."),
            vec![("Gaming Mouse".into(), false), ("T-Shirt".into(), true)]
        );
        assert_eq!(
            describing("The mouse which was delivered with the water bottle goes back."),
            vec![
                ("Gaming Mouse".into(), false),
                ("Water Bottle".into(), true)
            ]
        );
        // where its products went locates an order
        assert_eq!(
            describing(
                "The lamp order should go to the same place my water bottle was delivered to."
            ),
            vec![("Desk Lamp".into(), true), ("Water Bottle".into(), true)]
        );
        assert_eq!(
            describing("Return the mouse, it should go back where the t-shirt went."),
            vec![("Gaming Mouse".into(), false), ("T-Shirt".into(), true)]
        );
        assert_eq!(
            describing(
                "The lamp order should go to the address where my earlier order with the water bottle was sent."
            ),
            vec![("Desk Lamp".into(), true), ("Water Bottle".into(), true)]
        );
        assert_eq!(
            describing(
                "On my order that hasn't shipped yet with the t-shirt, change the lamp to white."
            ),
            vec![("T-Shirt".into(), true), ("Desk Lamp".into(), false)]
        );
        assert_eq!(
            describing("The order I still have pending with the t-shirt was a mistake, cancel it."),
            vec![("T-Shirt".into(), true)]
        );
        assert_eq!(
            describing(
                "The lamp order should go to the same Austin address you sent my water bottle to."
            ),
            vec![("Desk Lamp".into(), true), ("Water Bottle".into(), true)]
        );
    }

    #[test]
    fn an_order_s_contents_in_parentheses_describe_it() {
        assert_eq!(
            describing("In my open order (gaming mouse, desk lamp), could the desk lamp be black?"),
            vec![
                ("Gaming Mouse".into(), true),
                ("Desk Lamp".into(), true),
                ("Desk Lamp".into(), false)
            ]
        );
        // another order's contents say which order is *not* meant
        assert_eq!(
            describing("Send my order with the t-shirt where my other order (the desk lamp) goes."),
            vec![("T-Shirt".into(), true), ("Desk Lamp".into(), false)]
        );
        // the item's own option words between the cue and its name
        assert_eq!(
            describing("For my pending order with the black gaming mouse, change the desk lamp to low brightness."),
            vec![("Gaming Mouse".into(), true), ("Desk Lamp".into(), false)]
        );
        // after the order's number
        assert_eq!(
            describing("The desk lamp from #W1000001 (with my gaming mouse) is too dim."),
            vec![("Desk Lamp".into(), false), ("Gaming Mouse".into(), true)]
        );
        // the next product of the list with its own option words
        assert_eq!(
            describing("In my order with the t-shirt and the black gaming mouse, change the desk lamp to low."),
            vec![
                ("T-Shirt".into(), true),
                ("Gaming Mouse".into(), true),
                ("Desk Lamp".into(), false)
            ]
        );
        // after a relative clause: "the order I received (...)"
        assert_eq!(
            describing("From the order I received (gaming mouse, desk lamp and a t-shirt) I want to return the t-shirt."),
            vec![
                ("Gaming Mouse".into(), true),
                ("Desk Lamp".into(), true),
                ("T-Shirt".into(), true),
                ("T-Shirt".into(), false)
            ]
        );
        // contents after the order's shipping verb, and what an item shipped together with
        assert_eq!(
            describing(
                "Before my order ships (gaming mouse, desk lamp), make the desk lamp black."
            ),
            vec![
                ("Gaming Mouse".into(), true),
                ("Desk Lamp".into(), true),
                ("Desk Lamp".into(), false)
            ]
        );
        assert_eq!(
            describing(
                "Change the desk lamp that was shipped to Austin together with the gaming mouse."
            ),
            vec![("Desk Lamp".into(), false), ("Gaming Mouse".into(), true)]
        );
        // the city may be a vault token by the time the planner reads it
        assert_eq!(
            describing(
                "Change the desk lamp that was shipped to ⟦person:bcdfghjkmnpq⟧ together with the gaming mouse."
            ),
            vec![("Desk Lamp".into(), false), ("Gaming Mouse".into(), true)]
        );
        // "the cheaper one (the desk lamp)" is the item itself
        assert_eq!(
            describing("Return the cheaper one (the desk lamp) and keep the gaming mouse."),
            vec![("Desk Lamp".into(), false), ("Gaming Mouse".into(), false)]
        );
        // an aside about an item is not the order's contents
        assert_eq!(
            describing("Please return the gaming mouse (the wired one) and the t-shirt."),
            vec![("Gaming Mouse".into(), false), ("T-Shirt".into(), false)]
        );
    }

    #[test]
    fn a_colon_closes_the_list_of_what_the_order_holds() {
        assert_eq!(
            describing("For the order with the gaming mouse: the t-shirt in it should be blue."),
            vec![("Gaming Mouse".into(), true), ("T-Shirt".into(), false)]
        );
    }

    #[test]
    fn a_product_before_order_or_delivery_names_the_order() {
        assert_eq!(
            describing("From that t-shirt delivery I want to send back the water bottle."),
            vec![("T-Shirt".into(), true), ("Water Bottle".into(), false)]
        );
    }

    #[test]
    fn products_named_as_the_items_to_act_on_do_not() {
        assert_eq!(
            describing("Please return the gaming mouse and the t-shirt."),
            vec![("Gaming Mouse".into(), false), ("T-Shirt".into(), false)]
        );
        // a cue followed by other words first is not a list of the order's products
        assert_eq!(
            describing("The order arrived late, so I want to return the water bottle."),
            vec![("Water Bottle".into(), false)]
        );
    }
}
